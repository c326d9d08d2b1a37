"""One reported problem, and its two renderings (text and JSON).

Reading a CSV, the table models, the cross-table rules, ``fmt`` and ``verify`` all
report ``Problem``s, so every command prints them the same way:
``file:line: column: value: rule``.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

_MAX_VALUE = 80
# At most this many problems of one rule are listed per file (and column); the rest are
# counted in one summary line, so that a file pasted twice gives a short answer.
MAX_PER_RULE = 20


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """A problem at ``file:line``: the column, the offending value and the rule it breaks.

    ``line`` is the line a person sees in an editor (the header is line 1); it is None
    for problems with a file (or a release, a document) as a whole. While a table is
    being checked, ``row`` holds the record's position (0-based, header excluded) until
    ``at_line`` turns it into a line; it is not part of either rendering. A summary of
    problems left unlisted (``capped``) has ``more``, the number it stands for.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str
    row: int | None = field(default=None, compare=False, repr=False)
    more: int = field(default=0, compare=False, repr=False)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.column is not None:
            parts.append(self.column)
        if self.value is not None:
            parts.append(show_value(self.value))
        parts.append(self.rule)
        return ": ".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column,
                "value": self.value, "rule": self.rule}

    def at_line(self, file: str, line: int | None) -> Problem:
        """The same problem placed in ``file`` at ``line``."""
        return replace(self, file=file, line=line, row=None)


_SUMMARY = re.compile(r"and [0-9,]+ more: ")


@functools.lru_cache(maxsize=4096)
def _kind(rule: str) -> str:
    # One rule, whatever line numbers, dates or counts its message carries.
    return re.sub(r"[0-9][0-9,.:-]*", "#", rule)


def _rule_kind(file: str, column: str | None, rule: str) -> tuple[str, str | None, str]:
    return file, column, _kind(rule)


def capped(problems: Iterable[Problem], limit: int = MAX_PER_RULE,
           file: str | None = None) -> list[Problem]:
    """The problems in their order, at most ``limit`` per file, column and rule; the rest
    of each are counted in one summary problem ("and 19,980 more: <rule>") placed after
    the file's other problems (``file``: all the problems are of that one file, whatever
    they name). One pass; capping a capped list changes nothing."""
    shown: dict[tuple[str, str | None, str], int] = {}
    hidden: dict[tuple[str, str | None, str], list] = {}  # key → [count, the rule's text]
    out: list[Problem] = []
    current = None
    for problem in problems:
        problem_file = file if file is not None else problem.file
        if problem_file != current and current is not None:
            out.extend(_summaries(hidden, current))
        current = problem_file
        if problem.more:  # a summary already: add its count
            rule = _SUMMARY.sub("", problem.rule, count=1)
            key = _rule_kind(current, problem.column, rule)
            hidden.setdefault(key, [0, rule])[0] += problem.more
            continue
        key = _rule_kind(current, problem.column, problem.rule)
        count = shown.get(key, 0)
        if count < limit:
            shown[key] = count + 1
            out.append(problem)
        else:
            hidden.setdefault(key, [0, problem.rule])[0] += 1
    if current is not None:
        out.extend(_summaries(hidden, current))
    return out


def _summaries(hidden: dict[tuple[str, str | None, str], list], file: str) -> list[Problem]:
    """The summary problems of one file's unlisted problems (removed from ``hidden``)."""
    out = []
    for key in [key for key in hidden if key[0] == file]:
        count, rule = hidden.pop(key)
        out.append(Problem(file, None, key[1], None, f"and {count:,} more: {rule}", more=count))
    return out


def total(problems: Iterable[Problem]) -> int:
    """How many problems a (capped) list stands for."""
    return sum(problem.more or 1 for problem in problems)


def as_text(problems: Iterable[Problem]) -> str:
    """One problem per line."""
    return "".join(f"{problem}\n" for problem in problems)


def as_json(problems: Iterable[Problem]) -> str:
    """A JSON list of objects with file, line, column, value and rule."""
    return json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False) + "\n"


def cell_text(value: object) -> str:
    """A cell's value as the user wrote it, for a message (dates as YYYY-MM-DD, empty for
    a missing value)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)


def show_value(value: str) -> str:
    """A value as it is printed: empty shown as (empty), hidden characters escaped."""
    if value == "":
        return "(empty)"
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)
    return shown if len(shown) <= _MAX_VALUE else shown[: _MAX_VALUE - 1] + "…"


def display_path(path: Path) -> str:
    """The path relative to the working directory when it is below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative
