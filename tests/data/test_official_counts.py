"""The committed release's official_counts, recounted from its figures: every official
running count is behind exactly one row, each row quotes the figure its rule chooses, and
the question of the issue ("attacks by date X, according to the Pentagon") has one answer."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from helpers import COMMITTED_RELEASE

import strikeledger


@pytest.fixture(scope="module")
def t() -> dict[str, pd.DataFrame]:
    return {name: strikeledger.load(name, release=COMMITTED_RELEASE)
            for name in ("figures", "actors", "official_counts", "reconciliation")}


def least(value: int, qualifier: str) -> int:
    """The least number a claim allows, written out here independently of the build."""
    return {"exact": value, "at_least": value, "more_than": value + 1,
            "approximately": math.floor(value - value * 0.1)}[qualifier]


def test_every_official_running_count_is_behind_exactly_one_row(t):
    f, actors = t["figures"], t["actors"]
    coalition = set(actors.loc[actors["affiliation"] == "us_led_coalition", "actor_id"])
    start = (f["period_start"] - pd.Timestamp("2023-10-17")).abs() <= pd.Timedelta(days=3)
    official = f[(f["metric"] == "attacks_on_us_forces") & f["event_id"].isna()
                 & f["operation_id"].isna() & f["value"].notna() & f["as_of"].notna()
                 & start.fillna(False) & f["claimant_actor_id"].isin(coalition)]
    listed = t["official_counts"]["figure_ids"].str.split(";").explode()
    assert listed.is_unique
    assert set(listed) == set(official["figure_id"])


def test_each_row_quotes_the_figure_with_the_highest_minimum(t):
    figures = t["figures"].set_index("figure_id")
    for row in t["official_counts"].itertuples():
        group = figures.loc[row.figure_ids.split(";")]
        assert (group["as_of"] == row.as_of).all()
        assert (group["claimant_actor_id"] == row.claimant_actor_id).all()
        assert (group["area"].astype(object).fillna("not_split") == row.area).all()
        chosen = figures.loc[row.figure_id]
        assert (row.value, row.qualifier, row.source_id) == (
            chosen["value"], chosen["qualifier"], chosen["source_id"])
        minimums = [least(v, q) for v, q in zip(group["value"], group["qualifier"], strict=True)]
        assert row.minimum == least(row.value, row.qualifier) == max(minimums)
        assert (row.value_low, row.value_high, row.n_figures) == (
            group["value"].min(), group["value"].max(), len(group))


def test_area_is_always_coded_and_reconciliation_has_the_same_rows(t):
    counts = t["official_counts"]
    assert counts["area"].notna().all()
    assert "not_split" in set(counts["area"])
    assert list(counts["official_count_id"]) == list(t["reconciliation"]["reconciliation_id"])


def test_the_pentagons_count_by_a_date_does_not_stop_at_the_last_split_figure():
    last = strikeledger.official_count("2024-02-15", release=COMMITTED_RELEASE)
    assert (last["value"], str(last["as_of"].date())) == (170, "2024-02-13")
    # 151 "at least" on 22 Jan, then 150 "more than" on 24 Jan: the least number holds.
    assert strikeledger.official_count("2024-01-22", release=COMMITTED_RELEASE)["minimum"] == \
        strikeledger.official_count("2024-01-24", release=COMMITTED_RELEASE)["minimum"] == 151
    with pytest.raises(strikeledger.ReleaseError, match="no whole-campaign official count"):
        strikeledger.official_count("2023-10-01", release=COMMITTED_RELEASE)
