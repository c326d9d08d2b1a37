"""reconciliation: the official running counts beside the events the data itemizes."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from .fields import Date, Float, Int, code, date, foreign_key, identifier, integer, number, text
from .vocabularies import AREA


class Reconciliation(pa.DataFrameModel):
    """One row per as-of date, claimant and area of an official running count of attacks."""

    reconciliation_id: Series[str] = text(
        "Readable key: as_of/claimant_actor_id/area. Derived, so it may change when figures "
        "are added."
    )
    as_of: Series[Date] = date("The date the official count describes.")
    claimant_actor_id: Series[str] = identifier(
        "ACT", "The U.S. body that gave the count (actors.actor_id)."
    )
    area: Series[str] = code(AREA, "Where the count applies.")
    official_low: Series[Int] = integer("Lowest number that claimant gave that day.", ge=0)
    official_high: Series[Int] = integer("Highest number that claimant gave that day.", ge=0)
    figure_ids: Series[str] = text("The official figures of that day, ';'-separated.")
    itemized: Series[Int] = integer(
        "Attacks in events that began by as_of in the area's countries, whatever their "
        "confirmation.", ge=0,
    )
    itemized_confirmed: Series[Int] = integer("Of those, confirmed by U.S. officials.", ge=0)
    itemized_claimed_only: Series[Int] = integer("Of those, only claimed by a group.", ge=0)
    itemized_reported_only: Series[Int] = integer("Of those, only reported by others.", ge=0)
    confirmed_share: Series[Float] = number(
        "itemized_confirmed / official_high: how much of the official count the data "
        "itemizes as confirmed attacks (above 1 where it itemizes more).", nullable=True, ge=0,
    )

    class Config:
        name = "reconciliation"
        description = ("Derived: for each as-of date of an official running count of attacks "
                       "(per claimant and area), the official value beside the number of "
                       "attacks itemized in events up to that date.")
        strict = True
        unique = ["reconciliation_id"]  # the primary key
        metadata = {"foreign_keys": [foreign_key("claimant_actor_id", "actors", "actor_id")]}
