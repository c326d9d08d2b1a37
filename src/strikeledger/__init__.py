"""StrikeLedger: a hand-curated, source-cited dataset of the 2023-24 attacks by
Iran-aligned militias on U.S. and coalition forces in Iraq and Syria, and the
U.S. strikes in response.

>>> import strikeledger
>>> events = strikeledger.load("events")
>>> sorted(strikeledger.tables())[:3]
['actors', 'event_sources', 'events']

Importing this package does not import pandas, pandera or frictionless; the
loader imports pandas and pyarrow when a table is first loaded.
"""

from importlib.metadata import version as _version

from .loader import (
    ReleaseError,
    UnknownTableError,
    bundled_release,
    descriptor,
    load,
    load_events,
    load_figures,
    load_sources,
    tables,
)

__version__ = _version("strikeledger")

__all__ = [
    "ReleaseError",
    "UnknownTableError",
    "__version__",
    "bundled_release",
    "descriptor",
    "load",
    "load_events",
    "load_figures",
    "load_sources",
    "tables",
]
