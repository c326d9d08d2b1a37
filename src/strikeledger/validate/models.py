"""Running a table's Pandera model, and saying what it found in plain words.

Pandera reports failure cases per check; each becomes a ``Problem`` at the row it
names, with the rule in words (a vocabulary's codes, an id's form, a date bound).
A repeated key is reported once, with how many rows hold it and their first lines.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc

from .. import metadata, schemas
from ..problems import Problem
from ..schemas.checks import MESSAGES, repeated_keys
from ..schemas.vocabularies import VOCABULARIES
from .csvio import PADDED, PLACEHOLDER, PLACEHOLDERS, Table


@functools.cache
def _checks_of(table: str) -> pa.DataFrameSchema:
    """The table's model without its dtype checks: reading gave every column its model's
    type already, and pandera's check of a str column tests each cell and formats a
    report even when all pass (a third of the models' time on the real data)."""
    schema = copy.copy(schemas.MODELS[table].to_schema())  # shallow: update_columns deep-copies
    schema.columns = {name: copy.copy(column) for name, column in schema.columns.items()}
    for column in schema.columns.values():
        column.dtype = None
    # The primary key is checked by model_problems itself, in one Arrow grouping: a
    # table-wide check's failure cases are one per row and column, and pandera formats
    # them all (a file pasted twice gave millions).
    schema.checks = [check for check in schema.checks if check.name != "primary_key"]
    return schema


def model_problems(table: Table) -> list[Problem]:
    """Run the table's Pandera model and translate its failure cases; then the primary
    key's repeats."""
    assert table.frame is not None
    key = schemas.primary_key(table.name)
    repeated = repeated_keys(table.frame, key)
    problems = [] if repeated is None else _duplicates(table, key, np.flatnonzero(repeated))
    try:
        # inplace: nothing is coerced, so pandera's deep copy of the table would be waste
        _checks_of(table.name).validate(table.frame, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as errors:
        return _translate(table, errors.failure_cases) + problems
    return problems


def _translate(table: Table, cases: pd.DataFrame) -> list[Problem]:
    """Pandera's failure cases as problems in words."""
    columns = {column.name: column for column in table.columns}
    problems: list[Problem] = []
    # Rows holding a duplicate, per key (a single unique column, or the primary key).
    duplicated: dict[tuple[str, ...], set[int]] = {}
    for case in cases.itertuples(index=False):
        row = None if pd.isna(case.index) else int(case.index)
        if case.check.startswith(("field_uniqueness", "unique_when_present")):
            if row is not None:
                duplicated.setdefault((case.column,), set()).add(row)
            continue
        if row is not None and (row, case.column) in table.bad_cells:
            continue  # already reported as a cell that is not of its type
        column = columns.get(case.column)
        value = "" if case.check == "not_nullable" else _as_text(case.failure_case)
        if case.check == "not_nullable":
            rule = "required cell is empty"
        elif value != value.strip():
            rule = PADDED  # an id or code that would pass without the spaces
        elif value.lower() in PLACEHOLDERS:
            rule = PLACEHOLDER
        elif column is not None and case.check_number is not None:
            rule = _rule(column, column.checks[int(case.check_number)])
        else:
            rule = f"breaks the rule {case.check}"
        if row is not None:
            table.bad_cells.add((row, case.column))  # no further reports on this cell
        problems.append(Problem(table.file, None, case.column, value, rule, row=row))
    for key, rows in duplicated.items():
        problems.extend(_duplicates(table, list(key), sorted(rows)))
    return problems


# Lines named per repeated key; the rest are counted.
LINES_SHOWN = 5


def _duplicates(table: Table, key: list[str], rows: Sequence[int]) -> list[Problem]:
    """One problem per repeated key, at the first line that holds it: how many rows hold it
    and their first few lines (one Arrow grouping of the flagged rows: linear, and bounded
    however often a key repeats)."""
    frame = table.frame
    assert frame is not None
    picked = pyarrow.array(np.asarray(rows, dtype=np.int64))
    keys = pyarrow.table({c: pyarrow.array(frame[c], from_pandas=True).take(picked)
                           for c in key}).append_column("_row", picked)
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
        value = ", ".join(_as_text(v) for v in value_of)
        problems.append(Problem(table.file, None, label, value,
                                f"duplicate {label}: the same value is on {count} rows, "
                                f"lines {lines}{more}", row=first))
    return problems


def _rule(column: metadata.Column, check: pa.Check) -> str:
    """A Pandera check in plain words."""
    name, stats = check.name, check.statistics
    if name == "isin":
        vocabulary = column.metadata.get("vocabulary", column.name)
        codes = ", ".join(VOCABULARIES[vocabulary].codes) if vocabulary in VOCABULARIES else ""
        return f"is not one of the {vocabulary} codes (allowed: {codes})"
    if name == "str_matches":
        return column.metadata.get("rule") or f"does not match the pattern {stats['pattern']}"
    if name == "greater_than_or_equal_to":
        bound = _as_text(stats["min_value"])
        return f"must not be before {bound}" if column.kind == "date" \
            else f"must be at least {bound}"
    if name == "less_than_or_equal_to":
        bound = _as_text(stats["max_value"])
        return f"must not be after {bound}" if column.kind == "date" \
            else f"must be at most {bound}"
    return MESSAGES.get(name, check.error or name)


def _as_text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)
