"""`strikeledger validate` and `build` on broken copies of the real data: each kind of bad
input is named with file, line, column, value and rule, and nothing is written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import line_of, read_rows, set_cell, write_rows

from strikeledger.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def validate(capsys: pytest.CaptureFixture[str], data: Path) -> tuple[int, list[str]]:
    code, out, _ = run(capsys, "validate", "--data", str(data))
    return code, out.splitlines()


def test_clean_data_validates(capsys, data):
    code, lines = validate(capsys, data)
    assert (code, lines) == (0, [])


def test_missing_and_extra_columns(capsys, data):
    rows = read_rows(data / "actors.csv")
    rows[0][rows[0].index("affiliation")] = "side"
    write_rows(data / "actors.csv", rows)
    code, lines = validate(capsys, data)
    assert code == 1
    file = f"{data / 'actors.csv'}"
    assert f"{file}:1: affiliation: (empty): required column is missing from the header" in lines
    assert any(line.startswith(f"{file}:1: side: unexpected column; the columns are: actor_id")
               for line in lines)


def test_duplicated_header_name(capsys, data):
    rows = read_rows(data / "actors.csv")
    rows[0][-1] = "name"
    write_rows(data / "actors.csv", rows)
    code, lines = validate(capsys, data)
    assert code == 1
    assert f"{data / 'actors.csv'}:1: name: column name appears more than once in the header" \
        in lines


def test_wrong_type_and_malformed_date(capsys, data):
    figures, events = data / "figures.csv", data / "events.csv"
    n = set_cell(figures, "FIG-0004", "value", "eight")
    m = set_cell(events, "EV-0002", "date_latest", "21/11/2023")
    k = set_cell(events, "EV-0001", "date_earliest", "2023-02-30")
    code, lines = validate(capsys, data)
    assert code == 1
    assert f"{figures}:{n}: value: eight: is not a whole number" in lines
    assert f"{events}:{m}: date_latest: 21/11/2023: is not a date in the form YYYY-MM-DD" in lines
    assert f"{events}:{k}: date_earliest: 2023-02-30: is not a real calendar date" in lines


def test_id_pattern_duplicate_id_and_vocabulary(capsys, data):
    events = data / "events.csv"
    n = set_cell(events, "EV-0002", "event_id", "EV-01")
    set_cell(data / "actors.csv", "ACT-0004", "actor_id", "ACT-0003")
    m = set_cell(events, "EV-0001", "weapons", "ballistic_missile;catapult")
    k = set_cell(events, "EV-0001", "event_type", "raid")
    code, lines = validate(capsys, data)
    assert code == 1
    assert f"{events}:{n}: event_id: EV-01: must be an id like EV-0001 (EV- then at least " \
        "four ASCII digits 0-9)" in lines
    actors = data / "actors.csv"
    a, b = line_of(actors, "ACT-0003"), line_of(actors, "ACT-0003") + 1
    assert f"{actors}:{a}: actor_id: ACT-0003: duplicate actor_id: the same value is on 2 " \
        f"rows, lines {a}, {b}" in lines
    assert not any(line.startswith(f"{actors}:{b}:") for line in lines)  # once per key
    assert any(line.startswith(f"{events}:{m}: weapons: ballistic_missile;catapult: must be one "
                               "or more weapon codes") for line in lines)
    assert f"{events}:{k}: event_type: raid: is not one of the event_type codes (allowed: " \
        "attack_on_us_forces, us_strike)" in lines


def test_foreign_key_to_nothing_and_dates_out_of_order(capsys, data):
    events = data / "events.csv"
    n = set_cell(events, "EV-0002", "location_id", "LOC-9999")
    m = set_cell(events, "EV-0001", "date_latest", "2023-11-19")
    code, lines = validate(capsys, data)
    assert code == 1
    assert f"{events}:{n}: location_id: LOC-9999: refers to no row of locations " \
        "(locations.location_id)" in lines
    assert f"{events}:{m}: date_latest: 2023-11-19: is before date_earliest 2023-11-20" in lines


def test_empty_required_cell(capsys, data):
    events = data / "events.csv"
    n = set_cell(events, "EV-0001", "summary", "")
    code, lines = validate(capsys, data)
    assert (code, lines) == (1, [f"{events}:{n}: summary: (empty): required cell is empty"])


def test_value_null_iff_unquantified(capsys, data):
    figures = data / "figures.csv"
    n = set_cell(figures, "FIG-0001", "value", "3")
    m = set_cell(figures, "FIG-0004", "value", "")
    code, lines = validate(capsys, data)
    assert code == 1
    assert f"{figures}:{n}: value: 3: must be empty when qualifier is unquantified" in lines
    assert f"{figures}:{m}: value: (empty): is required unless qualifier is unquantified" in lines


def test_not_utf8(capsys, data):
    events = data / "events.csv"
    raw = events.read_bytes().replace(b"Al-Asad", "Al-\xc1sad".encode("latin-1"), 1)
    events.write_bytes(raw)
    column = raw.split(b"\n")[1].index(b"\xc1") + 1
    code, lines = validate(capsys, data)
    assert (code, lines) == (1, [
        f"{events}:2: byte c1 at column {column}: is not valid UTF-8 (save the file with UTF-8 "
        "encoding)"])


def test_header_only_empty_and_missing_files(capsys, data):
    (data / "actors.csv").write_text(read_rows_header(data / "actors.csv"), encoding="utf-8")
    (data / "locations.csv").write_text("", encoding="utf-8")
    (data / "figures.csv").unlink()
    code, lines = validate(capsys, data)
    assert code == 1
    assert f"{data / 'actors.csv'}:1: has a header but no rows" in lines
    assert any(line.startswith(f"{data / 'locations.csv'}: is empty; the first line must be "
                               "the header: location_id,name") for line in lines)
    assert f"{data / 'figures.csv'}: file not found; the figures table is read from " \
        "figures.csv" in lines


def read_rows_header(path: Path) -> str:
    return ",".join(read_rows(path)[0]) + "\n"


def test_wrong_field_count_names_the_line(capsys, data):
    actors = data / "actors.csv"
    lines_in = actors.read_text(encoding="utf-8").splitlines(keepends=True)
    lines_in[2] = lines_in[2].rstrip("\n") + ",extra\n"
    actors.write_text("".join(lines_in), encoding="utf-8")
    code, lines = validate(capsys, data)
    assert code == 1
    assert any(line.startswith(f"{actors}:3: ") and "has 7 fields but the header has 6" in line
               for line in lines)


def test_every_problem_is_reported_at_once(capsys, data):
    set_cell(data / "events.csv", "EV-0001", "event_type", "raid")
    set_cell(data / "figures.csv", "FIG-0004", "qualifier", "roughly")
    set_cell(data / "sources.csv", "SRC-0001", "language", "English")
    code, lines = validate(capsys, data)
    assert code == 1
    assert {line.split(":")[0].rsplit("/", 1)[-1] for line in lines} == {
        "events.csv", "figures.csv", "sources.csv"}


def test_build_writes_nothing_for_bad_data(capsys, data):
    set_cell(data / "events.csv", "EV-0001", "event_type", "raid")
    out = data.parent / "out"
    code, stdout, stderr = run(capsys, "build", "--data", str(data), "--out", str(out))
    assert code == 1
    assert "event_type: raid" in stdout
    assert "nothing was built" in stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_console_script_exit_codes_and_no_traceback(data):
    set_cell(data / "events.csv", "EV-0001", "date_earliest", "not a date")
    exe = Path(sys.executable).with_name("strikeledger")
    bad = subprocess.run([exe, "validate", "--data", data], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stdout + bad.stderr
    assert "date_earliest: not a date: is not a date in the form YYYY-MM-DD" in bad.stdout
    usage = subprocess.run([exe, "validate", "--no-such-flag"], capture_output=True, text=True)
    assert usage.returncode == 2


def test_empty_hashes_never_clash_but_equal_ones_do(capsys, data, tmp_path):
    sources = data / "sources.csv"
    rows = read_rows(sources)
    header = rows[0]
    for i, url in ((1, "https://example.org/a"), (2, "https://example.org/b")):
        row = rows[i]
        row[header.index("source_type")] = "referenced_page"
        row[header.index("document_name")] = row[header.index("document_sha256")] = ""
        row[header.index("url")] = url
        row[header.index("reliability_tier")] = "wire"
    write_rows(sources, rows)
    for name in ("event_sources", "figures"):  # citations of pages carry no paragraphs
        table = read_rows(data / f"{name}.csv")
        column = table[0].index("paragraphs" if name == "event_sources" else "paragraph")
        for row in table[1:]:
            if row[1] in (rows[1][0], rows[2][0]):
                row[column] = ""
        write_rows(data / f"{name}.csv", table)
    assert validate(capsys, data) == (0, [])
    assert main(["build", "--data", str(data), "--out", str(tmp_path / "out")]) == 0
    rows[3][header.index("document_sha256")] = rows[4][header.index("document_sha256")]
    write_rows(sources, rows)
    code, lines = validate(capsys, data)
    assert code == 1
    digest = rows[3][header.index("document_sha256")]
    assert f"{sources}:4: document_sha256: {digest}: duplicate document_sha256: the same " \
        "value is on 2 rows, lines 4, 5" in lines
    assert not any(line.startswith(f"{sources}:5:") for line in lines)
