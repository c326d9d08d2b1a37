"""figure_comparisons: a derived view of figures that measure the same thing.

Not curated: the build computes it from ``figures``. The rule, in full:

1. Figures are grouped when they have the same ``metric``, ``area``,
   ``period_start`` and ``event_id`` (an empty value matches only empty).
2. Within such a group, figures are split into windows by ``as_of``: sorted by
   date, a window starts at its earliest date and takes every figure dated up to
   ``AS_OF_WINDOW_DAYS`` days later; the next date starts a new window. Figures
   without ``as_of`` form a window of their own.
3. Each claim allows a range of values: ``exact`` v → [v, v]; ``approximately``
   v → v ± ``APPROXIMATE_TOLERANCE`` (rounded outwards); ``at_least`` v → [v, ∞);
   ``more_than`` v → [v+1, ∞); ``at_most`` v → [0, v]; ``fewer_than`` v →
   [0, v-1]; ``unquantified`` → [2, ∞) (the words used, 'several', 'multiple',
   'a number of', are plural).
4. Claims made on the same day must overlap. For metrics that only grow as reports
   are updated (running counts and casualty tolls: the metric vocabulary's
   ``grows``), a later claim may be higher than an earlier one but not lower than
   what an earlier claim already established; for the others (facilities struck,
   munitions, troops...), all claims in the window must overlap. A window that meets
   this is ``consistent``; ``consensus_low``/``consensus_high`` give the values its
   claims allow on its last day.

So "at least 62" and "62" agree, "62" and "about 70" (63-77) do not, and 10 attacks on
24 Oct followed by "at least 12" on 26 Oct is growth, not disagreement.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .fields import Bool, Date, Int, boolean, code, date, foreign_key, identifier, integer, text
from .vocabularies import AREA, METRIC

GROWS = METRIC.grows

AS_OF_WINDOW_DAYS = 3
APPROXIMATE_TOLERANCE = 0.10
# Claims listed in full per comparison; the rest are counted.
MAX_CLAIMS_LISTED = 25


class FigureComparisons(pa.DataFrameModel):
    """One row per group of figures that measure the same thing at about the same time."""

    comparison_id: Series[str] = text(
        "Readable key of the group: metric/area/period_start/event_id/as_of_from, '-' for "
        "empty. Derived, so it may change when figures are added."
    )
    metric: Series[str] = code(METRIC, "What the grouped figures count.")
    area: Series[str] = code(AREA, "Where the count applies.", nullable=True)
    period_start: Series[Date] = date("Start of the cumulative count.", nullable=True)
    event_id: Series[str] = identifier(
        "EV", "The event the figures are about, if any (events.event_id).", nullable=True
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
        unique = ["comparison_id"]
        metadata = {"foreign_keys": [foreign_key("event_id", "events")]}


def claim_ranges(values: pd.Series, qualifiers: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The [low, high] range of values each claim allows (high NaN = unbounded)."""
    v = values.astype("float64")
    q = qualifiers.astype("str")
    low = pd.Series(np.nan, index=v.index)
    high = pd.Series(np.nan, index=v.index)
    spread = v * APPROXIMATE_TOLERANCE
    rules = {
        "exact": (v, v),
        "approximately": (np.floor(v - spread), np.ceil(v + spread)),
        "at_least": (v, np.nan),
        "more_than": (v + 1, np.nan),
        "at_most": (0, v),
        "fewer_than": (0, v - 1),
        "unquantified": (2, np.nan),
    }
    for qualifier, (lo, hi) in rules.items():
        mask = q == qualifier
        low = low.mask(mask, lo)
        high = high.mask(mask, hi)
    return low, high


_KEY = ["metric", "area", "period_start", "event_id"]


def _windows(figures: pd.DataFrame) -> pd.Series:
    """A window number per figure (rule 2), looping only over distinct (group, date) pairs."""
    keys = figures[_KEY].astype("string").fillna("\x00")
    group = keys.groupby(_KEY, sort=False).ngroup()
    dates = figures["as_of"].astype("datetime64[s]")
    pairs = pd.DataFrame({"group": group, "as_of": dates}).drop_duplicates()
    pairs = pairs.sort_values(["group", "as_of"], na_position="last")
    window, ids = -1, []
    last_group, start = None, None
    for g, day in zip(pairs["group"].to_numpy(), pairs["as_of"].to_numpy(), strict=True):
        new_window = (
            g != last_group or start is None or np.isnat(day) or np.isnat(start)
            or (day - start) > np.timedelta64(AS_OF_WINDOW_DAYS, "D")
        )
        if new_window:
            window, start, last_group = window + 1, day, g
        ids.append(window)
    pairs["window"] = ids
    merged = pd.DataFrame({"group": group, "as_of": dates}).merge(
        pairs, on=["group", "as_of"], how="left")
    return pd.Series(merged["window"].to_numpy(), index=figures.index)


