"""figure_comparisons: a derived view of figures that measure the same thing.

Not curated: the build computes it from ``figures``; the rule is stated in full in
``strikeledger/builder/comparisons.py`` (and in the codebook).
"""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from .fields import Bool, Date, Int, boolean, code, date, foreign_key, identifier, integer, text
from .vocabularies import AREA, METRIC, VICTIM_GROUP


class FigureComparisons(pa.DataFrameModel):
    """One row per group of figures that measure the same thing at about the same time."""

    comparison_id: Series[str] = text(
        "Readable key of the group: metric/victim_group/area/period_start/event_id/"
        "operation_id/as_of_from, '-' for "
        "empty. Derived, so it may change when figures are added."
    )
    metric: Series[str] = code(METRIC, "What the grouped figures count.")
    victim_group: Series[str] = code(
        VICTIM_GROUP, "Whom they count, for counts of people.", nullable=True
    )
    area: Series[str] = code(AREA, "Where the count applies.", nullable=True)
    period_start: Series[Date] = date("Start of the cumulative count.", nullable=True)
    event_id: Series[str] = identifier(
        "EV", "The event the figures are about, if any (events.event_id).", nullable=True
    )
    operation_id: Series[str] = identifier(
        "OP", "The operation the figures are about, if any (operations.operation_id).",
        nullable=True,
    )
    as_of_from: Series[Date] = date("Earliest as_of date in the group.", nullable=True)
    as_of_to: Series[Date] = date("Latest as_of date in the group.", nullable=True)
    n_figures: Series[Int] = integer("Number of figures in the group.", ge=1)
    n_sources: Series[Int] = integer("Number of distinct sources among them.", ge=1)
    figure_ids: Series[str] = text("The figures compared, ';'-separated (figures.figure_id).")
    claims: Series[str] = text(
        "Each claim as source: qualifier value \"wording\" (claimant), ';'-separated, for "
        "reading at a glance."
    )
    value_low: Series[Int] = integer("Lowest number stated in the group.", nullable=True)
    value_high: Series[Int] = integer("Highest number stated in the group.", nullable=True)
    consistent: Series[Bool] = boolean(
        "Whether every claim can be true at once (their ranges of values overlap)."
    )
    consensus_low: Series[Int] = integer(
        "Lowest value all claims allow; empty when they disagree.", nullable=True
    )
    consensus_high: Series[Int] = integer(
        "Highest value all claims allow; empty when they disagree or there is no upper bound.",
        nullable=True,
    )

    class Config:
        name = "figure_comparisons"
        description = "Derived: figures grouped by what they measure (metric, area, period " \
            "start, event, as-of window), with their claims and whether they agree."
        strict = True
        unique = ["comparison_id"]  # the primary key
        metadata = {"foreign_keys": [foreign_key("event_id", "events"),
                                     foreign_key("operation_id", "operations")]}
