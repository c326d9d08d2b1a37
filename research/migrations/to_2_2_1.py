"""Release 2.2.1: notes no longer point into the research log.

The research log is not in the package or the release, so a user cannot look up what a
note cites there. Notes that did:
- 205 event notes: "From research row X (research/<period>-events.csv)." The row each
  event came from is listed in research/merge-2.1.0.log.
- 342 figure notes began "From research/<file>.csv." The file each figure came from is
  written to research/figure-origins-2.2.1.csv before the prefix goes.
- EV-0016 cited "(research row N11B-003 below)": the page it meant is SRC-0118.
- ACT-0019 cited "(research row OCT-001)", the wrong row: Tashkil al-Waritheen's claim is
  that of the Harir attack of 18 Oct 2023 (row OCT-003, EV-0014), on SRC-0224.
- LOC-0013 and LOC-0016 compared their points with other copies of their pages listed
  only in research/coordinates-2.2.0.csv; that comparison stays there.
The notes keep their citations of source ids. Run once, from the repository root, on the
2.2.0 data, then `strikeledger fmt`.
"""

import csv
import io
import re
from pathlib import Path

POINTER = re.compile(r" ?From research rows? [A-Z0-9-]+ \(research/[\w.-]+\)\.")
FIGURE_ORIGIN = re.compile(r"^From (research/[\w.-]+\.csv)\.(?: |$)")
REPLACED = {
    "(research row N11B-003 below)": "(SRC-0118, below)",
    "; older copies put it about 4.5 km north-north-west (research/coordinates-2.2.0.csv).": ".",
    "; the French edition's lies about 7 km east (research/coordinates-2.2.0.csv).": ".",
}
ACTOR_OLD = "claimed an early drone attack (research row OCT-001)."
ACTOR_NEW = "claimed an early drone attack, on Harir air base on 18 Oct 2023 (EV-0014; SRC-0224)."


def rewrite(table: str, change) -> int:
    path = Path("datasets") / f"{table}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    changed = 0
    for row in rows:
        notes = change(row["notes"])
        if notes != row["notes"]:
            row["notes"], changed = notes, changed + 1
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return changed


def replaced(notes: str) -> str:
    for old, new in REPLACED.items():
        notes = notes.replace(old, new)
    return notes


def events(notes: str) -> str:
    return replaced(POINTER.sub("", notes).strip())


def actors(notes: str) -> str:
    return notes.replace(ACTOR_OLD, ACTOR_NEW)


origins = []


def figures(notes: str) -> str:
    match = FIGURE_ORIGIN.match(notes)
    if not match:
        return notes
    origins.append(match.group(1))
    return notes[match.end():]


figure_ids = [row["figure_id"] for row in csv.DictReader(
    io.StringIO(Path("datasets/figures.csv").read_text(encoding="utf-8")))
    if FIGURE_ORIGIN.match(row["notes"])]
print("events:", rewrite("events", events), "notes")
print("actors:", rewrite("actors", actors), "notes")
print("locations:", rewrite("locations", replaced), "notes")
print("figures:", rewrite("figures", figures), "notes")
with Path("research/figure-origins-2.2.1.csv").open("w", encoding="utf-8", newline="") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["figure_id", "research_file"])
    writer.writerows(zip(figure_ids, origins, strict=True))
for table in ("events", "actors", "locations", "figures", "sources", "operations",
              "event_claims"):
    text = Path("datasets", f"{table}.csv").read_text(encoding="utf-8")
    assert "research/" not in text and "research row" not in text, table
