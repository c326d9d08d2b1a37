"""Helpers shared by the tests: paths of the project, and editing one CSV cell the way a
person editing it would."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from strikeledger import __version__

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
CHANGELOG = ROOT / "CHANGELOG.md"
COMMITTED_RELEASE = ROOT / "build" / __version__
SHARED_SOURCES = ROOT.parent / "shared" / "sources"


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(path: Path, key: str, column: str, value: str) -> int:
    """Set ``column`` of the row whose first cell is ``key``; return the row's line number."""
    rows = read_rows(path)
    col = rows[0].index(column)
    for i, row in enumerate(rows[1:], start=2):
        if row[0] == key:
            row[col] = value
            write_rows(path, rows)
            return i  # one line per record in the curated CSVs
    raise KeyError(key)


def line_of(path: Path, key: str) -> int:
    for i, row in enumerate(read_rows(path)[1:], start=2):
        if row[0] == key:
            return i
    raise KeyError(key)
