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
            top = earlier["value"].max()
            if later.value < top:
                # The note names one of the earlier figures that gave the highest value.
                ids = earlier.loc[earlier["value"] == top, "figure_id"].tolist()
                assert isinstance(later.notes, str) and any(i in later.notes for i in ids), (
                    f"{later.figure_id} ({later.value}) is below {ids} ({top}) without an "
                    "explanation")
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


def test_every_confirmed_us_strike_belongs_to_an_operation_with_a_source(t):
    strikes = t["events"][t["events"]["event_type"] == "us_strike"]
    confirmed = strikes[strikes["confirmation"] == "confirmed"]
    assert confirmed["operation_id"].notna().all()
    assert strikes.loc[strikes["confirmation"] != "confirmed", "operation_id"].isna().all()
    assert set(confirmed["operation_id"]) == set(t["operations"]["operation_id"])
    assert set(t["operations"]["operation_id"]) <= set(t["operation_sources"]["operation_id"])


def test_retired_ids_are_not_in_use_and_their_successors_are(t):
    retired = t["retired_ids"]
    live = (set(t["events"]["event_id"]) | set(t["figures"]["figure_id"])
            | set(t["sources"]["source_id"]) | set(t["operations"]["operation_id"]))
    assert not set(retired["retired_id"]) & live
    successors = retired["replaced_by"].dropna().str.split(";").explode()
    assert set(successors) <= live


COUNTRIES = {"iraq": {"IRQ"}, "syria": {"SYR"}, "iraq_and_syria": {"IRQ", "SYR"},
             "jordan": {"JOR"}, "iraq_syria_and_jordan": {"IRQ", "SYR", "JOR"},
             "not_split": {"IRQ", "SYR", "JOR"}}


def test_reconciliation_equals_a_recount_from_events(t):
    country = t["locations"].set_index("location_id")["country_iso3"]
    attacks = [(e.date_earliest, country[e.location_id], str(e.confirmation))
               for e in t["events"].itertuples() if e.event_type == "attack_on_us_forces"]
    rec = t["reconciliation"]
    assert len(rec) >= 40 and rec["as_of"].nunique() >= 40
    for row in rec.itertuples():
        inside = [status for start, iso, status in attacks
                  if start <= row.as_of and iso in COUNTRIES[row.area]]
        assert row.itemized == len(inside), row.reconciliation_id
        assert row.itemized_confirmed == inside.count("confirmed")
        assert row.itemized_claimed_only == inside.count("claimed_only")
        assert row.itemized_reported_only == inside.count("reported_only")


def test_reconciliation_quotes_the_official_figures_it_lists(t):
    figures = t["figures"].set_index("figure_id")
    for row in t["reconciliation"].itertuples():
        listed = figures.loc[row.figure_ids.split(";")]
        assert (listed["as_of"] == row.as_of).all()
        assert (listed["claimant_actor_id"] == row.claimant_actor_id).all()
        assert (listed["metric"] == "attacks_on_us_forces").all()
        assert (row.official_low, row.official_high) == (listed["value"].min(),
                                                         listed["value"].max())


def test_the_campaign_is_itemized_at_scale(t):
    attacks = t["events"][t["events"]["event_type"] == "attack_on_us_forces"]
    assert len(attacks) >= 150
    # Every site of the research brief that hosted U.S. forces has events.
    names = set(attacks.merge(t["locations"], on="location_id")["name"])
    assert {"Al-Asad Airbase", "Al-Tanf Garrison", "Harir Air Base", "Erbil Air Base",
            "Mission Support Site Euphrates", "Mission Support Site Green Village",
            "Patrol Base Shaddadi", "Rumalyn Landing Zone", "Kharab al-Jir", "Tower 22",
            "Union III", "U.S. Embassy Baghdad"} <= names
