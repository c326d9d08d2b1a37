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
from functools import partial
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import metadata
from ..coding import Coded, code_column, one_width_cells, table_codes
from ..parallel import calls
from ..release_format import arrow_to_pandas
from ..schemas.vocabularies import METRIC
from .dates import dates_of, day_numbers

GROWS = METRIC.grows

AS_OF_WINDOW_DAYS = 3
PERIOD_START_TOLERANCE_DAYS = 3
APPROXIMATE_TOLERANCE = 0.10
# Claims listed in full per comparison; the rest are counted.
MAX_CLAIMS_LISTED = 25


def claim_ranges(values: pd.Series, qualifiers: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The [low, high] range of values each claim allows (high NaN = unbounded)."""
    low, high = _ranges(values.astype("float64").to_numpy(na_value=np.nan),
                        code_column(pa.array(qualifiers, from_pandas=True)))
    return pd.Series(low, index=values.index), pd.Series(high, index=values.index)


def _ranges(v: np.ndarray, qualifiers: Coded) -> tuple[np.ndarray, np.ndarray]:
    low, high = np.full(len(v), np.nan), np.full(len(v), np.nan)
    # Each qualifier's rows at once (a handful of qualifiers; no pass over rows of others).
    for code, qualifier in enumerate(qualifiers.values.to_pylist()):
        rows = np.flatnonzero(qualifiers.codes == code)
        x = v[rows]
        if qualifier == "exact":
            low[rows], high[rows] = x, x
        elif qualifier == "approximately":
            spread = x * APPROXIMATE_TOLERANCE
            low[rows], high[rows] = np.floor(x - spread), np.ceil(x + spread)
        elif qualifier == "at_least":
            low[rows] = x
        elif qualifier == "more_than":
            low[rows] = x + 1
        elif qualifier == "at_most":
            low[rows], high[rows] = 0.0, x
        elif qualifier == "fewer_than":
            low[rows], high[rows] = 0.0, x - 1
        elif qualifier == "unquantified":
            low[rows] = 2.0
    return low, high


_KEY = ["metric", "victim_group", "area", "period_start", "event_id", "operation_id"]
# The day of an undated figure: after every date, so that it closes its group.
_UNDATED = np.iinfo(np.int64).max // 2


def _arrow(values: pd.Series | pa.Array | pa.ChunkedArray, *, contiguous: bool = True
           ) -> pa.Array | pa.ChunkedArray:
    """A column's Arrow data (no copy for the Arrow-backed columns read from CSV, which come
    in one chunk per block), in one chunk if ``contiguous`` (a copy: for the ids only)."""
    array = values if isinstance(values, pa.Array | pa.ChunkedArray) else \
        pa.array(values, from_pandas=True)
    if contiguous and isinstance(array, pa.ChunkedArray):
        return array.combine_chunks()
    return array


def _stable_order(keys: np.ndarray) -> np.ndarray:
    """``np.argsort(keys, kind="stable")`` for integer keys, by sorting each key with its
    position packed into one integer where both fit (NumPy sorts integers many times
    faster than it sorts their positions)."""
    n = len(keys)
    if n == 0:
        return np.arange(0)
    low = int(keys.min())
    bits = max(int(n - 1).bit_length(), 1)
    if (int(keys.max()) - low) >= 2 ** (63 - bits):
        return np.argsort(keys, kind="stable")
    packed = ((keys - low) << bits) | np.arange(n)
    packed.sort()
    return packed & ((1 << bits) - 1)


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct integers, sorted (NumPy's own ``unique`` hashes, which is slow for
    millions of distinct values)."""
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def _groups(coded: dict[str, Coded], period_anchor: np.ndarray) -> np.ndarray:
    """A group number per figure (rule 1), grouping on ``period_anchor`` in place of
    ``period_start``: one integer per distinct key, from each column's codes."""
    group = np.zeros(len(period_anchor), dtype=np.int64)
    span = 1
    for column in _KEY:
        part = _day_codes(period_anchor) if column == "period_start" else coded[column]
        count = len(part.values) + 1  # codes from -1, empty
        if span * count >= 2**62:  # renumber before the product could overflow
            group, uniques = pd.factorize(group)
            span = len(uniques)
        group *= count
        group += part.codes
        group += 1
        span *= count
    # Numbered densely, so that a group and a day fit in one integer key (_windows).
    return pd.factorize(group)[0]


