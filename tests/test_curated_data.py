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
    answered = events["responds_to"].dropna()
    assert (events.loc[answered.values, "date_earliest"].values
            <= events.loc[answered.index, "date_latest"].values).all()
    assert set(events.loc[answered.index, "event_type"]) == {"us_strike"}


def test_every_figure_is_in_exactly_one_comparison(t):
    ids = t["figure_comparisons"]["figure_ids"].str.split(";").explode()
    assert sorted(ids) == sorted(t["figures"]["figure_id"])
