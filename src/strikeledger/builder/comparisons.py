"""figure_comparisons: a derived view of figures that measure the same thing.

Not curated: the build computes it from ``figures`` (its columns are declared in
``schemas/figure_comparisons.py``). The rule, in full:

1. Figures are grouped when they have the same ``metric``, ``victim_group``,
   ``area``, ``event_id`` and ``operation_id`` (an empty value matches only empty),
   and ``period_start`` dates no
   more than ``PERIOD_START_TOLERANCE_DAYS`` after the earliest in the group (counts
   "since 17 October" and "since 18 October" compare; the group shows the earliest
   start, and a claim counted from another day says so).
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
import pyarrow as pa
import pyarrow.compute as pc

from .. import metadata
from ..release_format import arrow_to_pandas, types
from ..schemas.vocabularies import METRIC

GROWS = METRIC.grows

AS_OF_WINDOW_DAYS = 3
PERIOD_START_TOLERANCE_DAYS = 3
APPROXIMATE_TOLERANCE = 0.10
# Claims listed in full per comparison; the rest are counted.
MAX_CLAIMS_LISTED = 25


def claim_ranges(values: pd.Series, qualifiers: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The [low, high] range of values each claim allows (high NaN = unbounded)."""
    v = values.astype("float64").to_numpy(na_value=np.nan)
    codes, names = pd.factorize(qualifiers)
    spread = v * APPROXIMATE_TOLERANCE
    inf = np.full(len(v), np.nan)
    rules = {
        "exact": (v, v),
        "approximately": (np.floor(v - spread), np.ceil(v + spread)),
        "at_least": (v, inf),
        "more_than": (v + 1, inf),
        "at_most": (np.zeros(len(v)), v),
        "fewer_than": (np.zeros(len(v)), v - 1),
        "unquantified": (np.full(len(v), 2.0), inf),
    }
    masks = [codes == (list(names).index(q) if q in set(names) else -2) for q in rules]
    low = np.select(masks, [lo for lo, _ in rules.values()], np.nan)
    high = np.select(masks, [hi for _, hi in rules.values()], np.nan)
    return pd.Series(low, index=values.index), pd.Series(high, index=values.index)


_KEY = ["metric", "victim_group", "area", "period_start", "event_id", "operation_id"]


def _windows(figures: pd.DataFrame, period_anchor: np.ndarray) -> np.ndarray:
    """A window number per figure (rule 2), grouping on ``period_anchor`` (rule 1) in
    place of ``period_start``.

    Vectorised in rounds: each round opens, in every group with figures left, a window
    at the earliest remaining date and closes it AS_OF_WINDOW_DAYS later. Most groups
    are done after a round or two, and each round works only on what is left.
    """
    group = np.zeros(len(figures), dtype=np.int64)
    for column in _KEY:  # one integer per distinct key, from each column's codes
        values = period_anchor if column == "period_start" else figures[column]
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
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


def _period_anchor(starts: pd.Series) -> np.ndarray:
    """Each period start replaced by the earliest start of its cluster (rule 1): sorted,
    a cluster opens at a start and takes every start up to PERIOD_START_TOLERANCE_DAYS
    later. Empty stays empty (NaN)."""
    days = _days(starts)
    distinct = np.unique(days[~np.isnan(days)])
    anchors = distinct.copy()
    for i in range(1, len(distinct)):  # a few hundred distinct starts at most
        gap = distinct[i] - anchors[i - 1]
        anchors[i] = anchors[i - 1] if gap <= PERIOD_START_TOLERANCE_DAYS else distinct[i]
    out = np.full(len(days), np.nan)
    dated = ~np.isnan(days)
    out[dated] = anchors[np.searchsorted(distinct, days[dated])]
    return out


def _days(dates: pd.Series) -> np.ndarray:
    """Days since 1970 of a date column (NaN where empty), without building datetimes."""
    days = pa.array(dates, from_pandas=True).cast(pa.date32()).cast(pa.int32())
    return days.to_numpy(zero_copy_only=False).astype("float64")


_STR = arrow_to_pandas()


