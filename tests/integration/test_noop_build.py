"""A build of unchanged inputs is recognised by the fingerprint recorded with the release,
without validating or writing anything; any change takes the full path, which still
refuses to change a released version."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time

import pytest
from helpers import set_cell

import strikeledger.validate
from strikeledger import __version__
from strikeledger.builder import fingerprint as fingerprint_module
from strikeledger.builder.fingerprint import input_fingerprint
from strikeledger.builder.manifest import FINGERPRINT, MANIFEST, read_manifest
from strikeledger.cli import main


def build(data, out, capsys):
    code = main(["build", "--data", str(data), "--out", str(out)])
    return code, capsys.readouterr().err


@pytest.fixture
def validations(monkeypatch):
    """Counts the validations that builds run."""
    calls = []
    real = strikeledger.validate.validate

    def counting(folder, *args, **kwargs):
        calls.append(folder)
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(strikeledger.validate, "validate", counting)
    return calls


def test_an_unchanged_build_validates_nothing_and_writes_nothing(tmp_path, data, capsys,
                                                                 validations):
    out = tmp_path / "out"
    assert build(data, out, capsys)[0] == 0
    assert len(validations) == 1
    entry = read_manifest(out)[__version__]
    assert entry[FINGERPRINT].startswith("sha256:")
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    code, err = build(data, out, capsys)
    assert code == 0 and "already built, identical" in err
    assert len(validations) == 1  # recognised by its fingerprint
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps


def test_a_changed_input_takes_the_full_path_and_is_refused(tmp_path, data, capsys,
                                                            validations):
    out = tmp_path / "out"
    assert build(data, out, capsys)[0] == 0
    set_cell(data / "events.csv", "EV-0001", "time_of_day", "evening")
    code, err = build(data, out, capsys)
    assert code == 1 and "was released with different content" in err
    assert len(validations) == 2


def test_a_tampered_release_is_not_taken_for_built(tmp_path, data, capsys, validations):
    out = tmp_path / "out"
    assert build(data, out, capsys)[0] == 0
    with (out / __version__ / "events.parquet").open("ab") as handle:
        handle.write(b"\0")
    code, err = build(data, out, capsys)
    assert code == 1 and "already exists with different content" in err
    assert len(validations) == 2


def test_a_release_recorded_without_a_fingerprint_takes_the_full_path(tmp_path, data, capsys,
                                                                      validations):
    out = tmp_path / "out"
    assert build(data, out, capsys)[0] == 0
    manifest = read_manifest(out)
    del manifest[__version__][FINGERPRINT]  # as the releases made before 2.2.0 are recorded
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    before = (out / MANIFEST).read_bytes()
    for _ in range(2):
        code, err = build(data, out, capsys)
        assert code == 0 and "already built, identical" in err
    assert len(validations) == 3
    assert (out / MANIFEST).read_bytes() == before  # its entry is left as it was


def test_identical_files_built_elsewhere_leave_the_recorded_entry_alone(tmp_path, data,
                                                                       capsys, validations):
    out = tmp_path / "out"
    assert build(data, out, capsys)[0] == 0
    manifest = read_manifest(out)
    manifest[__version__][FINGERPRINT] = "sha256:" + "0" * 64  # built in another environment
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    before = (out / MANIFEST).read_bytes()
    code, err = build(data, out, capsys)
    assert code == 0 and "already built, identical" in err
    assert len(validations) == 2  # the full path: the fingerprint is not this one
    assert (out / MANIFEST).read_bytes() == before


def test_the_fingerprint_covers_data_version_date_code_and_environment(tmp_path, data,
                                                                       monkeypatch):
    day = dt.date(2026, 1, 1)
    first = input_fingerprint(data, "1.0.0", day)
    assert input_fingerprint(data, "1.0.0", day) == first
    assert input_fingerprint(data, "1.0.1", day) != first
    assert input_fingerprint(data, "1.0.0", dt.date(2026, 1, 2)) != first
    copy = tmp_path / "copy"
    shutil.copytree(data, copy)
    assert input_fingerprint(copy, "1.0.0", day) == first  # contents, not where they lie
    set_cell(copy / "actors.csv", "ACT-0001", "name", "Someone else")
    assert input_fingerprint(copy, "1.0.0", day) != first
    code = tmp_path / "code"
    (code / "strikeledger").mkdir(parents=True)
    monkeypatch.setattr(fingerprint_module, "_PACKAGE", code / "strikeledger")
    assert input_fingerprint(data, "1.0.0", day) != first
    monkeypatch.undo()
    monkeypatch.setattr(fingerprint_module, "installed", lambda name: "0.0.1")
    assert input_fingerprint(data, "1.0.0", day) != first


@pytest.fixture
def remembered(monkeypatch):
    """Builds remember every hash at once (not only of files settled for two seconds)."""
    from strikeledger.builder import hash_cache

    monkeypatch.setattr(hash_cache, "_SETTLED_NS", 0)


def test_remembered_hashes_still_see_a_tampered_release(tmp_path, data, capsys, validations,
                                                        remembered):
    out = tmp_path / "out"
    assert build(data, out, capsys)[0] == 0
    assert build(data, out, capsys)[0] == 0  # a no-op: every hash remembered
    target = out / __version__ / "events.parquet"
    before = target.stat()
    content = bytearray(target.read_bytes())
    content[len(content) // 2] ^= 0xFF  # same size
    time.sleep(0.05)
    target.write_bytes(bytes(content))
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time
    code, err = build(data, out, capsys)
    assert code == 1 and "already exists with different content" in err
    assert len(validations) == 2


def test_remembered_hashes_still_see_a_changed_input(tmp_path, data, capsys, validations,
                                                     remembered):
    out = tmp_path / "out"
    assert build(data, out, capsys)[0] == 0
    assert build(data, out, capsys)[0] == 0  # a no-op: every hash remembered
    events = data / "events.csv"
    before = events.stat()
    time.sleep(0.05)
    set_cell(events, "EV-0001", "time_of_day", "evening")
    os.utime(events, ns=(before.st_atime_ns, before.st_mtime_ns))
    code, err = build(data, out, capsys)
    assert code == 1 and "was released with different content" in err
    assert len(validations) == 2


def test_a_first_no_op_build_reads_each_file_once(tmp_path, data, capsys, validations,
                                                  monkeypatch):
    """With nothing remembered (a fresh clone), the inputs and every file of the recorded
    release are hashed, in one pool, each once."""
    from strikeledger import release_format

    out = tmp_path / "out"
    assert build(data, out, capsys)[0] == 0
    monkeypatch.setenv("STRIKELEDGER_CACHE", str(tmp_path / "empty-cache"))
    read: list = []
    real = release_format.sha256
    monkeypatch.setattr(release_format, "sha256",
                        lambda path: read.append(path) or real(path))
    code, err = build(data, out, capsys)
    assert code == 0 and "already built, identical" in err
    release = [*(out / __version__).rglob("*.*"), out / f"{__version__}.zip"]
    expected = sorted(map(str, [*data.glob("*.csv"), *release]))
    assert sorted(str(p) for p in read) == expected
    assert len(validations) == 1
