"""events: one row per attack or strike, at one place, on one day (or the narrowest range)."""

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
    identifier_list,
    text,
)
from .vocabularies import (
    ATTRIBUTION,
    CONFIRMATION,
    DATE_PRECISION,
    EVENT_TYPE,
    TIME_OF_DAY,
    WEAPON,
)


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
    location_id: Series[str] = identifier(
        "LOC", "Where it happened, at the most precise place the sources give "
        "(locations.location_id)."
    )
    target_id: Series[str] = identifier(
        "ACT", "Who was attacked (actors.actor_id), where known.", nullable=True
    )
    weapons: Series[str] = code_list(
        WEAPON, "Weapons used, ';'-separated codes; empty when no source says.", nullable=True
    )
    operation_id: Series[str] = identifier(
        "OP", "The announced package of U.S. strikes this strike belongs to "
        "(operations.operation_id); empty for attacks.", nullable=True,
    )
    responds_to: Series[str] = identifier_list(
        "EV", "The events this one answers, ';'-separated, where a source says so "
        "(events.event_id).", nullable=True,
    )
    confirmation: Series[str] = code(
        CONFIRMATION, "Whether U.S. or coalition officials confirmed that the event took place "
        "(see the vocabulary for the rule)."
    )
    confirmation_source_id: Series[str] = identifier(
        "SRC", "The source that reports the U.S. or coalition confirmation (or denial) "
        "(sources.source_id); required when confirmation is confirmed or denied.",
        nullable=True,
    )
    summary: Series[str] = text("What happened, in one or two sentences of our own words.")
    notes: Series[str] = text(
        "How the dates, place and links were derived, citing source ids.", nullable=True
    )

    class Config:
        name = "events"
        description = ("One row per attack on U.S. or coalition forces and per U.S. strike, at "
                       "one place on one day (or the narrowest range the sources justify).")
        strict = True
        unique = ["event_id"]  # the primary key
        metadata = {
            "foreign_keys": [
                foreign_key("location_id", "locations"),
                foreign_key("target_id", "actors", "actor_id"),
                foreign_key("operation_id", "operations"),
                foreign_key("confirmation_source_id", "sources", "source_id"),
            ]
        }


class EventsRelease(Events):
    """The released events table: the curated columns plus those the build derives."""

    date_precision: Series[str] = code(
        DATE_PRECISION, "How precise the date is: the width of the date range, in days."
    )
    perpetrator_id: Series[str] = identifier(
        "ACT", "Who carried it out, derived from event_claims by the rule in the codebook "
        "(actors.actor_id); empty when no claim, attribution or description is recorded.",
        nullable=True,
    )
    attribution: Series[str] = code(
        ATTRIBUTION, "How perpetrator_id is known: the stance of the claim it was taken from.",
        nullable=True,
    )

    class Config:
        name = "events"
        metadata = {
            "foreign_keys": [
                *Events.Config.metadata["foreign_keys"],
                foreign_key("perpetrator_id", "actors", "actor_id"),
            ]
        }
