"""One-off migration of datasets/ from the 1.2.0 model to 2.0.0 (kept for the record).

Mechanical parts (codes, metric split, victim groups, claims from the old perpetrator and
attribution columns) are computed; the curatorial parts (operations, site-level splits,
confirmation and its source, claims' sources) are written out below, each with the
source ids that support it. Run once from the repository root:
    python research/migrations/to_2_0_0.py
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pycountry

D = Path("datasets")


def read(name):
    with (D / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(name, rows, header):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in header})
    (D / f"{name}.csv").write_text(out.getvalue(), encoding="utf-8")


# ---------------------------------------------------------------- locations
ADMIN1 = {
    "Al Anbar Governorate": "IQ-AN", "Deir ez-Zor Governorate": "SY-DY",
    "Baghdad Governorate": "IQ-BG", "Babil Governorate": "IQ-BB",
    "Kirkuk Governorate": "IQ-KI", "Wasit Governorate": "IQ-WA",
    "Rif Dimashq Governorate": "SY-RD", "Erbil Governorate": "IQ-AR",
    "Al-Hasakah Governorate": "SY-HA",
}
locations = read("locations")
for r in locations:
    r["country_iso3"] = pycountry.countries.get(alpha_2=r.pop("country")).alpha_3
    r["admin1_iso"] = ADMIN1[r["admin1"]] if r["admin1"] else ""
write("locations", locations, ["location_id", "name", "aliases", "location_type", "country_iso3",
                               "admin1", "admin1_iso", "latitude", "longitude", "geo_precision",
                               "coordinate_reference", "notes"])

# ---------------------------------------------------------------- actors
actors = read("actors")
actors.append({
    "actor_id": "ACT-0017", "name": "Iraqi security sources (unnamed)",
    "aliases": "Iraqi security sources;an Iraqi security official;an Iraqi military official;"
               "Iraqi police source;police and security sources;Iraqi police",
    "actor_type": "anonymous_source", "affiliation": "iraq",
    "notes": "Unnamed Iraqi security, military or police officials as reports describe them; "
             "kept apart from the Government of Iraq (ACT-0011), which speaks through named "
             "spokespeople and ministries.",
})
write("actors", actors, ["actor_id", "name", "aliases", "actor_type", "affiliation", "notes"])
actors.append({
    "actor_id": "ACT-0018", "name": "U.S. Department of State", "aliases": "State Department",
    "actor_type": "government", "affiliation": "us_led_coalition",
    "notes": "The U.S. foreign ministry; named here for its later designation of a group over "
             "the Tower 22 attack (SRC-0145).",
})
write("actors", actors, ["actor_id", "name", "aliases", "actor_type", "affiliation", "notes"])

# ---------------------------------------------------------------- sources
sources = read("sources")
for r in sources:
    if r["source_id"] == "SRC-0004":
        # The undated document reports the al-Asad drone attack of 23 Jan (SRC-0181), so it
        # cannot predate that day; the strikes it reports came after midnight on 24 Jan.
        r["published_earliest"] = "2024-01-23"
        r["published_latest"] = "2024-01-26"
sources.append({
    "source_id": "SRC-0181", "source_type": "referenced_page",
    "title": "The New Arab report, relaying AFP, on several attack drones launched at Ain "
             "al-Asad on 23 January, with a U.S. military official on injuries and damage",
    "publisher": "The New Arab", "published_earliest": "2024-01-24",
    "published_latest": "2024-01-24", "published_basis": "stated", "language": "en",
    "url": "https://newarab.com/news/drone-attack-targets-us-led-coalition-base-iraq",
    "reliability_tier": "wire",
    "notes": "Date from the page's header (24 Jan 2024); the attack was on Tuesday, 23 Jan. "
             "Rated wire: the page relays what a U.S. military official told AFP.",
})
SOURCE_HEADER = ["source_id", "source_type", "title", "publisher", "published_earliest",
                 "published_latest", "published_basis", "language", "document_name",
                 "document_sha256", "url", "notes", "reliability_tier"]
write("sources", sources, SOURCE_HEADER)

# ---------------------------------------------------------------- operations
# (id, name, announced_by, announced_on, summary, notes, [source ids])
OPERATIONS = [
    ("OP-0001", "U.S. strikes of 26/27 October 2023 near Abu Kamal, Syria", "ACT-0006",
     "2023-10-26", "Defense Secretary Austin announced self-defense strikes on two facilities "
     "in eastern Syria used by the IRGC and affiliated groups.",
     "The announcement is dated in Washington on the evening of 26 Oct, when it was already "
     "27 Oct in Syria (SRC-0007; SRC-0008).", ["SRC-0006", "SRC-0007", "SRC-0008"]),
    ("OP-0002", "U.S. strike of 8 November 2023 in Deir ez-Zor, Syria", "ACT-0006",
     "2023-11-08", "Austin announced a strike by two F-15s on a weapons storage facility in "
     "eastern Syria used by the IRGC and affiliated groups.",
     "CENTCOM posted it on 8 Nov; a background briefing followed that evening (SRC-0015; "
     "SRC-0016).", ["SRC-0015", "SRC-0016", "SRC-0017"]),
    ("OP-0003", "U.S. strikes of 12 November 2023 near Abu Kamal and Mayadin, Syria",
     "ACT-0006", "2023-11-12", "Austin announced strikes on a training facility near Abu "
     "Kamal and a safe house near Mayadin used by the IRGC and affiliated groups.",
     "Two sites, one event each (EV-0024, EV-0025); they replace the single 1.x row EV-0006.",
     ["SRC-0019", "SRC-0027", "SRC-0030"]),
    ("OP-0004", "AC-130 strike of 20/21 November 2023 near Abu Ghraib, Iraq", "ACT-0001",
     "2023-11-21", "CENTCOM and the Pentagon announced that an AC-130 gunship struck the "
     "militia vehicle and fighters behind the missile attack on al-Asad.",
     "CENTCOM's post dates the engagement 21 Nov (SRC-0002 paragraph 7).",
     ["SRC-0002", "SRC-0032", "SRC-0033"]),
    ("OP-0005", "U.S. strikes of 22 November 2023 on two Kata'ib Hezbollah facilities in Iraq",
     "ACT-0001", "2023-11-21", "CENTCOM announced precision strikes on two facilities in "
     "Iraq used by Kata'ib Hezbollah, an operations centre and a command-and-control node.",
     "Posted at 11:37 p.m. on 21 Nov U.S. time, the morning of 22 Nov in Iraq (SRC-0038). "
     "Two sites (EV-0026, EV-0027) replace the 1.x row EV-0003.",
     ["SRC-0001", "SRC-0027", "SRC-0038", "SRC-0040"]),
    ("OP-0006", "U.S. drone strike of 3 December 2023 near Kirkuk, Iraq", "ACT-0001",
     "2023-12-04", "CENTCOM announced that an armed U.S. drone killed five militants preparing "
     "a one-way attack drone near Kirkuk.",
     "CENTCOM's statement came on Monday 4 Dec (SRC-0045); the strike was on 3 Dec.",
     ["SRC-0045", "SRC-0047", "SRC-0050"]),
    ("OP-0007", "U.S. strikes of 25/26 December 2023 on three Kata'ib Hezbollah facilities in "
     "Iraq", "ACT-0001", "2023-12-25", "CENTCOM announced strikes on three facilities in Iraq "
     "used by Kata'ib Hezbollah and affiliated groups, in answer to the Erbil drone attack.",
     "CENTCOM release 20231225-01 gives 8:45 p.m. EST on 25 Dec, 04:45 on 26 Dec in Iraq "
     "(SRC-0051). Three sites (EV-0028 to EV-0030) replace the 1.x row EV-0018.",
     ["SRC-0004", "SRC-0051", "SRC-0052", "SRC-0057"]),
    ("OP-0008", "U.S. drone strike of 4 January 2024 in Baghdad", "ACT-0006", "2024-01-04",
     "The Pentagon announced a self-defense strike in Baghdad that killed the Harakat "
     "al-Nujaba leader Mushtaq al-Jawari (Abu Taqwa).",
     "Ryder gave about 12 p.m. Iraq time (SRC-0063).", ["SRC-0062", "SRC-0063"]),
    ("OP-0009", "U.S. strikes of 24 January 2024 on three Kata'ib Hezbollah facilities in Iraq",
     "ACT-0001", "", "CENTCOM announced strikes on three facilities in Iraq used by Kata'ib "
     "Hezbollah and other Iran-affiliated groups.",
     "CENTCOM gives 12:15 a.m. Iraq time on 24 Jan for the strikes (SRC-0071; SRC-0146); the "
     "pages as read do not date the statement itself, so announced_on is empty. Three sites "
     "(EV-0031 to EV-0033) replace the 1.x row EV-0010.",
     ["SRC-0004", "SRC-0071", "SRC-0146"]),
    ("OP-0010", "U.S. strikes of 2/3 February 2024 in Iraq and Syria", "ACT-0001",
     "2024-02-02", "CENTCOM announced strikes on more than 85 targets at seven facilities, "
     "three in Iraq and four in Syria, used by the IRGC Quds Force and the militias it backs.",
     "4:00 p.m. EST on 2 Feb, midnight at the start of 3 Feb local time (SRC-0080; SRC-0085). "
     "The package figures (targets, munitions, facilities, the dead) are figures of this "
     "operation. Seven sites (EV-0034 to EV-0040) replace the 1.x rows EV-0021 and EV-0022.",
     ["SRC-0082", "SRC-0083", "SRC-0085", "SRC-0086"]),
    ("OP-0011", "U.S. drone strike of 7 February 2024 in Baghdad", "ACT-0001", "2024-02-07",
     "CENTCOM announced a unilateral strike in Baghdad that killed a Kata'ib Hezbollah "
     "commander responsible for planning attacks on U.S. forces.",
     "9:30 p.m. Baghdad time (SRC-0100).", ["SRC-0087", "SRC-0100", "SRC-0103"]),
]
operations = [dict(zip(["operation_id", "name", "announced_by_id", "announced_on", "summary",
                        "notes"], op[:6], strict=True)) for op in OPERATIONS]
write("operations", operations, ["operation_id", "name", "announced_by_id", "announced_on",
                                 "summary", "notes"])

# ---------------------------------------------------------------- events
events = read("events")
old = {r["event_id"]: r for r in events}
event_sources = read("event_sources")
links = {}
for r in event_sources:
    links.setdefault(r["event_id"], []).append(r)

OPERATION_OF = {"EV-0004": "OP-0001", "EV-0005": "OP-0002", "EV-0002": "OP-0004",
                "EV-0017": "OP-0006", "EV-0019": "OP-0008", "EV-0023": "OP-0011"}

# Site-level splits of 1.x rows: parent → [(new id, location, summary, notes)].
SPLITS = {
    "EV-0006": ("OP-0003", "", [
        ("EV-0024", "LOC-0005", "U.S. aircraft struck a training facility near Abu Kamal in "
         "eastern Syria used by the IRGC and groups it backs.",
         "Austin named a training facility near Abu Kamal and a safe house near Mayadin; one "
         "event per site. The Syrian Observatory placed a destroyed weapons warehouse in "
         "Hasrat, in the Abu Kamal countryside (LOC-0011). Date: 12 Nov in U.S. statements, "
         "around midnight local per a U.S. defense official to Reuters, 13 Nov in Rudaw "
         "(SRC-0027), so 12-13 Nov, at night. The sources linked report both sites together; "
         "the tolls (eight fighters killed, Syrian Observatory) are figures of OP-0003."),
        ("EV-0025", "LOC-0006", "U.S. aircraft struck a safe house near Mayadin in eastern "
         "Syria used by the IRGC and groups it backs.",
         "The second site of OP-0003 (see EV-0024 for the date). The Syrian Observatory "
         "placed a rocket launch platform in the al-Haydariyeh fields near Mayadin "
         "(LOC-0012). The sources linked report both sites together."),
    ]),
    "EV-0003": ("OP-0005", "EV-0001", [
        ("EV-0026", "LOC-0014", "U.S. fighter aircraft struck a Kata'ib Hezbollah facility in "
         "the Jurf al-Sakhar (Jurf al-Nasr) area south of Baghdad on the morning of 22 "
         "November.",
         "Two defense officials told AP that the two facilities struck were near Al Anbar and "
         "Jurf al-Saqr (SRC-0040); AFP's sources place the dead in the Jurf al-Sakhar sector "
         "(SRC-0037). The pages do not say which of the two (an operations centre, a "
         "command-and-control node) stood here. Morning of 22 Nov in Iraq: CENTCOM posted at "
         "11:37 p.m. on 21 Nov U.S. time (SRC-0038). Tolls are figures of OP-0005."),
        ("EV-0027", "LOC-0015", "U.S. fighter aircraft struck a Kata'ib Hezbollah facility "
         "placed only 'near Al Anbar' on the morning of 22 November.",
         "The second site of OP-0005 (see EV-0026): AP's defense officials placed it near Al "
         "Anbar (SRC-0040), and no page we cite names the place, so it stands at the "
         "governorate."),
    ]),
    "EV-0018": ("OP-0007", "EV-0008", [
        ("EV-0028", "LOC-0018", "U.S. aircraft struck a Kata'ib Hezbollah site in Hilla, Babil "
         "governorate, early on 26 December local time.",
         "CENTCOM gives 8:45 p.m. EST on 25 Dec, 04:45 on 26 Dec in Iraq, and three "
         "facilities (SRC-0051). An Iraqi interior ministry official told AFP of a strike on a "
         "Hashed al-Shaabi site in Hilla and a second in Wasit (SRC-0056); Iraqi security "
         "sources told Reuters of Kata'ib Hezbollah headquarters in Hilla (SRC-0057). Tolls "
         "are figures of OP-0007."),
        ("EV-0029", "LOC-0019", "U.S. aircraft struck a site in Wasit governorate early on 26 "
         "December local time, in the same package as the Hilla strike.",
         "The second place the Iraqi interior ministry official named to AFP (SRC-0056); no "
         "page we cite names the place within Wasit."),
        ("EV-0030", "LOC-0002", "The third facility of the strikes of 26 December, which no "
         "source we cite places.",
         "CENTCOM and Austin count three facilities (SRC-0051, SRC-0052); the pages we cite "
         "name only Hilla and Wasit, so this site stays at country level."),
    ]),
    "EV-0010": ("OP-0009", "EV-0007;EV-0009", [
        ("EV-0031", "LOC-0014", "U.S. aircraft struck a Kata'ib Hezbollah facility in the Jurf "
         "al-Sakhar (Jurf al-Nasr) area, Babil, at 00:15 on 24 January local time.",
         "CENTCOM: 12:15 a.m. Iraq time, three facilities used by Kata'ib Hezbollah and other "
         "Iran-affiliated groups (SRC-0071; SRC-0146). Pages place strikes at Jurf al-Sakhr / "
         "Jurf al-Nasr and around al-Qa'im; a U.S. defense official told CNN of two sites in "
         "western Iraq (FIG-0127). The strikes answered the attacks on al-Asad, including the "
         "drones of 23 Jan (EV-0007, SRC-0004 paragraph 3) and the missiles of 20 Jan "
         "(EV-0009, SRC-0004 paragraph 5). Tolls are figures of OP-0009."),
        ("EV-0032", "LOC-0021", "U.S. aircraft struck a site in the al-Qa'im area of Anbar, near "
         "the Syrian border, at 00:15 on 24 January local time.",
         "The second place the pages name for OP-0009 (see EV-0031); the pages linked report "
         "the three sites together."),
        ("EV-0033", "LOC-0002", "The third facility of the strikes of 24 January, which no "
         "source we cite places.",
         "CENTCOM counts three facilities (SRC-0071); the pages we cite name two places, so "
         "this site stays at country level."),
    ]),
    "EV-0021": ("OP-0010", "EV-0020", [
        ("EV-0034", "LOC-0021", "U.S. aircraft struck a facility in the vicinity of al-Qa'im, "
         "Anbar, used by the IRGC Quds Force and militias it backs, around midnight at the "
         "start of 3 February.",
         "Ryder placed the Iraq strikes in the vicinity of al-Qa'im and Akashat (SRC-0085); "
         "Anbar authorities spoke of houses used to store weapons in al-Qa'im (SRC-0089), and "
         "the PMF of Kata'ib Hezbollah sites in the Sikak area of al-Qa'im (LOC-0022) "
         "(SRC-0091; SRC-0092). Kirby counted three facilities in Iraq (FIG-0134). One event per "
         "facility; which facility stood where is our reading of the places named. 4:00 p.m. "
         "EST on 2 Feb is midnight at the start of 3 Feb local time (SRC-0080). The package "
         "figures and the Iraqi tolls are figures of OP-0010."),
        ("EV-0035", "LOC-0023", "U.S. aircraft struck a facility in the vicinity of Akashat, "
         "Anbar, used by the IRGC Quds Force and militias it backs, around midnight at the "
         "start of 3 February.",
         "The second place Ryder named for the Iraq strikes (SRC-0085); Anbar authorities "
         "spoke of a PMF base at Akashat (SRC-0089). See EV-0034."),
        ("EV-0036", "LOC-0015", "The third facility struck in Iraq on 3 February, in Anbar, "
         "which no source we cite places more precisely.",
         "Kirby counted three facilities in Iraq (FIG-0134); Ryder named two places and the "
         "PMF spoke of eight locations in Anbar (FIG-0151), so this site stands at the "
         "governorate."),
    ]),
    "EV-0022": ("OP-0010", "EV-0020", [
        ("EV-0037", "LOC-0038", "U.S. aircraft struck a facility in the vicinity of Deir ez-Zor "
         "city used by the IRGC Quds Force and militias it backs, around midnight at the "
         "start of 3 February.",
         "Ryder placed the Syria strikes in the vicinity of 'Al-Baum', Deir Ezzor and "
         "Al-Mayadeen (SRC-0085); Kirby counted four facilities in Syria (FIG-0135). A Liwa "
         "Fatemiyoun facility in Ayyash near Deir ez-Zor (LOC-0037) was shown destroyed "
         "(SRC-0097). See EV-0034 for the date; the Syrian tolls are figures of OP-0010."),
        ("EV-0038", "LOC-0006", "U.S. aircraft struck a facility in the vicinity of Mayadin "
         "used by the IRGC Quds Force and militias it backs, around midnight at the start of "
         "3 February.",
         "Named by Ryder (SRC-0085); the Syrian Observatory reported strikes in the Haidariya "
         "desert of Mayadin (SRC-0094). See EV-0037."),
        ("EV-0039", "LOC-0005", "U.S. aircraft struck sites in and around Abu Kamal used by "
         "militias backed by the IRGC, around midnight at the start of 3 February.",
         "The Syrian Observatory reported strikes on the al-Hizam area and industrial district "
         "of al-Bukamal (SRC-0094); U.S. statements as read do not name it. Which of the four "
         "facilities this is, is our reading. See EV-0037."),
        ("EV-0040", "LOC-0007", "The fourth facility struck in Syria on 3 February, in Deir "
         "ez-Zor governorate, which no source we cite places.",
         "Kirby counted four facilities in Syria (FIG-0135); Ryder's third place, 'Al-Baum', "
         "is unexplained in the transcript (SRC-0085), so this site stands at the governorate "
         "where every named place lies."),
    ]),
}

EVENT_HEADER = ["event_id", "event_type", "date_earliest", "date_latest", "time_of_day",
                "location_id", "target_id", "weapons", "operation_id", "responds_to",
                "confirmation", "confirmation_source_id", "summary", "notes"]
# Confirmation and the source that reports it (an archived document, or an official or
# wire page linked to the event), for the rows kept from 1.x and for each split's children.
CONFIRMATION = {
    "EV-0001": ("confirmed", "SRC-0002"), "EV-0002": ("confirmed", "SRC-0002"),
    "EV-0004": ("confirmed", "SRC-0007"), "EV-0005": ("confirmed", "SRC-0016"),
    "EV-0007": ("confirmed", "SRC-0181"), "EV-0008": ("confirmed", "SRC-0051"),
    "EV-0009": ("confirmed", "SRC-0124"), "EV-0011": ("confirmed", "SRC-0110"),
    "EV-0012": ("confirmed", "SRC-0110"), "EV-0013": ("confirmed", "SRC-0110"),
    "EV-0014": ("confirmed", "SRC-0112"), "EV-0015": ("confirmed", "SRC-0114"),
    "EV-0016": ("claimed_only", ""), "EV-0017": ("confirmed", "SRC-0047"),
    "EV-0019": ("confirmed", "SRC-0063"), "EV-0020": ("confirmed", "SRC-0136"),
    "EV-0023": ("confirmed", "SRC-0103"),
    "EV-0006": ("confirmed", "SRC-0030"), "EV-0003": ("confirmed", "SRC-0038"),
    "EV-0018": ("confirmed", "SRC-0051"), "EV-0010": ("confirmed", "SRC-0071"),
    "EV-0021": ("confirmed", "SRC-0085"), "EV-0022": ("confirmed", "SRC-0085"),
}
RESPONDS = {"EV-0002": "EV-0001"}
out_events, retired, new_links = [], [], []
children_of = {}
for r in events:
    eid = r["event_id"]
    status, source = CONFIRMATION[eid]
    base = {k: r.get(k, "") for k in EVENT_HEADER}
    base.update(confirmation=status, confirmation_source_id=source)
    if eid in SPLITS:
        operation, responds, children = SPLITS[eid]
        children_of[eid] = [c[0] for c in children]
        retired.append({"retired_id": eid, "retired_in": "2.0.0",
                        "replaced_by": ";".join(children_of[eid]),
                        "reason": "A 1.x row that held several struck sites; 2.0 holds one "
                                  "event per site, grouped by their operation "
                                  f"({operation})."})
        for new_id, location, summary, notes in children:
            child = dict(base, event_id=new_id, location_id=location, operation_id=operation,
                         responds_to=responds, summary=summary, notes=notes)
            out_events.append(child)
            for link in links[eid]:
                new_links.append(dict(link, event_id=new_id))
        continue
    base["operation_id"] = OPERATION_OF.get(eid, "")
    base["responds_to"] = RESPONDS.get(eid, r["responds_to"])
    out_events.append(base)
    new_links.extend(links[eid])

# EV-0007: dated by the wire copy of 23 Jan (SRC-0181).
for r in out_events:
    if r["event_id"] == "EV-0007":
        r.update(date_earliest="2024-01-23", date_latest="2024-01-23",
                 weapons="one_way_attack_drone",
                 summary="Attack drones were launched at Ain al-Asad air base on 23 January, "
                         "hours before the U.S. strikes of 24 January; U.S. personnel had minor "
                         "injuries and the base was damaged.",
                 notes="SRC-0004 (paragraph 3) lists it, undated, among the attacks that the "
                       "January strikes on three Iraqi facilities answered. SRC-0181 dates it: "
                       "on Tuesday 23 Jan a U.S. military official told AFP that several "
                       "attack drones had been launched at the base, with injuries and damage "
                       "reported; an Iraqi security source said one drone was intercepted. "
                       "The Islamic Resistance in Iraq claimed two drone attacks on the base "
                       "that day (SRC-0181); kept as one event, since no U.S. source speaks of "
                       "two waves. SRC-0004 calls Saturday's missile attack (EV-0009) "
                       "larger-scale, a different attack.")
        new_links.append({"event_id": "EV-0007", "source_id": "SRC-0181", "paragraphs": ""})
write("events", out_events, EVENT_HEADER)
write("event_sources", new_links, ["event_id", "source_id", "paragraphs"])
write("retired_ids", retired, ["retired_id", "retired_in", "replaced_by", "reason"])

# ---------------------------------------------------------------- operation_sources
paragraphs = {(r["event_id"], r["source_id"]): r["paragraphs"] for r in event_sources}
parent_of_op = {"OP-0001": "EV-0004", "OP-0002": "EV-0005", "OP-0003": "EV-0006",
                "OP-0004": "EV-0002", "OP-0005": "EV-0003", "OP-0006": "EV-0017",
                "OP-0007": "EV-0018", "OP-0008": "EV-0019", "OP-0009": "EV-0010",
                "OP-0010": "EV-0021", "OP-0011": "EV-0023"}
op_links = []
for op in OPERATIONS:
    for source in op[6]:
        op_links.append({"operation_id": op[0], "source_id": source,
                         "paragraphs": paragraphs.get((parent_of_op[op[0]], source), "")})
write("operation_sources", op_links, ["operation_id", "source_id", "paragraphs"])

# ---------------------------------------------------------------- event_claims
# (event, actor, stance, source, stated_by, wording, notes); children of a split inherit
# their parent's claims.
CLAIMS = [
    ("EV-0001", "ACT-0003", "described", "SRC-0002", "", "", "U.S. officials named no group."),
    ("EV-0002", "ACT-0001", "acknowledged", "SRC-0002", "", "", ""),
    ("EV-0004", "ACT-0001", "acknowledged", "SRC-0007", "ACT-0006", "", ""),
    ("EV-0005", "ACT-0001", "acknowledged", "SRC-0016", "ACT-0006", "", ""),
    ("EV-0006", "ACT-0001", "acknowledged", "SRC-0030", "ACT-0006", "", ""),
    ("EV-0003", "ACT-0001", "acknowledged", "SRC-0038", "", "", "CENTCOM's statement."),
    ("EV-0007", "ACT-0003", "described", "SRC-0004", "", "Iranian-backed militias", ""),
    ("EV-0007", "ACT-0004", "claimed", "SRC-0181", "", "", "Claimed two drone attacks on the "
     "base that day."),
    ("EV-0008", "ACT-0007", "attributed", "SRC-0051", "ACT-0001", "", "CENTCOM names "
     "Kata'ib Hezbollah and affiliated groups."),
    ("EV-0008", "ACT-0004", "claimed", "SRC-0060", "", "", "Via Shafaq/INA; an umbrella that "
     "includes Kata'ib Hezbollah."),
    ("EV-0009", "ACT-0004", "claimed", "SRC-0122", "", "", ""),
    ("EV-0009", "ACT-0007", "attributed", "SRC-0071", "ACT-0001", "", "CENTCOM's statement of "
     "24 Jan says its strikes answered Kata'ib Hezbollah attacks including this one."),
    ("EV-0010", "ACT-0001", "acknowledged", "SRC-0071", "", "", "CENTCOM's statement."),
    ("EV-0011", "ACT-0003", "described", "SRC-0110", "", "", "No page found names a group."),
    ("EV-0012", "ACT-0003", "described", "SRC-0110", "", "", "No page found names a group."),
    ("EV-0013", "ACT-0003", "described", "SRC-0110", "", "", "No page found names a group."),
    ("EV-0014", "ACT-0003", "described", "SRC-0112", "", "", "No page found names a group."),
    ("EV-0015", "ACT-0003", "described", "SRC-0114", "", "", "No page found names a group."),
    ("EV-0016", "ACT-0004", "claimed", "SRC-0118", "", "", ""),
    ("EV-0017", "ACT-0001", "acknowledged", "SRC-0047", "", "", "CENTCOM's statement."),
    ("EV-0018", "ACT-0001", "acknowledged", "SRC-0051", "", "", "CENTCOM release 20231225-01."),
    ("EV-0019", "ACT-0001", "acknowledged", "SRC-0063", "ACT-0006", "", "Ryder's account."),
    ("EV-0020", "ACT-0007", "attributed", "SRC-0142", "ACT-0006", "footprints", "Pending a "
     "final assessment, the Pentagon said the attack bore Kata'ib Hezbollah's footprints."),
    ("EV-0020", "ACT-0004", "claimed", "SRC-0143", "", "", "The statement claimed drone "
     "attacks at dawn on 28 Jan on al-Shaddadi, al-Rukban and al-Tanf; it names al-Rukban, "
     "near which Tower 22 lies, not Tower 22 itself."),
    ("EV-0020", "ACT-0012", "attributed", "SRC-0145", "ACT-0018", "", "Written after the State "
     "Department's designation of the group over the attack; a later naming than the "
     "Pentagon's."),
    ("EV-0020", "ACT-0012", "described", "SRC-0149", "", "", "Names the group beside the "
     "Islamic Resistance in Iraq."),
    ("EV-0021", "ACT-0001", "acknowledged", "SRC-0085", "ACT-0006", "", ""),
    ("EV-0022", "ACT-0001", "acknowledged", "SRC-0085", "ACT-0006", "", ""),
    ("EV-0023", "ACT-0001", "acknowledged", "SRC-0103", "", "", "CENTCOM's statement."),
]
claims = []
for event, actor, stance, source, by, wording, notes in CLAIMS:
    for target in children_of.get(event, [event]):
        claims.append({"event_id": target, "actor_id": actor, "stance": stance,
                       "source_id": source, "stated_by_id": by,
                       "paragraphs": paragraphs.get((event, source), ""), "wording": wording,
                       "notes": notes})
write("event_claims", claims, ["event_id", "actor_id", "stance", "source_id", "stated_by_id",
                               "paragraphs", "wording", "notes"])

# ---------------------------------------------------------------- figures
METRIC = {
    "us_personnel_injured": ("injured", "us_personnel"),
    "us_personnel_killed": ("killed", "us_personnel"),
    "us_personnel_tbi": ("injured_tbi", "us_personnel"),
    "us_personnel_injured_minor": ("injured_minor", "us_personnel"),
    "us_personnel_injured_serious": ("injured_serious", "us_personnel"),
    "us_personnel_injured_severe": ("injured_severe", "us_personnel"),
    "us_personnel_casualties": ("casualties", "us_personnel"),
    "us_personnel_evacuated": ("evacuated", "us_personnel"),
    "us_contractor_deaths": ("died", "us_contractors"),
    "militants_killed": ("killed", "militants"),
    "militants_injured": ("injured", "militants"),
    "militant_casualties": ("casualties", "militants"),
    "militants_targeted": ("people_targeted", "militants"),
    "civilians_killed": ("killed", "civilians"),
    "civilians_injured": ("injured", "civilians"),
    "people_killed": ("killed", "unknown"),
    "people_injured": ("injured", "unknown"),
    "casualties": ("casualties", "unknown"),
}
# Figures whose source calls the people PMF members, Iraqi soldiers or security forces, or
# counts several groups together ("civilians among them").
GROUP = {f: "iraqi_state_forces" for f in (
    "FIG-0098", "FIG-0105", "FIG-0119", "FIG-0122", "FIG-0149", "FIG-0150", "FIG-0152",
    "FIG-0153", "FIG-0157", "FIG-0158", "FIG-0187", "FIG-0190", "FIG-0194", "FIG-0195",
    "FIG-0198")}
GROUP.update({f: "mixed" for f in ("FIG-0100", "FIG-0145", "FIG-0147", "FIG-0156")})
# Unnamed Iraqi security, military and police sources (ACT-0017), not the government.
ANONYMOUS = {"FIG-0075", "FIG-0077", "FIG-0078", "FIG-0096", "FIG-0097", "FIG-0110",
             "FIG-0111", "FIG-0112", "FIG-0113", "FIG-0114", "FIG-0117", "FIG-0118"}
# Figures about a retired multi-site row are about its operation as a whole.
OPERATION_OF_RETIRED = {"EV-0003": "OP-0005", "EV-0006": "OP-0003", "EV-0010": "OP-0009",
                        "EV-0018": "OP-0007", "EV-0021": "OP-0010", "EV-0022": "OP-0010"}
figures = read("figures")
for r in figures:
    if r["metric"] in METRIC:
        r["metric"], r["victim_group"] = METRIC[r["metric"]]
        r["victim_group"] = GROUP.get(r["figure_id"], r["victim_group"])
    if r["figure_id"] in ANONYMOUS:
        r["claimant_actor_id"] = "ACT-0017"
    if r["event_id"] in OPERATION_OF_RETIRED:
        r["operation_id"] = OPERATION_OF_RETIRED[r["event_id"]]
        r["event_id"] = ""
    if r["figure_id"] in ("FIG-0020", "FIG-0022"):
        # SRC-0003 paragraph 2 gives no start, but it counts the campaign it ties to the Gaza
        # war, as FIG-0018 and FIG-0033 do from 17 Oct; without a start the documents'
        # central disagreement (62 against about 70) was never compared.
        r["period_start"] = "2023-10-17"
        r["notes"] = ("period_start is the campaign's start: the paragraph gives none, but it "
                      "counts the attacks it ties to the Gaza war, the count that SRC-0002 "
                      "and SRC-0005 give since 17 Oct.")
FIGURE_HEADER = ["figure_id", "source_id", "paragraph", "metric", "victim_group", "value",
                 "qualifier", "wording", "area", "period_start", "as_of", "event_id",
                 "operation_id", "claimant", "excludes", "notes", "claimant_actor_id"]
write("figures", figures, FIGURE_HEADER)

# Package-level figures of the 2/3 Feb strikes (targets, munitions, aircraft, facilities,
# the dead) belong to their operation (run after the above; idempotent).
PACKAGE = {f"FIG-{n:04d}" for n in (129, 130, 131, 132, 133, 136, 137, 138, 139, 140, 141,
                                    142, 143, 144)}
figures = read("figures")
for r in figures:
    if r["figure_id"] in PACKAGE and not r["event_id"]:
        r["operation_id"] = "OP-0010"
write("figures", figures, FIGURE_HEADER)
