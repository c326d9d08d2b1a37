"""The death-estimate rule and the ACLED codes of builder.external, on small tables made
here (only the columns the rule reads)."""

from __future__ import annotations

import pandas as pd
import pytest

from strikeledger.builder.external import _inter, deaths


def tables(events: list[tuple], figures: list[tuple],
           tiers: dict[str, str | None]) -> dict[str, pd.DataFrame]:
    """events: (event_id, country, operation_id); figures: (event_id, operation_id, area,
    source_id, claimant_actor_id, victim_group, value, qualifier[, metric])."""
    countries = sorted({country for _, country, _ in events})
    locations = pd.DataFrame({"location_id": [f"LOC-{c}" for c in countries],
                              "country_iso3": countries})
    frame = pd.DataFrame(events, columns=["event_id", "country", "operation_id"])
    frame["location_id"] = "LOC-" + frame.pop("country")
    rows = [(*f, "killed")[:9] for f in figures]
    figs = pd.DataFrame(rows, columns=["event_id", "operation_id", "area", "source_id",
                                       "claimant_actor_id", "victim_group", "value",
                                       "qualifier", "metric"])
    figs["value"] = figs["value"].astype("Int64")
    figs["claimant"] = None
    sources = pd.DataFrame({"source_id": list(tiers), "reliability_tier": list(tiers.values())})
    return {"events": frame, "locations": locations, "figures": figs, "sources": sources}


def estimates(result: pd.DataFrame, event_id: str) -> tuple:
    row = result.loc[event_id]
    return int(row["low"]), int(row["best"]), int(row["high"]), row["deaths_basis"]


def test_two_claimants_quoted_by_one_page_are_two_claims():
    t = tables([("EV-0001", "SYR", None)],
               [("EV-0001", None, None, "SRC-0001", "ACT-0020", "coalition_forces", 6, "exact"),
                ("EV-0001", None, None, "SRC-0001", "ACT-0010", "coalition_forces", 7,
                 "at_least")],
               {"SRC-0001": "wire"})
    assert estimates(deaths(t), "EV-0001") == (6, 6, 7, "event")


def test_best_is_the_most_trusted_source_and_low_high_span_all_claims():
    t = tables([("EV-0001", "IRQ", None), ("EV-0002", "IRQ", None)],
               [("EV-0001", None, None, "SRC-0001", None, "militants", 2, "exact"),
                ("EV-0001", None, None, "SRC-0002", None, "militants", 4, "exact"),
                ("EV-0002", None, None, "SRC-0002", None, "militants", 1, "exact"),
                ("EV-0002", None, None, "SRC-0003", None, "militants", 3, "more_than")],
               {"SRC-0001": "official", "SRC-0002": "other", "SRC-0003": "wire"})
    result = deaths(t)
    assert estimates(result, "EV-0001") == (2, 2, 4, "event")
    assert estimates(result, "EV-0002") == (1, 4, 4, "event")  # "more than 3" is at least 4


def test_a_mixed_count_includes_the_groups_named_beside_it():
    t = tables([("EV-0001", "IRQ", None)],
               [("EV-0001", None, None, "SRC-0001", None, "mixed", 16, "exact"),
                ("EV-0001", None, None, "SRC-0001", None, "civilians", 1, "exact"),
                ("EV-0001", None, None, "SRC-0002", None, "militants", 5, "exact"),
                ("EV-0001", None, None, "SRC-0002", None, "civilians", 2, "exact")],
               {"SRC-0001": "wire", "SRC-0002": "wire"})
    assert estimates(deaths(t), "EV-0001") == (7, 7, 16, "event")


def test_an_operations_toll_is_split_by_country_narrowest_area_first():
    events = [("EV-0001", "IRQ", "OP-0001"), ("EV-0002", "IRQ", "OP-0001"),
              ("EV-0010", "IRQ", "OP-0001"), ("EV-0003", "SYR", "OP-0001"),
              ("EV-0004", "IRQ", None)]
    t = tables(events,
               [(None, "OP-0001", "iraq", "SRC-0001", None, "mixed", 16, "exact"),
                (None, "OP-0001", "iraq_and_syria", "SRC-0002", None, "militants", 40,
                 "more_than")],
               {"SRC-0001": "wire", "SRC-0002": "official"})
    result = deaths(t)
    # 16 in Iraq over three events, the remainder to the first by id (EV-0010 sorts last).
    assert [estimates(result, e)[0] for e in ("EV-0001", "EV-0002", "EV-0010")] == [6, 5, 5]
    assert estimates(result, "EV-0001")[3] == "operation"
    # The wider count reaches only the country with no count of its own.
    assert estimates(result, "EV-0003") == (41, 41, 41, "operation")
    assert estimates(result, "EV-0004") == (0, 0, 0, "none")


