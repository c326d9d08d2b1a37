"""Controlled vocabularies: every code the data may use, with its meaning.

A vocabulary is referenced by the fields that use it (see ``fields.code``); the
Table Schema's ``enum``/``categories``, the loader's categoricals and the
codebook are all derived from these dictionaries. Adding a code is a minor
release; changing or removing one is a major release.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Vocabulary:
    """A named set of lower-case snake_case codes, each with a documented meaning."""

    name: str
    meanings: dict[str, str]
    # Optional unit per code (used by figure metrics).
    units: dict[str, str] = field(default_factory=dict)
    # Codes whose numbers only grow as reports are updated (running counts, tolls).
    grows: frozenset[str] = frozenset()

    @property
    def codes(self) -> list[str]:
        return list(self.meanings)


SOURCE_TYPE = Vocabulary(
    "source_type",
    {
        "archived_document": "A document we hold a copy of; document_name and document_sha256 "
        "identify the exact file, and citations give paragraph numbers.",
        "referenced_page": "A public web page cited by its address (url), without an archived "
        "copy; citations carry no paragraph numbers.",
    },
)

RELIABILITY_TIER = Vocabulary(
    "reliability_tier",
    {
        "official": "A page of the U.S. Central Command or the Department of Defense "
        "(centcom.mil, defense.gov, af.mil and the like).",
        "wire": "A wire service or major news outlet (AP, Reuters, AFP, CNN, VOA, Stars and "
        "Stripes, Kurdistan24, Rudaw and the like), including syndicated copies of its stories.",
        "other": "Any other page: aggregators, partisan or state outlets, wiki mirrors. Used only "
        "where no official or wire page gives the fact; the source's notes say so.",
    },
)

PUBLISHED_BASIS = Vocabulary(
    "published_basis",
    {
        "stated": "The document states its publication date; earliest and latest are equal.",
        "inferred": "The document carries no date; the range is inferred from what it reports "
        "(the reasoning is in notes).",
    },
)

EVENT_TYPE = Vocabulary(
    "event_type",
    {
        "attack_on_us_forces": "An attack by an armed group on U.S. or coalition forces or on a "
        "place where they are stationed.",
        "us_strike": "A strike by U.S. forces on an armed group, its people or its facilities.",
    },
)

TIME_OF_DAY = Vocabulary(
    "time_of_day",
    {
        "morning": "Local time 06:00-11:59, or described as morning.",
        "afternoon": "Local time 12:00-17:59, or described as afternoon.",
        "evening": "Local time 18:00-21:59, or described as evening.",
        "night": "Local time 22:00-05:59, or described as night.",
    },
)

WEAPON = Vocabulary(
    "weapon",
    {
        "ballistic_missile": "A ballistic missile of any range (including close-range and "
        "short-range ballistic missiles).",
        "rocket": "An unguided or guided rocket.",
        "one_way_attack_drone": "A one-way attack (suicide) drone.",
        "drone": "A drone of a type the source does not state.",
        "gunship": "Fire from a gunship aircraft such as the AC-130.",
        "aircraft_munitions": "Bombs or missiles released by crewed strike aircraft (fighters, "
        "bombers).",
        "armed_drone": "Missiles released by an armed uncrewed aircraft such as the MQ-9.",
    },
)

ATTRIBUTION = Vocabulary(
    "attribution",
    {
        "acknowledged": "The perpetrator announced the action as its own (e.g. a U.S. statement "
        "on a U.S. strike).",
        "claimed": "An armed group claimed responsibility.",
        "attributed": "Officials of the other side named the perpetrator.",
        "described": "Sources describe the perpetrator only generically (e.g. 'Iran-backed "
        "militia'), without naming it.",
    },
)

ACTOR_TYPE = Vocabulary(
    "actor_type",
    {
        "state_military": "The armed forces of a state, or a command or force made of them.",
        "militia": "A single non-state armed group.",
        "militia_coalition": "An umbrella name under which several armed groups claim attacks.",
        "unidentified_armed_group": "Armed group(s) the sources do not name, kept apart from "
        "named groups.",
        "government": "A government, ministry or state body other than armed forces, as a "
        "party or a source of statements.",
        "monitoring_group": "An organisation that records or counts events without being a "
        "party (e.g. a war monitor or research institute).",
    },
)

AFFILIATION = Vocabulary(
    "affiliation",
    {
        "iran_aligned": "Aligned with or backed by Iran.",
        "iran": "The Iranian state.",
        "iraq": "The Iraqi state, its government and state bodies.",
        "jordan": "The Jordanian state.",
        "independent": "No side: monitors and researchers.",
        "us_led_coalition": "The United States or its partners in the coalition in Iraq and Syria.",
    },
)

LOCATION_TYPE = Vocabulary(
    "location_type",
    {
        "air_base": "An air base or airfield hosting military forces.",
        "military_facility": "A base, garrison, outpost or other military site that is not an "
        "air base.",
        "militia_facility": "A site used by an armed group (headquarters, depot, training site).",
        "city": "A city or town.",
        "district": "A district or neighbourhood within a governorate or city.",
        "region": "A part of a country named loosely, such as 'northern Iraq'.",
        "admin1": "A first-level administrative division (governorate, province, region).",
        "country": "A whole country, used when a source names nothing narrower.",
    },
)

GEO_PRECISION = Vocabulary(
    "geo_precision",
    {
        "site": "Coordinates, if any, mark the site itself.",
        "near_site": "The event happened near, not at, the named site.",
        "admin1": "Only the governorate or province is known.",
        "region": "Only a loosely named part of the country is known (e.g. northern Iraq).",
        "country": "Only the country is known.",
        "unknown": "The sources do not say where within the named place.",
    },
)

METRIC = Vocabulary(
    "metric",
    {
        "attacks_on_us_forces": "Number of attacks on U.S. or coalition forces.",
        "us_personnel_injured": "U.S. service members (or U.S. and coalition personnel, as "
        "worded) injured, including traumatic brain injuries.",
        "us_personnel_killed": "U.S. service members killed.",
        "us_personnel_tbi": "U.S. service members diagnosed with traumatic brain injuries "
        "(also counted among the injured).",
        "us_personnel_injured_minor": "U.S. service members with minor or non-serious injuries "
        "(one class of the injured).",
        "us_personnel_injured_serious": "U.S. service members seriously injured (one class of "
        "the injured).",
        "us_personnel_injured_severe": "U.S. service members severely or critically injured "
        "(one class of the injured).",
        "us_personnel_casualties": "U.S. service members killed or injured, counted together.",
        "us_personnel_evacuated": "Injured U.S. service members medically evacuated.",
        "us_contractor_deaths": "U.S. civilian contractors who died in connection with an "
        "attack, including from other causes while sheltering.",
        "militants_killed": "Members of armed groups killed.",
        "militants_injured": "Members of armed groups injured.",
        "militant_casualties": "Members of armed groups killed or injured, not separated.",
        "civilians_killed": "Civilians killed.",
        "civilians_injured": "Civilians injured.",
        "people_killed": "People killed, where the source does not say whether they were "
        "fighters or civilians.",
        "people_injured": "People injured, where the source does not say whether they were "
        "fighters or civilians.",
        "casualties": "People killed or injured, counted together, without saying who they "
        "were.",
        "militants_targeted": "Members of armed groups engaged by a strike.",
        "facilities_struck": "Facilities, installations, sites or locations struck.",
        "targets_struck": "Individual targets struck, as the U.S. military counts them (several "
        "may lie in one facility).",
        "us_munitions_used": "Munitions released by U.S. forces in a strike.",
        "us_aircraft_used": "U.S. aircraft taking part in a strike.",
        "strike_rounds": "Separate rounds (sets) of U.S. strikes.",
        "troops_deployed": "U.S. troops stationed in the area.",
        "munitions_launched": "Missiles, rockets or drones launched in an attack.",
    },
    units={
        "attacks_on_us_forces": "attacks",
        "us_personnel_tbi": "people",
        "us_personnel_injured_minor": "people",
        "us_personnel_injured_serious": "people",
        "us_personnel_injured_severe": "people",
        "us_personnel_casualties": "people",
        "us_personnel_evacuated": "people",
        "us_contractor_deaths": "people",
        "militants_injured": "people",
        "civilians_killed": "people",
        "civilians_injured": "people",
        "people_killed": "people",
        "people_injured": "people",
        "casualties": "people",
        "targets_struck": "targets",
        "us_munitions_used": "munitions",
        "us_aircraft_used": "aircraft",
        "us_personnel_injured": "people",
        "us_personnel_killed": "people",
        "militants_killed": "people",
        "militant_casualties": "people",
        "militants_targeted": "people",
        "facilities_struck": "facilities",
        "strike_rounds": "rounds of strikes",
        "troops_deployed": "troops",
        "munitions_launched": "munitions",
    },
    grows=frozenset({
        "attacks_on_us_forces", "us_personnel_injured", "us_personnel_tbi",
        "us_personnel_injured_minor", "us_personnel_injured_serious",
        "us_personnel_injured_severe", "us_personnel_killed", "us_personnel_casualties",
        "us_personnel_evacuated", "us_contractor_deaths", "militants_killed",
        "militants_injured", "militant_casualties", "civilians_killed", "civilians_injured",
        "people_killed", "people_injured", "casualties", "strike_rounds",
    }),
)


QUALIFIER = Vocabulary(
    "qualifier",
    {
        "exact": "Stated as a plain number.",
        "approximately": "Stated as approximate ('about', 'around', 'roughly', 'nearly').",
        "at_least": "Stated as a minimum ('at least').",
        "more_than": "Stated as exceeding the number ('more than', 'over').",
        "at_most": "Stated as a maximum ('up to', 'at most').",
        "fewer_than": "Stated as below the number ('fewer than', 'under').",
        "unquantified": "A quantity stated in words without a number ('several', 'multiple', "
        "'a number of'); value is empty.",
    },
)

AREA = Vocabulary(
    "area",
    {
        "iraq": "Iraq.",
        "syria": "Syria.",
        "iraq_and_syria": "Iraq and Syria together.",
        "jordan": "Jordan.",
        "iraq_syria_and_jordan": "Iraq, Syria and Jordan together.",
    },
)

DATE_PRECISION = Vocabulary(
    "date_precision",
    {
        "day": "The event's date is known to the day (earliest = latest).",
        "days": "The date range spans 2 to 6 days.",
        "week": "The date range spans 7 to 13 days.",
        "month": "The date range spans 14 to 31 days.",
        "months": "The date range spans more than 31 days.",
    },
)

# Every vocabulary by name, as fields refer to them in their metadata.
VOCABULARIES: dict[str, Vocabulary] = {
    v.name: v for v in list(globals().values()) if isinstance(v, Vocabulary)
}
