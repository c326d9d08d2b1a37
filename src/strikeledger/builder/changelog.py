"""A version's entry in CHANGELOG.md (Keep a Changelog style): its release date, and its
line of row counts, which must be what ``strikeledger diff`` of the release and the one
before it counts (``tools.diff.summary_line``)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import StrikeLedgerError

_HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?:\s+-\s+(?P<date>\S+))?", re.MULTILINE)


class ChangelogError(StrikeLedgerError):
    """CHANGELOG.md is missing, or has no dated entry for the version."""


def release_date(changelog: Path, version: str) -> dt.date:
    """The date of the ``## [version] - YYYY-MM-DD`` heading."""
    try:
        text = changelog.read_text(encoding="utf-8")
    except OSError as error:
        raise ChangelogError(f"{changelog}: cannot be read ({error.strerror}); the release "
                             "date comes from its entry for the version") from None
    for match in _HEADING.finditer(text):
        if match["version"] != version:
            continue
        try:
            return dt.date.fromisoformat(match["date"] or "")
        except ValueError:
            raise ChangelogError(
                f"{changelog}: the heading for {version} needs a release date, "
                f"like '## [{version}] - 2026-11-21'"
            ) from None
    raise ChangelogError(f"{changelog}: has no entry for version {version}; add "
                         f"'## [{version}] - YYYY-MM-DD' saying what changed in the data")


# The line of an entry that states the release diff's counts.
DIFF_LINE = re.compile(r"^Rows \(`strikeledger diff [^`]*`\): .*$", re.MULTILINE)


def entry(changelog: Path, version: str) -> str:
    """The text of the entry for ``version``, from its heading to the next one."""
    text = changelog.read_text(encoding="utf-8")
    headings = list(_HEADING.finditer(text))
    for i, match in enumerate(headings):
        if match["version"] == version:
            end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
            return text[match.start():end]
    raise ChangelogError(f"{changelog}: has no entry for version {version}")


def check_diff_line(changelog: Path, version: str, expected: str) -> None:
    """Refuse an entry whose line of row counts is missing or differs from ``expected``
    (the summary of ``strikeledger diff`` of the previous release and this one)."""
    found = DIFF_LINE.findall(entry(changelog, version))
    if found == [expected]:
        return
    now = f"it holds {found[0]!r}" if found else "it holds no such line"
    raise ChangelogError(
        f"{changelog}: the entry for {version} must say what changed as the release diff "
        f"counts it ({now}); write this line in the entry, on a line of its own:\n"
        f"{expected}"
    )
