"""The published codebooks whose shape the ``acled_events`` and ``ucdp_events`` views take.

Each column of those views is declared from one entry here: the name the other dataset
uses, its type there, the values it allows and what it means, as we read the published
codebook (in our words). ``tests/data/test_external_views.py`` checks the models and the
built views against these entries, so a view cannot drift from the codebook it claims to
follow. Columns of our own that the views add for joining (``event_id``) are marked
``ours``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CodebookColumn:
    """One column as a published codebook defines it."""

    name: str
    kind: str  # Table Schema type the column is published with: string, integer, number, date
    definition: str
    values: tuple[str, ...] | None = None  # the labels a text column may hold
    minimum: int | None = None  # the range of a numeric code
    maximum: int | None = None
    ours: bool = False  # a column of ours, not of the codebook (for joining back)


@dataclass(frozen=True)
class Codebook:
    name: str
    version: str
    reference: str  # where the definitions can be read
    columns: tuple[CodebookColumn, ...]

    def column(self, name: str) -> CodebookColumn:
        return next(c for c in self.columns if c.name == name)


ACLED_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians",
                     "Protests", "Riots", "Strategic developments")
ACLED_SUB_EVENT_TYPES = (
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack",
    "Abduction/forced disappearance", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement",
    "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other",
)
ACLED_SOURCE_SCALES = ("Local", "Subnational", "National", "Regional", "International",
                       "New media", "Other")

ACLED = Codebook(
    name="ACLED Codebook",
    version="2023",
    reference="ACLED's column definitions as its R package acledR publishes them: "
              "https://dtacled.r-universe.dev/acledR/data/acled_codebook/ndjson",
    columns=(
        CodebookColumn("event_id_cnty", "string",
                       "Identifier of the event: the country's letters, then a number."),
        CodebookColumn("event_date", "date", "The day the event took place."),
        CodebookColumn("year", "integer", "The year the event took place."),
        CodebookColumn("time_precision", "integer",
                       "How certain the date is: 1 the actual date is known; 2 only the week "
                       "(or a few days) is known; 3 only the month or a longer period.",
                       minimum=1, maximum=3),
        CodebookColumn("disorder_type", "string", "The kind of disorder of the event type.",
                       values=("Political violence",)),
        CodebookColumn("event_type", "string", "The type of event.", values=ACLED_EVENT_TYPES),
        CodebookColumn("sub_event_type", "string", "The type of sub-event.",
                       values=ACLED_SUB_EVENT_TYPES),
        CodebookColumn("actor1", "string", "The named actor involved in the event."),
        CodebookColumn("inter1", "integer",
                       "Type of actor1: 1 state forces, 2 rebel groups, 3 political militias, "
                       "4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external "
                       "or other forces.", minimum=1, maximum=8),
        CodebookColumn("actor2", "string", "The other named actor involved, if any."),
        CodebookColumn("inter2", "integer", "Type of actor2, coded as inter1.",
                       minimum=1, maximum=8),
        CodebookColumn("interaction", "integer",
                       "The two actor types as one number, the lower code first (e.g. 38); "
                       "an event with one actor has its code and 0 (e.g. 80).",
                       minimum=10, maximum=88),
        CodebookColumn("iso", "integer", "Numeric ISO 3166-1 code of the country."),
        CodebookColumn("country", "string", "The country in which the event took place."),
        CodebookColumn("admin1", "string",
                       "The largest sub-national administrative region of the event."),
        CodebookColumn("location", "string", "The place in which the event took place."),
        CodebookColumn("latitude", "number", "Latitude of the location."),
        CodebookColumn("longitude", "number", "Longitude of the location."),
        CodebookColumn("geo_precision", "integer",
                       "How certain the location is: 1 the place itself; 2 near the place or "
                       "a part of a region; 3 only a larger region.", minimum=1, maximum=3),
        CodebookColumn("source", "string", "The sources used to code the event."),
        CodebookColumn("source_scale", "string",
                       "The geographic scale of those sources; several are joined with '-'."),
        CodebookColumn("notes", "string", "A short description of the event."),
        CodebookColumn("fatalities", "integer",
                       "Number or estimate of fatalities due to the event (0 when none is "
                       "reported).", minimum=0),
        CodebookColumn("event_id", "string", "The StrikeLedger event (events.event_id).",
                       ours=True),
        CodebookColumn("deaths_basis", "string", "Where the death estimates come from.",
                       ours=True),
    ),
)

UCDP = Codebook(
    name="UCDP Georeferenced Event Dataset (GED) Codebook",
    version="24.1",
    reference="UCDP GED codebook version 24.1, "
              "https://web.archive.org/web/20230618115833/https://ucdp.uu.se/downloads/ged/"
              "ged241.pdf; the variables as the R package ucdp lists them: "
              "https://github.com/mcgirjau/ucdp/blob/master/R/GED.R",
    columns=(
        CodebookColumn("id", "integer", "A unique numeric identifier of the event."),
        CodebookColumn("year", "integer", "The year of the event."),
        CodebookColumn("type_of_violence", "integer",
                       "1 state-based conflict, 2 non-state conflict, 3 one-sided violence.",
                       minimum=1, maximum=3),
        CodebookColumn("side_a", "string", "The name of side A of the dyad."),
        CodebookColumn("side_b", "string", "The name of side B of the dyad."),
        CodebookColumn("number_of_sources", "integer",
                       "Number of sources with information on the event that were consulted.",
                       minimum=0),
        CodebookColumn("source_article", "string", "References to the sources used."),
        CodebookColumn("where_prec", "integer",
                       "How precise the location is: 1 the exact place; 2 within about 25 km "
                       "of a known point; 3 a second-order administrative division; 4 a "
                       "first-order division; 5 a part of a country larger than that; 6 only "
                       "the country; 7 international waters or airspace.",
                       minimum=1, maximum=7),
        CodebookColumn("where_coordinates", "string", "The name of the location."),
        CodebookColumn("adm_1", "string",
                       "The first-order administrative division of the event."),
        CodebookColumn("latitude", "number", "Latitude in decimal degrees."),
        CodebookColumn("longitude", "number", "Longitude in decimal degrees."),
        CodebookColumn("country", "string", "The country in which the event took place."),
        CodebookColumn("event_clarity", "integer",
                       "1 when the reporting is clear enough to identify the event in full, 2 "
                       "otherwise.", minimum=1, maximum=2),
        CodebookColumn("date_prec", "integer",
                       "How precise the date is: 1 the exact day; 2 within 2 to 6 days; 3 "
                       "only the week; 4 within 8 to 30 days or only the month; 5 within 31 "
                       "to 365 days or only the year.", minimum=1, maximum=5),
        CodebookColumn("date_start", "date", "The earliest possible date of the event."),
        CodebookColumn("date_end", "date", "The latest possible date of the event."),
        CodebookColumn("best", "integer", "The best (most likely) estimate of deaths.",
                       minimum=0),
        CodebookColumn("high", "integer", "The highest reliable estimate of deaths.",
                       minimum=0),
        CodebookColumn("low", "integer", "The lowest reliable estimate of deaths.", minimum=0),
        CodebookColumn("event_id", "string", "The StrikeLedger event (events.event_id).",
                       ours=True),
        CodebookColumn("deaths_basis", "string", "Where the death estimates come from.",
                       ours=True),
    ),
)


def field(codebook: Codebook, name: str, how: str, *, nullable: bool = False):
    """The model field of a view column: the codebook's definition, then how the view
    fills it from our tables (``how``); the codebook's values or range as checks."""
    from .fields import TEXT_CHECKS, _field

    entry = codebook.column(name)
    checks: dict = {}
    ours: tuple[str, ...] = ()
    if entry.values is not None:
        checks["isin"] = list(entry.values)
    elif entry.kind == "string":
        ours = TEXT_CHECKS
    if entry.minimum is not None:
        checks["ge"] = entry.minimum
    if entry.maximum is not None:
        checks["le"] = entry.maximum
    source = "StrikeLedger" if entry.ours else f"{codebook.name} {codebook.version}"
    return _field(f"{entry.definition} ({source}.) {how}", nullable=nullable,
                  metadata={"codebook": codebook.name, "codebook_column": name}, ours=ours,
                  **checks)


def deaths_basis():
    """The ``deaths_basis`` column both views share (where their death numbers come from)."""
    from .fields import code
    from .vocabularies import DEATHS_BASIS

    return code(DEATHS_BASIS, "Where the death estimates come from (StrikeLedger): the "
                "event's own figures, an operation's split among its events, or none.")
