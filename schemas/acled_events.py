"""acled_events: the events in the shape of ACLED's data (derived in the build)."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from .external import ACLED, deaths_basis, field
from .fields import Date, Float, Int, foreign_key


class AcledEvents(pa.DataFrameModel):
    """One row per event, with ACLED's column names and codes."""

    event_id_cnty: Series[str] = field(
        ACLED, "event_id_cnty", "Here the ISO 3166-1 alpha-3 code and our event_id "
        "(IRQ-EV-0024); not an ACLED identifier.")
    event_date: Series[Date] = field(
        ACLED, "event_date", "The middle day of the event's date range (the earlier of the "
        "two middle days when the range has an even number of days).")
    year: Series[Int] = field(ACLED, "year", "The year of event_date.")
    time_precision: Series[Int] = field(
        ACLED, "time_precision", "From the width of the date range: 1 day, 2 up to 7 days, 3 "
        "longer.")
    disorder_type: Series[str] = field(ACLED, "disorder_type", "Always Political violence.")
    event_type: Series[str] = field(
        ACLED, "event_type", "Explosions/Remote violence for every event: the attacks are "
        "rocket, missile and drone fire and the U.S. strikes are air strikes.")
    sub_event_type: Series[str] = field(
        ACLED, "sub_event_type", "From events.weapons: Air/drone strike for drones, aircraft "
        "munitions, gunships and armed drones; Shelling/artillery/missile attack for rockets "
        "and missiles (when an attack used both, drones win); empty when no source names a "
        "weapon.", nullable=True)
    actor1: Series[str] = field(
        ACLED, "actor1", "The actor who carried it out (events.perpetrator_id, by name); with "
        "no claim, attribution or description, 'Unidentified armed group' for an attack and "
        "'Unidentified military forces' (inter1 8) for a strike.")
    inter1: Series[Int] = field(
        ACLED, "inter1", "From the actor's type and side: 8 for U.S. and coalition state "
        "forces (foreign forces in Iraq, Syria and Jordan), 1 for the forces of the country "
        "itself, 2 for the Syrian Democratic Forces, 3 for the armed groups.")
    actor2: Series[str] = field(
        ACLED, "actor2", "Who was attacked (events.target_id, by name).", nullable=True)
    inter2: Series[Int] = field(ACLED, "inter2", "As inter1, for actor2.", nullable=True)
    interaction: Series[Int] = field(ACLED, "interaction", "From inter1 and inter2.")
    iso: Series[Int] = field(ACLED, "iso", "From locations.country_iso3, by pycountry.")
    country: Series[str] = field(
        ACLED, "country", "The name of our gazetteer's row for the whole country (Iraq, "
        "Syria), else pycountry's name (Jordan).")
    admin1: Series[str] = field(ACLED, "admin1", "locations.admin1.", nullable=True)
    location: Series[str] = field(ACLED, "location", "locations.name.")
    latitude: Series[Float] = field(ACLED, "latitude", "locations.latitude.", nullable=True)
    longitude: Series[Float] = field(ACLED, "longitude", "locations.longitude.",
                                     nullable=True)
    geo_precision: Series[Int] = field(
        ACLED, "geo_precision", "From locations.geo_precision: 1 site; 2 near_site or "
        "unknown; 3 admin1, region or country.")
    source: Series[str] = field(
        ACLED, "source", "The publishers of the event's sources (event_sources), in order of "
        "first publication, '; '-separated; a source with no publisher named by its id.")
    source_scale: Series[str] = field(
        ACLED, "source_scale", "From the sources' reliability_tier: International for wire "
        "pages, Other for official pages, other pages and archived documents; the distinct "
        "scales joined with '-' (International-Other). Our sources carry no finer scale.")
    notes: Series[str] = field(ACLED, "notes", "events.summary.")
    fatalities: Series[Int] = field(
        ACLED, "fatalities", "The low estimate of deaths of ucdp_events (see the rule in the "
        "codebook): the most conservative reported toll, as ACLED codes it.")
    event_id: Series[str] = field(ACLED, "event_id", "For joining back to events.")
    deaths_basis: Series[str] = deaths_basis()

    class Config:
        name = "acled_events"
        description = ("Derived: every event in the shape of ACLED's data (ACLED's column "
                       "names and codes), so that it can be set beside ACLED's own rows.")
        strict = True
        unique = ["event_id"]  # the primary key
        metadata = {"foreign_keys": [foreign_key("event_id", "events")]}
