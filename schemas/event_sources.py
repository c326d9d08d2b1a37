"""event_sources: which sources report which event."""

import pandera.pandas as pa
from pandera.typing import Series

from .fields import foreign_key, identifier, text


def paragraphs_field(what: str):
    """Where in an archived document the source does what the table records."""
    return text(
        "';'-separated paragraph numbers (1-based, counting non-empty lines) where the source "
        f"{what}; required for archived documents, empty for referenced pages.",
        nullable=True,
        pattern=r"^[1-9][0-9]*(?:;[1-9][0-9]*)*$",
        rule="must be paragraph numbers (1 or more) separated by ';', such as 1;3",
    )


class EventSources(pa.DataFrameModel):
    """One row per (event, source) pair."""

    event_id: Series[str] = identifier("EV", "The event (events.event_id).")
    source_id: Series[str] = identifier("SRC", "A source that reports it (sources.source_id).")
    paragraphs: Series[str] = paragraphs_field("reports the event")

    class Config:
        name = "event_sources"
        description = "Which sources report which event, with the paragraphs that do."
        strict = True
        unique = ["event_id", "source_id"]  # the primary key
        metadata = {
            "foreign_keys": [
                foreign_key("event_id", "events"),
                foreign_key("source_id", "sources"),
            ]
        }
