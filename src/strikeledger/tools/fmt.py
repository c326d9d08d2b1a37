"""``strikeledger fmt [--check]``: one canonical form for the curated CSVs, so that diffs of
hand edits show only what changed.

The canonical form: UTF-8 without a byte-order mark; ``\\n`` line endings and a final
newline; columns in schema order; rows sorted by primary key (ids in numeric order);
no blank lines; every cell trimmed of surrounding spaces; quotes only around cells that
need them (a comma, a quote or a line break). Nothing else about a value changes.
A file that cannot be read safely (not UTF-8, broken CSV structure, missing or unknown
columns, a cell over the size limit) is left untouched and reported, and nothing is written
for it; a symbolic link or other file that is not a regular file is refused unread. A
rewritten file keeps its permissions (``write_atomic``).
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import metadata, schemas
from ..problems import Problem, display_path
from ..release_format import write_atomic
from ..validate.csvio import (
    CELL_TOO_LONG,
    NotRegularFile,
    RecordError,
    long_cells,
    read_regular,
    records,
)


@dataclass
class FmtResult:
    """Files that are (or, with --check, would be) rewritten, and files left alone."""

    changed: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def canonical_text(path: Path, table: str) -> tuple[str | None, list[Problem]]:
    """The canonical form of one CSV, or the problems that keep fmt from producing it."""
    file = display_path(path)
    try:
        data = read_regular(path)
    except NotRegularFile as error:
        return None, [Problem(file, None, None, None, f"{error}; fmt changed nothing")]
    except FileNotFoundError:
        return None, [Problem(file, None, None, None, "file not found")]
    except OSError as error:
        return None, [Problem(file, None, None, None, f"cannot be read: {error.strerror}")]
    return _canonical(file, data, table)


def _canonical(file: str, data: bytes, table: str) -> tuple[str | None, list[Problem]]:
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, [Problem(file, line, None, None,
                              "is not valid UTF-8; fix the encoding first (fmt changed nothing)")]
    expected = [column.name for column in metadata.columns(table, released=False)]
    try:
        found = [(start, record) for start, _, record in records(text)]
    except RecordError as error:
        return None, [Problem(file, error.line, None, None, f"cannot be parsed: {error}")]
    if not found:
        return None, [Problem(file, None, None, None, "has no header; fmt changed nothing")]
    header = [name.strip() for name in found[0][1]]
    problems = [Problem(file, 1, name, None, "column name appears more than once")
                for name in {n for n in header if header.count(n) > 1}]
    problems += [Problem(file, 1, name, "", "required column is missing from the header")
                 for name in expected if name not in header]
    problems += [Problem(file, 1, name, None, "unexpected column")
                 for name in header if name not in expected]
    problems += [
        Problem(file, line, None, None,
                f"has {len(record)} fields but the header has {len(header)}")
        for line, record in found[1:] if len(record) != len(header)
    ]
    problems += [Problem(file, line, name, None, CELL_TOO_LONG)
                 for line, record in found[1:] for name in long_cells(header, record)]
    if problems:
        return None, problems
    rows = pd.DataFrame([record for _, record in found[1:]], columns=header, dtype=object)
    rows = rows[expected].apply(lambda column: column.str.strip())
    rows = metadata.in_key_order(rows, table, released=False)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(expected)
    writer.writerows(rows.itertuples(index=False, name=None))
    return out.getvalue(), []


def fmt(data_dir: Path, *, check: bool) -> FmtResult:
    """Bring every curated CSV in ``data_dir`` to its canonical form (or, with ``check``,
    only report which files are not in it)."""
    result = FmtResult()
    for table in schemas.MODELS:
        path = data_dir / f"{table}.csv"
        try:
            data = read_regular(path)
        except OSError:
            result.problems.extend(canonical_text(path, table)[1])  # says why, reads nothing
            continue
        text, problems = _canonical(display_path(path), data, table)
        if text is None:
            result.problems.extend(problems)
            continue
        if data == text.encode("utf-8"):
            continue
        result.changed.append(path)
        if not check:
            write_atomic(path, text.encode("utf-8"))
    return result
