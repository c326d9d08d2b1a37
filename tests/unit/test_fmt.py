"""`strikeledger fmt`: one canonical form, values untouched, unreadable files left alone."""

from __future__ import annotations

import pytest
from helpers import DATASETS, read_rows, write_rows

from strikeledger.cli import main
from strikeledger.validate import validate


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_committed_data_is_canonical():
    assert main(["fmt", "--check", "--data", str(DATASETS)]) == 0


def test_fmt_restores_the_canonical_form_without_changing_values(data, capsys):
    canonical = snapshot(data)
    events = data / "events.csv"
    rows = read_rows(events)
    header, body = rows[0], rows[1:]
    # Columns swapped, rows reversed, CRLF, BOM, blank lines, padded cells, needless quotes.
    order = [header.index(c) for c in reversed(header)]
    def padded(cell: str) -> str:
        return '" ' + cell.replace('"', '""') + ' "' if cell else ""

    lines = [",".join(padded(r[i]) for i in order) for r in [header, *body[::-1]]]
    events.write_bytes(b"\xef\xbb\xbf" + "\r\n\r\n".join(lines).encode() + b"\r\n\r\n")
    assert main(["fmt", "--check", "--data", str(data)]) == 1
    assert f"would reformat {events}" in capsys.readouterr().out
    assert main(["fmt", "--data", str(data)]) == 0
    assert snapshot(data) == canonical
    assert main(["fmt", "--check", "--data", str(data)]) == 0


def test_ids_sort_in_numeric_order(data):
    actors = data / "actors.csv"
    rows = read_rows(actors)
    big = [*rows[1]]
    big[0] = "ACT-10000"
    write_rows(actors, [rows[0], big, *rows[1:]])
    assert main(["fmt", "--data", str(data)]) == 0
    assert [r[0] for r in read_rows(actors)][-1] == "ACT-10000"


@pytest.mark.parametrize("damage", [
    lambda d: d.replace(b"Al-Asad", "Al-\xc1sad".encode("latin-1"), 1),
    lambda d: d.replace(b",night,", b",night,,", 1),
    lambda d: d.replace(b",notes\n", b",comment\n", 1),
], ids=["not-utf8", "extra-field", "unknown-column"])
def test_unreadable_files_are_reported_and_left_alone(data, damage, capsys):
    events = data / "events.csv"
    events.write_bytes(damage(events.read_bytes()))
    before = events.read_bytes()
    assert main(["fmt", "--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert str(events) in out
    assert events.read_bytes() == before


def test_formatted_data_still_validates(data):
    (data / "figures.csv").write_bytes((data / "figures.csv").read_bytes().replace(b"\n", b"\r\n"))
    assert main(["fmt", "--data", str(data)]) == 0
    assert validate(data).problems == []
