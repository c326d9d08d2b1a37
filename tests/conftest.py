"""Shared fixtures (temporary copies of the curated data, and a release built from them),
and the test tiers.

Each folder of tests is a tier, and its tests carry the tier's marker:
- ``unit``: one module's behaviour on small inputs made in the test;
- ``data``: the curated data, the committed releases and the generated codebook;
- ``integration``: whole commands end to end (build, load, read with DuckDB, diff...);
- ``slow``: wheels installed into fresh environments, killed and concurrent processes,
  property tests over many corrupted files.
``make test`` runs every tier; ``make test-fast`` runs unit and data.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from helpers import CHANGELOG, DATASETS

from strikeledger import __version__
from strikeledger.cli import main

TIERS = ("unit", "data", "integration", "slow")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        tier = Path(str(item.path)).parent.name
        if tier in TIERS:
            item.add_marker(tier)


def pytest_configure(config: pytest.Config) -> None:
    """Downloads and remembered file hashes in a folder of the test run's own (processes the
    tests start inherit it), never the user's cache."""
    os.environ["STRIKELEDGER_CACHE"] = tempfile.mkdtemp(prefix="strikeledger-test-cache-")


@pytest.fixture
def data_source() -> Path:
    """The curated data that ``data`` copies (the unit tier overrides it with a slice)."""
    return DATASETS


@pytest.fixture
def data(tmp_path: Path, data_source: Path) -> Path:
    """A temporary copy of the curated data (with CHANGELOG.md beside it, as in the repo)."""
    target = tmp_path / "datasets"
    shutil.copytree(data_source, target)
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
