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
        "described": "A source describes the perpetrator, often only generically (e.g. "
        "'Iran-backed militia'), without a claim or an official attribution.",
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
        "anonymous_source": "Unnamed officials or sources as a report describes them (e.g. "
        "'Iraqi security sources'); kept apart from the government or force they may belong "
        "to, since no one is named.",
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
        "diplomatic_facility": "An embassy or diplomatic support site where U.S. personnel "
        "are stationed.",
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
        "killed": "People killed; victim_group says who they were.",
        "injured": "People injured, including traumatic brain injuries; victim_group says who "
        "they were.",
        "injured_tbi": "People diagnosed with traumatic brain injuries (also counted among the "
        "injured).",
        "injured_minor": "People with minor or non-serious injuries (one class of the injured).",
        "injured_serious": "People seriously injured (one class of the injured).",
        "injured_severe": "People severely or critically injured (one class of the injured).",
        "casualties": "People killed or injured, counted together.",
        "evacuated": "Injured people medically evacuated.",
        "died": "People who died in connection with an attack from any cause, including "
        "causes other than the attack itself (e.g. a cardiac arrest while sheltering).",
        "people_targeted": "People engaged by a strike, whether or not they were hit.",
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
        "killed": "people",
        "injured": "people",
        "injured_tbi": "people",
        "injured_minor": "people",
        "injured_serious": "people",
        "injured_severe": "people",
        "casualties": "people",
        "evacuated": "people",
        "died": "people",
        "people_targeted": "people",
        "facilities_struck": "facilities",
        "targets_struck": "targets",
        "us_munitions_used": "munitions",
        "us_aircraft_used": "aircraft",
        "strike_rounds": "rounds of strikes",
        "troops_deployed": "troops",
        "munitions_launched": "munitions",
    },
    grows=frozenset({
        "attacks_on_us_forces", "killed", "injured", "injured_tbi", "injured_minor",
        "injured_serious", "injured_severe", "casualties", "evacuated", "died",
        "strike_rounds",
    }),
)

# The metrics that count people hurt or engaged: their figures say whom (victim_group).
PEOPLE_METRICS = frozenset({
    "killed", "injured", "injured_tbi", "injured_minor", "injured_serious", "injured_severe",
    "casualties", "evacuated", "died", "people_targeted",
})

VICTIM_GROUP = Vocabulary(
    "victim_group",
    {
        "us_personnel": "U.S. service members (or U.S. and coalition personnel, where the "
        "source counts them together as U.S. statements do).",
        "us_contractors": "U.S. civilian contractors.",
        "coalition_forces": "Coalition and partner forces other than U.S. personnel, such as "
        "the Syrian Democratic Forces.",
        "iraqi_state_forces": "Iraqi state forces: the army, the police and other security "
        "services, and the Popular Mobilization Forces when the source calls the people PMF "
        "members.",
        "militants": "Members of armed groups, as the source calls them (fighters, militants, "
        "members of a named militia).",
        "civilians": "Civilians.",
        "mixed": "Several of these groups counted together, e.g. 'killed, including civilians'.",
        "unknown": "The source does not say who the people were.",
    },
)

STANCE = Vocabulary(
    "stance",
    {
        "claimed": "The actor said it carried out the event.",
        "attributed": "Officials of the other side named the actor as the one who carried it "
        "out.",
        "acknowledged": "A state announced the event as its own action (e.g. a U.S. statement "
        "on a U.S. strike).",
        "denied": "The actor said it did not carry it out.",
        "described": "A source (not a party's officials) describes the perpetrator, by name or "
        "only generically ('Iran-backed militia'), without a claim or an official attribution.",
    },
)

CONFIRMATION = Vocabulary(
    "confirmation",
    {
        "confirmed": "U.S. or coalition officials said the event took place (for a U.S. "
        "strike: announced or acknowledged it); confirmation_source_id names the source that "
        "reports it, an archived document or an official or wire page.",
        "claimed_only": "No U.S. or coalition confirmation found; an armed group claimed it "
        "(event_claims holds the claim).",
        "reported_only": "No U.S. or coalition confirmation and no claim found; reported by "
        "others (local officials, security sources, monitors, journalists).",
        "denied": "U.S. or coalition officials said it did not take place; "
        "confirmation_source_id names the source that reports the denial.",
    },
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
        "not_split": "Not split by country: one number for every place the claimant counts "
        "(U.S. and coalition forces in Iraq, Syria and Jordan), the country not stated. The "
        "derived official_counts and reconciliation views give it to counts whose area is "
        "empty.",
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

DEATHS_BASIS = Vocabulary(
    "deaths_basis",
    {
        "event": "Tolls that sources report for the event itself.",
        "operation": "An operation's tolls divided evenly among its events (no source gives "
        "the number per site).",
        "none": "No death reported in our sources (0).",
    },
)


@dataclass(frozen=True)
class Role:
    """Who may play a part in an event: the actor types and the affiliations (sides) allowed."""

    actor_types: frozenset[str]
    affiliations: frozenset[str]

    def describe(self) -> str:
        """The role in words, e.g. 'a militia or state_military not of us_led_coalition'."""
        kinds = " or ".join(sorted(self.actor_types))
        others = sorted(set(AFFILIATION.codes) - self.affiliations)
        if len(others) < len(self.affiliations):
            return f"a {kinds} not of {' or '.join(others)}"
        return f"a {kinds} of {' or '.join(sorted(self.affiliations))}"


_ARMED = frozenset({"militia", "militia_coalition", "unidentified_armed_group",
                    "state_military"})
_COALITION = frozenset({"us_led_coalition"})
_NOT_COALITION = frozenset(AFFILIATION.codes) - _COALITION

# Per event type, who may carry it out (the actor of every event_claims row, whatever its
# stance: a claim, an attribution, an acknowledgement or a denial is about the perpetrator)
# and who may be its target (events.target_id). Derived from the data of 2.1.0: attacks
# are carried out by armed groups (or a state's forces) not of the U.S.-led coalition, on
# U.S. or coalition forces (state forces, or a partner force such as the SDF); U.S. strikes
# are carried out by U.S. forces, on armed groups or state forces not of the coalition. An
# attribution (stance attributed) is stated by the other side: stated_by_id has one of the
# target's affiliations.
EVENT_ROLES: dict[str, dict[str, Role]] = {
    "attack_on_us_forces": {
        "perpetrator": Role(_ARMED, _NOT_COALITION),
        "target": Role(frozenset({"state_military", "militia"}), _COALITION),
    },
    "us_strike": {
        "perpetrator": Role(frozenset({"state_military"}), _COALITION),
        "target": Role(_ARMED, _NOT_COALITION),
    },
}

# Every vocabulary by name, as fields refer to them in their metadata.
VOCABULARIES: dict[str, Vocabulary] = {
    v.name: v for v in list(globals().values()) if isinstance(v, Vocabulary)
}
