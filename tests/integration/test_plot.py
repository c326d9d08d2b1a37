"""The timeline and the map: drawn from a release, the same bytes every time, and the
committed images are those of the current release."""

from __future__ import annotations

import pytest
from helpers import ROOT
from PIL import Image

from strikeledger import __version__
from strikeledger.cli import main


@pytest.mark.parametrize("figure", ["timeline", "map"])
def test_figure_is_drawn_deterministically(release, tmp_path, figure):
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    assert main(["plot", figure, "-o", str(a), "--release", str(release)]) == 0
    assert main(["plot", figure, "-o", str(b), "--release", str(release)]) == 0
    assert a.read_bytes() == b.read_bytes()
    image = Image.open(a)
    assert image.format == "PNG" and image.size[0] > 1000
    assert image.text["Title"] == f"StrikeLedger {__version__} {figure}"


@pytest.mark.parametrize("figure", ["timeline", "map"])
def test_committed_figure_is_of_the_current_release(figure):
    image = Image.open(ROOT / "docs" / f"{figure}.png")
    assert image.text["Title"] == f"StrikeLedger {__version__} {figure}", (
        f"redraw it: strikeledger plot {figure} -o docs/{figure}.png")


def test_missing_matplotlib_gives_the_install_hint(monkeypatch, capsys, tmp_path):
    import sys

    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    assert main(["plot", "timeline", "-o", str(tmp_path / "t.png")]) == 2
    assert "pip install 'strikeledger[plot]'" in capsys.readouterr().err
    assert not (tmp_path / "t.png").exists()
