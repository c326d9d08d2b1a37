"""`strikeledger build` against the releases before it: an id that changes meaning is
refused, and so is a CHANGELOG entry that does not state what the release diff counts;
nothing is written for a refused release."""

from __future__ import annotations

import shutil

from helpers import CHANGELOG, ROOT, read_rows, write_rows

from strikeledger.builder import build
from strikeledger.builder.changelog import ChangelogError
from strikeledger.tools.diff import diff, summary_line


def _changelog(tmp_path, version, body):
    path = tmp_path / f"CHANGELOG-{version}.md"
    path.write_text(f"# Changelog\n\n## [{version}] - 2026-12-01\n\n{body}\n")
    return path


def test_a_reused_id_is_refused_by_the_build(tmp_path, data):
    """Every committed release, then EV-0002 deleted and a new EV-0002 (a strike in Syria)
    added under a version bump."""
    out = tmp_path / "build"
    shutil.copytree(ROOT / "build", out)
    rows = read_rows(data / "events.csv")
    header = rows[0]
    (old,) = [r for r in rows if r[0] == "EV-0002"]
    new = list(old)
    new[header.index("location_id")] = "LOC-0005"  # Abu Kamal, Syria
    new[header.index("summary")] = "Another strike."
    write_rows(data / "events.csv", [r for r in rows if r[0] != "EV-0002"] + [new])
    result = build(data, out, "2.3.0", _changelog(tmp_path, "2.3.0", "EV-0002 reused."))
    assert result.release is None
    assert [(p.line, p.column, p.value) for p in result.problems] == [
        (len(rows), "location_id", "SYR")]
    assert "EV-0002 held IRQ in release 1.0.0: an id never changes meaning" in \
        result.problems[0].rule
    assert not (out / "2.3.0").exists() and not (out / "2.3.0.zip").exists()


def _withdraw_an_event(data):
    """Remove an attack that nothing else points at, and retire its id."""
    figures = {r[read_rows(data / "figures.csv")[0].index("event_id")]
               for r in read_rows(data / "figures.csv")[1:]}
    events = read_rows(data / "events.csv")
    header = events[0]
    answered = {i for r in events[1:] for i in r[header.index("responds_to")].split(";")}
    event = next(r[0] for r in events[1:] if r[0] not in figures and r[0] not in answered
                 and r[header.index("event_type")] == "attack_on_us_forces")
    for name in ("events", "event_sources", "event_claims"):
        rows = read_rows(data / f"{name}.csv")
        write_rows(data / f"{name}.csv", [r for r in rows if r[0] != event])
    retired = read_rows(data / "retired_ids.csv")
    write_rows(data / "retired_ids.csv",
               [*retired, [event, "9.1.0", "", "Withdrawn: a report of no attack."]])
    return event


def test_a_changelog_entry_that_says_nothing_is_refused_by_the_build(tmp_path, data):
    out = tmp_path / "build"
    first = build(data, out, "9.0.0", _changelog(tmp_path, "9.0.0", "First."))
    assert first.release is not None
    event = _withdraw_an_event(data)
    try:
        build(data, out, "9.1.0", _changelog(tmp_path, "9.1.0", "Nothing changed."))
    except ChangelogError as error:
        message = str(error)
    else:
        raise AssertionError("the build accepted an entry that says nothing")
    assert not (out / "9.1.0").exists() and not (out / "9.1.0.zip").exists()
    line = message.rsplit("\n", 1)[1]
    assert line.startswith("Rows (`strikeledger diff 9.0.0 9.1.0`): ")
    assert "events -1" in line and "retired_ids +1" in line
    # The line the message asks for is what the build then accepts.
    done = build(data, out, "9.1.0", _changelog(tmp_path, "9.1.0", f"{event} withdrawn.\n\n"
                                                 f"{line}"))
    assert done.release == out / "9.1.0"
    assert summary_line(diff(out / "9.0.0", out / "9.1.0")) == line
    assert CHANGELOG.is_file()
