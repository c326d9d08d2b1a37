"""The benchmark generator writes valid data of the requested size."""

from __future__ import annotations

import sys

from helpers import ROOT

from strikeledger.validate import validate

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate


def test_generated_data_is_valid_and_sized(tmp_path):
    generate.write(generate.generate(2000, seed=3), tmp_path)
    result = validate(tmp_path)
    assert result.problems == []
    tables = result.tables
    assert len(tables["events"]) == 2000
    assert len(tables["figures"]) == 6000
    assert len(tables["sources"]) == 100


def test_same_size_and_seed_give_the_same_files(tmp_path):
    for folder in ("a", "b"):
        generate.write(generate.generate(500, seed=7), tmp_path / folder)
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
