"""Load a StrikeLedger release into pandas: the functions users call.

A release is a folder holding ``datapackage.json`` (Frictionless v2) and one Parquet
file per table; it can also be read from its zip (``build/<version>.zip``), from a
web address of its ``datapackage.json``, whose files are downloaded into a cache, or by
its version number: the package carries every release (``versions()``).
The loader reads the release's own Table Schema to choose dtypes, so every release
loads with the schema it was built with, and it never imports the build stack
(pandera, frictionless). How a release is found, cached and converted lives in
``strikeledger.reader``.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from .errors import ReleaseError
from .reader import ReleaseLike, open_release
from .reader import versions as _versions

if TYPE_CHECKING:
    import pandas


def load(table: str, *, release: ReleaseLike = None) -> pandas.DataFrame:
    """Load one table of a release as a typed pandas DataFrame.

    ``release`` is a version number of a release the package carries (``versions()``,
    e.g. ``"1.1.0"``), a release folder, its ``datapackage.json``, a release zip, or
    the web address of a release's ``datapackage.json`` (its files are downloaded
    into the cache, see ``strikeledger.cache_folder``); by default the release bundled
    with this package. Each file's sha256 is checked against the descriptor before it
    is read (once per process and file), and a release named by version against the
    manifest of every release first.

    >>> events = load("events")
    >>> str(events["event_type"].dtype)
    'category'
    >>> events["event_id"].is_unique
    True
    """
    return open_release(release).load(table)


def versions() -> list[str]:
    """The version numbers of every release the package carries, oldest first; each can
    be given as ``release=`` to any function here, offline.

    >>> versions()[:3]
    ['1.0.0', '1.1.0', '1.2.0']
    >>> len(load("events", release="1.1.0"))
    10
    """
    return _versions.versions()


# The U.S. Department of Defense (the Pentagon), as actors.actor_id names it.
PENTAGON = "ACT-0006"


def official_count(on: str, *, claimant: str = PENTAGON,
                   release: ReleaseLike = None) -> pandas.Series:
    """How many attacks on U.S. and coalition forces ``claimant`` (by default the
    Pentagon) had counted by the date ``on`` ('YYYY-MM-DD'): its whole-campaign row of
    ``official_counts`` on the last as-of date on or before ``on`` (of two such rows that
    day, the one whose claim allows the higher minimum; on a tie, the later in the
    table's order). The row gives the number as the source gave it (``value``,
    ``qualifier``, ``wording``), the least number it allows (``minimum``) and the figures
    behind it (``figure_ids``).

    >>> count = official_count("2024-01-01")
    >>> int(count["value"]), str(count["qualifier"]), str(count["as_of"].date())
    (102, 'at_least', '2023-12-21')
    """
    import pandas as pd

    counts = load("official_counts", release=release)
    day = pd.Timestamp(on)
    rows = counts[(counts["claimant_actor_id"] == claimant) & counts["whole_campaign"]
                  & (counts["as_of"] <= day)]
    if rows.empty:
        raise ReleaseError(f"no whole-campaign official count by {claimant} on or before {on} "
                           f"in the release at {open_release(release).location}")
    return rows.sort_values(["as_of", "minimum"], kind="stable").iloc[-1]


def tables(release: ReleaseLike = None) -> list[str]:
    """The names of the tables in a release (by default the bundled one).

    >>> "events" in tables()
    True
    """
    return open_release(release).names


def descriptor(release: ReleaseLike = None) -> dict[str, Any]:
    """A copy of a release's ``datapackage.json`` as a dict.

    >>> descriptor()["name"]
    'strikeledger'
    """
    return copy.deepcopy(open_release(release).descriptor)


def load_events(*, release: ReleaseLike = None) -> pandas.DataFrame:
    """The events table: one row per attack on U.S./coalition forces and per U.S. strike.

    >>> sorted(load_events()["event_type"].cat.categories)
    ['attack_on_us_forces', 'us_strike']
    """
    return load("events", release=release)


def load_figures(*, release: ReleaseLike = None) -> pandas.DataFrame:
    """The figures table: every number each source states, one row per number per source.

    >>> figures = load_figures()
    >>> bool(figures.loc[figures["qualifier"] == "unquantified", "value"].isna().all())
    True
    """
    return load("figures", release=release)


def load_sources(*, release: ReleaseLike = None) -> pandas.DataFrame:
    """The sources table: every document and page the data cites.

    >>> bool(load_sources()["source_id"].str.startswith("SRC-").all())
    True
    """
    return load("sources", release=release)
