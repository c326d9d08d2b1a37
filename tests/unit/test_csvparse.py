"""csvparse: the CSVs parsed before validate's stack is imported, and validate taking them."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from strikeledger import metadata
from strikeledger.csvparse import Parsed, Parsing, header_names
from strikeledger.validate import validate
from strikeledger.validate.csvio import read_table


def _strings(path: Path) -> pa.Table:
    """The file as plain pyarrow reads it, every column a string, empty cells null."""
    names = path.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    return pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
        column_types={n: pa.large_string() for n in names}, strings_can_be_null=True,
        quoted_strings_can_be_null=True, null_values=[""]))


def test_every_csv_of_the_folder_is_parsed_as_strings(data):
    parsing = Parsing(data)
    parsing.wait()
    for path in sorted(data.glob("*.csv")):
        parsed = parsing.take(path)
        assert parsed is not None, path.name
        assert parsed.header == header_names(parsed.head)
        assert parsed.strings.equals(_strings(path)), path.name
        assert parsing.take(path) is None  # taken once


def test_files_it_cannot_parse_are_left_to_validate(data, tmp_path):
    (data / "blank.csv").write_bytes(b"\n\nEV-1\n")
    (data / "latin.csv").write_bytes("name\nAl-\xc1sad\n".encode("latin-1"))
    (data / "ragged.csv").write_bytes(b"a,b\n1,2,3\n")
    os.symlink(data / "actors.csv", data / "link.csv")
    (data / "folder.csv").mkdir()
    parsing = Parsing(data)
    parsing.wait()
    for name in ("blank", "latin", "ragged", "link", "folder"):
        assert parsing.take(data / f"{name}.csv") is None, name
    assert parsing.take(tmp_path / "actors.csv") is None  # not a file of its folder
    assert parsing.take(data / "actors.csv") is not None


def test_a_parse_whose_header_is_not_the_files_is_read_again(data):
    # read_table uses a parse only when its names are the ones the first line gives when
    # checked against the model's columns; otherwise it reads the file from the top.
    path = data / "actors.csv"
    columns = metadata.columns("actors", released=False)
    head = path.read_bytes().split(b"\n", 1)[0] + b"\n"
    wrong = Parsed(head, ["x", "y"], pa.table({"x": ["1"], "y": ["2"]}))
    again = read_table("actors", path, columns, wrong)
    plain = read_table("actors", path, columns)
    assert again.problems == plain.problems == []
    assert again.arrow.equals(plain.arrow)


def test_validate_with_the_parses_finds_what_it_finds_without(data):
    # A table that breaks the rules across tables and a table whose model fails, taken
    # from the parses: the same problems either way.
    events = data / "events.csv"
    lines = events.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b",night,", b",noon,", 1)
    events.write_bytes(b"\n".join(lines))
    (data / "sources.csv").write_bytes(b"\xef\xbb\xbf" + (data / "sources.csv").read_bytes())
    parsing = Parsing(data)
    parsing.wait()
    with_parses = validate(data, parsing=parsing)
    assert with_parses.problems == validate(data).problems
    rules = {p.rule for p in with_parses.problems}
    assert any("time_of_day" in r for r in rules) and any("byte-order mark" in r for r in rules)


def test_a_file_not_parsed_yet_is_parsed_by_its_reader(data):
    parsing = Parsing(data)
    parsing.close()  # every file not started is dropped: take then parses nothing
    result = validate(data, parsing=parsing)
    assert result.ok and result.problems == validate(data).problems
