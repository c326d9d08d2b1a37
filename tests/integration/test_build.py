"""`strikeledger build`: a valid release, byte-identical rebuilds, atomic writes, and
released versions that never change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import COMMITTED_RELEASE, DATASETS, set_cell

import strikeledger.builder.publish as build_module
from strikeledger import __version__, schemas
from strikeledger.cli import main


def build(data: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["build", "--data", str(data), "--out", str(out)])
    return code, capsys.readouterr().err


def files(folder: Path) -> dict[str, bytes]:
    """Every file of a release folder (its csv/ copy included) by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_release_holds_one_parquet_per_table_a_descriptor_and_the_other_tools_files(release):
    descriptor = json.loads((release / "datapackage.json").read_text())
    names = [r["name"] for r in descriptor["resources"]]
    assert names == list(schemas.RELEASED)
    assert names == ["sources", "locations", "actors", "operations", "events", "event_sources",
                     "operation_sources", "event_claims", "figures", "retired_ids",
                     "figure_comparisons", "official_counts", "reconciliation", "acled_events",
                     "ucdp_events"]
    assert sorted(p.name for p in release.iterdir()) == sorted(
        ["datapackage.json", "croissant.json", "events.geo.parquet", "events.geojson", "csv",
         *(f"{n}.parquet" for n in names)])
    assert sorted(p.name for p in (release / "csv").iterdir()) == sorted(
        ["datapackage.json", *(f"{n}.csv" for n in names)])
    assert descriptor["version"] == __version__
    for key in ("name", "title", "description", "licenses", "sources", "contributors",
                "keywords"):
        assert descriptor[key], key
    for resource in descriptor["resources"]:
        assert resource["format"] == "parquet"
        assert resource["hash"].startswith("sha256:") and len(resource["hash"]) == 71
        assert "bytes" not in resource  # frictionless cannot check it on Parquet


def test_created_is_the_changelog_date_not_the_clock(release):
    from helpers import CHANGELOG

    descriptor = json.loads((release / "datapackage.json").read_text())
    heading = f"## [{__version__}] - {descriptor['created'][:10]}"
    assert heading in CHANGELOG.read_text()


def test_two_builds_are_byte_identical(tmp_path, data, capsys, release):
    assert build(data, tmp_path / "again", capsys)[0] == 0
    assert files(tmp_path / "again" / __version__) == files(release)


def test_committed_release_matches_a_rebuild(release):
    """A change to datasets/ or the schemas cannot land without a new version."""
    assert COMMITTED_RELEASE.is_dir(), f"{COMMITTED_RELEASE} is not committed"
    assert files(release) == files(COMMITTED_RELEASE), (
        "build/<version>/ differs from a rebuild of datasets/: bump the version, add a "
        "CHANGELOG entry and commit the new release")


def test_identical_rebuild_is_a_no_op(tmp_path, data, capsys):
    out = tmp_path / "out"
    assert build(data, out, capsys)[0] == 0
    code, err = build(data, out, capsys)
    assert code == 0 and "already built, identical" in err


def test_changed_data_under_a_released_version_is_refused(tmp_path, data, capsys):
    out = tmp_path / "out"
    assert build(data, out, capsys)[0] == 0
    before = files(out / __version__)
    set_cell(data / "events.csv", "EV-0001", "time_of_day", "evening")
    code, err = build(data, out, capsys)
    assert code == 1
    assert "was released with different content" in err and "bump the version" in err
    assert files(out / __version__) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp-")]  # no staging left


def test_a_build_that_fails_while_writing_leaves_nothing(tmp_path, data, capsys, monkeypatch):
    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(build_module.pq, "write_table", explode)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="disk full"):
        build(data, out, capsys)
    assert [p.name for p in out.iterdir() if not p.name.startswith(".")] == []


def test_missing_changelog_entry_is_an_error(tmp_path, capsys):
    shutil.copytree(DATASETS, tmp_path / "datasets")
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n\n## [0.0.1] - 2020-01-01\n")
    code, err = build(tmp_path / "datasets", tmp_path / "out", capsys)
    assert code == 1
    assert f"has no entry for version {__version__}" in err
    assert not (tmp_path / "out").exists()


def test_installed_version_is_the_pyproject_version():
    """A stale editable install would build under the wrong version: reinstall (make)."""
    import tomllib

    from helpers import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert __version__ == project["version"]
