"""Shared fixtures: temporary copies of the curated data, and a release built from them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import CHANGELOG, DATASETS

from strikeledger import __version__
from strikeledger.cli import main


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A temporary copy of datasets/ (with CHANGELOG.md beside it, as in the repo)."""
    target = tmp_path / "datasets"
    shutil.copytree(DATASETS, target)
    shutil.copy(CHANGELOG, tmp_path / "CHANGELOG.md")
    return target


@pytest.fixture(scope="session")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release built once per session from a copy of datasets/."""
    root = tmp_path_factory.mktemp("release")
    shutil.copytree(DATASETS, root / "datasets")
    shutil.copy(CHANGELOG, root / "CHANGELOG.md")
    assert main(["build", "--data", str(root / "datasets"), "--out", str(root / "build")]) == 0
    return root / "build" / __version__
