"""official_counts: the official running counts of attacks, one row per claimant, area and day.

Not curated: the build computes it from ``figures``, ``sources`` and ``actors`` (its columns
are declared in ``schemas/official_counts.py``). The rule, in full:

1. An official running count is a figure of metric ``attacks_on_us_forces`` about no one
   event or operation, with a value and an ``as_of`` date, a ``period_start`` within
   ``PERIOD_START_TOLERANCE_DAYS`` of the campaign's first day (17 October 2023), and a
   claimant organisation (``claimant_actor_id``) of the U.S.-led coalition side
   (``actors.affiliation`` = ``us_led_coalition``). Counts from another start, or with no
   start stated, are left out. A figure whose ``area`` is empty has area ``not_split``.
2. Such figures are grouped by ``as_of``, claimant and area: one row each, listing every
   figure of the group (``figure_ids``) and its lowest and highest number.
3. The figure that represents the day is the one whose claim allows the highest minimum
   (the ranges of figure_comparisons: exact v and 'at least' v allow v or more, 'more
   than' v allows v + 1, 'approximately' v allows v less 10%, rounded down); among
   those, the one from the better source (an official page, then an archived document
   or a wire page, then any other page), then a plain number before a bound or an
   approximation, then the lowest figure id. The row gives its value, qualifier and
   wording as the source gave them, and that minimum: 'more than 150' on 24 Jan 2024
   after 'at least 151' on 22 Jan is value 150, qualifier ``more_than``, minimum 151.
4. ``whole_campaign`` is true when the area takes in both Iraq and Syria
   (``iraq_and_syria``, ``iraq_syria_and_jordan``) or is ``not_split``: those rows are the
   count of every attack the claimant counted by that date.

``strikeledger.official_count(date)`` reads this table: the Pentagon's whole-campaign
count on the last as-of date on or before ``date``.
"""

from __future__ import annotations

import pandas as pd

from .. import metadata
from ..release_format import types
from ..schemas.fields import CAMPAIGN_START
from .comparisons import PERIOD_START_TOLERANCE_DAYS, claim_ranges

# The countries each area code covers (a count not split by country covers them all).
AREA_COUNTRIES = {"iraq": ("IRQ",), "syria": ("SYR",), "iraq_and_syria": ("IRQ", "SYR"),
                  "jordan": ("JOR",), "iraq_syria_and_jordan": ("IRQ", "SYR", "JOR"),
                  "not_split": ("IRQ", "SYR", "JOR")}
NOT_SPLIT = "not_split"
WHOLE_CAMPAIGN = frozenset(area for area, countries in AREA_COUNTRIES.items()
                           if {"IRQ", "SYR"} <= set(countries))
# Rule 3's order of sources: an official page first; archived documents rank with wire pages.
_TIER_RANK = {"official": 0, "wire": 1, "other": 2}


def official_figures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The figures that rule 1 takes as official running counts, with ``area`` coded."""
    figures, actors = tables["figures"], tables["actors"]
    coalition = set(actors.loc[actors["affiliation"] == "us_led_coalition", "actor_id"])
    start = pd.Timestamp(CAMPAIGN_START)
    period = pd.to_datetime(figures["period_start"].astype("object"))
    near = (period - start).abs() <= pd.Timedelta(days=PERIOD_START_TOLERANCE_DAYS)
    keep = ((figures["metric"] == "attacks_on_us_forces") & figures["event_id"].isna()
            & figures["operation_id"].isna() & figures["value"].notna()
            & figures["as_of"].notna() & near.fillna(False)
            & figures["claimant_actor_id"].isin(coalition))
    counts = figures[keep.fillna(False).astype(bool)]
    return counts.assign(area=counts["area"].astype("object").fillna(NOT_SPLIT).astype(str))


def official_counts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The official_counts table of a release, from its curated tables."""
    counts = official_figures(tables).reset_index(drop=True)
    tiers = tables["sources"].set_index("source_id")["reliability_tier"]
    low, _ = claim_ranges(counts["value"], counts["qualifier"])
    day = counts["as_of"].astype(str) + "/" + counts["claimant_actor_id"] + "/" + counts["area"]
    ranked = pd.DataFrame({
        "day": day,
        "minimum": -low.astype("int64"),  # highest minimum first
        "tier": counts["source_id"].map(tiers).map(_TIER_RANK).fillna(1).astype("int64"),
        "bounded": (counts["qualifier"] != "exact").astype("int64"),
        "id_length": counts["figure_id"].str.len().astype("int64"),
        "figure_id": counts["figure_id"].astype(str),
    })
    order = ranked.sort_values(list(ranked.columns), kind="stable").index
    counts = counts.assign(minimum=low.astype("int64"), day=day)
    groups = counts.groupby("day", sort=True)
    ids = groups["figure_id"].agg(
        lambda each: ";".join(sorted(each.astype(str), key=lambda i: (len(i), i))))
    out = counts.loc[order].drop_duplicates("day").set_index("day")
    out = out.assign(
        official_count_id=out.index,
        whole_campaign=out["area"].isin(WHOLE_CAMPAIGN),
        figure_ids=ids,
        n_figures=groups.size(),
        value_low=groups["value"].min(),
        value_high=groups["value"].max(),
    ).reset_index(drop=True)
    columns = metadata.columns("official_counts")
    out = out[[c.name for c in columns]]
    dtypes = {c.name: types()[c.kind].pandas for c in columns if c.kind != "date"}
    return out.astype(dtypes).sort_values("official_count_id", kind="stable") \
        .reset_index(drop=True)


__all__ = ["AREA_COUNTRIES", "NOT_SPLIT", "WHOLE_CAMPAIGN", "official_counts",
           "official_figures"]