def _claim_texts(figures: pd.DataFrame) -> pd.Series:
    """Each figure as 'SRC-0002: approximately 70 "about 70" (claimant) [excludes: ...]'."""
    qualifier = figures["qualifier"].astype("str").str.replace("_", " ", regex=False)
    value = (" " + figures["value"].astype("string")).fillna("")
    wording = (' "' + figures["wording"].astype("string") + '"').fillna("")
    who = (" (" + figures["claimant"].astype("string") + ")").fillna("")
    excludes = (" [excludes: " + figures["excludes"].astype("string") + "]").fillna("")
    return (figures["source_id"].astype("string") + ": " + qualifier + value + wording + who
            + excludes).astype("str")


def _key_text(values: pd.Series) -> pd.Series:
    if values.dtype.kind == "M" or "date" in str(values.dtype):
        values = values.astype("datetime64[s]").dt.strftime("%Y-%m-%d")
    return values.astype("string").fillna("-")


def compare(figures: pd.DataFrame) -> pd.DataFrame:
    """The figure_comparisons table for a figures table."""
    figures = figures.sort_values("figure_id", kind="stable").reset_index(drop=True)
    low, high = claim_ranges(figures["value"], figures["qualifier"])
    work = figures.assign(
        _window=_windows(figures), _low=low, _high=high.fillna(math.inf),
        _claim=_claim_texts(figures), _value=figures["value"].astype("Float64"),
    )
    work["_rank"] = work.groupby("_window").cumcount()
    grouped = work.groupby("_window", sort=True)
    out = grouped.agg(
        metric=("metric", "first"), area=("area", "first"),
        period_start=("period_start", "first"), event_id=("event_id", "first"),
        as_of_from=("as_of", "min"), as_of_to=("as_of", "max"),
        n_figures=("figure_id", "size"), n_sources=("source_id", "nunique"),
        figure_ids=("figure_id", ";".join),
        value_low=("_value", "min"), value_high=("_value", "max"),
    )
    # Per window and day: what the day's claims allow, and (for growing metrics) the
    # least that all claims up to that day establish.
    days = work.assign(_day=work["as_of"].astype("datetime64[s]")).groupby(
        ["_window", "_day"], sort=True, dropna=False).agg(low=("_low", "max"),
                                                          high=("_high", "min"))
    days = days.reset_index()
    grows = days["_window"].map(out["metric"].astype(str).isin(GROWS))
    days["floor"] = days.groupby("_window")["low"].cummax().where(grows, days["low"])
    window_low = days.groupby("_window")["low"].max()
    window_high = days.groupby("_window")["high"].min()
    days["ok"] = days["floor"] <= days["high"]
    last = days.groupby("_window").tail(1).set_index("_window")
    growing = out["metric"].astype(str).isin(GROWS)
    out["consistent"] = days.groupby("_window")["ok"].all().where(
        growing, window_low <= window_high)
    out["low"] = last["floor"].where(growing, window_low)
    out["high"] = last["high"].where(growing, window_high)
    listed = work[work["_rank"] < MAX_CLAIMS_LISTED].groupby("_window", sort=True)["_claim"]
    more = (out["n_figures"] - MAX_CLAIMS_LISTED).clip(lower=0)
    out["claims"] = listed.agg("; ".join) + np.where(more > 0, "; and " + more.astype(str)
                                                     + " more", "")
    out["consensus_low"] = out["low"].where(out["consistent"])
    out["consensus_high"] = out["high"].where(out["consistent"] & (out["high"] != math.inf))
    out["comparison_id"] = (
        _key_text(out["metric"]) + "/" + _key_text(out["area"]) + "/"
        + _key_text(out["period_start"]) + "/" + _key_text(out["event_id"]) + "/"
        + _key_text(out["as_of_from"])
    )
    columns = list(FigureComparisons.to_schema().columns)
    out = out.reset_index(drop=True)[columns]
    dtypes = dict.fromkeys(("n_figures", "n_sources", "value_low", "value_high",
                            "consensus_low", "consensus_high"), "Int64")
    dtypes.update(dict.fromkeys(("comparison_id", "metric", "area", "event_id", "figure_ids",
                                 "claims"), "str"))
    dtypes["consistent"] = "boolean"
    return out.astype(dtypes).sort_values("comparison_id", kind="stable").reset_index(drop=True)
