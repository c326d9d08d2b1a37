"""official_counts: the official running counts of attacks, one row per claimant, area and day.

Not curated: the build computes it from ``figures``, ``sources`` and ``actors``; the rule is
stated in full in ``strikeledger/builder/official_counts.py`` (and in the codebook).
"""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from .fields import (
    Bool,
    Date,
    Int,
    boolean,
    code,
    date,
    foreign_key,
    identifier,
    identifier_list,
    integer,
    text,
)
from .vocabularies import AREA, QUALIFIER


class OfficialCounts(pa.DataFrameModel):
    """One row per official claimant organisation, area and as-of date."""

    official_count_id: Series[str] = text(
        "Readable key: as_of/claimant_actor_id/area. Derived, so it may change when figures "
        "are added."
    )
    as_of: Series[Date] = date("The date the count describes (figures.as_of).")
    claimant_actor_id: Series[str] = identifier(
        "ACT", "The U.S. or coalition body that gave the count (actors.actor_id); "
        "ACT-0006 is the U.S. Department of Defense (the Pentagon)."
    )
    area: Series[str] = code(
        AREA, "Where the count applies; not_split where the figures leave it empty."
    )
    whole_campaign: Series[Bool] = boolean(
        "Whether the count covers the whole campaign (its area takes in both Iraq and Syria, "
        "or is not split by country) rather than one country: the series that answers "
        "'how many attacks by this date'."
    )
    value: Series[Int] = integer(
        "The number of the figure that represents the day, as the source gave it.", ge=0
    )
    qualifier: Series[str] = code(QUALIFIER, "How the source words that number.")
    minimum: Series[Int] = integer(
        "The least number of attacks that claim allows: value for exact and 'at least' "
        "counts, value + 1 for 'more than', value less 10% (rounded down) for "
        "'approximately'.", ge=0,
    )
    wording: Series[str] = text("The words of the source that state it.", nullable=True)
    figure_id: Series[str] = identifier(
        "FIG", "The figure that represents the day (figures.figure_id)."
    )
    source_id: Series[str] = identifier("SRC", "Its source (sources.source_id).")
    figure_ids: Series[str] = identifier_list(
        "FIG", "Every official figure of that claimant, area and day, ';'-separated."
    )
    n_figures: Series[Int] = integer("Number of those figures.", ge=1)
    value_low: Series[Int] = integer("Lowest number among them.", ge=0)
    value_high: Series[Int] = integer("Highest number among them.", ge=0)

    class Config:
        name = "official_counts"
        description = ("Derived: the official running counts of attacks on U.S. and coalition "
                       "forces since 17 October 2023, one row per claimant organisation, area "
                       "and as-of date, with the figure that represents the day.")
        strict = True
        unique = ["official_count_id"]  # the primary key
        metadata = {"foreign_keys": [
            foreign_key("claimant_actor_id", "actors", "actor_id"),
            foreign_key("figure_id", "figures"),
            foreign_key("source_id", "sources"),
        ]}
