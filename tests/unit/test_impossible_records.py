"""Records that cannot be true are refused, each at its file, line, column and value: who
carries out or is the target of each type of event, what a strike responds to,
publication dates after the release, coordinates outside their country, ids written with
other digits than 0-9, and invisible formatting characters."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import read_rows, set_cell, write_rows

from strikeledger.validate import validate
from strikeledger.validate.rules import country_box


def problems(data, file, **options):
    return [(p.line, p.column, p.value, p.rule) for p in validate(data, **options).problems
            if p.file.endswith(file)]


def set_row(path, match, column, value):
    """Set ``column`` of the first row whose cells include all of ``match``; its line."""
    rows = read_rows(path)
    col = rows[0].index(column)
    for line, row in enumerate(rows[1:], start=2):
        if all(row[rows[0].index(k)] == v for k, v in match.items()):
            row[col] = value
            write_rows(path, rows)
            return line
    raise KeyError(match)


def test_the_real_slice_breaks_none_of_these_rules(data):
    assert validate(data).problems == []


def test_a_us_strike_carried_out_by_a_militia(data):
    line = set_row(data / "event_claims.csv", {"event_id": "EV-0002", "actor_id": "ACT-0001"},
                   "actor_id", "ACT-0007")
    assert problems(data, "event_claims.csv") == [(
        line, "actor_id", "ACT-0007",
        "is a militia of iran_aligned, which cannot carry out an event of type us_strike; the "
        "perpetrator of an event of type us_strike is a state_military of us_led_coalition")]


def test_an_attack_claimed_by_us_forces(data):
    line = set_row(data / "event_claims.csv", {"event_id": "EV-0007", "actor_id": "ACT-0004"},
                   "actor_id", "ACT-0001")
    (found,) = problems(data, "event_claims.csv")
    assert found[:3] == (line, "actor_id", "ACT-0001")
    assert found[3].startswith("is a state_military of us_led_coalition, which cannot carry "
                               "out an event of type attack_on_us_forces; the perpetrator of "
                               "an event of type attack_on_us_forces is a militia or "
                               "militia_coalition or state_military or unidentified_armed_group "
                               "not of us_led_coalition")


def test_an_attack_whose_target_is_a_militia(data):
    line = set_cell(data / "events.csv", "EV-0001", "target_id", "ACT-0007")
    assert problems(data, "events.csv") == [(
        line, "target_id", "ACT-0007",
        "is a militia of iran_aligned, which cannot be the target of an event of type "
        "attack_on_us_forces; the target of an event of type attack_on_us_forces is a militia "
        "or state_military of us_led_coalition")]


def test_a_strike_whose_target_is_us_forces(data):
    line = set_cell(data / "events.csv", "EV-0023", "target_id", "ACT-0002")
    (found,) = problems(data, "events.csv")
    assert found[:3] == (line, "target_id", "ACT-0002")
    assert "cannot be the target of an event of type us_strike" in found[3]


def test_swapped_actor_and_stated_by_headers_are_refused(data):
    """Swapping two header names swaps who did it and who said so: every attribution now
    makes the Pentagon the attacker."""
    rows = read_rows(data / "event_claims.csv")
    header = rows[0]
    a, b = header.index("actor_id"), header.index("stated_by_id")
    header[a], header[b] = header[b], header[a]
    write_rows(data / "event_claims.csv", rows)
    found = problems(data, "event_claims.csv")
    rules = {(column, rule.split(",")[0]) for _, column, _, rule in found}
    assert ("actor_id", "is a government of us_led_coalition") in rules
    assert ("stated_by_id", "is of iran_aligned") in rules


def test_a_strike_that_responds_to_a_strike(data):
    line = set_cell(data / "events.csv", "EV-0023", "responds_to", "EV-0004")
    assert problems(data, "events.csv") == [(
        line, "responds_to", "EV-0004",
        "names EV-0004, another us_strike; an event responds to events of the other type (a "
        "us_strike to attack_on_us_forces, an attack to us_strike)")]


def test_a_source_published_after_the_release(data):
    line = set_cell(data / "sources.csv", "SRC-0001", "published_latest", "2031-01-01")
    assert problems(data, "sources.csv", release_date=dt.date(2026, 12, 1)) == [(
        line, "published_latest", "2031-01-01",
        "is after the release date 2026-12-01: no source is published after the release that "
        "cites it")]


def test_the_release_date_is_the_changelog_date_of_the_version(data):
    """Without a date given, validate takes the CHANGELOG.md entry of this version beside
    the data folder (the fixture copies the project's, dated 2026-12-01)."""
    line = set_cell(data / "sources.csv", "SRC-0001", "published_latest", "2026-12-02")
    (found,) = problems(data, "sources.csv")
    assert found[:3] == (line, "published_latest", "2026-12-02")
    assert found[3].startswith("is after the release date 2026-12-01")


@pytest.mark.parametrize(("latitude", "longitude"), [
    ("-23.55", "-46.63"),  # São Paulo, for an Iraqi air base
    ("42.433", "33.8"),    # latitude and longitude swapped
], ids=["another-country", "swapped"])
def test_coordinates_outside_their_country(data, latitude, longitude):
    line = set_cell(data / "locations.csv", "LOC-0001", "latitude", latitude)
    set_cell(data / "locations.csv", "LOC-0001", "longitude", longitude)
    assert problems(data, "locations.csv") == [(
        line, "latitude, longitude", f"{latitude}, {longitude}",
        "is outside IRQ (latitude 29.0 to 37.5, longitude 38.7 to 48.7: the bounding box of its "
        "outline in countryinfo, widened by 0.1°); is the place in another country, or are "
        "latitude and longitude swapped?")]


def test_a_border_site_stays_inside_its_country():
    """Tower 22 lies 0.07° inside Jordan's northern edge in the simplified outline."""
    south, north, west, east = country_box("JOR")
    assert south < 33.31417 < north and west < 38.70333 < east
    assert country_box("XXX") is None


@pytest.mark.parametrize("digits", ["\uff10\uff10\uff10\uff11", "\u0660\u0660\u0660\u0661",
                                    "\u06f0\u06f0\u06f0\u06f1"],
                         ids=["full-width", "arabic-indic", "extended-arabic-indic"])
def test_ids_take_ascii_digits_only(data, digits):
    line = set_cell(data / "figures.csv", "FIG-0001", "event_id", f"EV-{digits}")
    assert problems(data, "figures.csv") == [(
        line, "event_id", f"EV-{digits}",
        "must be an id like EV-0001 (EV- then at least four ASCII digits 0-9)")]


@pytest.mark.parametrize("hidden", ["\u202e", "\u2066", "\u200b", "\u200f", "\ufeff", "\u00ad",
                                    "\u2028", "\ue000"],
                         ids=["rlo", "lri", "zwsp", "rlm", "bom", "soft-hyphen", "line-sep",
                              "private-use"])
def test_invisible_formatting_characters_are_refused(data, hidden):
    line = set_cell(data / "actors.csv", "ACT-0004", "name", f"Islamic {hidden}Resistance")
    (found,) = problems(data, "actors.csv")
    assert found[:2] == (line, "name")
    assert found[3] == ("must not contain control or invisible formatting characters (tabs, "
                        "line breaks, bidi controls such as U+202E, zero-width spaces)")


def test_a_hidden_character_is_shown_escaped(data):
    set_cell(data / "actors.csv", "ACT-0004", "name", "Islamic \u202eResistance")
    (problem,) = [p for p in validate(data).problems if p.file.endswith("actors.csv")]
    assert ": name: Islamic \\u202eResistance: " in str(problem)


def test_outlines_read_from_one_file_equal_countryinfo_lookup():
    # rules._outline parses one countryinfo file, found by its bytes; countryinfo's own
    # look-up parses them all. They agree for every ISO code, and for codes it lacks.
    import pycountry

    from strikeledger.validate.rules import _outline, outline_by_countryinfo

    codes = [country.alpha_3 for country in pycountry.countries] + ["XXX", "KOS"]
    differ = [code for code in codes if _outline(code) != outline_by_countryinfo(code)]
    assert differ == []
    assert _outline("IRQ") is not None and _outline("XXX") is None


def test_subdivision_codes_found_by_their_text_equal_the_parsed_file():
    import json
    from pathlib import Path

    import pycountry

    from strikeledger.validate.rules import _subdivisions

    entries = json.loads((Path(pycountry.DATABASE_DIR) / "iso3166-2.json").read_bytes())
    every = {entry["code"] for entry in entries["3166-2"]}
    sample = [*sorted(every)[::7], "IQ-XX", "SY-", "", 'IQ-BG"', "iq-bg", "IQ-BG "]
    assert _subdivisions(sample).to_pylist() == sorted(c for c in sample if c in every)
    assert "IQ-BG" in _subdivisions(["IQ-BG"]).to_pylist()
