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
from ..release_format import arrow_to_pandas
from ..schemas.vocabularies import METRIC

GROWS = METRIC.grows

AS_OF_WINDOW_DAYS = 3
PERIOD_START_TOLERANCE_DAYS = 3
APPROXIMATE_TOLERANCE = 0.10
# Claims listed in full per comparison; the rest are counted.
MAX_CLAIMS_LISTED = 25


def claim_ranges(values: pd.Series, qualifiers: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The [low, high] range of values each claim allows (high NaN = unbounded)."""
    low, high = _ranges(values.astype("float64").to_numpy(na_value=np.nan),
                        pa.array(qualifiers, from_pandas=True))
    return pd.Series(low, index=values.index), pd.Series(high, index=values.index)


def _ranges(v: np.ndarray, qualifiers: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray,
                                                                            np.ndarray]:
    encoded = pc.dictionary_encode(qualifiers, null_encoding="encode")
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    names = encoded.dictionary.to_pylist()
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
    masks = [codes == (names.index(q) if q in names else -2) for q in rules]
    low = np.select(masks, [lo for lo, _ in rules.values()], np.nan)
    high = np.select(masks, [hi for _, hi in rules.values()], np.nan)
    return low, high


_KEY = ["metric", "victim_group", "area", "period_start", "event_id", "operation_id"]
# The day of an undated figure: after every date, so that it closes its group.
_UNDATED = np.iinfo(np.int64).max // 2


def _arrow(values: pd.Series, *, contiguous: bool = True) -> pa.Array | pa.ChunkedArray:
    """A column's Arrow data (no copy for the Arrow-backed columns read from CSV, which come
    in one chunk per block), in one chunk if ``contiguous`` (a copy: for the short ids and
    codes only)."""
    array = pa.array(values, from_pandas=True)
    if contiguous and isinstance(array, pa.ChunkedArray):
        return array.combine_chunks()
    return array


def _codes(values: pa.Array) -> tuple[np.ndarray, int]:
    """An integer per distinct value (empty is a value of its own), and how many there are."""
    encoded = pc.dictionary_encode(values, null_encoding="encode")
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), len(
        encoded.dictionary)


def _groups(columns: dict[str, pa.Array], period_anchor: np.ndarray) -> np.ndarray:
    """A group number per figure (rule 1), grouping on ``period_anchor`` in place of
    ``period_start``: one integer per distinct key, from each column's codes."""
    group = np.zeros(len(period_anchor), dtype=np.int64)
    span = 1
    for column in _KEY:
        if column == "period_start":
            codes, uniques = pd.factorize(period_anchor, use_na_sentinel=False)
            count = len(uniques)
        else:
            codes, count = _codes(columns[column])
        if span * (count + 1) >= 2**62:  # renumber before the product could overflow
            group, uniques = pd.factorize(group)
            span = len(uniques)
        group = group * (count + 1) + codes
        span *= count + 1
    return group


