"""Reading one curated CSV: bytes, then checked text, then typed columns.

Nothing here raises for bad data: every problem is kept with the row it belongs
to. pyarrow parses the file (``csvparse``: every column as a string, UTF-8 checked;
often before this module is imported, by ``csvparse.Parsing``); types are then
converted column by column with Arrow compute, so one bad cell is reported and the
rest of its column still loads. The file is decoded
as Python text, and line numbers worked out, only when there is something to
report.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..csvparse import NotRegularFile, Parsed, open_regular, parse_strings
from ..metadata import Column
from ..problems import MAX_PER_RULE, Problem, capped, display_path
from ..release_format import arrow_to_pandas, field_type

# Problems with the cell's text, per Table Schema type: (accepted form, rule).
_FORMS = {
    "integer": (r"^-?[0-9]{1,18}$", "is not a whole number"),
    "number": (r"^-?[0-9]{1,15}(\.[0-9]{1,15})?$", "is not a decimal number such as 33.8"),
    "date": (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "is not a date in the form YYYY-MM-DD"),
}
# Cells people type for "unknown"; the data's convention is an empty cell.
PLACEHOLDERS = ["n/a", "#n/a", "null", "none", "nan", "-", "--", "?"]


def _every_case(word: str) -> list[str]:
    out = [""]
    for char in word:
        out = [prefix + c for prefix in out for c in {char.lower(), char.upper()}]
    return out


# Matched against trimmed cells without lower-casing the whole column first.
_PLACEHOLDER_SET = pa.array(sorted({v for word in PLACEHOLDERS for v in _every_case(word)}),
                            pa.large_string())
# Lines with bad bytes reported per file before the rest are summed up.
_MAX_ENCODING_LINES = 20
# The one limit on the size of a cell, in bytes of UTF-8, for validate, build and fmt alike
# (the longest curated cell is a note of about 5 KB). pyarrow reads rows of up to
# csvparse.BLOCK_BYTES in one block; a longer row sends the file to the line-by-line
# diagnosis, which names the cell.
MAX_CELL_BYTES = 65_536
CELL_TOO_LONG = (f"the cell is longer than {MAX_CELL_BYTES:,} bytes, the limit for one cell "
                 "(is it pasted text or a file?)")
# The curated frames keep dates as Arrow dates (the models' Date); the rest as released.
_PANDAS_TYPES = arrow_to_pandas({pa.date32(): pd.ArrowDtype(pa.date32())})


@dataclass
class Table:
    """One CSV as read: its typed frame (None if it could not be parsed) and its problems
    (each with the record's ``row``, or a ``line`` when it is known without counting
    records; ``lines`` gives every problem its line)."""

    name: str
    path: Path
    columns: list[Column]
    # The typed columns (None if the file could not be parsed), which the checks run on.
    arrow: pa.Table | None = None
    problems: list[Problem] = field(default_factory=list)
    # (row, column) of cells whose text could not be converted to their type.
    bad_cells: set[tuple[int, str]] = field(default_factory=set)
    _lines: list[int] | None = None
    _text: str | None = None

    @functools.cached_property
    def frame(self) -> pd.DataFrame | None:
        """The typed columns as pandas, for the build (made when first asked for)."""
        return None if self.arrow is None else self.arrow.to_pandas(types_mapper=_PANDAS_TYPES)

    @property
    def text(self) -> str:
        """The file as text (decoded when first needed: on the error path only)."""
        if self._text is None:
            self._text = read_regular(self.path).removeprefix(codecs.BOM_UTF8).decode("utf-8")
        return self._text

    def line_of(self, row: int) -> int:
        """The editor line on which record ``row`` starts."""
        if self._lines is None:
            self._lines = record_lines(self.text)
        return self._lines[row]

    @functools.cached_property
    def file(self) -> str:
        """The file as problems name it."""
        return display_path(self.path)

    def fail(self, rule: str, *, row: int | None = None, line: int | None = None,
             column: str | None = None, value: str | None = None) -> None:
        self.problems.append(Problem(self.file, line, column, value, rule, row=row))

    def lines(self) -> list[Problem]:
        """Every problem, in line order, placed at its editor line in this file: at most
        MAX_PER_RULE of each rule and column, the rest counted (``problems.capped``; only
        the problems kept are placed, so a million bad cells cost one sort)."""
        def position(p: Problem) -> tuple[int, str, str]:
            line = (p.line or 0) if p.row is None else self.line_of(p.row)
            return line, p.column or "", p.rule

        # The rules name the table, not the file: one name for capping, then this file's.
        kept = capped(sorted(self.problems, key=position), file=self.file)
        return [Problem(self.file, position(p)[0] if p.row is not None else p.line, p.column,
                        p.value, p.rule, more=p.more) for p in kept]


class RecordError(ValueError):
    """The text cannot be split into CSV records; ``line`` is where reading stopped."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def read_regular(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file, not a symbolic link (``open_regular``)."""
    with open_regular(path) as handle:
        return handle.read()


