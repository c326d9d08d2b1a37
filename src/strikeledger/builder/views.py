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


# Derived tables that a later derivation reads (reconciliation reads official_counts):
# kept once written. Every other derived table is dropped as soon as it is written.
READ_LATER = frozenset({"official_counts"})


def release_frames(tables: Tables, write: Callable[[str, pd.DataFrame], None]) -> None:
    """Derive the released tables and hand each to ``write`` once it is final: columns in
    schema order, rows sorted by primary key, what the build derived checked against its
    model. A derived table is handed over as soon as it is derived, so that none is held
    while the next is derived (figure_comparisons alone was 0.9 GB at 1M events); the
    curated tables, which the derivations read, come last. ``tables`` is taken over (and
    emptied), so that each table is dropped once written."""
    frames = derive_columns(tables)
    tables.clear()
    for name, derive in DERIVED_TABLES.items():  # in order: each sees those before it
        derived = derive(frames)
        if name in READ_LATER:
            frames[name] = derived
        write(name, _released(name, derived))
        del derived
        release_unused()  # what it freed, before the next one allocates
    external.forget_base()
    for name in schemas.RELEASED:
        if name not in DERIVED_TABLES:
            write(name, _released(name, frames.pop(name)))


def _released(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A released table as written: columns in schema order, rows in key order, and what
    the build derived checked against its model (in place: nothing is coerced, so
    pandera's copy of each table would only cost memory; the curated columns were
    validated already)."""
    order = [column.name for column in metadata.columns(name)]
    frame = metadata.in_key_order(frame[order], name).reset_index(drop=True)
    model = schemas.RELEASED[name]
    if name in DERIVED_TABLES:
        model.validate(frame, inplace=True)
    elif model is not schemas.MODELS[name]:
        derived = set(model.to_schema().columns) - set(schemas.MODELS[name].to_schema().columns)
        for column in sorted(derived):
            model.to_schema().columns[column].validate(frame, inplace=True)
    return frame
