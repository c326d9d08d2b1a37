"""Immutable history: every file of every release ever made stays as its manifest
(build/RELEASES.json) recorded it, and a released version cannot be built again with
other content, even after its folder is deleted."""

from __future__ import annotations

from helpers import ROOT

from strikeledger import __version__
from strikeledger.builder.manifest import file_hashes, read_manifest
from strikeledger.builder.publish import release_zip

RELEASES = ROOT / "build"


def test_every_past_release_is_intact():
    manifest = read_manifest(RELEASES)
    assert __version__ in manifest and "1.0.0" in manifest
    for version, recorded in manifest.items():
        folder = RELEASES / version
        assert folder.is_dir(), f"release {version} disappeared"
        assert file_hashes(folder) == recorded["files"], f"a file of release {version} changed"
        archive = RELEASES / f"{version}.zip"
        assert archive.is_file(), f"the zip of release {version} disappeared"
        assert file_hashes(RELEASES)[archive.name] == recorded["zip"]
        assert archive.read_bytes() == release_zip(folder, version)


def test_every_release_folder_is_in_the_manifest():
    folders = {p.name for p in RELEASES.iterdir() if p.is_dir() and not p.name.startswith(".")}
    assert folders == set(read_manifest(RELEASES))
