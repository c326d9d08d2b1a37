"""The loader: documented dtypes, hash verification, clear errors, and no build stack."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import strikeledger
from strikeledger import ReleaseError, UnknownTableError, metadata, schemas


def copy_release(release: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(release, target)
    return target


@pytest.mark.parametrize("table", list(schemas.RELEASED))
def test_load_returns_the_documented_dtypes(release, table):
    frame = strikeledger.load(table, release=release)
    assert dict(frame.dtypes) == metadata.pandas_dtypes(table)
    assert len(frame) > 0


def test_vocabularies_are_full_categoricals_and_dates_compare_with_strings(release):
    events = strikeledger.load_events(release=release)
    assert list(events["event_type"].cat.categories) == ["attack_on_us_forces", "us_strike"]
    assert (events["date_earliest"] >= "2023-10-17").all()
    figures = strikeledger.load_figures(release=release)
    assert figures["value"].dtype == pd.Int64Dtype() and figures["value"].isna().any()


def test_release_may_be_given_as_its_descriptor(release):
    a = strikeledger.load("actors", release=release)
    b = strikeledger.load("actors", release=release / "datapackage.json")
    pd.testing.assert_frame_equal(a, b)


def test_tables_and_descriptor(release):
    assert strikeledger.tables(release) == [r["name"] for r in
                                            strikeledger.descriptor(release)["resources"]]
    copy = strikeledger.descriptor(release)
    copy["name"] = "changed"
    assert strikeledger.descriptor(release)["name"] == "strikeledger"


def test_unknown_table_lists_what_exists(release):
    with pytest.raises(UnknownTableError, match=r"no table 'event' .* tables: sources, locations"):
        strikeledger.load("event", release=release)


def test_flipped_byte_fails_with_the_file_named(release, tmp_path):
    copy = copy_release(release, tmp_path)
    path = copy / "events.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ReleaseError, match=r"events\.parquet: sha256 .* does not match"):
        strikeledger.load("events", release=copy)


def test_missing_file_and_missing_descriptor(release, tmp_path):
    copy = copy_release(release, tmp_path)
    (copy / "figures.parquet").unlink()
    with pytest.raises(ReleaseError, match=r"figures\.parquet: file missing from the release"):
        strikeledger.load("figures", release=copy)
    with pytest.raises(ReleaseError, match=r"datapackage\.json: not found"):
        strikeledger.load("events", release=tmp_path)


def test_descriptor_paths_may_not_leave_the_release(release, tmp_path):
    for i, path in enumerate(["../events.parquet", "/etc/passwd", "https://x.org/e.parquet"]):
        copy = copy_release(release, tmp_path / str(i))
        descriptor = json.loads((copy / "datapackage.json").read_text())
        descriptor["resources"][0]["path"] = path
        (copy / "datapackage.json").write_text(json.dumps(descriptor))
        with pytest.raises(ReleaseError, match="leaves the release folder"):
            strikeledger.load("events", release=copy)


def test_bundled_release_is_the_package_version():
    assert strikeledger.descriptor()["version"] == strikeledger.__version__
    assert strikeledger.bundled_release().name in (strikeledger.__version__, "release")


def test_import_leaves_the_build_stack_out():
    code = ("import sys, strikeledger; strikeledger.load('events'); "
            "print(sorted(m for m in ('pandera', 'frictionless') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