@contextlib.contextmanager
def _any_field_size() -> Iterator[None]:
    # The csv module's own limit (128 KiB) would stop reading with no column named; cells
    # are held to MAX_CELL_BYTES by name instead.
    previous = csv.field_size_limit(1 << 30)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


_LINE_END = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, as io.StringIO(text, newline="") gives them,
    without its copy of the whole text (four bytes a character)."""
    start = 0
    while start < len(text):
        end = _LINE_END.search(text, start)
        stop = end.end() if end else len(text)
        yield text[start:stop]
        start = stop


def records(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """The CSV records of ``text`` (blank lines skipped, as the parser skips them), each
    with the lines it starts and ends on. The one place that splits a CSV into records
    line by line: ``fmt`` and the error paths of reading both use it."""
    with _any_field_size():
        reader = csv.reader(_lines(text))
        end = 0
        try:
            for record in reader:
                start, end = end + 1, reader.line_num
                if record:
                    yield start, end, record
        except csv.Error as error:
            raise RecordError(str(error), reader.line_num) from None


class PhysicalLines:
    """The lines of a text as the csv module counts them (``\\n``, ``\\r\\n`` or ``\\r``),
    read forwards once: ``at(n)`` for increasing ``n`` costs one pass over the text in all,
    and no list of every line is kept."""

    def __init__(self, text: str) -> None:
        self._lines = _lines(text)
        self._number = 0
        self._line = ""

    def at(self, number: int) -> str:
        """Line ``number`` (1-based, not before the last one asked for), without its end."""
        while self._number < number:
            self._line = next(self._lines)
            self._number += 1
        return self._line.rstrip("\r\n")


def long_cells(header: list[str], record: list[str]) -> Iterator[str]:
    """The columns of a record whose cell is longer than MAX_CELL_BYTES."""
    for name, cell in zip(header, record, strict=False):
        # A cell of more than MAX_CELL_BYTES // 4 characters may be over the limit in UTF-8.
        if len(cell) > MAX_CELL_BYTES // 4 and len(cell.encode("utf-8")) > MAX_CELL_BYTES:
            yield name


def record_lines(text: str) -> list[int]:
    """The line each data record starts on."""
    return [start for start, _, _ in records(text)][1:]  # the first record is the header


def read_table(name: str, path: Path, columns: list[Column],
               parsed: Parsed | None = None) -> Table:
    """Read ``path`` as table ``name`` whose columns are ``columns`` (``parsed``: the file
    parsed already, by ``csvparse.Parsing``)."""
    table = Table(name, path, columns)
    if parsed is not None:
        header = _checked_header(table, parsed.head)
        if header == parsed.header:
            _typed_table(table, parsed.strings)
            return table
        if header is None:
            return table
        table.problems.clear()  # a header that differs: read the file again, from the top
    try:
        handle = open_regular(path)
    except FileNotFoundError:
        table.fail(f"file not found; the {name} table is read from {path.name}")
        return table
    except NotRegularFile as error:
        table.fail(str(error))
        return table
    except OSError as error:
        table.fail(f"cannot be read: {error.strerror}")
        return table
    with handle:
        # Only the header line: pyarrow reads the rest from the same open file, block by
        # block (holding the whole file as bytes besides its parsed columns doubled the
        # memory reading takes). A blank or undecodable first line is diagnosed on the
        # whole file.
        data = handle.readline()
        if not data.strip() or not _decodes(data):
            data += handle.read()
        header = _checked_header(table, data)
        if header is not None:
            _parse(table, header, handle)
    return table


def _checked_header(table: Table, data: bytes) -> list[str] | None:
    """The header of a file that starts with ``data``, when it names the model's columns
    (each problem reported)."""
    if data.startswith(codecs.BOM_UTF8):
        table.fail("starts with a byte-order mark (BOM); save the file as UTF-8 without BOM "
                   "(`strikeledger fmt` removes it)", line=1)
        data = data[len(codecs.BOM_UTF8):]
    return _read_header(table, data)


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _encoding_problems(table: Table, data: bytes) -> None:
    bad_lines = 0
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            bad_lines += 1
            if bad_lines <= _MAX_ENCODING_LINES:
                bad = raw[error.start:error.end]
                table.fail("is not valid UTF-8 (save the file with UTF-8 encoding)",
                           line=number, value=f"byte {bad.hex(' ')} at column {error.start + 1}")
    if bad_lines > _MAX_ENCODING_LINES:
        table.fail(f"and {bad_lines - _MAX_ENCODING_LINES} more lines are not valid UTF-8 "
                   "(is it a spreadsheet or another binary file saved as .csv?)")


def _read_header(table: Table, data: bytes) -> list[str] | None:
    expected = [column.name for column in table.columns]
    if not data or data.isspace():
        table.fail("is empty; the first line must be the header: " + ",".join(expected))
        return None
    end = data.find(b"\n")
    try:
        first = data[: end if end >= 0 else len(data)].decode("utf-8").rstrip("\r")
    except UnicodeDecodeError:
        _encoding_problems(table, data)
        return None
    if not first.strip():
        table.fail("line 1 is blank; the first line must be the header", line=1)
        return None
    header = next(csv.reader([first]))
    ok = True
    seen: set[str] = set()
    for name in header:
        if name in seen:
            table.fail("column name appears more than once in the header", line=1, column=name)
            ok = False
        seen.add(name)
    for name in expected:
        if name not in seen:
            table.fail("required column is missing from the header", line=1, column=name,
                       value="")
            ok = False
    for name in header:
        if name not in expected:
            hint = ("the column name has spaces around it" if name.strip() in expected else
                    "unexpected column; the columns are: " + ", ".join(expected))
            table.fail(hint, line=1, column=name)
            ok = False
    return header if ok else None


def _parse(table: Table, header: list[str], handle: BinaryIO) -> None:
    try:
        parsed = parse_strings(handle, header)
    except pa.ArrowInvalid as error:
        data = read_regular(table.path).removeprefix(codecs.BOM_UTF8)
        if not _decodes(data):
            _encoding_problems(table, data)
            return
        _structure_problems(table, header, str(error))
        return
    _typed_table(table, parsed)


def _typed_table(table: Table, parsed: pa.Table) -> None:
    """The parsed strings checked for size and converted to the columns' types."""
    if parsed.num_rows == 0:
        table.fail("has a header but no rows", line=1)
        return
    for name in parsed.column_names:
        strings = parsed[name]
        too_long = pc.greater(pc.binary_length(strings), MAX_CELL_BYTES)
        if pc.any(too_long).as_py():
            _report(table, name, pa.chunked_array([pa.nulls(len(strings), strings.type)]),
                    too_long, CELL_TOO_LONG)
    arrays = {column.name: _typed(table, parsed[column.name], column)
              for column in table.columns}
    table.arrow = pa.table(arrays)