def test_an_event_with_its_own_toll_keeps_it_and_the_rest_is_split():
    t = tables([("EV-0001", "IRQ", "OP-0001"), ("EV-0002", "IRQ", "OP-0001")],
               [("EV-0001", None, None, "SRC-0001", None, "militants", 3, "exact"),
                (None, "OP-0001", None, "SRC-0001", None, "militants", 9, "exact")],
               {"SRC-0001": "wire"})
    result = deaths(t)
    assert estimates(result, "EV-0001") == (3, 3, 3, "event")
    assert estimates(result, "EV-0002") == (6, 6, 6, "operation")  # 9 less the 3 of EV-0001


def test_unquantified_and_other_causes_give_no_number_and_upper_bounds_no_low():
    t = tables([("EV-0001", "IRQ", None), ("EV-0002", "IRQ", None)],
               [("EV-0001", None, None, "SRC-0001", None, "militants", None, "unquantified"),
                ("EV-0001", None, None, "SRC-0001", None, "us_contractors", 1, "exact",
                 "died"),
                ("EV-0002", None, None, "SRC-0001", None, "militants", 7, "at_most")],
               {"SRC-0001": "wire"})
    result = deaths(t)
    assert estimates(result, "EV-0001") == (0, 0, 0, "none")
    assert estimates(result, "EV-0002") == (0, 7, 7, "event")


@pytest.mark.parametrize(("actor_type", "side", "country", "code"), [
    ("state_military", "us_led_coalition", "IRQ", 8),  # foreign forces in Iraq
    ("state_military", "iraq", "IRQ", 1),  # the country's own forces
    ("state_military", "iraq", "SYR", 8),
    ("state_military", "iran", "SYR", 8),
    ("militia", "iran_aligned", "IRQ", 3),
    ("unidentified_armed_group", "iran_aligned", "SYR", 3),
    ("militia", "us_led_coalition", "SYR", 2),  # a partner force that is not a state's
    (None, None, "IRQ", 0),  # no actor
])
def test_acled_actor_type_codes(actor_type, side, country, code):
    result = _inter(pd.Series([actor_type], dtype="object"), pd.Series([side]),
                    pd.Series([country]))
    assert result.iloc[0] == code


def test_an_operations_toll_less_what_its_sites_report_of_their_own_is_split():
    t = tables([("EV-0001", "IRQ", "OP-0001"), ("EV-0002", "IRQ", "OP-0001"),
                ("EV-0003", "IRQ", "OP-0001")],
               [(None, "OP-0001", "iraq", "SRC-0001", None, "mixed", 16, "exact"),
                ("EV-0001", None, None, "SRC-0002", None, "iraqi_state_forces", 11, "exact"),
                ("EV-0001", None, None, "SRC-0002", None, "civilians", 3, "at_most")],
               {"SRC-0001": "wire", "SRC-0002": "other"})
    result = deaths(t)
    assert estimates(result, "EV-0001") == (11, 11, 14, "event")
    # 16 less 11..14 leaves 2..5 (best 5) for the other two sites.
    assert estimates(result, "EV-0002") == (1, 3, 3, "operation")
    assert estimates(result, "EV-0003") == (1, 2, 2, "operation")


def test_an_unclaimed_event_gets_the_unidentified_actor_of_its_type():
    from strikeledger.builder.external import _perpetrator

    base = pd.DataFrame({"event_type": ["attack_on_us_forces", "us_strike", "us_strike"],
                         "perpetrator_name": [None, None, "United States armed forces"],
                         "perpetrator_type": [None, None, "state_military"]})
    names, types = _perpetrator(base)
    assert list(names) == ["Unidentified armed group", "Unidentified military forces",
                           "United States armed forces"]
    assert list(_inter(types, pd.Series([None, None, "us_led_coalition"]),
                       pd.Series(["IRQ"] * 3))) == [3, 8, 8]
