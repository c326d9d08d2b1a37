"""reconciliation: the official running counts beside the attacks the data itemizes.

Not curated: the build computes it from ``figures``, ``events``, ``locations`` and
``actors`` (its columns are declared in ``schemas/reconciliation.py``). The rule, in full:

1. An official running count is a figure of metric ``attacks_on_us_forces`` about no one
   event or operation, with a value and an ``as_of`` date, a ``period_start`` within
   ``PERIOD_START_TOLERANCE_DAYS`` of the campaign's first day (17 October 2023), and a
   claimant organisation (``claimant_actor_id``) of the U.S.-led coalition side
   (``actors.affiliation`` = ``us_led_coalition``). Counts from another start, or with no
   start stated, are left out.
2. Such figures are grouped by ``as_of``, claimant and area; a group shows the lowest and
   highest number given that day.
3. Beside each group stand the attacks of ``events`` (``event_type`` =
   ``attack_on_us_forces``) whose ``date_earliest`` is on or before ``as_of`` and whose
   location lies in the area's countries (``iraq``: IRQ; ``syria``: SYR;
   ``iraq_and_syria``: both; ``jordan``: JOR; ``iraq_syria_and_jordan``: all three), all of
   them and split by ``confirmation``.
4. ``confirmed_share`` is the confirmed attacks over the highest official number.

An official count above the confirmed itemized attacks shows what the data does not yet
itemize; ``itemized`` above the official count shows claims the Pentagon did not count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import metadata
from ..release_format import types
from ..schemas.fields import CAMPAIGN_START
from .comparisons import PERIOD_START_TOLERANCE_DAYS

AREA_COUNTRIES = {"iraq": ("IRQ",), "syria": ("SYR",), "iraq_and_syria": ("IRQ", "SYR"),
                  "jordan": ("JOR",), "iraq_syria_and_jordan": ("IRQ", "SYR", "JOR")}
STATUSES = ("confirmed", "claimed_only", "reported_only")


def official_counts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The figures that rule 1 takes as official running counts."""
    figures, actors = tables["figures"], tables["actors"]
    coalition = set(actors.loc[actors["affiliation"] == "us_led_coalition", "actor_id"])
    start = pd.Timestamp(CAMPAIGN_START)
    period = pd.to_datetime(figures["period_start"].astype("object"))
    near = (period - start).abs() <= pd.Timedelta(days=PERIOD_START_TOLERANCE_DAYS)
    keep = ((figures["metric"] == "attacks_on_us_forces") & figures["event_id"].isna()
            & figures["operation_id"].isna() & figures["value"].notna()
            & figures["as_of"].notna() & figures["area"].notna() & near.fillna(False)
            & figures["claimant_actor_id"].isin(coalition))
    return figures[keep.fillna(False).astype(bool)]


def reconcile(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The reconciliation table of a release, from its curated tables."""
    counts = official_counts(tables)
    events = tables["events"].merge(tables["locations"][["location_id", "country_iso3"]],
                                    on="location_id", how="left")
    attacks = events[events["event_type"] == "attack_on_us_forces"]
    starts = pd.to_datetime(attacks["date_earliest"].astype("object")).to_numpy()
    keys = ["as_of", "claimant_actor_id", "area"]
    groups = counts.groupby([counts[k].astype("object") for k in keys], sort=True)
    out = groups["value"].agg(official_low="min", official_high="max").reset_index()
    out.columns = [*keys, "official_low", "official_high"]
    out["figure_ids"] = groups["figure_id"].agg(
        lambda ids: ";".join(sorted(ids.astype(str), key=lambda i: (len(i), i)))).to_numpy()
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
    out["reconciliation_id"] = (out["as_of"].astype(str) + "/" + out["claimant_actor_id"]
                                + "/" + out["area"])
    columns = metadata.columns("reconciliation")
    out = out[[c.name for c in columns]]
    out["as_of"] = pd.Series(pd.array(out["as_of"].tolist(), dtype=counts["as_of"].dtype))
    dtypes = {c.name: types()[c.kind].pandas for c in columns if c.kind != "date"}
    return out.astype(dtypes).sort_values("reconciliation_id", kind="stable") \
        .reset_index(drop=True)