def _windows(group: np.ndarray, day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A window number per figure (rule 2), and the figures in (group, day) order, along
    which every window is a run and the numbers rise.

    Vectorised in rounds: each round opens, in every group with figures left, a window
    at the earliest remaining date and closes it AS_OF_WINDOW_DAYS later. Most groups
    are done after a round or two, and each round works only on what is left.
    """
    # One integer key (group, then day; an undated figure after the dated ones) and one
    # sort: the order among figures of the same group and day does not matter.
    dated = day < _UNDATED
    first_day = int(day[dated].min()) if dated.any() else 0
    span = int(day[dated].max()) - first_day + 2 if dated.any() else 1
    if int(group.max(initial=0)) < np.iinfo(np.int64).max // span - 1:
        order = np.argsort(group * span + np.where(dated, day - first_day, span - 1))
    else:
        order = np.lexsort((day, group))
    g, d = group[order], day[order]
    opened_in = np.empty(len(order), dtype=np.int64)  # numbered round by round
    left = np.arange(len(order))
    opened = 0
    while len(left):
        lg, ld = g[left], d[left]
        first = np.r_[True, lg[1:] != lg[:-1]]  # the earliest remaining figure per group
        anchor_of = np.repeat(ld[first], np.diff(np.r_[np.flatnonzero(first), len(left)]))
        inside = (ld - anchor_of <= AS_OF_WINDOW_DAYS) | (anchor_of >= _UNDATED)
        numbers = opened + np.cumsum(first) - 1
        opened_in[left[inside]] = numbers[inside]
        opened += int(first.sum())
        left = left[~inside]
    # Each window is a run in (group, day) order: number the runs in that order.
    sorted_window = np.cumsum(np.r_[True, opened_in[1:] != opened_in[:-1]]) - 1
    window = np.empty(len(order), dtype=np.int64)
    window[order] = sorted_window
    return window, order


def _period_anchor(starts: pa.Array) -> np.ndarray:
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


def _days(dates: pa.Array | pd.Series) -> np.ndarray:
    """Days since 1970 of a date column (NaN where empty), without building datetimes."""
    array = dates if isinstance(dates, pa.Array) else _arrow(dates)
    days = array.cast(pa.date32()).cast(pa.int32())
    return days.to_numpy(zero_copy_only=False).astype("float64")


def _as_dates(days: np.ndarray) -> pa.Array:
    """Days since 1970 (NaN for none) as dates."""
    return pa.array(days, from_pandas=True).cast(pa.int32()).cast(pa.date32())


_TEXT = pa.large_string()  # the reader's string type: text is joined without a copy to cast it


def _t(text: str) -> pa.Scalar:
    return pa.scalar(text, _TEXT)


def _claim_texts(columns: dict[str, pa.Array], counted_from: pa.Array) -> pa.Array:
    """Each figure as 'SRC-0002: approximately 70 "about 70" (claimant) [since ...]
    [excludes: ...]', "since" only for a count starting on another day than its group's.

    A wrapped part is null where its column is empty, and the last join writes nulls as
    nothing (no pass to fill them in)."""
    def text(column: str) -> pa.Array:
        values = columns[column]
        return values if values.type == _TEXT else values.cast(_TEXT)

    def wrapped(values: pa.Array, before: str, after: str) -> pa.Array:
        return pc.binary_join_element_wise(_t(before), values, _t(after), _t(""))

    # A handful of qualifiers: each written once, then looked up.
    encoded = pc.dictionary_encode(text("qualifier"))
    qualifier = pc.replace_substring(encoded.dictionary, "_", " ").take(encoded.indices)
    return pc.binary_join_element_wise(
        text("source_id"), _t(": "), qualifier, wrapped(text("value"), " ", ""),
        wrapped(text("wording"), ' "', '"'), wrapped(text("claimant"), " (", ")"),
        wrapped(counted_from.cast(_TEXT), " [since ", "]"),
        wrapped(text("excludes"), " [excludes: ", "]"), _t(""),
        null_handling="replace", null_replacement="")


def _runs(sorted_keys: np.ndarray) -> np.ndarray:
    """Start positions of the runs of equal values in a sorted array."""
    return np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])


def _in_text_order(values: pa.Array) -> np.ndarray:
    """Positions of ``values`` in text order (none moved when they are in order already,
    as the canonical CSV's ids are)."""
    if len(values) < 2 or pc.all(pc.less_equal(values[:-1], values[1:])).as_py():
        return np.arange(len(values))
    return pc.sort_indices(values).to_numpy()


def compare(figures: pd.DataFrame) -> pd.DataFrame:
    """The figure_comparisons table for a figures table.

    Computed on the figures' Arrow columns (no pandas copy of them). Figures are put in
    window order once; every window is then a contiguous run, and its lists, counts,
    bounds and checks are computed over runs (no hashing per window, no Python loop
    over windows). Rule 4 reads the days of each window in the (group, day) order that
    assigned the windows, so it needs no second sort.
    """
    needed = [*_KEY, "figure_id", "source_id", "value", "qualifier", "as_of", "wording",
              "claimant", "excludes"]
    text = ("wording", "claimant", "excludes")  # long: used where they lie, in blocks
    columns = {name: _arrow(figures[name], contiguous=name not in text) for name in needed}
    anchor = _period_anchor(columns["period_start"])
    days = _days(columns["as_of"])
    day = np.where(np.isnan(days), _UNDATED, days).astype(np.int64)
    window, by_day = _windows(_groups(columns, anchor), day)
    # Windows renumbered in the order of their comparison_id, so that every column comes
    # out in the table's row order and the table is not sorted (nor its long texts
    # moved) at the end. Each window is a run along by_day, and its first figure there
    # has its key and its earliest day.
    firsts_by_day = by_day[_runs(window[by_day])]
    key_of = pa.array(firsts_by_day)
    ids = _comparison_ids({c: columns[c].take(key_of) for c in _KEY if c != "period_start"},
                          _as_dates(anchor[firsts_by_day]), _as_dates(days[firsts_by_day]))
    rank = pc.sort_indices(ids).to_numpy()
    renumbered = np.empty(len(rank), dtype=np.int64)
    renumbered[rank] = np.arange(len(rank))
    window = renumbered[window]
    # One order: windows in turn, and within a window its figures in id order.
    by_id = _in_text_order(columns["figure_id"])
    order = by_id[np.argsort(window[by_id], kind="stable")]
    starts = _runs(window[order])
    ends = np.r_[starts[1:], len(order)]
    n_windows = len(starts)
    first = pa.array(order[starts])
    out: dict[str, pa.Array] = {c: columns[c].take(first) for c in _KEY if c != "period_start"}
    # A group shows its earliest period start; a claim counted from another says so.
    out["period_start"] = _as_dates(anchor[order[starts]])
    start_days = _days(columns["period_start"])
    counted_from = pc.if_else(pa.array(start_days == anchor), pa.nulls(len(anchor), pa.date32()),
                              columns["period_start"].cast(pa.date32()))
    offsets = pa.array(np.r_[starts, len(order)].astype(np.int32))
    taken = pa.array(order)

    def joined(values: pa.Array | pa.ChunkedArray, separator: str,
               limit: int | None = None) -> pa.Array:
        ordered = values.take(taken)
        if isinstance(ordered, pa.ChunkedArray):
            ordered = ordered.combine_chunks()
        lists = pa.ListArray.from_arrays(offsets, ordered)
        del ordered
        if limit is not None and int((ends - starts).max()) > limit:
            lists = pc.list_slice(lists, 0, limit)
        return pc.binary_join(lists, _t(separator))

    ordered_days = days[order]
    out["as_of_from"] = _as_dates(np.fmin.reduceat(ordered_days, starts))
    out["as_of_to"] = _as_dates(np.fmax.reduceat(ordered_days, starts))
    n_figures = ends - starts
    out["n_figures"] = pa.array(n_figures)
    # Distinct sources per window: each (window, source) pair counted once.
    source, n_source_ids = _codes(columns["source_id"])
    pairs = np.unique(window * n_source_ids + source)
    out["n_sources"] = pa.array(np.bincount(pairs // n_source_ids, minlength=n_windows))
    out["figure_ids"] = joined(columns["figure_id"], ";")
    claims = joined(_claim_texts(columns, counted_from), "; ", MAX_CLAIMS_LISTED)
    more = pa.array(n_figures - MAX_CLAIMS_LISTED)
    tail = pc.if_else(pc.greater(more, 0), pc.binary_join_element_wise(
        _t("; and "), more.cast(_TEXT), _t(" more"), _t("")), _t(""))
    out["claims"] = pc.binary_join_element_wise(claims, tail, _t(""))
    values = columns["value"].to_numpy(zero_copy_only=False).astype("float64")
    ordered_values = values[order]
    out["value_low"] = pa.array(np.fmin.reduceat(ordered_values, starts), from_pandas=True)
    out["value_high"] = pa.array(np.fmax.reduceat(ordered_values, starts), from_pandas=True)
    low, high = _ranges(values, columns["qualifier"])
    del ordered_values, ordered_days, counted_from

    # Rule 4, per window and day: what the day's claims allow, and (for growing metrics)
    # the least that all claims up to that day establish. The (group, day) order lists
    # each window's figures by day.
    low, high = low[by_day], np.nan_to_num(high, nan=math.inf)[by_day]
    w, d = window[by_day], day[by_day]
    day_starts = np.flatnonzero(np.r_[True, (w[1:] != w[:-1]) | (d[1:] != d[:-1])])
    day_low = np.fmax.reduceat(low, day_starts)
    day_high = np.fmin.reduceat(high, day_starts)
    day_window = w[day_starts]
    growing = pc.is_in(out["metric"], value_set=pa.array(sorted(GROWS))).to_numpy(
        zero_copy_only=False)
    floor = pd.Series(day_low).groupby(day_window).cummax().to_numpy()
    floor = np.where(growing[day_window], floor, day_low)
    # Per window (the runs along by_day hold the windows in another order than theirs).
    window_day_starts = _runs(day_window)
    run_of = np.empty(n_windows, dtype=np.int64)
    run_of[day_window[window_day_starts]] = np.arange(len(window_day_starts))
    ok = np.logical_and.reduceat(floor <= day_high, window_day_starts)[run_of]
    window_low = np.fmax.reduceat(day_low, window_day_starts)[run_of]
    window_high = np.fmin.reduceat(day_high, window_day_starts)[run_of]
    last = (np.r_[window_day_starts[1:], len(day_window)] - 1)[run_of]
    consistent = np.where(growing, ok, window_low <= window_high)
    lowest = np.where(growing, floor[last], window_low)
    highest = np.where(growing, day_high[last], window_high)
    out["consistent"] = pa.array(consistent)
    out["consensus_low"] = pa.array(np.where(consistent, lowest, np.nan), from_pandas=True)
    out["consensus_high"] = pa.array(
        np.where(consistent & (highest != math.inf), highest, np.nan), from_pandas=True)

    out["comparison_id"] = ids.take(pa.array(rank))
    # Rows in comparison_id order already; dates stay Arrow dates (as validation reads
    # them), the rest take the type table's dtypes.
    schema = metadata.arrow_schema("figure_comparisons")
    table = pa.table({f.name: out[f.name].cast(f.type) for f in schema}, schema=schema)
    return table.to_pandas(types_mapper=_PANDAS_TYPES)


def _comparison_ids(key: dict[str, pa.Array], period_start: pa.Array,
                    as_of_from: pa.Array) -> pa.Array:
    """Each window's key columns and first day as text (dates as YYYY-MM-DD), '-' for
    empty, joined by '/'."""
    parts = {**key, "period_start": period_start, "as_of_from": as_of_from}
    return pc.binary_join_element_wise(
        *(parts[c].cast(_TEXT) for c in (*_KEY, "as_of_from")), _t("/"),
        null_handling="replace", null_replacement="-")


_PANDAS_TYPES = arrow_to_pandas({pa.date32(): pd.ArrowDtype(pa.date32())})


def figure_comparisons(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The derived table of a release, from its curated tables."""
    return compare(tables["figures"])
