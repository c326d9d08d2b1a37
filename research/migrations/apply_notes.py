"""Apply the rewritten notes in research/notes-rewrite/<table>.csv (id,notes) to datasets/."""

import csv
import io
import sys
from pathlib import Path

KEYS = {"sources": "source_id", "figures": "figure_id", "locations": "location_id",
        "actors": "actor_id", "events": "event_id"}
keep = set(sys.argv[1:])  # ids whose current notes win over the proposal
for table, key in KEYS.items():
    proposal = Path("research/notes-rewrite") / f"{table}.csv"
    if not proposal.is_file():
        continue
    new = {r["id"]: r["notes"] for r in csv.DictReader(proposal.open(encoding="utf-8"))}
    path = Path("datasets") / f"{table}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    header = list(rows[0])
    applied = 0
    for r in rows:
        if r[key] in new and r[key] not in keep:
            r["notes"] = new[r[key]]
            applied += 1
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    print(f"{table}: {applied} notes replaced ({len(new)} proposed)")