class _Windows(NamedTuple):
    """Rule 2's windows: a number per figure, and the figures in (group, day) order, along
    which every window is a run and the numbers rise. The runs of one group and day (a
    window's day) start at ``day_starts`` along ``by_day``; ``day_window`` is each one's
    window."""

    window: np.ndarray
    by_day: np.ndarray
    day_starts: np.ndarray
    day_window: np.ndarray

    def renumbered(self, rank: np.ndarray) -> _Windows:
        """The windows numbered anew: window ``w`` becomes ``new[w]``, where ``rank``
        lists the windows in their new order."""
        new = np.empty(len(rank), dtype=np.int64)
        new[rank] = np.arange(len(rank))
        return self._replace(window=new[self.window], day_window=new[self.day_window])


def _windows(group: np.ndarray, day: np.ndarray) -> _Windows:
    """The windows (rule 2) of the figures of each group.

    Vectorised in rounds over the distinct (group, day) pairs: each round opens, in every
    group with days left, a window at the earliest remaining day and closes it
    AS_OF_WINDOW_DAYS later. Most groups are done after a round or two, and each round
    works only on what is left.
    """
    # One integer key (group, then day; an undated figure after the dated ones) and one
    # sort: the order among figures of the same group and day does not matter.
    dated = day < _UNDATED
    first_day = int(day[dated].min()) if dated.any() else 0
    span = int(day[dated].max()) - first_day + 2 if dated.any() else 1
    if int(group.max(initial=0)) < np.iinfo(np.int64).max // span - 1:
        order = _stable_order(group * span + np.where(dated, day - first_day, span - 1))
    else:
        order = np.lexsort((day, group))
    g, d = group[order], day[order]
    # Figures of the same group and day share a window: the rounds work on those pairs.
    pairs = np.flatnonzero(np.r_[True, (g[1:] != g[:-1]) | (d[1:] != d[:-1])])
    g, d = g[pairs], d[pairs]
    opened_in = np.empty(len(pairs), dtype=np.int64)  # numbered round by round
    left = np.arange(len(pairs))
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
    pair_window = np.cumsum(np.r_[True, opened_in[1:] != opened_in[:-1]]) - 1
    window = np.empty(len(order), dtype=np.int64)
    window[order] = np.repeat(pair_window, np.diff(np.r_[pairs, len(order)]))
    return _Windows(window, order, pairs, pair_window)


def _period_anchor(days: np.ndarray) -> np.ndarray:
    """Each period start (a day number, NaN for none) replaced by the earliest start of its
    cluster (rule 1): sorted, a cluster opens at a start and takes every start up to
    PERIOD_START_TOLERANCE_DAYS later. Empty stays empty (NaN)."""
    dated = ~np.isnan(days)
    out = np.full(len(days), np.nan)
    if not dated.any():
        return out
    rank, distinct, first = _day_table(days[dated])
    anchors = distinct.copy()
    for i in range(1, len(distinct)):  # a few hundred distinct starts at most
        gap = distinct[i] - anchors[i - 1]
        anchors[i] = anchors[i - 1] if gap <= PERIOD_START_TOLERANCE_DAYS else distinct[i]
    out[dated] = anchors[rank] + first
    return out


