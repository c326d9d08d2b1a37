"""The official_counts rule on small tables made here: which figures count, how area is
coded, which figure represents the day, and the loader's one-call answer."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
from strikeledger.schemas.official_counts import OfficialCounts

from strikeledger.builder.official_counts import official_counts

DATE = pd.ArrowDtype(pa.date32())
DOD, MILITIA = "ACT-0006", "ACT-0004"


def tables(*claims: tuple) -> dict[str, pd.DataFrame]:
    """claims: (value, qualifier, as_of day in Jan 2024, area, source, claimant[, start])."""
    rows = []
    for i, (value, qualifier, day, area, source, claimant, *start) in enumerate(claims, 1):
        rows.append({
            "figure_id": f"FIG-{i:04d}", "source_id": source, "value": value,
            "qualifier": qualifier, "metric": "attacks_on_us_forces", "area": area,
            "period_start": start[0] if start else dt.date(2023, 10, 17),
            "as_of": dt.date(2024, 1, day), "event_id": None, "operation_id": None,
            "wording": f"{qualifier} {value}", "claimant_actor_id": claimant,
        })
    figures = pd.DataFrame(rows)
    figures["value"] = figures["value"].astype("Int64")
    for column in ("period_start", "as_of"):
        figures[column] = figures[column].astype(DATE)
    for column in ("figure_id", "source_id", "qualifier", "metric", "area", "event_id",
                   "operation_id", "wording", "claimant_actor_id"):
        figures[column] = figures[column].astype("str").where(figures[column].notna())
    sources = pd.DataFrame({"source_id": ["SRC-0001", "SRC-0002", "SRC-0003", "SRC-0004"],
                            "reliability_tier": ["official", "wire", "other", None]})
    actors = pd.DataFrame({"actor_id": [DOD, MILITIA],
                           "affiliation": ["us_led_coalition", "iran_aligned"]})
    return {"figures": figures, "sources": sources, "actors": actors}


def test_the_day_is_the_claim_with_the_highest_minimum():
    out = official_counts(tables(
        (151, "at_least", 22, "iraq_and_syria", "SRC-0002", DOD),
        (150, "more_than", 24, "iraq_and_syria", "SRC-0002", DOD),
        (149, "exact", 24, "iraq_and_syria", "SRC-0001", DOD),
        (160, "approximately", 24, "iraq_and_syria", "SRC-0001", DOD),  # allows 144 or more
    ))
    OfficialCounts.validate(out)
    day = out.set_index("official_count_id").loc["2024-01-24/ACT-0006/iraq_and_syria"]
    assert (day["value"], day["qualifier"], day["minimum"]) == (150, "more_than", 151)
    assert day["figure_id"] == "FIG-0002" and day["figure_ids"] == "FIG-0002;FIG-0003;FIG-0004"
    assert (day["n_figures"], day["value_low"], day["value_high"]) == (3, 149, 160)
    assert list(out["minimum"]) == [151, 151]  # no dip from the mixed qualifiers


def test_ties_go_to_the_better_source_then_a_plain_number_then_the_lower_id():
    out = official_counts(tables(
        (40, "at_least", 9, "iraq_and_syria", "SRC-0003", DOD),
        (40, "at_least", 9, "iraq_and_syria", "SRC-0001", DOD),
        (40, "exact", 9, "iraq_and_syria", "SRC-0002", DOD),
        (50, "exact", 10, "iraq_and_syria", "SRC-0004", DOD),  # archived: ranks with wire
        (50, "exact", 10, "iraq_and_syria", "SRC-0002", DOD),
    ))
    assert list(out["figure_id"]) == ["FIG-0002", "FIG-0004"]


def test_an_empty_area_is_not_split_and_counts_for_the_whole_campaign():
    out = official_counts(tables(
        (170, "exact", 13, None, "SRC-0002", DOD),
        (36, "exact", 13, "iraq", "SRC-0002", DOD),
        (73, "exact", 13, "iraq_syria_and_jordan", "SRC-0002", DOD),
    ))
    OfficialCounts.validate(out)
    assert dict(zip(out["area"], out["whole_campaign"], strict=True)) == {
        "iraq": False, "iraq_syria_and_jordan": True, "not_split": True}


def test_only_coalition_counts_from_the_campaign_start_are_official():
    out = official_counts(tables(
        (10, "exact", 5, "iraq_and_syria", "SRC-0002", DOD),
        (99, "exact", 5, "iraq_and_syria", "SRC-0002", MILITIA),
        (9, "exact", 5, "iraq_and_syria", "SRC-0002", DOD, dt.date(2024, 1, 4)),
        (11, "exact", 5, "iraq_and_syria", "SRC-0002", DOD, dt.date(2023, 10, 18)),
    ))
    assert out["figure_ids"].tolist() == ["FIG-0001;FIG-0004"]
