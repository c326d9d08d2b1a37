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
from ..allocator import release_unused
from . import comparisons, external, official_counts, reconciliation

Tables = dict[str, pd.DataFrame]

# Derived tables, each computed from the validated curated tables.
DERIVED_TABLES: dict[str, Callable[[Tables], pd.DataFrame]] = {
    "figure_comparisons": comparisons.figure_comparisons,
    "official_counts": official_counts.official_counts,
    "reconciliation": reconciliation.reconcile,
    "acled_events": external.acled_events,
    "ucdp_events": external.ucdp_events,
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


# The order in which claims decide who carried out an event (see perpetrators).
STANCE_ORDER = ("acknowledged", "claimed", "attributed", "described")


def perpetrators(tables: Tables) -> pd.DataFrame:
    """``perpetrator_id`` and ``attribution`` of each event, derived from ``event_claims``:
    of the event's claims other than denials, the one whose stance comes first in the order
    acknowledged, claimed, attributed, described (an actor's own statement before the other
    side's naming, which comes before a mere description) is taken; among claims of the
    same stance, a named actor comes before an unnamed one ('Iran-backed militia
    (unnamed)'), then the lower actor_id. ``attribution`` is that claim's stance. An event
    without such a claim has both empty. Every claim stays in ``event_claims``, so a user
    who wants another rule (e.g. the U.S. attribution first) applies it there."""
    claims = tables["event_claims"]
    claims = claims[claims["stance"].isin(STANCE_ORDER)]
    unnamed = set(tables["actors"].loc[
        tables["actors"]["actor_type"] == "unidentified_armed_group", "actor_id"])
    ranked = pd.DataFrame({
        "event_id": claims["event_id"].astype(str),
        "stance_rank": claims["stance"].map({s: i for i, s in enumerate(STANCE_ORDER)}),
        "unnamed": claims["actor_id"].isin(unnamed),
        "id_length": claims["actor_id"].str.len(),  # ids sort numerically: length, then text
        "perpetrator_id": claims["actor_id"].astype(str),
        "attribution": claims["stance"].astype(str),
    })
    chosen = ranked.sort_values(["event_id", "stance_rank", "unnamed", "id_length",
                                 "perpetrator_id"], kind="stable")
    chosen = chosen.drop_duplicates("event_id").set_index("event_id")
    events = tables["events"]["event_id"].astype(str)
    text = pd.StringDtype(storage="pyarrow", na_value=np.nan)
    return pd.DataFrame({
        column: pd.Series(events.map(chosen[column]).to_numpy(), index=events.index,
                          dtype=text)
        for column in ("perpetrator_id", "attribution")
    })


def derive_columns(tables: Tables) -> Tables:
    """The curated tables with the columns the build derives added."""
    events = tables["events"].copy(deep=False)  # new columns only: no copy of the data
    events["date_precision"] = date_precision(events["date_earliest"], events["date_latest"])
    events[["perpetrator_id", "attribution"]] = perpetrators(tables)
    return {**tables, "events": events}


# How each derived column is computed, for the codebook (each function states its rule).
DERIVED_COLUMNS: dict[str, list[Callable[..., pd.Series | pd.DataFrame]]] = {
    "events": [date_precision, perpetrators],
}


def release_frames(tables: Tables) -> Tables:
    """The released tables: derived columns and tables added, columns in schema order, rows
    sorted by primary key; what the build derived is checked against its model."""
    frames = derive_columns(tables)
    # Derived tables read the released events (with their derived columns).
    for name, derive in DERIVED_TABLES.items():  # in order: each sees those before it
        frames[name] = derive(frames)
        release_unused()  # what it freed, before the next one allocates
    external.forget_base()
    out = {}
    for name in schemas.RELEASED:
        order = [column.name for column in metadata.columns(name)]
        out[name] = metadata.in_key_order(frames[name][order], name).reset_index(drop=True)
    # The curated columns were validated already; check what the build derived (inplace:
    # nothing is coerced, so pandera's copy of each table would only cost memory).
    for name, model in schemas.RELEASED.items():
        if name in DERIVED_TABLES:
            model.validate(out[name], inplace=True)
        elif model is not schemas.MODELS[name]:
            derived = set(model.to_schema().columns) - set(schemas.MODELS[name].to_schema().columns)
            for column in sorted(derived):
                model.to_schema().columns[column].validate(out[name], inplace=True)
    return out
