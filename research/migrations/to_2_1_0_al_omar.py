"""2.1.0, by hand: the drone attack on al-Omar of 4/5 Feb 2024 (EV-0228), its dead and who
blamed whom, from the AP copy SRC-0534 (read: SDF says six of its fighters killed, the
Syrian Observatory at least seven; the SDF blamed 'Syrian regime-backed mercenaries', then
'Iran-backed militias'; the Islamic Resistance in Iraq released a video claiming it)."""

import csv
import io
from pathlib import Path

D = Path("datasets")


def rows(name):
    with (D / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(name, data):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(data[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(data)
    (D / f"{name}.csv").write_text(out.getvalue(), encoding="utf-8")


actors = rows("actors")
actors.append({"actor_id": "ACT-0020", "name": "Syrian Democratic Forces",
               "aliases": "SDF;Kurdish-led Syrian Democratic Forces", "actor_type": "militia",
               "affiliation": "us_led_coalition",
               "notes": "The U.S.-backed, Kurdish-led force in north-east Syria; a partner of "
                        "the coalition whose fighters share bases with U.S. troops."})
write("actors", actors)
figures = rows("figures")
n = max(int(f["figure_id"][4:]) for f in figures) + 1
base = {k: "" for k in figures[0]}
for value, qualifier, wording, claimant, actor in (
        ("6", "exact", "killed six allied Kurdish fighters", "the Syrian Democratic Forces",
         "ACT-0020"),
        ("7", "at_least", "at least seven SDF fighters", "Syrian Observatory for Human Rights",
         "ACT-0010")):
    figures.append({**base, "figure_id": f"FIG-{n:04d}", "source_id": "SRC-0534",
                    "metric": "killed", "victim_group": "coalition_forces", "value": value,
                    "qualifier": qualifier, "wording": wording, "area": "syria",
                    "as_of": "2024-02-05", "event_id": "EV-0228", "claimant": claimant,
                    "claimant_actor_id": actor,
                    "notes": "SDF commandos at the training ground of the al-Omar base; AP "
                             "reports no U.S. casualties."})
    n += 1
write("figures", figures)
claims = rows("event_claims")
claims.append({"event_id": "EV-0228", "actor_id": "ACT-0003", "stance": "attributed",
               "source_id": "SRC-0534", "stated_by_id": "ACT-0020", "paragraphs": "",
               "wording": "Iran-backed militias",
               "notes": "The SDF's second statement, after it first blamed 'Syrian "
                        "regime-backed mercenaries'."})
claims.append({"event_id": "EV-0228", "actor_id": "ACT-0004", "stance": "claimed",
               "source_id": "SRC-0534", "stated_by_id": "", "paragraphs": "",
               "wording": "", "notes": "A video claiming the attack."})
write("event_claims", claims)
