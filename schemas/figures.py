"""figures: one row per number per source (a claim)."""

import pandera.pandas as pa
from pandera.typing import Series

from .fields import Date, Int, code, date, foreign_key, identifier, integer, text
from .vocabularies import AREA, METRIC, QUALIFIER, VICTIM_GROUP


class Figures(pa.DataFrameModel):
    """Every number a source states about the campaign, kept per source so sources can differ."""

    figure_id: Series[str] = identifier("FIG", "Stable identifier of the figure.")
    source_id: Series[str] = identifier("SRC", "The source that states it (sources.source_id).")
    paragraph: Series[Int] = integer(
        "Paragraph of the source where the number stands (1-based, counting non-empty lines); "
        "required for archived documents.",
        nullable=True, ge=1,
    )
    metric: Series[str] = code(METRIC, "What is counted; each metric has a unit.")
    victim_group: Series[str] = code(
        VICTIM_GROUP, "Whom a count of people killed, injured or engaged is about; required "
        "for those metrics, empty for the others.", nullable=True,
    )
    value: Series[Int] = integer(
        "The number; empty only when qualifier is unquantified.", nullable=True, ge=0
    )
    qualifier: Series[str] = code(QUALIFIER, "How the source words the number.")
    wording: Series[str] = text(
        "The few words of the source that state the quantity (e.g. 'at least 62', 'several').",
        nullable=True,
    )
    area: Series[str] = code(AREA, "Where the count applies.", nullable=True)
    period_start: Series[Date] = date(
        "Start of a cumulative count (e.g. 2023-10-17), where the source gives it.", nullable=True
    )
    as_of: Series[Date] = date(
        "The date the number describes: the day it was given, where known.", nullable=True
    )
    event_id: Series[str] = identifier(
        "EV", "The event the number is about, if it is about one (events.event_id).",
        nullable=True,
    )
    operation_id: Series[str] = identifier(
        "OP", "The operation the number is about, when it covers a whole package of strikes "
        "rather than one struck site (operations.operation_id); never with event_id.",
        nullable=True,
    )
    claimant: Series[str] = text(
        "Who the source says gave the number, as reported; empty when the source asserts it.",
        nullable=True,
    )
    excludes: Series[str] = text("What the number leaves out, as reported.", nullable=True)
    notes: Series[str] = text("Curators' notes.", nullable=True)
    claimant_actor_id: Series[str] = identifier(
        "ACT", "The party or organisation the claimant speaks for (actors.actor_id), so that "
        "one claimant's running counts can be followed whoever its spokesperson is.",
        nullable=True,
    )

    class Config:
        name = "figures"
        description = "One row per number per source: counts of attacks, casualties, strikes " \
            "and troops, each as the source states it."
        strict = True
        unique = ["figure_id"]  # the primary key
        metadata = {
            "foreign_keys": [
                foreign_key("source_id", "sources"),
                foreign_key("event_id", "events"),
                foreign_key("operation_id", "operations"),
                foreign_key("claimant_actor_id", "actors", "actor_id"),
            ]
        }
