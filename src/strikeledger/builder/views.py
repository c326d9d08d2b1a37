"""What the build derives from the curated tables: derived columns and derived tables.

Every derivation has its home here (or, when it is long, in a module of its own that
this one calls), so that the released tables are the curated ones plus exactly what
``DERIVED_TABLES`` and ``derive_columns`` add. Their columns are declared in
``schemas/`` like any other; the codebook states each rule from its module's docstring.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute as pc

from .. import metadata, schemas
from . import comparisons

Tables = dict[str, pd.DataFrame]

# Derived tables, each computed from the validated curated tables.
DERIVED_TABLES: dict[str, Callable[[Tables], pd.DataFrame]] = {
    "figure_comparisons": comparisons.figure_comparisons,
}


def date_precision(earliest: pd.Series, latest: pd.Series) -> pd.Series:
    """Classify each date range by its width in days (both ends included): ``day`` (1),
    ``days`` (up to 6), ``week`` (up to 13), ``month`` (up to 31), else ``months``."""
    width = pc.days_between(pyarrow.array(earliest, from_pandas=True),
                            pyarrow.array(latest, from_pandas=True))
    days = width.to_numpy(zero_copy_only=False) + 1
    labels = np.select([days <= 1, days <= 6, days <= 13, days <= 31],
                       ["day", "days", "week", "month"], "months")
    return pd.Series(labels, index=earliest.index, dtype="str")


def derive_columns(tables: Tables) -> Tables:
    """The curated tables with the columns the build derives added."""
    events = tables["events"].copy()
    events["date_precision"] = date_precision(events["date_earliest"], events["date_latest"])
    return {**tables, "events": events}


def release_frames(tables: Tables) -> Tables:
    """The released tables: derived columns and tables added, columns in schema order, rows
    sorted by primary key; what the build derived is checked against its model."""
    frames = derive_columns(tables)
    frames.update({name: derive(tables) for name, derive in DERIVED_TABLES.items()})
    out = {}
    for name in schemas.RELEASED:
        order = [column.name for column in metadata.columns(name)]
        out[name] = metadata.in_key_order(frames[name][order], name).reset_index(drop=True)
    # The curated columns were validated already; check what the build derived.
    for name, model in schemas.RELEASED.items():
        if name in DERIVED_TABLES:
            model.validate(out[name])
        elif model is not schemas.MODELS[name]:
            derived = set(model.to_schema().columns) - set(schemas.MODELS[name].to_schema().columns)
            for column in sorted(derived):
                model.to_schema().columns[column].validate(out[name])
    return out