def _day_table(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Day numbers (none empty) coded by a table of days (the dates span a few years at
    most, so no search or hash per figure is needed): each one's rank among the distinct
    days, the distinct days counted from the first, and the first."""
    whole = days.astype(np.int64)
    first = int(whole.min())
    rank, distinct = table_codes(whole - first, int(whole.max()) - first + 1)
    return rank, distinct, first


def _day_codes(days: np.ndarray) -> Coded:
    """Day numbers (NaN for none) coded as dates, by their table (``_day_table``)."""
    dated = ~np.isnan(days)
    codes = np.full(len(days), -1, dtype=np.int32)  # as code_column's
    if not dated.any():
        return Coded(codes, pa.array([], pa.date32()))
    codes[dated], distinct, first = _day_table(days[dated])
    return Coded(codes, dates_of((distinct + first).astype("float64")))


_TEXT = pa.large_string()  # the reader's string type: text is joined without a copy to cast it


def _t(text: str) -> pa.Scalar:
    return pa.scalar(text, _TEXT)


def _words(column: Coded, before: str, after: str,
           replace: tuple[str, str] | None = None) -> pa.Array:
    """A column's distinct values as text, wrapped in ``before`` and ``after``."""
    words = column.values.cast(_TEXT)
    if replace is not None:
        words = pc.replace_substring(words, *replace)
    return pc.binary_join_element_wise(_t(before), words, _t(after), _t(""))


def _pairs(first: pa.Array, second: pa.Array) -> pa.Array:
    """Each word of ``first`` followed by each word of ``second``: (i, j) at
    ``i * len(second) + j``."""
    i = np.repeat(np.arange(len(first)), len(second))
    j = np.tile(np.arange(len(second)), len(first))
    return pc.binary_join_element_wise(first.take(pa.array(i)), second.take(pa.array(j)),
                                       _t(""))


def _claims(coded: dict[str, Coded], runs: _Runs) -> pa.Array:
    """Each window's claims: its first MAX_CLAIMS_LISTED figures in window order (the
    parts' columns in ``coded``, "counted_from" among them), as
    'SRC-0002: approximately 70 "about 70" (claimant) [since ...] [excludes: ...]'
    joined by '; ' ("since" only for a count starting on another day than its group's),
    then '; and N more' for the rest.

    Written in one pass: every part of a claim is a word of a small pool (a column's
    distinct values, wrapped once), and a window's text joins its list of words. No
    text is written per figure and then moved into window order. A claim's opening (the
    separator before all but a window's first claim, and the source) and its quantity
    (qualifier and value) are each one word, of a pool of every pair: fewer words to move
    and join (a few hundred thousand pairs at most, for millions of claims).
    """
    parts = {"wording": (' "', '"', None), "claimant": (" (", ")", None),
             "counted_from": (" [since ", "]", None),
             "excludes": (" [excludes: ", "]", None)}
    sizes = runs.ends - runs.starts
    place = np.arange(len(runs.order)) - np.repeat(runs.starts, sizes)  # within its window
    listed = place < MAX_CLAIMS_LISTED
    rows = runs.order[listed]
    source, qualifier, value = coded["source_id"], coded["qualifier"], coded["value"]
    none = pa.array([""], _TEXT)  # word 0 of each half of a pair: the part is empty
    opening = _pairs(pa.array(["", "; "], _TEXT),
                     pa.concat_arrays([none, _words(source, "", ": ")]))
    quantity = _pairs(pa.concat_arrays([none, _words(qualifier, "", "", ("_", " "))]),
                      pa.concat_arrays([none, _words(value, " ", "")]))
    # One row of word numbers per listed claim: its opening, its quantity, its other
    # parts, and the tail after a window's last listed claim; -1 is no word.
    words = np.full((len(rows), len(parts) + 3), -1, dtype=np.int32)
    words[:, 0] = (place[listed] > 0) * (len(source.values) + 1) + source.codes[rows] + 1
    pairs = (qualifier.codes + 1) * (len(value.values) + 1) + (value.codes + 1)
    words[:, 1] = len(opening) + pairs[rows]
    pool = [opening, quantity]
    size = len(opening) + len(quantity)
    for j, (name, (before, after, replace)) in enumerate(parts.items(), start=2):
        codes = coded[name].codes[rows]
        words[:, j] = np.where(codes >= 0, codes + size, -1)
        pool.append(_words(coded[name], before, after, replace))
        size += len(coded[name].values)
    shown = np.minimum(sizes, MAX_CLAIMS_LISTED)
    more = np.flatnonzero(sizes > MAX_CLAIMS_LISTED)
    if len(more):
        counts, which = np.unique(sizes[more] - MAX_CLAIMS_LISTED, return_inverse=True)
        pool.append(pa.array([f"; and {n} more" for n in counts.tolist()], _TEXT))
        words[(np.cumsum(shown) - 1)[more], -1] = size + which
    present = words >= 0
    per_claim = np.r_[0, np.cumsum(present.sum(axis=1))]
    offsets = per_claim[np.r_[0, np.cumsum(shown)]]
    kind = np.int32 if offsets[-1] < 2**31 else np.int64
    flat = pa.concat_arrays(pool).take(pa.array(words[present]))
    lists = (pa.ListArray if kind is np.int32 else pa.LargeListArray).from_arrays(
        pa.array(offsets.astype(kind)), flat)
    return pc.binary_join(lists, _t(""))


def _running_max(values: np.ndarray, runs: np.ndarray) -> np.ndarray:
    """``pd.Series(values).groupby(runs).cummax()`` where equal ``runs`` are contiguous:
    the running maximum within each run, NaN where a value is NaN (and skipped after it).

    One accumulation over the whole array: each run is lifted above every run before it
    (by its number in order times the span of the values), so the running maximum never
    carries across runs; exact while the lifted values fit float64's integers."""
    finite = np.isfinite(values)
    known = values[finite]
    run_number = np.cumsum(np.r_[True, runs[1:] != runs[:-1]]) - 1
    low, span = (known.min(), known.max() - known.min() + 1) if len(known) else (0, 0)
    if not len(known) or np.isinf(values).any() or not np.array_equal(known, np.floor(known)) \
            or span * (run_number[-1] + 1) >= 2**52:
        return pd.Series(values).groupby(runs).cummax().to_numpy()
    lifted = np.fmax.accumulate(values - low + run_number * span)
    return np.where(finite, lifted - run_number * span + low, np.nan)


def _runs(sorted_keys: np.ndarray) -> np.ndarray:
    """Start positions of the runs of equal values in a sorted array."""
    return np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])


