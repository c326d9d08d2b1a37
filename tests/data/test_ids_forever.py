"""Identifiers never change meaning, and each CHANGELOG entry says what the release diff
counts: checked on every committed release, and on edits of the curated data against the
committed releases (build/, read only)."""

from __future__ import annotations

import pytest
from helpers import CHANGELOG, ROOT, read_rows, set_cell, write_rows

from strikeledger import metadata, schemas
from strikeledger.builder.changelog import DIFF_LINE, ChangelogError, check_diff_line, entry
from strikeledger.builder.history import IDENTITY, check_history, earlier_releases
from strikeledger.builder.manifest import read_manifest
from strikeledger.reader import open_release
from strikeledger.tools.diff import diff, summary_line
from strikeledger.validate.csvio import read_table

RELEASES = ROOT / "build"
NEXT = "2.3.0"  # a version bump after every committed release


def _versions():
    return [p.name for p in earlier_releases(RELEASES, "999.0.0")]


@pytest.mark.parametrize("version", _versions())
def test_no_committed_release_breaks_an_id_of_an_earlier_one(version):
    release = open_release(RELEASES / version)
    tables = {name: release.load(name) for name in [*IDENTITY, "retired_ids"]
              if name in release.names}
    assert check_history(tables, None, RELEASES, version) == []


@pytest.mark.parametrize("version", _versions()[1:])
def test_each_changelog_entry_states_the_diff_of_its_release(version):
    """The README promises it: each entry is checked against `strikeledger diff`."""
    versions = _versions()
    previous = versions[versions.index(version) - 1]
    expected = summary_line(diff(RELEASES / previous, RELEASES / version))
    check_diff_line(CHANGELOG, version, expected)  # raises, saying which line to write
    assert DIFF_LINE.findall(entry(CHANGELOG, version)) == [expected]


def test_an_entry_that_says_nothing_is_refused_with_the_line_to_write(tmp_path):
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## [2.0.0] - 2026-12-01\n\nNothing.\n")
    expected = summary_line(diff(RELEASES / "1.2.0", RELEASES / "2.0.0"))
    assert "events +17 -6 ~17" in expected
    with pytest.raises(ChangelogError) as refused:
        check_diff_line(changelog, "2.0.0", expected)
    assert str(refused.value).endswith(f"write this line in the entry, on a line of its own:\n"
                                       f"{expected}")


def curated(folder):
    """The curated tables as read (typed, without the models' checks)."""
    return {name: read_table(name, folder / f"{name}.csv",
                             metadata.columns(name, released=False)).frame
            for name in schemas.MODELS}


def found(data):
    return [(p.file.rsplit("/", 1)[-1], p.line, p.column, p.value, p.rule)
            for p in check_history(curated(data), data, RELEASES, NEXT)]


def test_the_curated_data_keeps_every_id(data):
    assert set(read_manifest(RELEASES)) >= {"1.0.0", "2.0.0", "2.1.0"}
    assert found(data) == []


def _replace_row(path, key, change):
    """Delete the row ``key`` and add a new row with the same id, changed by ``change``."""
    rows = read_rows(path)
    header = rows[0]
    (old,) = [r for r in rows[1:] if r[0] == key]
    new = dict(zip(header, old, strict=True))
    change(new)
    rows = [r for r in rows if r[0] != key] + [[new[c] for c in header]]
    write_rows(path, rows)
    return len(rows)  # the new row's line


def test_a_reused_event_id_with_another_meaning_is_refused(data):
    """EV-0002 (the AC-130 strike near Al-Asad, Iraq) deleted, and a new EV-0002 added: a
    strike in Syria three months later."""
    line = _replace_row(data / "events.csv", "EV-0002", lambda row: row.update(
        location_id="LOC-0005", date_earliest="2024-02-02", date_latest="2024-02-02",
        summary="A different strike."))
    problems = found(data)
    assert ("events.csv", line, "location_id", "SYR",
            "EV-0002 held IRQ in release 1.0.0: an id never changes meaning (the same event "
            "type, in the same country (of its location), on dates that overlap the earlier "
            "date range (a re-dated event narrows or shifts its range; it does not move to days "
            "the earlier range excluded)); give this row a new id, and list EV-0002 in "
            "retired_ids if the old row is withdrawn") in problems
    assert any(p[1] == line and p[2] == "date_earliest" and p[3] == "2024-02-02 to 2024-02-02"
               for p in problems)


def test_an_event_of_another_type_under_an_old_id_is_refused(data):
    set_cell(data / "events.csv", "EV-0001", "event_type", "us_strike")
    assert [p[2:4] for p in found(data)][:1] == [("event_type", "us_strike")]


def test_a_re_dated_event_is_a_correction(data):
    """EV-0016 was dated 17-18 Nov 2023 in 2.0.0 and 16-17 Nov in 2.1.0: a range that
    shifts or narrows keeps its id; one that leaves the earlier range does not."""
    set_cell(data / "events.csv", "EV-0016", "date_earliest", "2023-11-17")
    set_cell(data / "events.csv", "EV-0016", "date_latest", "2023-11-17")
    set_cell(data / "events.csv", "EV-0016", "summary", "Reworded.")
    assert found(data) == []
    line = set_cell(data / "events.csv", "EV-0016", "date_latest", "2023-11-19")
    set_cell(data / "events.csv", "EV-0016", "date_earliest", "2023-11-19")
    assert [p[1:4] for p in found(data)] == [(line, "date_earliest", "2023-11-19 to 2023-11-19")]


def test_a_figure_with_another_number_is_refused(data):
    line = set_cell(data / "figures.csv", "FIG-0001", "value", "999")
    assert [p[1:4] for p in found(data)] == [(line, "value", "999")]


def test_a_renamed_actor_keeps_its_id_when_the_old_name_is_an_alias(data):
    rows = read_rows(data / "actors.csv")
    header = rows[0]
    row = next(r for r in rows if r[0] == "ACT-0007")
    row[header.index("aliases")] += ";" + row[header.index("name")]
    row[header.index("name")] = "Kataib Hizballah"
    write_rows(data / "actors.csv", rows)
    assert found(data) == []
    set_cell(data / "actors.csv", "ACT-0007", "aliases", "KH")
    assert [p[2:4] for p in found(data)] == [("name", "Kataib Hizballah")]


def test_a_retired_id_may_not_come_back(data):
    """EV-0003 was split by site in 2.0.0 and is listed in retired_ids."""
    rows = read_rows(data / "events.csv")
    copy = list(next(r for r in rows if r[0] == "EV-0026"))
    copy[0] = "EV-0003"
    write_rows(data / "events.csv", [*rows, copy])
    line = len(rows) + 1
    assert ("events.csv", line, "event_id", "EV-0003",
            "was removed in release 2.0.0 and may not come back; a withdrawn id stays "
            "retired: give this row a new id") in found(data)


def test_a_removed_id_must_be_listed_in_retired_ids(data):
    rows = read_rows(data / "figures.csv")
    write_rows(data / "figures.csv", [r for r in rows if r[0] != "FIG-0001"])
    assert ("retired_ids.csv", None, "retired_id", "FIG-0001",
            f"FIG-0001 of release 1.0.0 is no longer in figures: add a row for it to "
            f"retired_ids (retired_in {NEXT}, with what replaced it) so that users can still "
            "look it up") in found(data)
