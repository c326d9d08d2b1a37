"""However many rows break a rule, the answer stays short: at most MAX_PER_RULE problems
per file, column and rule, then one line counting the rest."""

from __future__ import annotations

from helpers import read_rows, write_rows

from strikeledger.problems import MAX_PER_RULE, Problem, as_text, capped, total
from strikeledger.validate import validate


def test_capped_keeps_the_first_of_each_rule_and_counts_the_rest():
    many = [Problem("a.csv", line, "event_type", "raid", "is not a code")
            for line in range(2, 52)]
    other = [Problem("a.csv", 60, "weapons", "catapult", "is not a code")]
    later = [Problem("b.csv", line, "event_type", "x", "is not a code") for line in (2, 3)]
    out = capped(many + other + later, limit=20)
    assert out[:20] == many[:20]
    assert out[20] == other[0]
    assert out[21] == Problem("a.csv", None, "event_type", None, "and 30 more: is not a code",
                              more=30)
    assert out[21].more == 30
    assert out[22:] == later
    assert total(out) == 53
    assert capped(out, limit=20) == out  # capping a capped list changes nothing


def test_messages_that_differ_only_in_numbers_are_one_rule():
    lines = [Problem("a.csv", n, "id", "EV-1", f"duplicate id: the same value is on line {n + 1}")
             for n in range(2, 40)]
    out = capped(lines, limit=5)
    assert len(out) == 6
    assert out[-1].rule == "and 33 more: duplicate id: the same value is on line 8"
    assert str(out[-1]) == "a.csv: id: and 33 more: duplicate id: the same value is on line 8"


def _append(path, rows):
    existing = read_rows(path)
    write_rows(path, existing + rows)


def test_thousands_of_bad_cells_give_a_short_answer(data):
    rows = read_rows(data / "events.csv")
    header, template = rows[0], rows[1]
    bad = []
    for n in range(1000):
        row = list(template)
        row[header.index("event_id")] = f"EV-{90000 + n}"
        row[header.index("event_type")] = "raid"
        bad.append(row)
    _append(data / "events.csv", bad)
    problems = [p for p in validate(data).problems if p.file.endswith("events.csv")]
    codes = [p for p in problems if p.column == "event_type"]
    assert len(codes) == MAX_PER_RULE + 1
    assert codes[-1].line is None and codes[-1].rule.startswith("and 980 more: is not one "
                                                                "of the event_type codes")
    assert [p.line for p in codes[:-1]] == list(range(15, 15 + MAX_PER_RULE))
    assert len(problems) < 10 * (MAX_PER_RULE + 1)
    assert total(problems) >= 2 * 1000  # every bad cell and every unsourced event is counted


def test_thousands_of_ragged_rows_give_a_short_answer(data):
    text = (data / "events.csv").read_text(encoding="utf-8")
    first = text.splitlines()[1]
    (data / "events.csv").write_text(text + (first + ",extra\n") * 1000, encoding="utf-8")
    problems = [p for p in validate(data).problems if p.file.endswith("events.csv")]
    assert len(problems) == MAX_PER_RULE + 1
    assert [p.line for p in problems[:-1]] == list(range(15, 15 + MAX_PER_RULE))
    assert problems[-1].rule == ("and 980 more: has 15 fields but the header has 14 (a "
                                 "stray delimiter or quote?)")


def test_a_file_pasted_twice_gives_a_short_answer(data):
    text = (data / "figures.csv").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1]
    (data / "figures.csv").write_text(text + body * 5, encoding="utf-8")
    problems = [p for p in validate(data).problems if p.file.endswith("figures.csv")]
    assert len(as_text(problems).splitlines()) <= 5 * (MAX_PER_RULE + 1)
    assert any(p.rule.startswith("and ") and p.more for p in problems)
