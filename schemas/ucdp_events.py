"""ucdp_events: the events in the shape of the UCDP GED (derived in the build)."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from .external import UCDP, deaths_basis, field
from .fields import Date, Float, Int, foreign_key


class UcdpEvents(pa.DataFrameModel):
    """One row per event, with the UCDP GED's column names and codes."""

    id: Series[Int] = field(UCDP, "id", "The number of our event_id (EV-0024 is 24); not a "
                            "UCDP identifier.")
    year: Series[Int] = field(UCDP, "year", "The year of date_start.")
    type_of_violence: Series[Int] = field(
        UCDP, "type_of_violence", "1 when either side is a state's armed forces, else 2.")
    side_a: Series[str] = field(
        UCDP, "side_a", "The state side: the U.S. forces of the event (perpetrator of a "
        "strike, target of an attack), 'Unidentified military forces' for a strike no one "
        "acknowledged; for an event without a state force, its perpetrator.")
    side_b: Series[str] = field(
        UCDP, "side_b", "The other side; 'Unidentified armed group' for an attack with no "
        "claim, attribution or description.", nullable=True)
    number_of_sources: Series[Int] = field(
        UCDP, "number_of_sources", "The event's sources in event_sources.")
    source_article: Series[str] = field(
        UCDP, "source_article", "Their source_ids, ';'-separated (see the sources table).")
    where_prec: Series[Int] = field(
        UCDP, "where_prec", "From locations.geo_precision: 1 site; 2 near_site or unknown; 4 "
        "admin1; 5 region; 6 country.")
    where_coordinates: Series[str] = field(UCDP, "where_coordinates", "locations.name.")
    adm_1: Series[str] = field(UCDP, "adm_1", "locations.admin1.", nullable=True)
    latitude: Series[Float] = field(UCDP, "latitude", "locations.latitude.", nullable=True)
    longitude: Series[Float] = field(UCDP, "longitude", "locations.longitude.",
                                     nullable=True)
    country: Series[str] = field(UCDP, "country", "As acled_events.country.")
    event_clarity: Series[Int] = field(
        UCDP, "event_clarity", "1 when the day is known and the place is a site (or near "
        "one), else 2.")
    date_prec: Series[Int] = field(
        UCDP, "date_prec", "From the width of the date range: 1 one day, 2 two to six days, 3 "
        "seven, 4 eight to thirty, 5 longer.")
    date_start: Series[Date] = field(UCDP, "date_start", "events.date_earliest.")
    date_end: Series[Date] = field(UCDP, "date_end", "events.date_latest.")
    best: Series[Int] = field(UCDP, "best", "By the rule in the codebook, from the killed "
                              "figures.")
    high: Series[Int] = field(UCDP, "high", "By the rule in the codebook.")
    low: Series[Int] = field(UCDP, "low", "By the rule in the codebook.")
    event_id: Series[str] = field(UCDP, "event_id", "For joining back to events.")
    deaths_basis: Series[str] = deaths_basis()

    class Config:
        name = "ucdp_events"
        description = ("Derived: every event in the shape of the UCDP Georeferenced Event "
                       "Dataset (its column names and codes), with death estimates from the "
                       "figures; UCDP itself keeps only events with at least one death "
                       "(best > 0).")
        strict = True
        unique = ["event_id"]  # the primary key
        metadata = {"foreign_keys": [foreign_key("event_id", "events")]}