def _structure_problems(table: Table, header: list[str], parser_message: str) -> None:
    """Name the lines that break the CSV structure (exact, using Python's csv module): one
    pass over the records, the file split into lines once."""
    before = len(table.problems)
    width = len(header)
    lines = PhysicalLines(table.text)
    quoted = 0  # lines quoted so far: only those the report can show are looked up
    try:
        for start, end, record in records(table.text):
            if start == 1:
                continue
            for name in long_cells(header, record):
                table.fail(CELL_TOO_LONG, line=start, column=name)
            if end > start or any("\n" in cell or "\r" in cell for cell in record):
                until = f"on to line {end}" if end > start else "to the end of the file"
                table.fail(f"a quoted cell runs {until}; cells must not contain line breaks "
                           "(is a closing quote missing?)", line=start)
            elif len(record) != width:
                quoted += 1
                value = lines.at(start) if quoted <= MAX_PER_RULE else None
                table.fail(f"has {len(record)} fields but the header has {width} (a stray "
                           "delimiter or quote?)", line=start, value=value)
    except RecordError as error:
        table.fail(f"cannot be parsed as CSV: {error}", line=error.line)
    if len(table.problems) == before:
        table.fail(f"cannot be parsed as CSV: {parser_message}")


# Padded and placeholder cells: reported here for free text and numbers, and in the
# message of the pattern or vocabulary check that refuses them in id and code columns.
PADDED = "has spaces or tabs around the value; remove them (strikeledger fmt trims cells)"
PLACEHOLDER = "leave the cell empty for unknown values instead of a placeholder"


