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
import pandera.pandas as pa_schema
import pyarrow as pa
import pyarrow.compute as pc
from pandera.typing import Series

from .fields import Bool, Date, Int, boolean, code, date, foreign_key, identifier, integer, text
from .vocabularies import AREA, METRIC

GROWS = METRIC.grows

AS_OF_WINDOW_DAYS = 3
APPROXIMATE_TOLERANCE = 0.10
# Claims listed in full per comparison; the rest are counted.
MAX_CLAIMS_LISTED = 25


class FigureComparisons(pa_schema.DataFrameModel):
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
        primary_key = {"columns": ["comparison_id"]}
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


def _windows(figures: pd.DataFrame) -> np.ndarray:
    """A window number per figure (rule 2).

    Vectorised in rounds: each round opens, in every group with figures left, a window
    at the earliest remaining date and closes it AS_OF_WINDOW_DAYS later. Most groups
    are done after a round or two, and each round works only on what is left.
    """
    group = np.zeros(len(figures), dtype=np.int64)
    for column in _KEY:  # one integer per distinct key, from each column's codes
        codes, uniques = pd.factorize(figures[column], use_na_sentinel=False)
        group = group * (len(uniques) + 1) + codes
    group = pd.factorize(group)[0]
    days = _days(figures["as_of"])
    # Figures without a date form one window per group, after the dated ones.
    day = np.where(np.isnan(days), np.iinfo(np.int64).max // 2, days).astype(np.int64)
    order = np.lexsort((day, group))
    g, d = group[order], day[order]
    window = np.empty(len(order), dtype=np.int64)
    left = np.arange(len(order))
    opened = 0
    while len(left):
        lg, ld = g[left], d[left]
        first = np.r_[True, lg[1:] != lg[:-1]]  # the earliest remaining figure per group
        anchor_of = np.repeat(ld[first], np.diff(np.r_[np.flatnonzero(first), len(left)]))
        undated = anchor_of >= np.iinfo(np.int64).max // 2
        inside = (ld - anchor_of <= AS_OF_WINDOW_DAYS) | undated
        numbers = opened + np.cumsum(first) - 1
        window[left[inside]] = numbers[inside]
        opened += int(first.sum())
        left = left[~inside]
    out = np.empty(len(order), dtype=np.int64)
    out[order] = window
    return out


def _days(dates: pd.Series) -> np.ndarray:
    """Days since 1970 of a date column (NaN where empty), without building datetimes."""
    days = pa.array(dates, from_pandas=True).cast(pa.date32()).cast(pa.int32())
    return days.to_numpy(zero_copy_only=False).astype("float64")


_STR = {pa.string(): pd.StringDtype(storage="pyarrow", na_value=np.nan),
        pa.large_string(): pd.StringDtype(storage="pyarrow", na_value=np.nan)}.get


def _claim_texts(figures: pd.DataFrame) -> pa.Array:
    """Each figure as 'SRC-0002: approximately 70 "about 70" (claimant) [excludes: ...]'."""
    def text(column: str) -> pa.Array:
        return pa.array(figures[column], from_pandas=True).cast(pa.string())

    def wrapped(column: str, before: str, after: str) -> pa.Array:
        return pc.fill_null(pc.binary_join_element_wise(before, text(column), after, ""), "")

    qualifier = pc.replace_substring(text("qualifier"), "_", " ")
    value = pc.fill_null(pc.binary_join_element_wise(
        " ", pa.array(figures["value"], from_pandas=True).cast(pa.string()), ""), "")
    return pc.binary_join_element_wise(
        text("source_id"), ": ", qualifier, value, wrapped("wording", ' "', '"'),
        wrapped("claimant", " (", ")"), wrapped("excludes", " [excludes: ", "]"), "")


def _key_text(values: pd.Series) -> pa.Array:
    """A key column as text for comparison_id: dates as YYYY-MM-DD, '-' for empty."""
    array = pa.array(values, from_pandas=True)
    if pa.types.is_date(array.type):
        array = pc.strftime(array.cast(pa.timestamp("s")), format="%Y-%m-%d")
    return pc.fill_null(array.cast(pa.string()), "-")


def compare(figures: pd.DataFrame) -> pd.DataFrame:
    """The figure_comparisons table for a figures table."""
    figures = figures.sort_values("figure_id", kind="stable").reset_index(drop=True)
    low, high = claim_ranges(figures["value"], figures["qualifier"])
    window = _windows(figures)
    # Per window: its key, dates and counts, and its figures and claims joined in id
    # order. Rows sorted by window make each window a contiguous run, so the lists are
    # built from offsets (no hashing).
    order = np.argsort(window, kind="stable")  # figures are in id order already
    runs = np.flatnonzero(np.r_[True, window[order][1:] != window[order][:-1]])
    offsets = pa.array(np.r_[runs, len(order)].astype(np.int32))
    take = pa.array(order)

    def joined(values: pa.Array, separator: str, limit: int | None = None) -> pa.Array:
        items = values.take(take)
        if isinstance(items, pa.ChunkedArray):  # columns read from CSV come in blocks
            items = items.combine_chunks()
        lists = pa.ListArray.from_arrays(offsets, items)
        if limit is not None:
            lists = pc.list_slice(lists, 0, limit)
        return pc.binary_join(lists, separator)

    per = pd.DataFrame({"window": window, "value": figures["value"].astype("Float64"),
                        "day": _days(figures["as_of"]),
                        "source": pd.factorize(figures["source_id"])[0]}).groupby("window")
    first = figures.index.to_numpy()[order[runs]]
    out = figures.loc[first, _KEY].reset_index(drop=True)
    dates = per["day"].agg(["min", "max"])
    for column, days in (("as_of_from", dates["min"]), ("as_of_to", dates["max"])):
        out[column] = pd.Series(pd.arrays.ArrowExtensionArray(
            pa.array(days.to_numpy(), from_pandas=True).cast(pa.int32()).cast(pa.date32())))
    out["n_figures"] = np.diff(np.r_[runs, len(order)])
    out["n_sources"] = per["source"].nunique().to_numpy()
    out["figure_ids"] = joined(pa.array(figures["figure_id"], from_pandas=True).cast(
        pa.string()), ";").to_pandas(types_mapper=_STR)
    claims = joined(_claim_texts(figures), "; ", MAX_CLAIMS_LISTED)
    more = pa.array(out["n_figures"].to_numpy() - MAX_CLAIMS_LISTED)
    tail = pc.if_else(pc.greater(more, 0), pc.binary_join_element_wise(
        "; and ", more.cast(pa.string()), " more", ""), "")
    out["claims"] = pc.binary_join_element_wise(claims, tail, "").to_pandas(types_mapper=_STR)
    values = per["value"].agg(["min", "max"])
    out["value_low"] = values["min"].to_numpy()
    out["value_high"] = values["max"].to_numpy()
    # Per window and day: what the day's claims allow, and (for growing metrics) the
    # least that all claims up to that day establish (rule 4).
    days = pd.DataFrame({"window": window, "day": _days(figures["as_of"]),
                         "low": low.to_numpy(), "high": high.fillna(math.inf).to_numpy()})
    days = days.groupby(["window", "day"], sort=True, dropna=False).agg(
        low=("low", "max"), high=("high", "min")).reset_index()
    growing = out["metric"].astype(str).isin(GROWS)
    grows = growing.to_numpy()[days["window"].to_numpy()]
    days["floor"] = days.groupby("window")["low"].cummax().where(grows, days["low"])
    days["ok"] = days["floor"] <= days["high"]
    per_window = days.groupby("window")
    last = per_window.tail(1).set_index("window")
    window_low, window_high = per_window["low"].max(), per_window["high"].min()
    consistent = per_window["ok"].all().where(growing, window_low <= window_high)
    lowest = last["floor"].where(growing, window_low)
    highest = last["high"].where(growing, window_high)
    out["consistent"] = consistent.to_numpy()
    out["consensus_low"] = lowest.where(consistent).to_numpy()
    out["consensus_high"] = highest.where(consistent & (highest != math.inf)).to_numpy()
    out["comparison_id"] = pc.binary_join_element_wise(
        *(_key_text(out[c]) for c in (*_KEY, "as_of_from")), "/").to_pandas(types_mapper=_STR)
    columns = list(FigureComparisons.to_schema().columns)
    dtypes = dict.fromkeys(("n_figures", "n_sources", "value_low", "value_high",
                            "consensus_low", "consensus_high"), "Int64")
    dtypes.update(dict.fromkeys(("comparison_id", "metric", "area", "event_id", "figure_ids",
                                 "claims"), "str"))
    dtypes["consistent"] = "boolean"
    out = out[columns].astype(dtypes)
    return out.sort_values("comparison_id", kind="stable").reset_index(drop=True)
