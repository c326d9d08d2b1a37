"""`strikeledger diff`: schema and row changes between two releases, by primary key."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT, set_cell

from strikeledger.builder import build
from strikeledger.cli import main
from strikeledger.tools.diff import diff


@pytest.fixture
def two_releases(tmp_path, data):
    """A release of the data, and one built after known edits."""
    from helpers import CHANGELOG

    before = build(data, tmp_path / "a", "9.0.0", _changelog(tmp_path, "9.0.0")).release
    set_cell(data / "events.csv", "EV-0002", "time_of_day", "evening")
    set_cell(data / "actors.csv", "ACT-0001", "aliases", "U.S. military;CENTCOM;Pentagon")
    rows = (data / "figures.csv").read_text().splitlines()
    (data / "figures.csv").write_text("\n".join(r for r in rows if not r.startswith("FIG-0003,"))
                                      + "\n")
    after = build(data, tmp_path / "b", "9.1.0", _changelog(tmp_path, "9.1.0")).release
    assert CHANGELOG.is_file()
    return before, after


def _changelog(tmp_path, version):
    path = tmp_path / f"CHANGELOG-{version}.md"
    path.write_text(f"# Changelog\n\n## [{version}] - 2026-12-01\n")
    return path


def test_rows_changed_removed_and_unchanged(two_releases):
    result = diff(*two_releases)
    events = result["tables"]["events"]
    assert events["rows"]["changed"] == [
        {"key": "EV-0002", "columns": {"time_of_day": ["night", "evening"]}}]
    assert result["tables"]["figures"]["rows"]["removed"] == ["FIG-0003"]
    assert result["tables"]["sources"]["status"] == "unchanged"
    assert (result["old"], result["new"]) == ("9.0.0", "9.1.0")


def test_text_output_shows_list_items_added_and_removed(two_releases, capsys):
    old, new = two_releases
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "~ EV-0002\n      time_of_day: night → evening" in out
    (aliases,) = [line for line in out.splitlines() if "aliases:" in line]
    assert aliases.strip().startswith("aliases: + Pentagon; - U.S. forces; - US forces")
    assert "+ U.S. military" not in aliases  # kept items are not listed
    assert "  - FIG-0003" in out


def test_json_output_and_versions_under_build(capsys):
    assert main(["diff", "1.0.0", "1.1.0", "--format", "json",
                 "--releases", str(ROOT / "build")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["tables"]["events"]["rows"]["added"][0] == "EV-0003"
    assert result["tables"]["events"]["schema"] == {"added": [], "removed": [], "retyped": {},
                                                    "codes": {}}


def test_schema_changes_are_reported(two_releases):
    from strikeledger.tools.diff import _schema_changes

    old, _ = two_releases
    before = json.loads((old / "datapackage.json").read_text())["resources"][0]["schema"]
    after = json.loads(json.dumps(before))
    after["fields"][1]["constraints"]["enum"].append("leaked_document")
    after["fields"][2]["type"] = "integer"
    after["fields"].append({"name": "page_count", "type": "integer"})
    del after["fields"][3]
    changes = _schema_changes({f["name"]: f for f in before["fields"]},
                              {f["name"]: f for f in after["fields"]})
    assert changes == {
        "added": ["page_count"], "removed": ["publisher"],
        "retyped": {"title": ["string", "integer"]},
        "codes": {"source_type": {"added": ["leaked_document"], "removed": []}},
    }


def test_unknown_release_is_an_error(capsys):
    assert main(["diff", "0.0.1", "1.1.0", "--releases", str(ROOT / "build")]) == 1
    assert "neither a release folder nor a version" in capsys.readouterr().err