def _as_dates(days: np.ndarray) -> pd.Series:
    """Days since 1970 (NaN for none) as a date column."""
    return pd.Series(pd.arrays.ArrowExtensionArray(
        pa.array(days, from_pandas=True).cast(pa.int32()).cast(pa.date32())))


def _claim_texts(figures: pd.DataFrame, counted_from: pd.Series) -> pa.Array:
    """Each figure as 'SRC-0002: approximately 70 "about 70" (claimant) [since ...]
    [excludes: ...]', "since" only for a count starting on another day than its group's."""
    def text(column: str) -> pa.Array:
        return pa.array(figures[column], from_pandas=True).cast(pa.string())

    def wrapped(column: str, before: str, after: str) -> pa.Array:
        return pc.fill_null(pc.binary_join_element_wise(before, text(column), after, ""), "")

    qualifier = pc.replace_substring(text("qualifier"), "_", " ")
    value = pc.fill_null(pc.binary_join_element_wise(
        " ", pa.array(figures["value"], from_pandas=True).cast(pa.string()), ""), "")
    since = pc.fill_null(pc.binary_join_element_wise(
        " [since ", pa.array(counted_from, from_pandas=True).cast(pa.string()), "]", ""), "")
    return pc.binary_join_element_wise(
        text("source_id"), ": ", qualifier, value, wrapped("wording", ' "', '"'),
        wrapped("claimant", " (", ")"), since, wrapped("excludes", " [excludes: ", "]"), "")


def _key_text(values: pd.Series) -> pa.Array:
    """A key column as text for comparison_id: dates as YYYY-MM-DD, '-' for empty."""
    array = pa.array(values, from_pandas=True)  # a date casts to YYYY-MM-DD
    return pc.fill_null(array.cast(pa.string()), "-")


def _take(frame: pd.DataFrame, order: np.ndarray) -> pd.DataFrame:
    """Rows of ``frame`` in ``order``, taken column by column in Arrow (one copy per
    column), keeping each column's pandas dtype."""
    indices = pa.array(order)
    columns = {}
    for name in frame.columns:
        taken = pa.array(frame[name], from_pandas=True).take(indices)
        dtype = frame[name].dtype
        columns[name] = pd.Series(taken.to_pandas(types_mapper={taken.type: dtype}.get)
                                  if isinstance(dtype, pd.api.extensions.ExtensionDtype)
                                  else taken.to_numpy(zero_copy_only=False))
    return pd.DataFrame(columns)


def _runs(sorted_keys: np.ndarray) -> np.ndarray:
    """Start positions of the runs of equal values in a sorted array."""
    return np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])


