"""Re-source figures from `other` pages to the official or wire pages found for the same
facts (research/source-upgrades.csv, checked by sample), as part of release 2.0.0.

For each upgrade row of tier official or wire: the page becomes a source (once per address);
each event it supports gets a link in event_sources; each figure it supports gets a new
figure row on the new page with the same claim, and the old figure on the `other` page is
retired in favour of it (retired_ids). A source left citing nothing is retired too, unless
a note names it.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

D = Path("datasets")
RELEASE_DAY = "2026-12-01"  # the latest date we can prove for a page shown undated


def read(name):
    return list(csv.DictReader((D / f"{name}.csv").open(encoding="utf-8", newline="")))


def write(name, rows):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    (D / f"{name}.csv").write_text(out.getvalue(), encoding="utf-8")


def next_id(rows, key, prefix):
    return max(int(r[key].split("-")[1]) for r in rows) + 1


sources, figures = read("sources"), read("figures")
event_sources, retired = read("event_sources"), read("retired_ids")
tier = {r["source_id"]: r["reliability_tier"] for r in sources}
by_url = {r["url"]: r["source_id"] for r in sources if r["url"]}
fig_by_id = {r["figure_id"]: r for r in figures}
links = {(r["event_id"], r["source_id"]) for r in event_sources}
events = {r["event_id"] for r in read("events")}
retired_figs: dict[str, str] = {}
src_n, fig_n = next_id(sources, "source_id", "SRC"), next_id(figures, "figure_id", "FIG")
retired_ids = {r["retired_id"] for r in retired}

with open("research/source-upgrades.csv", encoding="utf-8") as handle:
    upgrades = list(csv.DictReader(handle))
for up in upgrades:
    if up["new_tier"] not in ("official", "wire") or not up["supports"].strip():
        continue
    url = up["new_url"].strip()
    if url not in by_url:
        new = f"SRC-{src_n:04d}"
        src_n += 1
        date = up["new_published_date"].strip()
        stated = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", date))
        old = next(r for r in sources if r["source_id"] == up["old_source_id"])
        sources.append({
            "source_id": new, "source_type": "referenced_page",
            "title": f"{up['new_publisher'].strip()} page: {up['fact'].strip()}"[:300],
            "publisher": up["new_publisher"].strip(),
            "published_earliest": date if stated else old["published_earliest"],
            "published_latest": date if stated else RELEASE_DAY,
            "published_basis": "stated" if stated else "inferred", "language": "en",
            "document_name": "", "document_sha256": "", "url": url,
            "notes": ("Date as shown for the page." if stated else
                      f"Undated as read; earliest is that of {old['source_id']}, which reports "
                      f"the same facts, latest the date of the release that first cites this "
                      f"page.") + f" Found as a better-rated page for facts of "
                      f"{up['old_source_id']} (an other-tier page).",
            "reliability_tier": up["new_tier"],
        })
        by_url[url] = new
        tier[new] = up["new_tier"]
    new = by_url[url]
    for item in re.split(r"[;,\s]+", up["supports"].strip()):
        if item.startswith("EV-") and item in events and (item, new) not in links:
            event_sources.append({"event_id": item, "source_id": new, "paragraphs": ""})
            links.add((item, new))
        elif item.startswith("FIG-") and item in fig_by_id and item not in retired_figs:
            old = fig_by_id[item]
            if tier.get(old["source_id"]) != "other" or old["source_id"] != up["old_source_id"]:
                continue
            fid = f"FIG-{fig_n:04d}"
            fig_n += 1
            row = dict(old, figure_id=fid, source_id=new, paragraph="", wording="",
                       notes=f"Re-sourced from {item} ({old['source_id']}, an other-tier "
                             "page): this page gives the same number. " + old["notes"])
            figures.append(row)
            retired_figs[item] = fid
            if old["event_id"] and (old["event_id"], new) not in links:
                event_sources.append({"event_id": old["event_id"], "source_id": new,
                                      "paragraphs": ""})
                links.add((old["event_id"], new))

figures = [r for r in figures if r["figure_id"] not in retired_figs]
for old, new in sorted(retired_figs.items()):
    retired.append({"retired_id": old, "retired_in": "2.0.0", "replaced_by": new,
                    "reason": "The same number on a better-rated page (official or wire) "
                              "replaces the other-tier page's figure."})
# Sources that now cite nothing and that no note names.
used = ({r["source_id"] for r in figures} | {r["source_id"] for r in event_sources}
        | {r["source_id"] for r in read("event_claims")}
        | {r["source_id"] for r in read("operation_sources")})
notes = " ".join(r.get("notes", "") for t in ("events", "figures", "sources", "locations",
                                              "actors", "operations", "event_claims")
                 for r in (figures if t == "figures" else sources if t == "sources"
                           else read(t)))
dropped = [r["source_id"] for r in sources
           if r["source_id"] not in used and r["source_id"] not in notes]
for sid in dropped:
    retired.append({"retired_id": sid, "retired_in": "2.0.0", "replaced_by": "",
                    "reason": "No longer cited: its facts are sourced to better-rated pages."})
sources = [r for r in sources if r["source_id"] not in dropped]
write("sources", sources)
write("figures", figures)
write("event_sources", event_sources)
write("retired_ids", retired)
print(f"{len(retired_figs)} figures re-sourced; {src_n - 1} sources max id; retired sources: "
      f"{dropped}")

# Second pass: sources whose every figure moved to a better page and that are linked to no
# event are retired in favour of those pages (the "Re-sourced from" notes name them, and
# retired_ids resolves the name).
sources, figures = read("sources"), read("figures")
event_sources, retired = read("event_sources"), read("retired_ids")
used = {r["source_id"] for r in figures} | {r["source_id"] for r in event_sources}
moved: dict[str, set[str]] = {}
for r in figures:
    found = re.match(r"Re-sourced from FIG-\d+ \((SRC-\d+),", r["notes"])
    if found:
        moved.setdefault(found[1], set()).add(r["source_id"])
done = {r["retired_id"] for r in retired}
for sid in sorted(moved):
    if sid not in used and sid not in done:
        retired.append({"retired_id": sid, "retired_in": "2.0.0",
                        "replaced_by": ";".join(sorted(moved[sid])),
                        "reason": "Its figures are sourced to better-rated pages."})
sources = [r for r in sources if r["source_id"] in used]
write("sources", sources)
write("retired_ids", retired)
