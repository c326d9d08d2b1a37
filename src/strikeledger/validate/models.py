"""Each table's model, checked in Arrow, and what it found said in plain words.

The Pandera models declare every column's checks (``schemas``); this module runs them
itself, as Arrow kernels over the columns that reading typed (``csvio.Table.arrow``):
one vectorised pass per check and column, with messages written only for the cells that
fail. Pandera's own validation of a frame gives the same verdicts
(``tests/unit/test_model_checks.py`` checks every kind of check both ways), but it
costs more than all the work on a few hundred rows: importing its back end (and with it
geopandas where installed), building each schema and a report per check.

A cell is reported once: by the first check it fails, in the model's order (an empty
required cell only as empty). A repeated key is reported once, with how many rows hold
it and their first lines.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import metadata, schemas
from ..problems import Problem, cell_text
from ..schemas.checks import ARROW_TESTS, MESSAGES, Cells, distinct, matches
from ..schemas.vocabularies import VOCABULARIES
from .csvio import PADDED, PLACEHOLDER, PLACEHOLDERS, Table

Test = Callable[[Cells], Cells]


def _scalar(value: Any, cells: Cells) -> pa.Scalar:
    return pa.scalar(value, pa.date32() if isinstance(value, dt.date) else cells.type)


# The Arrow form of each of pandera's built-in checks the models use: true where a
# (non-empty) cell passes. Our own checks bring their Arrow form (schemas.checks).
_BUILT_IN: dict[str, Callable[[dict[str, Any]], Test]] = {
    "isin": lambda s: lambda cells: pc.is_in(
        cells, value_set=pa.array(list(s["allowed_values"]), cells.type)),
    # pandera's str_matches is re.match (anchored at the start): schemas.checks.matches.
    "str_matches": lambda s: matches(s["pattern"]),
    "greater_than_or_equal_to": lambda s: lambda cells: pc.greater_equal(
        cells, _scalar(s["min_value"], cells)),
    "less_than_or_equal_to": lambda s: lambda cells: pc.less_equal(
        cells, _scalar(s["max_value"], cells)),
}


def arrow_test(check: Any) -> Test:
    """The Arrow test of one of a model's checks (a pandera ``Check``)."""
    if check.name in ARROW_TESTS:
        return ARROW_TESTS[check.name]
    if check.name in _BUILT_IN:
        return _BUILT_IN[check.name](check.statistics)
    raise TypeError(f"the check {check.name!r} has no Arrow form in "
                    "strikeledger.validate.models; add one there")


@functools.cache
def _plan(table: str) -> tuple[tuple[metadata.Column, tuple[tuple[Any, Test], ...]], ...]:
    """Each curated column with its checks and their Arrow tests, in the model's order."""
    return tuple((column, tuple((check, arrow_test(check)) for check in column.checks))
                 for column in metadata.columns(table, released=False))


def model_problems(table: Table) -> list[Problem]:
    """Every check of the table's model, and its primary key."""
    assert table.arrow is not None
    problems = key_problems(table, schemas.primary_key(table.name))
    bad_rows: dict[str, list[int]] = {}
    for row, name in table.bad_cells:
        bad_rows.setdefault(name, []).append(row)
    for column, checks in _plan(table.name):
        problems.extend(_column_problems(table, column, checks, bad_rows.get(column.name, [])))
    return problems


def _column_problems(table: Table, column: metadata.Column,
                     checks: tuple[tuple[Any, Test], ...], bad: list[int]) -> list[Problem]:
    cells = table.arrow.column(column.name)  # type: ignore[union-attr]
    problems: list[Problem] = []
    # Cells reported already (when reading, or by an earlier check) get no further report.
    reported = np.zeros(len(cells), dtype=bool)
    reported[bad] = True
    if column.required and cells.null_count:
        problems += _report(table, column, cells, cells.is_null(), reported,
                            lambda _value: "required cell is empty", empty=True)
    for check, test in checks:
        passed = test(cells)
        if check.name == "unique_when_present":
            # One problem per repeated value, however many rows hold it.
            rows = np.flatnonzero(pc.fill_null(pc.invert(passed), False).to_numpy(
                zero_copy_only=False))
            problems += _duplicates(table, [column.name], rows)
            continue
        # Empty cells pass every check but not_nullable (as with pandera's ignore_na). The
        # common case, every verdict true or null, is one pass (``all`` skips nulls).
        if pc.all(passed, min_count=0).as_py():
            continue
        failed = pc.invert(pc.fill_null(passed, True))
        if cells.null_count:
            failed = pc.and_(failed, cells.is_valid())
        problems += _report(table, column, cells, failed, reported,
                            functools.partial(_rule, column, check))
    return problems


