"""The unit tier works on a small slice of the curated data (tests/fixtures/mini, made by
tests/fixtures/make_mini.py), so that each rule is broken on a few rows, quickly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import CHANGELOG, ROOT

MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A temporary copy of the mini dataset (with CHANGELOG.md beside it, as in the repo)."""
    target = tmp_path / "datasets"
    shutil.copytree(MINI, target)
    shutil.copy(CHANGELOG, tmp_path / "CHANGELOG.md")
    return target
