"""Running a table's Pandera model, and saying what it found in plain words.

Pandera reports failure cases per check; each becomes a ``Problem`` at the row it
names, with the rule in words (a vocabulary's codes, an id's form, a date bound).
Duplicated keys are reported once per row, naming the other lines that hold the key.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .. import metadata, schemas
from ..problems import Problem
from ..schemas.checks import MESSAGES
from ..schemas.vocabularies import VOCABULARIES
from .csvio import PADDED, PLACEHOLDER, PLACEHOLDERS, Table


def model_problems(table: Table) -> list[Problem]:
    """Run the table's Pandera model and translate its failure cases."""
    model = schemas.MODELS[table.name]
    try:
        model.validate(table.frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return []
    columns = {column.name: column for column in table.columns}
    problems: list[Problem] = []
    # Rows holding a duplicate, per key (a single unique column, or the primary key).
    duplicated: dict[tuple[str, ...], set[int]] = {}
    for case in cases.itertuples(index=False):
        row = None if pd.isna(case.index) else int(case.index)
        if case.check.startswith(("field_uniqueness", "primary_key", "unique_when_present")):
            key = tuple(schemas.primary_key(table.name)) \
                if case.check.startswith("primary_key") else (case.column,)
            if row is not None:
                duplicated.setdefault(key, set()).add(row)
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


def _duplicates(table: Table, key: list[str], rows: list[int]) -> list[Problem]:
    """One problem per duplicated row, naming the other lines that hold the same key."""
    frame = table.frame
    assert frame is not None
    dup = frame[frame.duplicated(key, keep=False)]
    group = dup.groupby(key, dropna=False, sort=False).ngroup()
    members = group.groupby(group).groups
    others = {int(row): [int(m) for m in members[g] if m != row] for row, g in group.items()}
    label = ", ".join(key)
    problems = []
    for row in rows:
        if row not in others:
            continue
        lines = ", ".join(str(table.line_of(other)) for other in others[row])
        value = ", ".join(_as_text(frame.at[row, c]) for c in key)
        problems.append(Problem(table.file, None, label, value,
                                f"duplicate {label}: the same value is on line {lines}",
                                row=row))
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