def compare(figures: pd.DataFrame) -> pd.DataFrame:
    """The figure_comparisons table for a figures table.

    Figures are put in window order once; every window is then a contiguous run, and
    its lists, counts, bounds and checks are computed over runs (no hashing, no Python
    loop over windows).
    """
    needed = [*_KEY, "figure_id", "source_id", "value", "qualifier", "as_of", "wording",
              "claimant", "excludes"]
    figures = figures[needed].reset_index(drop=True)
    anchor = _period_anchor(figures["period_start"])
    window = _windows(figures, anchor)
    # One take: windows in turn, and within a window its figures in id order.
    by_id = pc.sort_indices(pa.array(figures["figure_id"], from_pandas=True)).to_numpy()
    order = by_id[np.argsort(window[by_id], kind="stable")]
    del by_id
    window, anchor = window[order], anchor[order]
    starts = _runs(window)
    # The key columns are needed only once per window; the rest for every figure.
    out = _take(figures[_KEY], order[starts])
    ordered = _take(figures[[c for c in needed if c not in _KEY or c == "period_start"]], order)
    del figures
    # A group shows its earliest period start; a claim counted from another says so.
    out["period_start"] = _as_dates(anchor[starts])
    counted_from = ordered["period_start"].where(~(_days(ordered["period_start"]) == anchor))
    ends = np.r_[starts[1:], len(order)]
    offsets = pa.array(np.r_[starts, len(order)].astype(np.int32))

    def joined(values: pa.Array, separator: str, limit: int | None = None) -> pa.Array:
        if isinstance(values, pa.ChunkedArray):  # columns read from CSV come in blocks
            values = values.combine_chunks()
        lists = pa.ListArray.from_arrays(offsets, values)
        if limit is not None and int((ends - starts).max()) > limit:
            lists = pc.list_slice(lists, 0, limit)
        return pc.binary_join(lists, separator)

    days = _days(ordered["as_of"])
    for column, reduce in (("as_of_from", np.fmin), ("as_of_to", np.fmax)):
        out[column] = _as_dates(reduce.reduceat(days, starts))
    out["n_figures"] = ends - starts
    # Distinct sources per window: count the first of each (window, source) pair.
    source = pd.factorize(ordered["source_id"])[0]
    pairs = np.lexsort((source, window))
    firsts = np.r_[True, (window[pairs][1:] != window[pairs][:-1])
                   | (source[pairs][1:] != source[pairs][:-1])]
    out["n_sources"] = np.add.reduceat(firsts, starts)
    out["figure_ids"] = joined(pa.array(ordered["figure_id"], from_pandas=True).cast(
        pa.string()), ";").to_pandas(types_mapper=_STR)
    claims = joined(_claim_texts(ordered, counted_from), "; ", MAX_CLAIMS_LISTED)
    more = pa.array(out["n_figures"].to_numpy() - MAX_CLAIMS_LISTED)
    tail = pc.if_else(pc.greater(more, 0), pc.binary_join_element_wise(
        "; and ", more.cast(pa.string()), " more", ""), "")
    out["claims"] = pc.binary_join_element_wise(claims, tail, "").to_pandas(types_mapper=_STR)
    values = ordered["value"].astype("float64").to_numpy(na_value=np.nan)
    out["value_low"] = np.fmin.reduceat(values, starts)
    out["value_high"] = np.fmax.reduceat(values, starts)
    low, high = claim_ranges(ordered["value"], ordered["qualifier"])
    del ordered, values  # the rest works on numbers

    # Rule 4, per window and day: what the day's claims allow, and (for growing metrics)
    # the least that all claims up to that day establish.
    low, high = low.to_numpy(), high.fillna(math.inf).to_numpy()
    by_day = np.lexsort((np.nan_to_num(days, nan=np.inf), window))
    w, d = window[by_day], np.nan_to_num(days[by_day], nan=np.inf)
    day_starts = np.flatnonzero(np.r_[True, (w[1:] != w[:-1]) | (d[1:] != d[:-1])])
    day_low = np.fmax.reduceat(low[by_day], day_starts)
    day_high = np.fmin.reduceat(high[by_day], day_starts)
    day_window = w[day_starts]
    growing = out["metric"].astype(str).isin(GROWS).to_numpy()
    floor = pd.Series(day_low).groupby(day_window).cummax().to_numpy()
    floor = np.where(growing[day_window], floor, day_low)
    window_day_starts = _runs(day_window)
    ok = np.logical_and.reduceat(floor <= day_high, window_day_starts)
    window_low = np.fmax.reduceat(day_low, window_day_starts)
    window_high = np.fmin.reduceat(day_high, window_day_starts)
    last = np.r_[window_day_starts[1:], len(day_window)] - 1
    consistent = np.where(growing, ok, window_low <= window_high)
    lowest = np.where(growing, floor[last], window_low)
    highest = np.where(growing, day_high[last], window_high)
    out["consistent"] = consistent
    out["consensus_low"] = np.where(consistent, lowest, np.nan)
    out["consensus_high"] = np.where(consistent & (highest != math.inf), highest, np.nan)

    out["comparison_id"] = pc.binary_join_element_wise(
        *(_key_text(out[c]) for c in (*_KEY, "as_of_from")), "/").to_pandas(types_mapper=_STR)
    columns = metadata.columns("figure_comparisons")
    # Dates stay as computed (Arrow date32, as validation reads them); the rest take the
    # type table's dtypes.
    dtypes = {c.name: types()[c.kind].pandas for c in columns if c.kind != "date"}
    out = out[[c.name for c in columns]].astype(dtypes)
    return out.sort_values("comparison_id", kind="stable").reset_index(drop=True)


def figure_comparisons(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The derived table of a release, from its curated tables."""
    return compare(tables["figures"])
