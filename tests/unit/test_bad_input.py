"""Every kind of broken CSV a person or a tool produces, and the exact report for each:
no traceback, the file, the line, the column, the value and the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from strikeledger.csvparse import Parsing
from strikeledger.validate import validate

EVENTS = "events.csv"


def rewrite(path: Path, transform) -> None:
    path.write_bytes(transform(path.read_bytes()))


def first_row_cell(data: bytes, old: bytes, new: bytes) -> bytes:
    lines = data.split(b"\n")
    assert old in lines[1]
    lines[1] = lines[1].replace(old, new, 1)
    return b"\n".join(lines)


# (case, file, transform of the file's bytes, expected reports: (line, column, value, rule)).
CASES = [
    ("byte-order mark", EVENTS, lambda d: b"\xef\xbb\xbf" + d,
     [(1, None, None, "starts with a byte-order mark (BOM); save the file as UTF-8 without BOM "
       "(`strikeledger fmt` removes it)")]),
    ("latin-1 byte", EVENTS,
     lambda d: first_row_cell(d, b"Al-Asad", "Al-\xc1sad".encode("latin-1")),
     [(2, None, "byte c1 at column {col}", "is not valid UTF-8 (save the file with UTF-8 "
       "encoding)")]),
    ("spreadsheet saved as .csv", EVENTS, lambda d: b"PK\x03\x04\x14\x00\x06\x00\xff\xfe" * 3,
     [(1, None, "byte ff at column 9", "is not valid UTF-8 (save the file with UTF-8 encoding)")]),
    ("stray delimiter", EVENTS, lambda d: first_row_cell(d, b",night,", b",night,,"),
     [(2, None, "<line>", "has 15 fields but the header has 14 (a stray delimiter or quote?)")]),
    ("quote opened inside a row", EVENTS, lambda d: first_row_cell(d, b",night,", b',"night,'),
     [(2, None, "<line>", "has 7 fields but the header has 14 (a stray delimiter or quote?)")]),
    ("quote never closed", "actors.csv", lambda d: d + b'ACT-0099,"Unclosed group,militia\n',
     [("{appended}", None, None, "a quoted cell runs to the end of the file; cells must not "
       "contain line breaks (is a closing quote missing?)")]),
    ("duplicated header name", EVENTS, lambda d: d.replace(b",notes\n", b",summary\n", 1),
     [(1, "summary", None, "column name appears more than once in the header"),
      (1, "notes", "", "required column is missing from the header")]),
    ("header name with spaces", EVENTS, lambda d: d.replace(b",notes\n", b", notes\n", 1),
     [(1, "notes", "", "required column is missing from the header"),
      (1, " notes", None, "the column name has spaces around it")]),
    ("spaces around a value", EVENTS, lambda d: first_row_cell(d, b",night,", b",night ,"),
     [(2, "time_of_day", "night ", "has spaces or tabs around the value; remove them "
       "(strikeledger fmt trims cells)")]),
    ("placeholder for unknown", EVENTS, lambda d: first_row_cell(d, b",night,", b",N/A,"),
     [(2, "time_of_day", "N/A", "leave the cell empty for unknown values instead of a "
       "placeholder")]),
    ("formula injection", "actors.csv", lambda d: first_row_cell(d, b",United", b",=United"),
     [(2, "name", "=United States armed forces", "must not start with =, +, -, @, a tab or a "
       "carriage return (spreadsheets would run it as a formula)")]),
    ("control character", "actors.csv", lambda d: first_row_cell(d, b"States armed",
                                                                 b"States\x07armed"),
     [(2, "name", "United States\x07armed forces", "must not contain control or invisible "
       "formatting characters (tabs, line breaks, bidi controls such as U+202E, zero-width "
       "spaces)")]),
    ("empty file", EVENTS, lambda d: b"",
     [(None, None, None, "is empty; the first line must be the header: event_id,event_type,"
       "date_earliest,date_latest,time_of_day,location_id,target_id,weapons,operation_id,"
       "responds_to,confirmation,confirmation_source_id,summary,notes")]),
    ("header only", EVENTS, lambda d: d.split(b"\n")[0] + b"\n",
     [(1, None, None, "has a header but no rows")]),
]


def _validated(data: Path, parsed_first: bool):
    """validate, as the library calls it or as the commands do: with the CSVs parsed
    beforehand (csvparse.Parsing, waited for, so that validate takes every parse)."""
    if not parsed_first:
        return validate(data)
    parsing = Parsing(data)
    parsing.wait()
    return validate(data, parsing=parsing)


@pytest.mark.parametrize("parsed_first", [False, True], ids=["read", "parsed first"])
@pytest.mark.parametrize(("case", "name", "transform", "expected"), CASES,
                         ids=[c[0] for c in CASES])
def test_bad_input_is_named(data, case, name, transform, expected, parsed_first):
    path = data / name
    original = path.read_bytes()
    rewrite(path, transform)
    result = _validated(data, parsed_first)
    assert result.tables is None
    mine = [(f.line, f.column, f.value, f.rule) for f in result.problems
            if f.file.endswith(name)]
    broken = path.read_bytes()
    lines = broken.split(b"\n")
    fills = {"col": lines[1].find(b"\xc1") + 1 if len(lines) > 1 else 0,
             "appended": original.count(b"\n") + 1}
    want = []
    for line, column, value, rule in expected:
        if line == "{appended}":
            line = fills["appended"]
        if value == "<line>":
            value = broken.decode().split("\n")[line - 1]
        want.append((line, column, value and value.format(**fills), rule.format(**fills)))
    assert sorted(mine, key=str) == sorted(want, key=str), (case, [m[3] for m in mine])
    assert path.read_bytes() != original


def test_control_character_is_shown_escaped(data):
    rewrite(data / "actors.csv", lambda d: first_row_cell(d, b"States armed", b"States\x07armed"))
    (failure,) = validate(data).problems
    assert str(failure).endswith(":2: name: United States\\x07armed forces: must not contain "
                                 "control or invisible formatting characters (tabs, line "
                                 "breaks, bidi controls such as U+202E, zero-width spaces)")


@pytest.mark.parametrize("transform", [
    lambda d: d.replace(b"\n", b"\r\n"),                       # Windows line endings
    lambda d: d.replace(b"\n", b"\r\n", 3),                    # mixed line endings
    lambda d: d + b"\n\n\n",                                   # blank trailing lines
    lambda d: d.replace(b"\n", b"\n\n", 2),                    # a blank line inside
], ids=["crlf", "mixed", "blank-trailing", "blank-inside"])
def test_line_ending_and_blank_line_variants_are_accepted(data, transform):
    """They change no value; `strikeledger fmt` normalises them and `fmt --check` flags them."""
    rewrite(data / EVENTS, transform)
    assert validate(data).problems == []


def test_line_numbers_stay_true_after_blank_lines(data):
    rewrite(data / EVENTS, lambda d: d.replace(b"\n", b"\n\n", 2).replace(
        b"EV-0002,us_strike", b"EV-0002,raid"))
    (failure,) = validate(data).problems
    lines = (data / EVENTS).read_text().split("\n")
    assert lines[failure.line - 1].startswith("EV-0002,raid")


def test_many_undecodable_lines_are_summed_up(data):
    rewrite(data / EVENTS, lambda d: b"\xff\n" * 50)
    failures = [f for f in validate(data).problems if f.file.endswith(EVENTS)]
    assert len(failures) == 21
    assert [f.line for f in failures if f.line] == list(range(1, 21))
    assert [f.rule for f in failures if f.line is None] == [
        "and 30 more lines are not valid UTF-8 (is it a spreadsheet or another binary file "
        "saved as .csv?)"]
