"""The curated files themselves: links and other files that are not regular files are
refused unread, fmt keeps each file's mode, and one cell-size limit holds everywhere, with
the line and column named."""

from __future__ import annotations

import os
import stat

import pytest

from strikeledger.problems import as_text
from strikeledger.tools.fmt import fmt
from strikeledger.validate import validate
from strikeledger.validate.csvio import MAX_CELL_BYTES

SECRET = "admin:x:0:0:zq9-private-marker:/home/admin:/bin/sh"

TOO_LONG = (f"the cell is longer than {MAX_CELL_BYTES:,} bytes, the limit for one cell (is it "
            "pasted text or a file?)")


@pytest.fixture
def outside(tmp_path):
    path = tmp_path / "passwd"
    path.write_text(SECRET + "\n")
    return path


def test_a_symlink_is_refused_unread(data, outside):
    (data / "actors.csv").unlink()
    (data / "actors.csv").symlink_to(outside)
    problems = validate(data).problems
    mine = [p for p in problems if p.file.endswith("actors.csv")]
    assert [(p.line, p.column, p.value, p.rule) for p in mine] == [
        (None, None, None, "is a symbolic link; the curated files must be regular files (it "
                           "was not followed or read)")]
    assert "zq9-private-marker" not in as_text(problems)


def test_fmt_refuses_a_symlink_and_leaves_it(data, outside):
    (data / "actors.csv").unlink()
    (data / "actors.csv").symlink_to(outside)
    result = fmt(data, check=False)
    assert [p.rule for p in result.problems] == [
        "is a symbolic link; the curated files must be regular files (it was not followed or "
        "read); fmt changed nothing"]
    assert (data / "actors.csv").is_symlink()
    assert outside.read_text() == SECRET + "\n"


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_file_that_is_not_regular_is_refused_unread(data, kind):
    path = data / "actors.csv"
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)  # reading it would block forever
    else:
        path.mkdir()
    mine = [p.rule for p in validate(data).problems if p.file.endswith("actors.csv")]
    assert mine == ["is not a regular file (a folder, device or pipe); the curated files "
                    "must be regular files (it was not read)"]
    assert [p.rule for p in fmt(data, check=True).problems] == [
        "is not a regular file (a folder, device or pipe); the curated files must be regular "
        "files (it was not read); fmt changed nothing"]


@pytest.mark.parametrize("mode", [0o640, 0o664, 0o600])
def test_fmt_keeps_the_mode_of_the_file(data, mode):
    path = data / "events.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    path.chmod(mode)
    assert fmt(data, check=False).changed == [path]
    assert b"\r\n" not in path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == mode


def _long_cell(data, size):
    path = data / "actors.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = lines[3].split(",")
    cells[1] = "x" * size
    lines[3] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    return 4  # the line edited


@pytest.mark.parametrize("size", [200_000, 10_000_000], ids=["200KB", "10MB"])
def test_a_cell_over_the_limit_is_named_at_its_line_and_column(data, size):
    line = _long_cell(data, size)
    mine = [(p.line, p.column, p.value, p.rule) for p in validate(data).problems
            if p.file.endswith("actors.csv")]
    assert mine == [(line, "name", None, TOO_LONG)]
    assert [(p.line, p.column, p.rule) for p in fmt(data, check=True).problems] == [
        (line, "name", TOO_LONG)]


def test_a_cell_at_the_limit_is_read(data):
    _long_cell(data, MAX_CELL_BYTES)
    assert [p for p in validate(data).problems if p.file.endswith("actors.csv")] == []


def test_a_ragged_line_is_quoted_from_its_own_line(data):
    """Lines are split as the CSV reader splits them: a U+2028 inside a cell is not a line
    break, so the line quoted for a ragged row is that row's own."""
    path = data / "actors.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].replace("The perpetrator", "The\u2028perpetrator")
    lines[4] = lines[4] + ",stray"
    path.write_text("\n".join(lines), encoding="utf-8")
    mine = [(p.line, p.value) for p in validate(data).problems if p.file.endswith("actors.csv")]
    assert mine == [(5, lines[4])]
