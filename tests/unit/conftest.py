"""The unit tier works on a small slice of the curated data (tests/fixtures/mini, made by
tests/fixtures/make_mini.py), so that each rule is broken on a few rows, quickly."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT


@pytest.fixture
def data_source() -> Path:
    return ROOT / "tests" / "fixtures" / "mini"
