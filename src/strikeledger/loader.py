"""Load a StrikeLedger release into pandas: the functions users call.

A release is a folder holding ``datapackage.json`` (Frictionless v2) and one Parquet
file per table; it can also be read from its zip (``build/<version>.zip``) or from a
web address of its ``datapackage.json``, whose files are downloaded into a cache.
The loader reads the release's own Table Schema to choose dtypes, so every release
loads with the schema it was built with, and it never imports the build stack
(pandera, frictionless). How a release is found, cached and converted lives in
``strikeledger.reader``.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from .reader import ReleaseLike, open_release

if TYPE_CHECKING:
    import pandas


def load(table: str, *, release: ReleaseLike = None) -> pandas.DataFrame:
    """Load one table of a release as a typed pandas DataFrame.

    ``release`` is a release folder, its ``datapackage.json``, a release zip, or
    the web address of a release's ``datapackage.json`` (its files are downloaded
    into the cache, see ``strikeledger.cache_folder``); by default the release bundled
    with this package. Each file's sha256 is checked against the descriptor before it
    is read (once per process and file).

    >>> events = load("events")
    >>> str(events["event_type"].dtype)
    'category'
    >>> events["event_id"].is_unique
    True
    """
    return open_release(release).load(table)


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
