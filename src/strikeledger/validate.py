"""``strikeledger validate``: every problem in the curated CSVs, all at once.

Three passes, each reporting everything it finds:
1. reading (``csvio``): encoding, header, CSV structure, cell types;
2. each table's Pandera model: nullability, patterns, vocabularies, ranges, keys;
3. the package-level rules (``schemas.rules``): foreign keys and cross-table logic.
Each problem becomes a ``Failure`` naming file, line, column, value and rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from . import derive, schemas
from .csvio import PADDED, PLACEHOLDER, PLACEHOLDERS, Problem, Table, read_table
from .failures import Failure, display_path
from .schemas.checks import RULES as CUSTOM_RULES
from .schemas.rules import check_package
from .schemas.vocabularies import VOCABULARIES


@dataclass
class Result:
    """The outcome of validation: typed frames when clean, and every failure found."""

    tables: dict[str, pd.DataFrame] | None
    failures: list[Failure]

    @property
    def ok(self) -> bool:
        return not self.failures


def validate(data_dir: Path) -> Result:
    """Validate every curated table in ``data_dir``."""
    read = {
        name: read_table(name, data_dir / f"{name}.csv", derive.columns(name, released=False))
        for name in schemas.MODELS
    }
    for table in read.values():
        if table.frame is not None:
            table.problems.extend(_model_problems(table))
    if all(table.frame is not None for table in read.values()):
        frames = {name: table.frame for name, table in read.items()}
        for finding in check_package(frames):  # type: ignore[arg-type]
            table = read[finding.table]
            for row, value, rule in zip(finding.rows, finding.values, finding.rules, strict=True):
                if (row, finding.column) not in table.bad_cells:
                    table.fail(rule, row=row, column=finding.column, value=value)
    failures = sorted(
        (f for table in read.values() for f in _failures(table)),
        key=lambda f: (f.file, f.line or 0, f.column or "", f.rule),
    )
    frames_out = None if failures else {name: t.frame for name, t in read.items()}
    return Result(frames_out, failures)  # type: ignore[arg-type]


def _failures(table: Table) -> Iterable[Failure]:
    file = display_path(table.path)
    for problem in table.problems:
        line = problem.line
        if line is None and problem.row is not None:
            line = table.line_of(problem.row)
        yield Failure(file, line, problem.column, problem.value, problem.rule)


def _model_problems(table: Table) -> list[Problem]:
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
        problems.append(Problem(rule, row=row, column=case.column, value=value))
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
        problems.append(Problem(f"duplicate {label}: the same value is on line {lines}",
                                row=row, column=label, value=value))
    return problems


def _rule(column: derive.Column, check: pa.Check) -> str:
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
    return CUSTOM_RULES.get(name, check.error or name)


def _as_text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)
