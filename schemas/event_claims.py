"""event_claims: who claimed an event, whom the other side named, who denied it."""

import pandera.pandas as pa
from pandera.typing import Series

from .event_sources import paragraphs_field
from .fields import code, foreign_key, identifier, text
from .vocabularies import STANCE


class EventClaims(pa.DataFrameModel):
    """One row per event, actor, stance and source: each claim as one source reports it."""

    event_id: Series[str] = identifier("EV", "The event (events.event_id).")
    actor_id: Series[str] = identifier(
        "ACT", "The actor the claim is about: who claimed it, was named, acknowledged it or "
        "denied it (actors.actor_id)."
    )
    stance: Series[str] = code(STANCE, "What is said of the actor and the event.")
    source_id: Series[str] = identifier(
        "SRC", "The source that reports the claim (sources.source_id)."
    )
    stated_by_id: Series[str] = identifier(
        "ACT", "Who made the statement, where it is not the actor itself (e.g. the U.S. "
        "Department of Defense naming a group) (actors.actor_id).", nullable=True,
    )
    paragraphs: Series[str] = paragraphs_field("reports the claim")
    wording: Series[str] = text(
        "The few words of the source that make the claim (e.g. 'footprints of Kata'ib "
        "Hezbollah').", nullable=True,
    )
    notes: Series[str] = text("Curators' notes, citing source ids.", nullable=True)

    class Config:
        name = "event_claims"
        description = ("One row per event, actor, stance and source: who claimed an event, whom "
                       "the other side's officials named, who acknowledged or denied it.")
        strict = True
        unique = ["event_id", "actor_id", "stance", "source_id"]  # the primary key
        metadata = {
            "foreign_keys": [
                foreign_key("event_id", "events"),
                foreign_key("actor_id", "actors"),
                foreign_key("source_id", "sources"),
                foreign_key("stated_by_id", "actors", "actor_id"),
            ]
        }
