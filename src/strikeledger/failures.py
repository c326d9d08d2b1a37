"""One reported problem with the input, and how it is printed."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

_MAX_VALUE = 80


@dataclass(frozen=True, order=True)
class Failure:
    """A problem at ``file:line``: the column, the offending value and the rule it breaks.

    ``line`` is the line a person sees in an editor (the header is line 1);
    it is None for problems with the file as a whole.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str

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
        return asdict(self)


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
