"""reconciliation: the official running counts beside the attacks the data itemizes.

Not curated: the build computes it from ``figures``, ``events``, ``locations``,
``sources`` and ``actors`` (its columns are declared in ``schemas/reconciliation.py``). The
rule, in full:

1. Its rows are those of official_counts (one per as-of date, claimant and area of an
   official running count of attacks, chosen by that table's rule 1), with the lowest
   and highest number given that day and the figures behind them.
2. Beside each stand the attacks of ``events`` (``event_type`` = ``attack_on_us_forces``)
   whose ``date_earliest`` is on or before ``as_of`` and whose location lies in the area's
   countries (``iraq``: IRQ; ``syria``: SYR; ``iraq_and_syria``: both; ``jordan``: JOR;
   ``iraq_syria_and_jordan`` and ``not_split``: all three), all of them and split by
   ``confirmation``.
3. ``confirmed_share`` is the confirmed attacks over the highest official number.

An official count above the confirmed itemized attacks shows what the data does not yet
itemize; ``itemized`` above the official count shows claims the Pentagon did not count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import metadata
from ..release_format import types
from .official_counts import AREA_COUNTRIES
from .official_counts import official_counts as official_count_rows

STATUSES = ("confirmed", "claimed_only", "reported_only")


def reconcile(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The reconciliation table of a release, from its curated tables."""
    # The build derives official_counts first (views.DERIVED_TABLES); otherwise, here.
    counts = tables["official_counts"] if "official_counts" in tables \
        else official_count_rows(tables)
    # Only the columns used: merging the whole events table copied its texts.
    events = tables["events"][["event_type", "date_earliest", "confirmation", "location_id"]]
    events = events.merge(tables["locations"][["location_id", "country_iso3"]],
                          on="location_id", how="left")
    attacks = events[events["event_type"] == "attack_on_us_forces"]
    starts = pd.to_datetime(attacks["date_earliest"].astype("object")).to_numpy()
    out = counts[["as_of", "claimant_actor_id", "area", "value_low", "value_high",
                  "figure_ids"]].rename(columns={"value_low": "official_low",
                                                 "value_high": "official_high"})
    as_of = pd.to_datetime(out["as_of"]).to_numpy()
    # Attacks begun by each as_of: one sorted array of start dates per area and status,
    # counted with a binary search (no pass over the events per row).
    status = attacks["confirmation"].astype(str).to_numpy()
    country = attacks["country_iso3"].astype(str).to_numpy()
    counted = {column: np.zeros(len(out), dtype=np.int64) for column in
               ("itemized", *(f"itemized_{s}" for s in STATUSES))}
    for area, countries in AREA_COUNTRIES.items():
        rows = (out["area"] == area).to_numpy()
        if not rows.any():
            continue
        inside = np.isin(country, countries)
        for column, keep in (("itemized", inside),
                             *((f"itemized_{s}", inside & (status == s)) for s in STATUSES)):
            dates = np.sort(starts[keep])
            counted[column][rows] = np.searchsorted(dates, as_of[rows], side="right")
    for column, values in counted.items():
        out[column] = values
    high = out["official_high"].to_numpy(dtype=float)
    out["confirmed_share"] = np.where(high > 0, np.round(out["itemized_confirmed"] / high, 4),
                                      np.nan)
    out["reconciliation_id"] = counts["official_count_id"]
    columns = metadata.columns("reconciliation")
    out = out[[c.name for c in columns]]
    dtypes = {c.name: types()[c.kind].pandas for c in columns if c.kind != "date"}
    return out.astype(dtypes).sort_values("reconciliation_id", kind="stable") \
        .reset_index(drop=True)