def _in_text_order(values: pa.Array) -> np.ndarray | None:
    """Positions of ``values`` in text order, or None when they are in order already, as
    the canonical CSV's ids are."""
    if len(values) < 2 or pc.all(pc.less_equal(values[:-1], values[1:])).as_py():
        return None
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
    columns = {name: _arrow(figures[name], contiguous=False) for name in needed}
    size = sum(array.nbytes for array in columns.values())  # a few hundred rows: one thread
    # Coding is most of the work on the columns, and Arrow codes without the GIL: the
    # columns are coded side by side, the largest first, and beside them the dates are
    # read and the period starts clustered.
    coding = ["event_id", "source_id", "wording", "claimant", "metric", "victim_group",
              "area", "operation_id", "qualifier", "value", "excludes"]
    jobs = [partial(code_column, columns[name]) for name in coding]
    jobs += [partial(_dates, columns["period_start"], columns["as_of"]),
             partial(_arrow, columns["figure_id"])]
    *codes, (start_days, anchor, days), figure_ids = calls(jobs, size=size)
    coded = dict(zip(coding, codes, strict=True))
    values = columns["value"].to_numpy(zero_copy_only=False).astype("float64")
    del columns  # from here on, the codes (the copies made whole are freed)
    day = np.where(np.isnan(days), _UNDATED, days).astype(np.int64)
    # The windows, and beside them what does not depend on them: the ranks of the key's
    # texts that order them, the range each claim allows (rule 4), the claims' "counted
    # from" days, and the figure ids' text order.
    windows, ranks, bounds, counted_from, by_id = calls([
        lambda: _windows(_groups(coded, anchor), day), partial(_word_ranks, coded),
        partial(_bounds, values, coded["qualifier"]),
        lambda: _day_codes(np.where(start_days == anchor, np.nan, start_days)),
        partial(_in_text_order, figure_ids)], size=size)
    # Windows renumbered in the order of their comparison_id, so that every column comes
    # out in the table's row order and the table is not sorted (nor its long texts
    # moved) at the end. Each window is a run along by_day, and its first figure there
    # has its key and its earliest day.
    firsts = windows.by_day[windows.day_starts[_runs(windows.day_window)]]
    windows = windows.renumbered(
        _id_order(coded, ranks, firsts, anchor[firsts], days[firsts]))
    window = windows.window
    # One order: windows in turn, and within a window its figures in id order.
    order = _stable_order(window) if by_id is None else by_id[_stable_order(window[by_id])]
    starts = _runs(window[order])
    runs = _Runs(order, starts, np.r_[starts[1:], len(order)], order[starts])
    grows = np.r_[pc.is_in(coded["metric"].values, value_set=pa.array(sorted(GROWS)))
                  .to_numpy(zero_copy_only=False), False]  # the last for empty, -1
    growing = grows[coded["metric"].codes[runs.firsts]]
    # The columns in independent pieces, side by side: in this order, each core gets
    # about half of the work (at 1M events, the claims are a third of it).
    out: dict[str, pa.Array] = {}
    for part in calls([
            lambda: {"claims": _claims({**coded, "counted_from": counted_from}, runs)},
            partial(_key_columns, coded, anchor, days, runs),
            lambda: {"figure_ids": _figure_ids(figure_ids, runs.order, runs.starts)},
            partial(_consistency, *bounds, windows, growing),
            partial(_counts, coded["source_id"], values, window, runs)], size=size):
        out.update(part)
    # Rows in comparison_id order already; dates stay Arrow dates (as validation reads
    # them), the rest take the type table's dtypes.
    schema = metadata.arrow_schema("figure_comparisons")
    table = pa.table({f.name: out[f.name].cast(f.type) for f in schema}, schema=schema)
    return table.to_pandas(types_mapper=_PANDAS_TYPES)


