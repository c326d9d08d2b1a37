"""Invariants of the curated data itself, checked on the committed release, so that a
regression in the rows (not only in the code) fails the build."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import COMMITTED_RELEASE

import strikeledger


@pytest.fixture(scope="module")
def t() -> dict[str, pd.DataFrame]:
    return {name: strikeledger.load(name, release=COMMITTED_RELEASE)
            for name in strikeledger.tables(COMMITTED_RELEASE)}


def test_every_event_has_a_source(t):
    assert set(t["events"]["event_id"]) <= set(t["event_sources"]["event_id"])


def test_every_source_is_used(t):
    used = set(t["event_sources"]["source_id"]) | set(t["figures"]["source_id"])
    assert set(t["sources"]["source_id"]) == used


def test_figures_come_after_the_start_of_their_event(t):
    starts = t["events"].set_index("event_id")["date_earliest"]
    about = t["figures"].dropna(subset=["event_id", "as_of"])
    assert (about["event_id"].map(starts) <= about["as_of"]).all()


def test_unquantified_figures_have_no_value_and_the_rest_do(t):
    figures = t["figures"]
    unquantified = figures["qualifier"] == "unquantified"
    assert figures.loc[unquantified, "value"].isna().all()
    assert figures.loc[~unquantified, "value"].notna().all()


def test_figures_of_archived_documents_carry_wording_and_paragraph(t):
    archived = t["sources"].loc[t["sources"]["source_type"] == "archived_document", "source_id"]
    cited = t["figures"][t["figures"]["source_id"].isin(archived)]
    assert cited["paragraph"].notna().all() and cited["wording"].notna().all()


def test_responses_do_not_precede_what_they_answer(t):
    events = t["events"].set_index("event_id")
    answered = events["responds_to"].dropna().str.split(";").explode()
    assert len(answered) > len(answered.index.unique())  # some strike answers several
    assert (events.loc[answered.values, "date_earliest"].values
            <= events.loc[answered.index, "date_latest"].values).all()
    assert set(events.loc[answered.index, "event_type"]) == {"us_strike"}


def test_every_figure_is_in_exactly_one_comparison(t):
    ids = t["figure_comparisons"]["figure_ids"].str.split(";").explode()
    assert sorted(ids) == sorted(t["figures"]["figure_id"])


def test_referenced_pages_have_an_address_a_date_and_a_tier(t):
    pages = t["sources"][t["sources"]["source_type"] == "referenced_page"]
    assert len(pages) > 0
    assert pages["url"].str.match(r"^https?://").all()
    assert pages["published_earliest"].notna().all() and pages["published_latest"].notna().all()
    assert pages["reliability_tier"].notna().all()
    others = pages[pages["reliability_tier"] == "other"]
    assert others["notes"].notna().all(), "an 'other' page must say why it is used"


def test_event_dates_lie_inside_the_campaign_window(t):
    events = t["events"]
    assert (events["date_earliest"] >= "2023-10-17").all()
    assert (events["date_latest"] <= "2024-02-29").all()


def test_running_counts_of_one_claimant_never_fall_unexplained(t):
    figures = t["figures"]
    counts = figures[figures["event_id"].isna() & figures["claimant_actor_id"].notna()
                     & figures["period_start"].notna() & figures["as_of"].notna()
                     & figures["value"].notna()]
    checked = 0
    for _, series in counts.groupby(["claimant_actor_id", "metric", "area", "period_start"],
                                    observed=True):
        series = series.sort_values("as_of")
        for i, later in enumerate(series.itertuples()):
            earlier = series.iloc[:i]
            earlier = earlier[earlier["as_of"] < later.as_of]
            if earlier.empty:
                continue
            checked += 1
            highest = earlier.loc[earlier["value"].idxmax()]
            if later.value < highest["value"]:
                assert isinstance(later.notes, str) and highest["figure_id"] in later.notes, (
                    f"{later.figure_id} ({later.value}) is below {highest['figure_id']} "
                    f"({highest['value']}) without an explanation")
    assert checked > 50  # the official counts are followed through the campaign


def test_the_2_february_operation_has_one_event_per_struck_facility(t):
    operations, events, figures = t["operations"], t["events"], t["figures"]
    (op,) = operations.loc[operations["name"].str.contains("2/3 February 2024"), "operation_id"]
    sites = events[events["operation_id"] == op].merge(t["locations"], on="location_id")
    counts = figures[(figures["operation_id"] == op) & (figures["metric"] == "facilities_struck")
                     & (figures["qualifier"] == "exact")
                     & figures["claimant_actor_id"].isin(["ACT-0001", "ACT-0006", "ACT-0014"])]
    by_area = counts.groupby(counts["area"].astype(str))["value"].max()
    assert len(sites) == by_area["iraq_and_syria"] == 7
    assert (sites["country_iso3"] == "IRQ").sum() == by_area["iraq"]
    assert (sites["country_iso3"] == "SYR").sum() == by_area["syria"]
    assert (sites["event_type"] == "us_strike").all()
    assert sites["event_id"].is_unique


def test_every_confirmed_event_rests_on_an_official_wire_or_archived_source(t):
    sources = t["sources"].set_index("source_id")
    confirmed = t["events"][t["events"]["confirmation"] == "confirmed"]
    kind = confirmed["confirmation_source_id"].map(sources["source_type"]).astype(str)
    tier = confirmed["confirmation_source_id"].map(sources["reliability_tier"]).astype(str)
    assert ((kind == "archived_document") | tier.isin(["official", "wire"])).all()
    linked = set(zip(t["event_sources"]["event_id"], t["event_sources"]["source_id"],
                     strict=True))
    assert all(pair in linked for pair in zip(confirmed["event_id"],
                                               confirmed["confirmation_source_id"], strict=True))


def test_every_us_strike_belongs_to_an_operation_with_a_source(t):
    strikes = t["events"][t["events"]["event_type"] == "us_strike"]
    assert strikes["operation_id"].notna().all()
    assert set(strikes["operation_id"]) == set(t["operations"]["operation_id"])
    assert set(t["operations"]["operation_id"]) <= set(t["operation_sources"]["operation_id"])


def test_retired_ids_are_not_in_use_and_their_successors_are(t):
    retired = t["retired_ids"]
    live = (set(t["events"]["event_id"]) | set(t["figures"]["figure_id"])
            | set(t["sources"]["source_id"]) | set(t["operations"]["operation_id"]))
    assert not set(retired["retired_id"]) & live
    successors = retired["replaced_by"].dropna().str.split(";").explode()
    assert set(successors) <= live
