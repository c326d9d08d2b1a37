"""Our own column checks, the ones pandera has no keyword for.

Each rule is written once, as an Arrow test (``ARROW_TESTS``: cells in, one boolean per
cell out, true where the cell passes, null where the cell is empty). ``check(name)`` wraps
that same test as a pandera ``Check``, so a model validated with pandera applies the rule
too, while ``strikeledger validate`` runs the Arrow test itself
(``strikeledger.validate.models``). Each rule has its plain words in ``MESSAGES``.

These are plain ``Check`` objects attached to the fields (``schemas.fields``), not checks
registered with ``pandera.extensions``: registering imports pandera's data-synthesis
strategies (and hypothesis where it is installed), a third of a second that validating a
few hundred rows should not pay.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.compute as pc

# A cell that a spreadsheet would run as a formula, or that hides characters: control
# characters (Unicode category Cc), invisible formatting characters (Cf: bidi overrides and
# isolates such as U+202E, zero-width spaces and joiners, U+FEFF, soft hyphens), line and
# paragraph separators (Zl, Zp) and private-use characters (Co), as RE2 (Arrow's regex
# engine) names the Unicode categories.
FORMULA_START = r"^[=+\-@\t\r]"
CONTROL = r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}]"

MESSAGES = {
    "no_formula_start": "must not start with =, +, -, @, a tab or a carriage return "
    "(spreadsheets would run it as a formula)",
    "no_control_characters": "must not contain control or invisible formatting characters "
    "(tabs, line breaks, bidi controls such as U+202E, zero-width spaces)",
    "unique_when_present": "must be unique among the cells that are not empty",
}

Cells = pa_arrow.Array | pa_arrow.ChunkedArray


def _no_match(pattern: str) -> Callable[[Cells], Cells]:
    def test(cells: Cells) -> Cells:
        return pc.invert(pc.match_substring_regex(cells, pattern))
    return test


def _text_bytes(chunk: pa_arrow.Array) -> tuple[np.ndarray, np.ndarray] | None:
    """A string array's cell offsets and UTF-8 bytes, as NumPy views (no copy); None for
    an array of another layout."""
    if pa_arrow.types.is_large_string(chunk.type):
        width = np.int64
    elif pa_arrow.types.is_string(chunk.type):
        width = np.int32
    else:
        return None
    _, offsets, data = chunk.buffers()
    ends = np.frombuffer(offsets, dtype=width)[chunk.offset:chunk.offset + len(chunk) + 1]
    values = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    return ends.astype(np.int64), values


def _chunkwise(cells: Cells, test: Callable[[pa_arrow.Array], Cells]) -> Cells:
    if isinstance(cells, pa_arrow.ChunkedArray):
        return pa_arrow.chunked_array([test(chunk) for chunk in cells.chunks], pa_arrow.bool_())
    return test(cells)


def _passes(chunk: pa_arrow.Array, passed: np.ndarray) -> pa_arrow.Array:
    """One verdict per cell, null for an empty cell."""
    return pa_arrow.array(passed, pa_arrow.bool_(), mask=chunk.is_null().to_numpy(
        zero_copy_only=False) if chunk.null_count else None)


def _by_bytes(regex: Callable[[Cells], Cells],
              short_cut: Callable[[pa_arrow.Array, np.ndarray, np.ndarray,
                                   Callable[[Cells], Cells]], Cells]
              ) -> Callable[[Cells], Cells]:
    """A regular expression's test, block by block: ``short_cut`` (given a block, its cell
    offsets and bytes, and the regular expression's test) gives the same verdicts faster;
    a block of another layout gets the regular expression."""

    def test(chunk: pa_arrow.Array) -> Cells:
        layout = _text_bytes(chunk)
        return regex(chunk) if layout is None else short_cut(chunk, *layout, regex)

    return lambda cells: _chunkwise(cells, test)


def _no_control(chunk: pa_arrow.Array, ends: np.ndarray, data: np.ndarray,
                regex: Callable[[Cells], Cells]) -> Cells:
    """CONTROL, with an exact short cut for the common case: a block whose bytes are all
    printable ASCII (0x20-0x7E) holds none of those characters (every one of them is a
    byte below 0x20, 0x7F, or not ASCII), and in a block with no ASCII control byte only
    the cells that are not ASCII need the regular expression."""
    used = data[ends[0]:ends[-1]]
    if not len(used) or (used.min() >= 0x20 and used.max() <= 0x7E):
        return _passes(chunk, np.ones(len(chunk), dtype=bool))
    if used.min() < 0x20 or np.count_nonzero(used == 0x7F):
        return regex(chunk)
    wide = np.flatnonzero(~pc.fill_null(pc.string_is_ascii(chunk), True).to_numpy(
        zero_copy_only=False))
    passed = np.ones(len(chunk), dtype=bool)
    passed[wide] = pc.fill_null(regex(chunk.take(pa_arrow.array(wide))), True).to_numpy(
        zero_copy_only=False)
    return _passes(chunk, passed)


_FORMULA_BYTES = np.frombuffer(b"=+-@\t\r", dtype=np.uint8)


def _no_formula(chunk: pa_arrow.Array, ends: np.ndarray, data: np.ndarray,
                regex: Callable[[Cells], Cells]) -> Cells:
    """FORMULA_START on each cell's first byte (every character of it is one ASCII byte,
    so this is exact)."""
    starts, lengths = ends[:-1], np.diff(ends)
    first = data[np.minimum(starts, max(len(data) - 1, 0))] if len(data) else \
        np.zeros(len(chunk), np.uint8)
    return _passes(chunk, ~((lengths > 0) & np.isin(first, _FORMULA_BYTES)))


def distinct(cells: Cells) -> int:
    """How many distinct values the cells hold, an empty cell counting as one value.

    Cells with none empty, each greater than the one before, are all distinct: one
    comparison per neighbour settles it for a column in key order (the canonical CSVs'
    ids), without hashing every cell. Otherwise ``unique``'s length (``count_distinct``
    hashes as much, and its aggregate took longer on the benchmark's ids)."""
    if cells.null_count == 0 and (
            len(cells) < 2 or pc.all(pc.less(cells[:-1], cells[1:])).as_py()):
        return len(cells)
    return len(pc.unique(cells))


