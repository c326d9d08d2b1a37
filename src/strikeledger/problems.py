"""One reported problem, and its two renderings (text and JSON).

Reading a CSV, the table models, the cross-table rules, ``fmt`` and ``verify`` all
report ``Problem``s, so every command prints them the same way:
``file:line: column: value: rule``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

_MAX_VALUE = 80


@dataclass(frozen=True, order=True)
class Problem:
    """A problem at ``file:line``: the column, the offending value and the rule it breaks.

    ``line`` is the line a person sees in an editor (the header is line 1); it is None
    for problems with a file (or a release, a document) as a whole. While a table is
    being checked, ``row`` holds the record's position (0-based, header excluded) until
    ``at_line`` turns it into a line; it is not part of either rendering.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str
    row: int | None = field(default=None, compare=False, repr=False)

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


def as_text(problems: Iterable[Problem]) -> str:
    """One problem per line."""
    return "".join(f"{problem}\n" for problem in problems)


def as_json(problems: Iterable[Problem]) -> str:
    """A JSON list of objects with file, line, column, value and rule."""
    return json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False) + "\n"


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