def _report(table: Table, column: metadata.Column, cells: Cells, failed: Cells,
            reported: np.ndarray, rule_of: Callable[[str], str], *,
            empty: bool = False) -> list[Problem]:
    """A problem for each failed cell not reported yet, in words; then it counts as reported."""
    if not pc.any(failed).as_py():
        return []
    mask = pc.fill_null(failed, False).to_numpy(zero_copy_only=False) & ~reported
    rows = np.flatnonzero(mask)
    reported[rows] = True
    table.bad_cells.update((row, column.name) for row in rows.tolist())  # for the rules too
    values = [""] * len(rows) if empty else \
        [cell_text(v) for v in cells.take(pa.array(rows)).to_pylist()]
    return [Problem(table.file, None, column.name, value, rule_of(value), row=row)
            for row, value in zip(rows.tolist(), values, strict=True)]


def _rule(column: metadata.Column, check: Any, value: str) -> str:
    """Why ``value`` fails ``check``, in plain words."""
    if value != value.strip():
        return PADDED  # an id or code that would pass without the spaces
    if value.lower() in PLACEHOLDERS:
        return PLACEHOLDER
    name, stats = check.name, check.statistics
    if name == "isin":
        vocabulary = column.metadata.get("vocabulary", column.name)
        codes = ", ".join(VOCABULARIES[vocabulary].codes) if vocabulary in VOCABULARIES else ""
        return f"is not one of the {vocabulary} codes (allowed: {codes})"
    if name == "str_matches":
        return column.metadata.get("rule") or f"does not match the pattern {stats['pattern']}"
    if name == "greater_than_or_equal_to":
        bound = cell_text(stats["min_value"])
        return f"must not be before {bound}" if column.kind == "date" \
            else f"must be at least {bound}"
    if name == "less_than_or_equal_to":
        bound = cell_text(stats["max_value"])
        return f"must not be after {bound}" if column.kind == "date" \
            else f"must be at most {bound}"
    return MESSAGES.get(name, check.error or name)


def joined_key(*columns: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Several columns as one key per row, joined with U+001F, which no cell holds
    (control characters are refused in every cell)."""
    return pc.binary_join_element_wise(*(pc.cast(c, pa.large_string()) for c in columns),
                                       pa.scalar("\x1f", pa.large_string()))


def key_problems(table: Table, key: list[str]) -> list[Problem]:
    """One problem per repeated primary key. The keys are counted (``checks.distinct``: the
    common case, keys in order, by comparing neighbours); only when some repeat are the
    rows grouped, once, by _duplicates."""
    assert table.arrow is not None
    keys = table.arrow.select(key)
    # Counted on one column (counting needs no grouping, whose engine, Acero with
    # pyarrow.dataset, costs a twentieth of a second to import).
    whole = keys.column(0) if len(key) == 1 else joined_key(*keys.columns)
    if distinct(whole) == keys.num_rows:
        return []
    return _duplicates(table, key, np.arange(keys.num_rows))


# Lines named per repeated key; the rest are counted.
LINES_SHOWN = 5


def _duplicates(table: Table, key: list[str], rows: Sequence[int]) -> list[Problem]:
    """One problem per key that ``rows`` hold more than once, at the first line that holds
    it: how many rows hold it and their first few lines (one Arrow grouping: linear, and
    bounded however often a key repeats)."""
    assert table.arrow is not None
    if not len(rows):
        return []
    picked = pa.array(np.asarray(rows, dtype=np.int64))
    keys = table.arrow.select(key).take(picked).append_column("_row", picked)
    # Without threads, each group's rows keep their (ascending) order.
    groups = keys.group_by(key, use_threads=False).aggregate(
        [("_row", "count"), ("_row", "list")])
    groups = groups.filter(pc.greater_equal(groups["_row_count"], 2))
    label = ", ".join(key)
    problems = []
    values = zip(*(groups[c].to_pylist() for c in key), strict=True)
    for count, members, value_of in zip(groups["_row_count"].to_pylist(),
                                        groups["_row_list"].to_pylist(), values, strict=True):
        first = members[0]
        lines = ", ".join(str(table.line_of(row)) for row in members[:LINES_SHOWN])
        more = f" and {count - LINES_SHOWN} more" if count > LINES_SHOWN else ""
        value = ", ".join(cell_text(v) for v in value_of)
        problems.append(Problem(table.file, None, label, value,
                                f"duplicate {label}: the same value is on {count} rows, "
                                f"lines {lines}{more}", row=first))
    return problems

