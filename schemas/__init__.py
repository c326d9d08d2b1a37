"""The StrikeLedger schemas: the one place where every table and column is defined.

``MODELS`` lists the curated tables (one CSV each in ``datasets/``) in the order
they are read; ``RELEASED`` lists what a release holds, including the columns
and tables the build derives. Everything else (Frictionless Table Schema,
Arrow schema, loader dtypes, codebook) is derived from these models by
``strikeledger.metadata``.
"""

from __future__ import annotations

import functools
from typing import Any

import pandera.pandas as pa

from .actors import Actors
from .event_claims import EventClaims
from .event_sources import EventSources
from .events import Events
from .figures import Figures
from .locations import Locations
from .operation_sources import OperationSources
from .operations import Operations
from .retired_ids import RetiredIds
from .sources import Sources

Model = type[pa.DataFrameModel]

# Curated tables, referenced tables first.
MODELS: dict[str, Model] = {
    "sources": Sources,
    "locations": Locations,
    "actors": Actors,
    "operations": Operations,
    "events": Events,
    "event_sources": EventSources,
    "operation_sources": OperationSources,
    "event_claims": EventClaims,
    "figures": Figures,
    "retired_ids": RetiredIds,
}


@functools.cache
def _released() -> dict[str, Model]:
    """The tables of a release: the curated ones with the build's derived columns, then the
    derived tables. (Their models are imported when first asked for: validating the
    curated CSVs needs none of them.)"""
    from .acled_events import AcledEvents
    from .events import EventsRelease
    from .figure_comparisons import FigureComparisons
    from .official_counts import OfficialCounts
    from .reconciliation import Reconciliation
    from .ucdp_events import UcdpEvents

    return {
        **MODELS,
        "events": EventsRelease,
        "figure_comparisons": FigureComparisons,
        "official_counts": OfficialCounts,
        "reconciliation": Reconciliation,
        "acled_events": AcledEvents,
        "ucdp_events": UcdpEvents,
    }


def __getattr__(name: str) -> Any:
    # RELEASED: dict[str, Model], as _released() gives it.
    if name == "RELEASED":
        return _released()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _config(table: str, released: bool = True) -> Any:
    # The Config merged along the model's bases (pandera's own record of it; the
    # public to_schema() drops Config.metadata).
    return (_released() if released else MODELS)[table].__config__


def primary_key(table: str) -> list[str]:
    """The table's primary key: the columns its model's Config declares ``unique`` together
    (pandera checks that of a frame; ``strikeledger validate`` counts the keys in Arrow)."""
    # A curated table's key is its released table's (EventsRelease keeps the Config).
    key = _config(table, released=table not in MODELS).unique
    if not key:
        raise LookupError(f"the {table} model declares no primary key (Config.unique)")
    return [key] if isinstance(key, str) else list(key)


def foreign_keys(table: str, *, released: bool = True) -> list[dict[str, Any]]:
    """The table's foreign keys, in Table Schema form (of the released table, or of its
    curated CSV)."""
    return list((_config(table, released).metadata or {}).get("foreign_keys", []))


def description(table: str) -> str:
    """What one row of the table is."""
    return _config(table).description


__all__ = ["MODELS", "RELEASED", "description", "foreign_keys", "primary_key"]
