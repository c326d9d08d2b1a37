"""StrikeLedger: a hand-curated, source-cited dataset of the 2023-24 attacks by
Iran-aligned militias on U.S. and coalition forces in Iraq and Syria, and the
U.S. strikes in response.

>>> import strikeledger
>>> events = strikeledger.load("events")
>>> sorted(strikeledger.tables())[:3]
['acled_events', 'actors', 'event_claims']

Importing this package does not import pandas, pandera or frictionless; the
loader imports pandas and pyarrow when a table is first loaded.
"""

from importlib.metadata import version as _version

from . import _checkout
from .errors import ReleaseError, StrikeLedgerError, UnknownTableError
from .loader import (
    PENTAGON,
    descriptor,
    load,
    load_events,
    load_figures,
    load_sources,
    official_count,
    tables,
    versions,
)
from .reader import Release, bundled_release, open_release
from .reader.cache import cache_folder

__version__ = _version("strikeledger")
_checkout.install()  # strikeledger.schemas in a source checkout (see _checkout)

__all__ = [
    "PENTAGON",
    "Release",
    "ReleaseError",
    "StrikeLedgerError",
    "UnknownTableError",
    "__version__",
    "bundled_release",
    "cache_folder",
    "descriptor",
    "load",
    "load_events",
    "load_figures",
    "load_sources",
    "official_count",
    "open_release",
    "tables",
    "versions",
]
