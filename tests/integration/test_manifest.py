"""A released version is refused by the folder's manifest even when its folder is gone
(moved from the data tier: it builds a release)."""

from __future__ import annotations

import shutil

from helpers import set_cell

from strikeledger import __version__
from strikeledger.builder.manifest import read_manifest
from strikeledger.cli import main
from strikeledger.release_format import MANIFEST


def test_a_released_version_is_refused_even_after_its_folder_is_deleted(tmp_path, data, capsys):
    out = tmp_path / "out"
    assert main(["build", "--data", str(data), "--out", str(out)]) == 0
    assert set(read_manifest(out)) == {__version__}
    shutil.rmtree(out / __version__)
    set_cell(data / "events.csv", "EV-0001", "time_of_day", "evening")
    assert main(["build", "--data", str(data), "--out", str(out)]) == 1
    assert f"version {__version__} was released with different content" in \
        capsys.readouterr().err
    assert not (out / __version__).exists()
    assert (out / MANIFEST).is_file()
