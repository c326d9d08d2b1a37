"""Every release is loaded by its version number, from what the package carries, checked
against the manifest (build/RELEASES.json in a checkout)."""

from __future__ import annotations

import json
import shutil

import pytest
from helpers import ROOT

import strikeledger
from strikeledger.cli import main
from strikeledger.reader import forget, versions

BUILD = ROOT / "build"


@pytest.fixture(autouse=True)
def fresh():
    forget()
    yield
    forget()


def test_every_version_in_the_manifest_loads_as_its_folder_does():
    manifest = json.loads((BUILD / "RELEASES.json").read_text())
    assert strikeledger.versions() == sorted(manifest, key=lambda v: tuple(map(int, v.split("."))))
    for version in manifest:
        by_number = strikeledger.open_release(version)
        assert by_number.version == version
        for table in by_number.names:
            assert by_number.load(table).equals(strikeledger.load(table, release=BUILD / version))


def test_a_past_version_is_read_from_its_zip_and_the_current_from_its_folder():
    assert strikeledger.open_release("1.1.0").archive == BUILD / "1.1.0.zip"
    assert strikeledger.open_release(strikeledger.__version__).folder == \
        strikeledger.bundled_release()


def test_the_current_zip_with_its_csv_copy_opens_on_its_top_descriptor():
    release = strikeledger.open_release(BUILD / f"{strikeledger.__version__}.zip")
    assert release.prefix == f"strikeledger-{strikeledger.__version__}/"
    assert release.load("official_counts").equals(strikeledger.load("official_counts"))


def test_a_carried_zip_that_changed_is_refused(tmp_path, monkeypatch, capsys):
    shutil.copy(BUILD / "RELEASES.json", tmp_path / "RELEASES.json")
    data = bytearray((BUILD / "1.1.0.zip").read_bytes())
    data[100] ^= 0x01
    (tmp_path / "1.1.0.zip").write_bytes(bytes(data))
    monkeypatch.setattr(versions, "releases_folder", lambda: tmp_path)
    with pytest.raises(strikeledger.ReleaseError, match=r"does not match RELEASES\.json"):
        strikeledger.load("events", release="1.1.0")
    assert main(["diff", "1.1.0", "1.2.0"]) == 1
    assert "1.1.0.zip: sha256" in capsys.readouterr().err


def test_an_unknown_version_names_the_versions_there_are(capsys):
    with pytest.raises(strikeledger.ReleaseError, match=r"no release 0\.9\.0 .*: 1\.0\.0, 1\.1\.0"):
        strikeledger.load("events", release="0.9.0")
    assert main(["diff", "0.9.0", "1.1.0"]) == 1
    assert "1.0.0, 1.1.0" in capsys.readouterr().err


def test_diff_of_two_versions_needs_no_folder_of_releases(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no build/ here
    assert main(["diff", "1.1.0", "1.2.0", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["old"], result["new"]) == ("1.1.0", "1.2.0")
    assert result["tables"]["events"]["rows"]["changed"]