def _typed(table: Table, strings: pa.ChunkedArray, column: Column) -> pa.ChunkedArray:
    """One column, checked and converted to its type.

    The fast path does one pass per column: a strict cast for dates and integers, nothing
    for ids and codes (their pattern or vocabulary check refuses padded or placeholder
    cells). Free text is trimmed and checked for placeholders. Cells that fail go through
    the slow path, which says exactly what is wrong with each.
    """
    if column.kind in ("date", "integer"):
        # Arrow's casts of these are strict (no 2023-02-30, no '+5', no spaces): when the
        # whole column casts, every cell is well formed.
        try:
            return pc.cast(strings, field_type(column.kind).arrow)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    elif column.kind == "string" and (column.pattern or column.enum):
        return strings
    return _convert(table, _cell_problems(table, strings, column), column)


def _cell_problems(table: Table, strings: pa.ChunkedArray, column: Column) -> pa.ChunkedArray:
    """Report cells with spaces around them or placeholder text; return the column with
    those cells trimmed (so that the checks that follow see the value itself) and
    placeholders kept as they are (they then fail their column's own rules too).

    Cells are trimmed block by block to find them: a trimmed copy of the whole column
    is made only when some cell needs it."""
    padded_blocks, placeholder_blocks = [], []
    for block in strings.chunks:
        trimmed = pc.utf8_trim_whitespace(block)
        padded_blocks.append(pc.not_equal(pc.binary_length(trimmed), pc.binary_length(block)))
        if column.kind == "string":  # other kinds refuse a placeholder when they are cast
            placeholder_blocks.append(_placeholders(trimmed))
    if placeholder_blocks:
        _report(table, column.name, strings, pa.chunked_array(placeholder_blocks, pa.bool_()),
                PLACEHOLDER, bad=True)
    padded = pa.chunked_array(padded_blocks, pa.bool_())
    if not pc.any(padded).as_py():
        return strings
    _report(table, column.name, strings, padded, PADDED, bad=False)
    trimmed = pc.utf8_trim_whitespace(strings)
    # A cell of only spaces is empty once trimmed.
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, trimmed.type), trimmed)


_PLACEHOLDER_LENGTH = max(len(word) for word in PLACEHOLDERS)


def _placeholders(trimmed: pa.Array) -> pa.Array:
    """Which trimmed cells are placeholders; only short cells are looked up (ids and codes
    are longer)."""
    short = pc.less_equal(pc.binary_length(trimmed), _PLACEHOLDER_LENGTH)
    if not pc.any(short).as_py():
        return short  # none
    return pc.and_(short, pc.is_in(trimmed, value_set=_PLACEHOLDER_SET))


def _convert(table: Table, strings: pa.ChunkedArray, column: Column) -> pa.ChunkedArray:
    """Convert one column of strings to its type; cells that do not convert become null
    and are reported."""
    if column.kind == "string":
        return strings
    pattern, rule = _FORMS[column.kind]
    well_formed = pc.match_substring_regex(strings, pattern)
    candidates = pc.if_else(well_formed, strings, pa.scalar(None, strings.type))
    if column.kind == "date":
        parsed = pc.strptime(candidates, format="%Y-%m-%d", unit="s", error_is_null=True)
        # strptime rolls 2023-02-30 over to 2023-03-02: keep only dates that round-trip.
        real = pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), candidates)
        converted = pc.cast(pc.if_else(real, parsed, pa.scalar(None, parsed.type)), pa.date32())
    else:
        target = {"integer": pa.int64(), "number": pa.float64()}[column.kind]
        converted = pc.cast(candidates, target)
    malformed = pc.and_(strings.is_valid(), pc.invert(well_formed))
    _report(table, column.name, strings, malformed, rule)
    if column.kind == "date":
        impossible = pc.and_(well_formed, converted.is_null())
        _report(table, column.name, strings, impossible, "is not a real calendar date")
    return converted


def _report(table: Table, column: str, strings: pa.ChunkedArray, mask: pa.ChunkedArray,
            rule: str, *, bad: bool = True) -> None:
    """Report the cells of ``mask``; ``bad`` cells get no further reports."""
    if not pc.any(mask).as_py():
        return
    rows = np.flatnonzero(pc.fill_null(mask, False).to_numpy(zero_copy_only=False))
    values = strings.take(pa.array(rows)).to_pylist()
    for row, value in zip(rows.tolist(), values, strict=True):
        if (row, column) in table.bad_cells:
            continue
        if bad:
            table.bad_cells.add((row, column))
        table.fail(rule, row=row, column=column, value=value)
