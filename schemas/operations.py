"""operations: one row per package of U.S. strikes announced together."""

import pandera.pandas as pa
from pandera.typing import Series

from .fields import CAMPAIGN_END, CAMPAIGN_START, Date, date, foreign_key, identifier, text


class Operations(pa.DataFrameModel):
    """A package of strikes announced together; its strikes are events with its id."""

    operation_id: Series[str] = identifier("OP", "Stable identifier of the operation.")
    name: Series[str] = text(
        "Our own short name for the package, e.g. 'U.S. strikes of 2 February 2024 in Iraq and "
        "Syria'."
    )
    announced_by_id: Series[str] = identifier(
        "ACT", "Who announced it (actors.actor_id), as the sources report the announcement."
    )
    announced_on: Series[Date] = date(
        "The day of the announcement, as the announcing side dated it (U.S. Eastern time for "
        "U.S. statements), where a source gives it.",
        nullable=True, ge=CAMPAIGN_START, le=CAMPAIGN_END,
    )
    summary: Series[str] = text("What was announced, in our own words.")
    notes: Series[str] = text("How it was put together, citing source ids.", nullable=True)

    class Config:
        name = "operations"
        description = ("One row per package of U.S. strikes announced together; each struck "
                       "site is an event of its own (events.operation_id).")
        strict = True
        unique = ["operation_id"]  # the primary key
        metadata = {"foreign_keys": [foreign_key("announced_by_id", "actors", "actor_id")]}
