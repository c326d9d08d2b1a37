"""``strikeledger validate``: every problem in the curated CSVs, all at once.

Three passes, each reporting everything it finds:
1. reading (``csvio``): encoding, header, CSV structure, cell types;
2. each table's model (``models``: the Pandera models' checks, run in Arrow):
   nullability, patterns, vocabularies, ranges, keys;
3. the package-level rules (``rules``): foreign keys and cross-table logic.
Each problem is a ``Problem`` naming file, line, column, value and rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import metadata, schemas
from ..csvparse import Parsing
from ..parallel import side_by_side
from ..problems import Problem, capped
from .csvio import Table, read_table
from .models import model_problems
from .rules import check_package


@dataclass
class Result:
    """The outcome of validation: every failure found, and the typed tables when clean."""

    problems: list[Problem]
    read: dict[str, Table]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def tables(self) -> dict[str, pd.DataFrame] | None:
        """The typed tables as pandas DataFrames (None unless valid; made when first asked
        for: `strikeledger validate` itself needs none)."""
        if self.problems:
            return None
        return {name: table.frame for name, table in self.read.items()}  # type: ignore[misc]


def _changelog_date(data_dir: Path) -> dt.date | None:
    """The date of this version's entry in the CHANGELOG.md beside ``data_dir``, if any."""
    from .. import __version__
    from ..builder.changelog import ChangelogError, release_date

    try:
        return release_date(data_dir.resolve().parent / "CHANGELOG.md", __version__)
    except ChangelogError:
        return None


def _size(path: Path) -> int:
    """The file's size in bytes (0 if it cannot be looked at: reading it reports why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def validate(data_dir: Path, release_date: dt.date | None = None, *,
             parsing: Parsing | None = None) -> Result:
    """Validate every curated table in ``data_dir``. ``release_date`` bounds publication
    dates: by default the CHANGELOG.md date of this version beside ``data_dir`` (today when
    there is none). ``parsing``: the folder's CSVs being parsed already (``csvparse``),
    started by the caller before it imported this module."""
    if release_date is None:
        release_date = _changelog_date(data_dir)

    def read_and_check(name: str) -> Table:
        path = data_dir / f"{name}.csv"
        table = read_table(name, path, metadata.columns(name, released=False),
                           parsing.take(path) if parsing is not None else None)
        if table.arrow is not None:
            table.problems.extend(model_problems(table))
        return table

    # The tables are read and checked side by side when the data is large enough to gain.
    size = sum(_size(data_dir / f"{name}.csv") for name in schemas.MODELS)
    try:
        read = dict(zip(schemas.MODELS, side_by_side(read_and_check, schemas.MODELS,
                                                     size=size), strict=True))
    finally:
        if parsing is not None:
            parsing.close()  # any other CSV of the folder is not a table
    if all(table.arrow is not None for table in read.values()):
        arrow = {name: table.arrow for name, table in read.items()}
        for problem in check_package(arrow, release_date, size=size):  # type: ignore[arg-type]
            table = read[problem.file]  # a rule names the table; place it in its file
            if (problem.row, problem.column) not in table.bad_cells:
                table.problems.append(problem)  # Table.lines places it in the file
    # At most MAX_PER_RULE problems per file and rule, the rest counted (problems.capped).
    problems = capped(sorted(
        (p for table in read.values() for p in table.lines()),
        key=lambda p: (p.file, p.line or 0, p.column or "", p.rule),
    ))
    return Result(problems, read)
