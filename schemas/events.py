"""events: one row per attack on U.S./coalition forces or U.S. strike."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from .fields import (
    CAMPAIGN_END,
    CAMPAIGN_START,
    Date,
    code,
    code_list,
    date,
    foreign_key,
    identifier,
    text,
)
from .vocabularies import ATTRIBUTION, DATE_PRECISION, EVENT_TYPE, TIME_OF_DAY, WEAPON


class Events(pa.DataFrameModel):
    """The curated columns of the events table."""

    event_id: Series[str] = identifier("EV", "Stable identifier of the event.")
    event_type: Series[str] = code(EVENT_TYPE, "Attack on U.S./coalition forces, or U.S. strike.")
    date_earliest: Series[Date] = date(
        "Earliest possible date, in the local time of the place (UTC+3 in Iraq, Syria and "
        "Jordan).",
        ge=CAMPAIGN_START, le=CAMPAIGN_END,
    )
    date_latest: Series[Date] = date(
        "Latest possible date, local time; equal to date_earliest when the day is known.",
        ge=CAMPAIGN_START, le=CAMPAIGN_END,
    )
    time_of_day: Series[str] = code(
        TIME_OF_DAY, "Part of the local day, where a source gives it.", nullable=True
    )
    location_id: Series[str] = identifier("LOC", "Where it happened (locations.location_id).")
    perpetrator_id: Series[str] = identifier(
        "ACT", "Who carried it out, as far as the sources say (actors.actor_id)."
    )
    target_id: Series[str] = identifier(
        "ACT", "Who was attacked (actors.actor_id), where known.", nullable=True
    )
    attribution: Series[str] = code(
        ATTRIBUTION, "How the perpetrator is known: acknowledged, claimed, attributed or described."
    )
    weapons: Series[str] = code_list(
        WEAPON, "Weapons used, ';'-separated codes; empty when no source says.", nullable=True
    )
    responds_to: Series[str] = identifier(
        "EV", "The event this one answers, where a source says so (events.event_id).",
        nullable=True,
    )
    summary: Series[str] = text("What happened, in one or two sentences of our own words.")
    notes: Series[str] = text(
        "How the dates, place and links were derived from the sources.", nullable=True
    )

    class Config:
        name = "events"
        description = "One row per attack on U.S. or coalition forces and per U.S. strike."
        strict = True
        primary_key = {"columns": ["event_id"]}
        metadata = {
            "foreign_keys": [
                foreign_key("location_id", "locations"),
                foreign_key("perpetrator_id", "actors", "actor_id"),
                foreign_key("target_id", "actors", "actor_id"),
                foreign_key("responds_to", "", "event_id"),
            ]
        }


class EventsRelease(Events):
    """The released events table: the curated columns plus those the build derives."""

    date_precision: Series[str] = code(
        DATE_PRECISION, "How precise the date is: the width of the date range, in days."
    )

    class Config:
        name = "events"
