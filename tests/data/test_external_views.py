"""acled_events and ucdp_events against the codebooks they follow (as recorded in
schemas/external.py), and against the rest of the committed release."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import COMMITTED_RELEASE
from strikeledger.schemas.external import ACLED, UCDP

import strikeledger
from strikeledger import metadata

VIEWS = {"acled_events": ACLED, "ucdp_events": UCDP}


@pytest.fixture(scope="module")
def t() -> dict[str, pd.DataFrame]:
    return {name: strikeledger.load(name, release=COMMITTED_RELEASE)
            for name in ("events", "operations", "acled_events", "ucdp_events", "figures",
                         "locations")}


@pytest.mark.parametrize("table", VIEWS)
def test_columns_types_and_codes_are_the_codebooks(table):
    codebook = VIEWS[table]
    columns = metadata.columns(table)
    assert [c.name for c in columns] == [c.name for c in codebook.columns]
    for column in columns:
        entry = codebook.column(column.name)
        assert column.kind == entry.kind, column.name
        if entry.values is not None:
            assert column.enum == list(entry.values), column.name
        assert column.minimum == entry.minimum and column.maximum == entry.maximum, column.name
        assert column.metadata.get("codebook") == codebook.name or entry.ours


@pytest.mark.parametrize("table", VIEWS)
def test_published_schema_carries_the_codebook_types(table):
    fields = {f["name"]: f for f in strikeledger.descriptor(COMMITTED_RELEASE)["resources"]
              [strikeledger.tables(COMMITTED_RELEASE).index(table)]["schema"]["fields"]}
    for entry in VIEWS[table].columns:
        assert fields[entry.name]["type"] == entry.kind


def test_one_row_per_event_in_both_views(t):
    events = set(t["events"]["event_id"])
    for table in VIEWS:
        assert list(t[table]["event_id"]) == list(t["events"]["event_id"])
        assert set(t[table]["event_id"]) == events


def test_fatalities_is_the_low_estimate_and_estimates_are_ordered(t):
    acled, ucdp = t["acled_events"], t["ucdp_events"]
    assert (acled["fatalities"].to_numpy() == ucdp["low"].to_numpy()).all()
    assert ((ucdp["low"] <= ucdp["best"]) & (ucdp["best"] <= ucdp["high"])).all()
    assert (ucdp.loc[ucdp["deaths_basis"] == "none", ["low", "best", "high"]] == 0).all().all()


def test_an_operations_split_adds_up_to_what_its_sites_leave(t):
    """2-3 Feb 2024 (OP-0010): each country's toll, less what a site reports of its own,
    shared by the operation's other sites in that country."""
    ucdp, events, figures = t["ucdp_events"], t["events"], t["figures"]
    country = events["location_id"].map(t["locations"].set_index("location_id")
                                        ["country_iso3"])
    for iso3, area in (("IRQ", "iraq"), ("SYR", "syria")):
        ids = events.loc[(events["operation_id"] == "OP-0010") & (country == iso3), "event_id"]
        rows = ucdp[ucdp["event_id"].isin(ids)]
        split = rows[rows["deaths_basis"] == "operation"]
        own = rows[rows["deaths_basis"] == "event"]
        assert len(split) >= 2
        tolls = figures.loc[(figures["operation_id"] == "OP-0010") & (figures["area"] == area)
                            & (figures["metric"] == "killed") & figures["value"].notna(),
                            "value"]
        assert split["low"].sum() == max(0, tolls.min() - own["high"].sum())
        assert split["high"].sum() == tolls.max() - own["low"].sum()


def test_dates_and_precisions_follow_the_events(t):
    events, acled, ucdp = t["events"], t["acled_events"], t["ucdp_events"]
    width = (events["date_latest"] - events["date_earliest"]).dt.days + 1
    assert (ucdp["date_start"] == events["date_earliest"]).all()
    assert (ucdp["date_prec"] == 1).eq(width == 1).all()
    assert (acled["time_precision"] == 1).eq(width == 1).all()
    inside = (acled["event_date"] >= events["date_earliest"]) & (
        acled["event_date"] <= events["date_latest"])
    assert inside.all()


def test_tower_22_in_both_shapes(t):
    acled = t["acled_events"].set_index("event_id").loc["EV-0020"]
    ucdp = t["ucdp_events"].set_index("event_id").loc["EV-0020"]
    assert (acled["iso"], acled["country"], acled["fatalities"]) == (400, "Jordan", 3)
    assert (acled["inter1"], acled["inter2"], acled["interaction"]) == (3, 8, 38)
    assert acled["sub_event_type"] == "Air/drone strike"
    assert (ucdp["type_of_violence"], ucdp["best"], ucdp["deaths_basis"]) == (1, 3, "event")
