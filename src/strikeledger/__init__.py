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
from typing import Any

from . import _checkout
from .errors import ReleaseError, StrikeLedgerError, UnknownTableError

__version__ = _version("strikeledger")
_checkout.install()  # strikeledger.schemas in a source checkout (see _checkout)

# The loader's names, imported when first used (the command line's validate and build,
# which import this package too, need none of them).
_LAZY = {
    "PENTAGON": "loader", "descriptor": "loader", "load": "loader", "load_events": "loader",
    "load_figures": "loader", "load_sources": "loader", "official_count": "loader",
    "tables": "loader", "versions": "loader", "Release": "reader",
    "bundled_release": "reader", "open_release": "reader", "cache_folder": "reader.cache",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