# An id's pattern (schemas.fields.identifier): a literal prefix, then at least N digits.
_PREFIXED_NUMBER = re.compile(r"\^([A-Za-z]+-)\[0-9\]\{([0-9]+),\}\$")


def matches(pattern: str) -> Callable[[Cells], Cells]:
    """The Arrow test of pandera's ``str_matches``: true where the cell matches ``pattern``
    from its start (every model's pattern starts with ^ and is written in the syntax
    Python's re and Arrow's RE2 share). An id's pattern, ``^SRC-[0-9]{4,}$``, is tested on
    the bytes instead (ids are most of the cells, and the regular expression was most of
    the checks' time on them)."""
    shape = _PREFIXED_NUMBER.fullmatch(pattern)
    if shape is None:
        return lambda cells: pc.match_substring_regex(cells, pattern)
    prefix = np.frombuffer(shape[1].encode("ascii"), dtype=np.uint8)
    shortest = len(prefix) + int(shape[2])

    def prefixed_number(chunk: pa_arrow.Array, ends: np.ndarray, data: np.ndarray,
                        regex: Callable[[Cells], Cells]) -> Cells:
        # Exact: the prefix is ASCII and [0-9] is the ASCII digits, while every byte of a
        # character beyond ASCII is 0x80 or above.
        used = data[ends[0]:ends[-1]]
        starts, stops = ends[:-1] - ends[0], ends[1:] - ends[0]
        passed = stops - starts >= shortest
        at = np.flatnonzero(passed)
        for k, byte in enumerate(prefix):
            passed[at] &= used[starts[at] + k] == byte
        # Bytes that are not digits, counted up to each position: none after the prefix.
        not_digit = np.zeros(len(used) + 1, dtype=np.int64)
        np.cumsum((used < 0x30) | (used > 0x39), out=not_digit[1:])
        at = np.flatnonzero(passed)
        passed[at] = not_digit[stops[at]] == not_digit[starts[at] + len(prefix)]
        return _passes(chunk, passed)

    return _by_bytes(lambda cells: pc.match_substring_regex(cells, pattern), prefixed_number)


def _duplicated(cells: Cells) -> Cells:
    """Which non-empty cells another cell holds too (one hash count; when some value
    repeats, a grouping, then a look-up)."""
    if distinct(cells) - (cells.null_count > 0) == len(cells) - cells.null_count:
        return pc.if_else(cells.is_null(), None, False)
    counts = pa_arrow.table({"v": cells}).group_by("v").aggregate([("v", "count")])
    repeated = counts.filter(pc.greater(counts["v_count"], 1))["v"]
    return pc.is_in(cells, value_set=repeated.combine_chunks() if repeated.num_chunks
                    else pa_arrow.array([], cells.type))


def _unique_when_present(cells: Cells) -> Cells:
    # Empty cells never clash (unlike pandera's unique=True); they stay null here.
    return pc.if_else(cells.is_null(), None, pc.invert(_duplicated(cells)))


ARROW_TESTS: dict[str, Callable[[Cells], Cells]] = {
    "no_formula_start": _by_bytes(_no_match(FORMULA_START), _no_formula),
    "no_control_characters": _by_bytes(_no_match(CONTROL), _no_control),
    "unique_when_present": _unique_when_present,
}


def check(name: str) -> pa.Check:
    """Our rule ``name`` as a pandera Check, computed by its Arrow test."""
    test = ARROW_TESTS[name]

    def on_series(series: pd.Series) -> pd.Series:
        passed = pc.fill_null(test(pa_arrow.array(series, from_pandas=True)), True)
        return pd.Series(passed.to_numpy(zero_copy_only=False), index=series.index)

    return pa.Check(on_series, name=name, statistics={"enabled": True})
