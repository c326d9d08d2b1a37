"""The benchmark generator writes valid data of the requested size, shaped like the real
data (it samples the curated tables in datasets/, so these tests are in the data tier)."""

from __future__ import annotations

import sys

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from helpers import DATASETS, ROOT

from strikeledger import schemas
from strikeledger.tools.fmt import fmt
from strikeledger.validate import validate

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    generate.write(generate.generate(2000, seed=3), folder)
    return folder


def test_generated_data_is_valid_canonical_and_sized(generated):
    result = validate(generated)
    assert result.problems == []
    tables = result.tables
    assert len(tables["events"]) == 2000
    assert len(tables["figures"]) == 6000
    assert len(tables["sources"]) == 100
    assert fmt(generated, check=True).changed == []  # as `strikeledger fmt` writes CSVs


def test_no_column_the_real_data_fills_is_empty_in_generated_data(generated):
    real, made = validate(DATASETS).tables, validate(generated).tables
    assert real is not None and made is not None
    for table in schemas.MODELS:
        for column in real[table].columns:
            if real[table][column].notna().any():
                assert made[table][column].notna().any(), f"{table}.{column} is never filled"


def test_generated_rows_are_as_wide_as_real_rows(generated):
    """Bytes per row of each big table within a factor of 1.5 of the real table's."""
    for table in ("events", "figures", "sources", "event_claims", "event_sources"):
        real, made = (folder / f"{table}.csv" for folder in (DATASETS, generated))
        widths = [path.stat().st_size / (len(path.read_bytes().splitlines()) - 1)
                  for path in (real, made)]
        assert 1 / 1.5 < widths[1] / widths[0] < 1.5, (table, widths)


def test_every_kind_of_source_citation_and_claim_is_there(generated):
    tables = validate(generated).tables
    assert tables is not None
    kinds = set(tables["sources"]["source_type"].astype(str))
    assert kinds == {"archived_document", "referenced_page"}
    assert set(tables["event_claims"]["stance"].astype(str)) == {
        "claimed", "attributed", "acknowledged", "denied", "described"}
    assert set(tables["events"]["confirmation"].astype(str)) >= {
        "confirmed", "claimed_only", "reported_only"}
    figures = tables["figures"]
    counts = figures[figures["event_id"].isna() & figures["claimant_actor_id"].notna()
                     & figures["value"].notna() & figures["period_start"].notna()]
    assert len(counts) > 100  # running counts per claimant, which one rule follows
    text = pa.array(figures["notes"], from_pandas=True)
    assert pc.max(pc.utf8_length(text)).as_py() > 100


def test_same_size_and_seed_give_the_same_files(tmp_path):
    for folder in ("a", "b"):
        generate.write(generate.generate(500, seed=7), tmp_path / folder)
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
