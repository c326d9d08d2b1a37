"""The release date of a version, as CHANGELOG.md records it (Keep a Changelog style)."""

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
