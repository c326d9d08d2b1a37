"""The 2.0 model's rules, each broken once on a copy of the curated data, and the derived
perpetrator on tables made here."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import line_of, read_rows, set_cell, write_rows

from strikeledger.builder.views import perpetrators
from strikeledger.validate import validate


def problems(data, file):
    return [(p.line, p.column, p.value, p.rule) for p in validate(data).problems
            if p.file.endswith(file)]


def test_a_confirmed_event_needs_its_confirmation_source(data):
    line = set_cell(data / "events.csv", "EV-0001", "confirmation_source_id", "")
    (found,) = problems(data, "events.csv")
    assert found[:3] == (line, "confirmation_source_id", "")
    assert "is required when confirmation is confirmed" in found[3]


def test_a_confirmation_rests_on_an_official_or_wire_page_linked_to_the_event(data):
    # SRC-0118 is an `other` page, linked to EV-0016 only.
    line = set_cell(data / "events.csv", "EV-0014", "confirmation_source_id", "SRC-0118")
    rules = {p[3] for p in problems(data, "events.csv") if p[0] == line}
    assert any("official or wire page" in r for r in rules)
    assert "must also be in event_sources for this event" in rules


def unclaimed_confirmed_attack(data) -> str:
    """An attack of the curated data that U.S. officials confirmed and no group claimed."""
    claimed = {r[0] for r in read_rows(data / "event_claims.csv")[1:] if r[2] == "claimed"}
    return next(r[0] for r in read_rows(data / "events.csv")[1:]
                if r[1] == "attack_on_us_forces" and r[10] == "confirmed" and r[0] not in claimed)


def test_claimed_only_needs_a_claim_and_reported_only_has_none(data):
    event = unclaimed_confirmed_attack(data)
    line = set_cell(data / "events.csv", event, "confirmation", "claimed_only")
    set_cell(data / "events.csv", event, "confirmation_source_id", "")
    assert (line, "confirmation", "claimed_only",
            "claimed_only needs a row in event_claims with stance claimed") \
        in problems(data, "events.csv")
    line = set_cell(data / "events.csv", "EV-0016", "confirmation", "reported_only")
    assert any(p[0] == line and "use claimed_only" in p[3] for p in problems(data, "events.csv"))


def test_an_acknowledged_strike_is_confirmed(data):
    set_cell(data / "events.csv", "EV-0023", "confirmation_source_id", "")
    line = set_cell(data / "events.csv", "EV-0023", "confirmation", "reported_only")
    assert (line, "confirmation", "reported_only",
            "must be confirmed: event_claims holds an acknowledgement") \
        in problems(data, "events.csv")


def test_every_strike_belongs_to_an_operation_and_no_attack_does(data):
    strike = set_cell(data / "events.csv", "EV-0023", "operation_id", "")
    attack = set_cell(data / "events.csv", "EV-0001", "operation_id", "OP-0001")
    found = {(p[0], p[1], p[3]) for p in problems(data, "events.csv")}
    assert (strike, "operation_id",
            "is required for a confirmed us_strike (the announced package it belongs to)") in found
    assert (attack, "operation_id", "must be empty for an attack_on_us_forces") in found


def test_responds_to_holds_several_existing_earlier_events(data):
    set_cell(data / "events.csv", "EV-0031", "responds_to", "EV-0007;EV-0009")
    assert problems(data, "events.csv") == []
    line = set_cell(data / "events.csv", "EV-0031", "responds_to", "EV-0007;EV-9999")
    assert problems(data, "events.csv") == [
        (line, "responds_to", "EV-0007;EV-9999",
         "names an event that does not exist (events.event_id)")]
    set_cell(data / "events.csv", "EV-0031", "responds_to", "EV-0007;EV-0009")
    line = set_cell(data / "events.csv", "EV-0001", "responds_to", "EV-0009")
    found = problems(data, "events.csv")
    assert [p[0] for p in found] == [line, line]
    assert any("names an event that began on 2024-01-20" in p[3] for p in found)
    # EV-0001 and EV-0009 are both attacks: an event answers events of the other type.
    assert any(p[3].startswith("names EV-0009, another attack_on_us_forces") for p in found)


def test_counts_of_people_say_whom_they_count(data):
    # FIG-0004 counts injured U.S. troops; FIG-0015 counts facilities.
    people = set_cell(data / "figures.csv", "FIG-0004", "victim_group", "")
    things = set_cell(data / "figures.csv", "FIG-0015", "victim_group", "militants")
    found = {(p[0], p[1]) for p in problems(data, "figures.csv")}
    assert found == {(people, "victim_group"), (things, "victim_group")}


def test_a_figure_is_about_an_event_or_an_operation_not_both(data):
    line = set_cell(data / "figures.csv", "FIG-0004", "operation_id", "OP-0004")
    assert problems(data, "figures.csv") == [
        (line, "operation_id", "OP-0004", "must be empty when event_id is given (a figure is "
         "about one event or about a whole operation)")]


@pytest.mark.parametrize(("column", "value", "rule"), [
    ("country_iso3", "IRK", "is not an ISO 3166-1 alpha-3 country code"),
    ("admin1_iso", "IQ-ZZ", "is not an ISO 3166-2 subdivision code"),
    ("admin1_iso", "SY-DY", "is not a subdivision of IRQ"),
])
def test_place_codes_are_checked_against_iso_3166(data, column, value, rule):
    line = set_cell(data / "locations.csv", "LOC-0001", column, value)
    found = problems(data, "locations.csv")
    assert (line, column, value, rule) in found


def test_a_retired_id_is_never_reused_and_its_successors_exist(data):
    rows = read_rows(data / "retired_ids.csv")
    rows.append(["EV-0001", "2.0.0", "EV-9999", "A test row."])
    write_rows(data / "retired_ids.csv", rows)
    line = line_of(data / "retired_ids.csv", "EV-0001")
    found = {(p[1], p[3]) for p in problems(data, "retired_ids.csv") if p[0] == line}
    assert found == {("retired_id", "is still in use; a retired id is never reused"),
                     ("replaced_by", "names an id that does not exist")}


def test_a_claim_names_an_existing_actor(data):
    rows = read_rows(data / "event_claims.csv")
    rows[1][1] = "ACT-9999"
    write_rows(data / "event_claims.csv", rows)
    found = problems(data, "event_claims.csv")
    assert (2, "actor_id", "ACT-9999", "refers to no row of actors (actors.actor_id)") in found


def frame(**columns):
    return pd.DataFrame(columns).astype("str")


def test_the_perpetrator_is_the_first_claim_by_stance_then_named_then_id():
    tables = {
        "events": frame(event_id=["EV-0001", "EV-0002", "EV-0003", "EV-0004"]),
        "actors": frame(actor_id=["ACT-0003", "ACT-0004", "ACT-0007", "ACT-0010"],
                        actor_type=["unidentified_armed_group", "militia_coalition", "militia",
                                    "militia"]),
        "event_claims": frame(
            event_id=["EV-0001", "EV-0001", "EV-0002", "EV-0002", "EV-0003", "EV-0003"],
            actor_id=["ACT-0007", "ACT-0004", "ACT-0003", "ACT-0010", "ACT-0007", "ACT-0004"],
            stance=["attributed", "claimed", "attributed", "attributed", "denied",
                    "described"]),
    }
    derived = perpetrators(tables)
    assert derived["perpetrator_id"].tolist()[:3] == ["ACT-0004", "ACT-0010", "ACT-0004"]
    assert derived["attribution"].tolist()[:3] == ["claimed", "attributed", "described"]
    # No claim: both empty.
    assert derived.iloc[3].isna().all()


def test_a_repeated_key_is_reported_once_with_its_count_and_first_lines(data):
    claims = data / "event_claims.csv"
    rows = read_rows(claims)
    repeated = rows[3]
    write_rows(claims, [*rows, *[list(repeated) for _ in range(11)]])  # 12 rows hold it
    problems = [p for p in validate(data).problems if p.file.endswith("event_claims.csv")]
    assert len(problems) == 1
    (problem,) = problems
    first, added = 4, len(rows) + 1  # the original row's line; the first line appended
    assert problem.line == first
    assert problem.column == "event_id, actor_id, stance, source_id"
    assert problem.value == ", ".join(repeated[:4])
    assert problem.rule == ("duplicate event_id, actor_id, stance, source_id: the same value is "
                            f"on 12 rows, lines {first}, {added}, {added + 1}, {added + 2}, "
                            f"{added + 3} and 7 more")