def _dates(period_start: pa.ChunkedArray, as_of: pa.ChunkedArray
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The period starts' day numbers and their clusters' anchors (rule 1), and the as_of
    days (NaN for none)."""
    start_days = day_numbers(period_start)
    return start_days, _period_anchor(start_days), day_numbers(as_of)


class _Runs(NamedTuple):
    """The figures in window order (``order``); window ``w`` is ``order[starts[w]:
    ends[w]]``, its first figure ``firsts[w]``."""

    order: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    firsts: np.ndarray


def _key_columns(coded: dict[str, Coded], anchor: np.ndarray, days: np.ndarray,
                 runs: _Runs) -> dict[str, pa.Array]:
    """Each window's key, days and comparison_id. A group shows its earliest period
    start (a claim counted from another says so in the claims)."""
    out = {c: coded[c].take(runs.firsts) for c in _KEY if c != "period_start"}
    out["period_start"] = dates_of(anchor[runs.firsts])
    ordered_days = days[runs.order]
    out["as_of_from"] = dates_of(np.fmin.reduceat(ordered_days, runs.starts))
    out["as_of_to"] = dates_of(np.fmax.reduceat(ordered_days, runs.starts))
    out["comparison_id"] = _comparison_ids(
        {c: out[c] for c in _KEY if c != "period_start"}, out["period_start"],
        out["as_of_from"])
    return out


def _counts(sources: Coded, values: np.ndarray, window: np.ndarray, runs: _Runs
            ) -> dict[str, pa.Array]:
    """Each window's figures, distinct sources (each (window, source) pair counted once),
    and lowest and highest value."""
    n_source_ids = len(sources.values) + 1
    pairs = _distinct(window * n_source_ids + sources.codes + 1)
    ordered_values = values[runs.order]
    return {
        "n_figures": pa.array(runs.ends - runs.starts),
        "n_sources": pa.array(np.bincount(pairs // n_source_ids, minlength=len(runs.starts))),
        "value_low": pa.array(np.fmin.reduceat(ordered_values, runs.starts),
                              from_pandas=True),
        "value_high": pa.array(np.fmax.reduceat(ordered_values, runs.starts),
                               from_pandas=True),
    }


def _figure_ids(ids: pa.Array, order: np.ndarray, starts: np.ndarray) -> pa.Array:
    """Each window's figure ids, in ``order``, joined by ';'.

    Where every id has the same length (as the canonical ids have, until a table outgrows
    their digits), the ids are moved as fixed-width rows of bytes, a separator after each,
    and the one after each window's last id dropped: several times less work than moving
    them as texts, then joining."""
    shaped = None if ids.null_count else one_width_cells(ids)
    if shaped is None:
        in_order = ids.take(pa.array(order))
        return pc.binary_join(pa.ListArray.from_arrays(
            pa.array(np.r_[starts, len(order)].astype(np.int32)), in_order), _t(";"))
    cells, _ = shaped
    width = cells.shape[1]
    text = np.empty((len(order), width + 1), dtype=np.uint8)
    text[:, :width] = np.take(cells, order, axis=0)
    text[:, width] = ord(";")
    ends = np.r_[starts[1:], len(order)]
    joined = np.delete(text.reshape(-1), ends * (width + 1) - 1)
    bounds = np.r_[starts, len(order)] * (width + 1) - np.arange(len(starts) + 1)
    return pa.LargeStringArray.from_buffers(len(starts), pa.py_buffer(bounds), pa.py_buffer(joined))


def _bounds(values: np.ndarray, qualifiers: Coded) -> tuple[np.ndarray, np.ndarray]:
    """The range each claim allows (rule 3), unbounded above as infinity."""
    low, high = _ranges(values, qualifiers)
    return low, np.nan_to_num(high, nan=math.inf)


def _consistency(low: np.ndarray, high: np.ndarray, windows: _Windows, growing: np.ndarray
                 ) -> dict[str, pa.Array]:
    """Rule 4, per window and day: what the day's claims allow (each claim's ``low`` and
    ``high``, _bounds), and (for growing metrics, ``growing`` per window) the least that all
    claims up to that day establish; a window's ``consistent`` and
    ``consensus_low``/``consensus_high``."""
    by_day, day_starts, day_window = windows.by_day, windows.day_starts, windows.day_window
    day_low = np.fmax.reduceat(low[by_day], day_starts)
    day_high = np.fmin.reduceat(high[by_day], day_starts)
    floor = _running_max(day_low, day_window)
    floor = np.where(growing[day_window], floor, day_low)
    # Per window (the runs along by_day hold the windows in another order than theirs).
    window_day_starts = _runs(day_window)
    run_of = np.empty(len(growing), dtype=np.int64)
    run_of[day_window[window_day_starts]] = np.arange(len(window_day_starts))
    ok = np.logical_and.reduceat(floor <= day_high, window_day_starts)[run_of]
    window_low = np.fmax.reduceat(day_low, window_day_starts)[run_of]
    window_high = np.fmin.reduceat(day_high, window_day_starts)[run_of]
    last = (np.r_[window_day_starts[1:], len(day_window)] - 1)[run_of]
    consistent = np.where(growing, ok, window_low <= window_high)
    lowest = np.where(growing, floor[last], window_low)
    highest = np.where(growing, day_high[last], window_high)
    return {
        "consistent": pa.array(consistent),
        "consensus_low": pa.array(np.where(consistent, lowest, np.nan), from_pandas=True),
        "consensus_high": pa.array(
            np.where(consistent & (highest != math.inf), highest, np.nan), from_pandas=True),
    }


def _comparison_ids(key: dict[str, pa.Array], period_start: pa.Array,
                    as_of_from: pa.Array) -> pa.Array:
    """Each window's key columns and first day as text (dates as YYYY-MM-DD), '-' for
    empty, joined by '/'."""
    parts = {**key, "period_start": _date_text(period_start),
             "as_of_from": _date_text(as_of_from)}
    return pc.binary_join_element_wise(
        *(parts[c].cast(_TEXT) for c in (*_KEY, "as_of_from")), _t("/"),
        null_handling="replace", null_replacement="-")


def _date_text(dates: pa.Array) -> pa.Array:
    """Dates as YYYY-MM-DD: each distinct date written once (a few hundred days at most),
    not each cell."""
    coded = pc.dictionary_encode(dates)
    return coded.dictionary.cast(_TEXT).take(coded.indices)


def _word_ranks(coded: dict[str, Coded]) -> dict[str, np.ndarray] | None:
    """For each text column of the key, the rank of each of its values in text order as
    a part of a comparison_id (followed by '/'; the rank of empty, '-', first), or None
    when a value contains '/' (see _id_order)."""
    ranks = {}
    for column in _KEY:
        if column == "period_start":
            continue
        values = coded[column].values.cast(_TEXT)
        if pc.any(pc.match_substring(values, "/")).as_py():
            return None
        words = pc.binary_join_element_wise(
            pa.concat_arrays([pa.array(["-"], _TEXT), values]), _t("/"), _t(""))
        ranks[column] = np.empty(len(words), dtype=np.int64)
        ranks[column][pc.sort_indices(words).to_numpy()] = np.arange(len(words))
    return ranks


def _id_order(coded: dict[str, Coded], ranks: dict[str, np.ndarray] | None,
              firsts: np.ndarray, period_start: np.ndarray, as_of_from: np.ndarray
              ) -> np.ndarray:
    """The windows in the text order of their comparison_id, without writing the ids:
    each part is ranked among its column's distinct values (``ranks``, _word_ranks), and
    the ranks are sorted as one integer. ``firsts`` is each window's first figure; the
    dates are days (NaN for none).

    A part followed by '/' sorts like its text plus '/'. When no part contains '/', those
    texts are prefix-free, so the ids' text order is the order of the parts' ranks, part
    by part (a date's rank is its day; empty, '-', sorts before any date). When one does
    (``ranks`` is None), the ids are written and sorted as text.
    """
    if ranks is None:
        key = {c: coded[c].take(firsts) for c in _KEY if c != "period_start"}
        return pc.sort_indices(_comparison_ids(
            key, dates_of(period_start), dates_of(as_of_from))).to_numpy()
    order = np.zeros(len(firsts), dtype=np.int64)
    span = 1
    for column in (*_KEY, "as_of_from"):
        if column in ("period_start", "as_of_from"):
            days = period_start if column == "period_start" else as_of_from
            dated = ~np.isnan(days)
            low = int(days[dated].min()) if dated.any() else 0
            rank = np.where(dated, np.nan_to_num(days) - low + 1, 0).astype(np.int64)
            count = int(rank.max(initial=0)) + 1
        else:
            rank = ranks[column][coded[column].codes[firsts] + 1]  # empty, -1, is "-"
            count = len(ranks[column])
        if span * count >= 2**62:  # renumbered, in order, before the product could overflow
            distinct, order = np.unique(order, return_inverse=True)
            span = len(distinct)
        order = order * count + rank
        span *= count
    return _stable_order(order)


_PANDAS_TYPES = arrow_to_pandas({pa.date32(): pd.ArrowDtype(pa.date32())})


def figure_comparisons(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The derived table of a release, from its curated tables."""
    return compare(tables["figures"])
