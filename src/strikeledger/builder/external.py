"""acled_events and ucdp_events: the events in the shape of ACLED's data and the UCDP GED.

Not curated: the build computes both from ``events``, ``locations``, ``actors``,
``sources``, ``event_sources`` and ``figures``; each column says how it is filled (its
description) and which codebook entry it follows (``schemas/external.py``). One row per
event in both, so ``event_id`` joins them to ``events``. The death estimates, shared by
both views (``fatalities`` is ``low``), follow this rule:

1. **Death figures** are the figures of metric ``killed`` with a number. Unquantified
   ones ("several killed") have no number and are left out, and so is ``died`` (deaths
   from other causes, such as a cardiac arrest while sheltering).
2. **Scope.** A figure about an event counts for that event. A figure about an
   operation counts for the operation's events that have no death figure of their own,
   in the countries its ``area`` covers (all of them when it has no area); where the
   operation has figures for one country, that country's events use those and not the
   figures for a wider area.
3. **One claim per source and claimant** (a page may quote two claimants' tolls). Within a
   scope, each claim's figures are read as bounds:
   exact, approximately and at least N give N as the low end (more than N gives N+1),
   at most and fewer than give only a high end. A claim giving several tolls for the
   same victim group (as a toll grew) counts with its highest; its victim groups are
   added up, except that a ``mixed`` or ``unknown`` count is taken to include the
   groups it names beside it (the larger of the two is kept).
4. **low** is the lowest of the claims' low ends (0 when no claim gives one), **high**
   the highest number any claim gives, and **best** the number of the claim of the most
   trusted source (official pages and archived documents, then wire, then other pages;
   the lowest among equally trusted ones).
5. **Split.** What an operation's estimates leave after the tolls its events have of their
   own (in the countries they cover: at least its low minus their high, at most its high
   minus their low) is divided evenly among its other events, the remainder going one
   each to the first by event_id. No source gives these per-site numbers:
   ``deaths_basis`` says ``operation`` for them, ``event`` for tolls reported for the
   event itself, and ``none`` (0 deaths) where our sources report no death, as ACLED and
   UCDP code an event without reported deaths.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import metadata
from ..release_format import types
from .dates import dates_of, day_numbers
from .reconciliation import AREA_COUNTRIES

Tables = dict[str, pd.DataFrame]
# Who carried out an event with no claim, attribution or description (see actor1).
UNIDENTIFIED = {"attack_on_us_forces": ("Unidentified armed group", "unidentified_armed_group"),
                "us_strike": ("Unidentified military forces", "state_military")}


def _perpetrator(base: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The perpetrator's name and actor type, or the unidentified one of the event type."""
    kind = base["event_type"].astype(str)
    # The names as Arrow text, not a Python object per event.
    unidentified = pa.array([names[0] for names in UNIDENTIFIED.values()], pa.large_string())
    default = unidentified.take(pc.index_in(_text(kind), value_set=pa.array(
        list(UNIDENTIFIED), pa.large_string())))
    name = _strings(pc.coalesce(_text(base["perpetrator_name"]), default), base.index)
    actor_type = pd.Series(base["perpetrator_type"]).fillna(
        kind.map({k: v[1] for k, v in UNIDENTIFIED.items()}))
    return name, actor_type


_GENERAL_GROUPS = ("mixed", "unknown")
# Trust of a source for ``best``: lower is more trusted (archived documents have no tier).
_TIER_RANK = {"official": 0, "wire": 1, "other": 2}


def _claims(tables: Tables) -> pd.DataFrame:
    """Death figures as bounds, one row per scope, source and victim group (rules 1–3)."""
    figures = tables["figures"]
    kept = figures[(figures["metric"] == "killed") & figures["value"].notna()]
    value = kept["value"].astype("int64")
    qualifier = kept["qualifier"].astype(str)
    upper_only = qualifier.isin(["at_most", "fewer_than"])
    low = np.where(qualifier == "more_than", value + 1, value)
    high = np.where(qualifier == "fewer_than", value - 1, low)
    on_event = kept["event_id"].notna()
    return pd.DataFrame({
        "scope": np.where(on_event, "EV/" + kept["event_id"].astype("object").fillna(""),
                          "OP/" + kept["operation_id"].astype("object").fillna("") + "/"
                          + kept["area"].astype("object").fillna("")),
        # One claim per source and claimant: a page may quote two claimants' tolls.
        "source_id": kept["source_id"].astype(str) + "|" + kept["claimant_actor_id"]
        .astype("object").fillna(kept["claimant"].astype("object")).fillna("").astype(str),
        "general": kept["victim_group"].isin(_GENERAL_GROUPS).to_numpy(),
        "victim_group": kept["victim_group"].astype(str),
        "has_low": ~upper_only.to_numpy(),
        "low": np.where(upper_only, 0, low),
        "high": high,
    })


def _per_scope(claims: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """low, best and high per scope (rules 3 and 4)."""
    keys = ["scope", "source_id"]
    grouped = claims.groupby([*keys, "victim_group", "general"], sort=True).agg(
        low=("low", "max"), high=("high", "max"), has_low=("has_low", "any")).reset_index()
    parts = {}
    for general, part in grouped.groupby("general"):
        how = "max" if general else "sum"
        parts[general] = part.groupby(keys).agg(low=("low", how), high=("high", how),
                                                has_low=("has_low", "any"))
    per_source = pd.concat(parts.values()).groupby(level=[0, 1]).agg(
        low=("low", "max"), high=("high", "max"), has_low=("has_low", "any")).reset_index()
    sources = tables["sources"].set_index("source_id")["reliability_tier"].astype("object")
    page = per_source["source_id"].str.split("|").str[0]
    per_source["rank"] = page.map(sources).map(_TIER_RANK).fillna(0)
    per_source["stated"] = np.where(per_source["has_low"], per_source["low"],
                                    per_source["high"])
    lows = per_source[per_source["has_low"]].groupby("scope")["low"].min()
    out = per_source.groupby("scope").agg(high=("high", "max"))
    out["low"] = lows.reindex(out.index).fillna(0).astype("int64")
    best = per_source.sort_values(["scope", "rank", "stated"]).drop_duplicates("scope")
    out["best"] = best.set_index("scope")["stated"]
    # A source's low end may exceed another's high: keep low <= best <= high.
    out["high"] = out[["high", "low", "best"]].max(axis=1)
    out["best"] = out[["best", "low"]].max(axis=1)
    return out


def deaths(tables: Tables) -> pd.DataFrame:
    """low, best, high and deaths_basis of every event (by event_id), by the rule above."""
    events = tables["events"]
    country = events["location_id"].map(
        tables["locations"].set_index("location_id")["country_iso3"]).astype(str)
    ids = events["event_id"].astype(str)
    out = pd.DataFrame({"low": 0, "best": 0, "high": 0, "deaths_basis": "none"},
                       index=pd.Index(ids, name="event_id"))
    claims = _claims(tables)
    if claims.empty:
        return out
    scopes = _per_scope(claims, tables)
    own = scopes[scopes.index.str.startswith("EV/")]
    own_ids = own.index.str.removeprefix("EV/")
    out.loc[own_ids, ["low", "best", "high"]] = own[["low", "best", "high"]].to_numpy()
    out.loc[own_ids, "deaths_basis"] = "event"
    # Operation scopes: each event without its own takes the narrowest that covers it.
    ops = scopes[scopes.index.str.startswith("OP/")].reset_index()
    parts = ops["scope"].str.split("/")
    ops["operation_id"] = parts.str[1]
    ops["country_iso3"] = parts.str[2].map(
        lambda area: AREA_COUNTRIES.get(area, ("IRQ", "SYR", "JOR")))
    ops["width"] = ops["country_iso3"].map(len)
    ops = ops.explode("country_iso3")
    candidates = pd.DataFrame({"event_id": ids, "operation_id": events["operation_id"]
                               .astype("object"), "country_iso3": country})
    candidates = candidates[candidates["operation_id"].notna()]
    covered = candidates.merge(ops, on=["operation_id", "country_iso3"])
    covered["length"] = covered["event_id"].str.len()
    covered = covered.sort_values(["event_id", "width"], kind="stable") \
        .drop_duplicates("event_id")
    # What the events with tolls of their own leave of their operation's toll (rule 5).
    with_own = covered[covered["event_id"].isin(own_ids)]
    taken = own.rename(index=lambda i: i.removeprefix("EV/")).loc[with_own["event_id"]]
    taken = taken.set_index(with_own["scope"].to_numpy()).groupby(level=0).sum()
    chosen = covered[~covered["event_id"].isin(own_ids)]
    chosen = chosen.sort_values(["scope", "length", "event_id"], kind="stable")
    left = taken.reindex(chosen["scope"]).fillna(0).astype("int64")
    rest = {"low": (chosen["low"].to_numpy() - left["high"].to_numpy()).clip(0),
            "best": (chosen["best"].to_numpy() - left["best"].to_numpy()).clip(0),
            "high": (chosen["high"].to_numpy() - left["low"].to_numpy()).clip(0)}
    rank = chosen.groupby("scope").cumcount().to_numpy()
    members = chosen.groupby("scope")["event_id"].transform("size").to_numpy()
    for column, total in rest.items():
        share = total // members + (rank < total % members)
        out.loc[chosen["event_id"].to_numpy(), column] = share
    out.loc[chosen["event_id"].to_numpy(), "deaths_basis"] = "operation"
    return out


# The last _base computed, with the events frame it is of: both views start from it
# (views.release_frames forgets it once the views are derived).
_last_base: tuple[pd.DataFrame, pd.DataFrame] | None = None


def forget_base() -> None:
    global _last_base
    _last_base = None


def _base(tables: Tables) -> pd.DataFrame:
    """Each event with its place, its sides' names and types, and its deaths (computed
    once for both views of one build: it is the same table, and most of their cost)."""
    global _last_base
    if _last_base is not None and _last_base[0] is tables["events"]:
        return _last_base[1]  # no copy: pandas copies on write, so a view cannot change it
    base = _compute_base(tables)
    _last_base = (tables["events"], base)
    return base


def _compute_base(tables: Tables) -> pd.DataFrame:
    events = tables["events"].reset_index(drop=True)
    locations = tables["locations"].set_index("location_id")
    actors = tables["actors"].set_index("actor_id")
    base = pd.DataFrame({"event_id": events["event_id"].astype(str)})
    # Columns kept as the tables' own (Arrow) arrays: as NumPy arrays the texts became a
    # Python object per cell, gigabytes at a million events.
    for column in ("event_type", "date_earliest", "date_latest", "weapons", "summary",
                   "perpetrator_id", "target_id", "date_precision"):
        base[column] = events[column].array
    for column in ("name", "country_iso3", "admin1", "latitude", "longitude",
                   "geo_precision"):
        base[column] = events["location_id"].map(locations[column]).array
    for side in ("perpetrator", "target"):
        ids = events[f"{side}_id"]
        base[f"{side}_name"] = ids.map(actors["name"]).array
        base[f"{side}_type"] = ids.map(actors["actor_type"]).astype("object").to_numpy()
        base[f"{side}_side"] = ids.map(actors["affiliation"]).astype("object").to_numpy()
    base["country_name"] = _country_names(base["country_iso3"], tables["locations"])
    return base.join(deaths(tables), on="event_id")


def _country_names(iso3: pd.Series, locations: pd.DataFrame) -> pd.Series:
    """The name of our gazetteer's row for the whole country, else pycountry's name."""
    import pycountry

    rows = locations[locations["location_type"] == "country"]
    ours = dict(zip(rows["country_iso3"].astype(str), rows["name"].astype(str), strict=True))
    names = {code: ours.get(code) or pycountry.countries.get(alpha_3=code).name
             for code in iso3.astype(str).unique()}
    return iso3.astype(str).map(names)


def _inter(actor_type: pd.Series, side: pd.Series, country: pd.Series) -> pd.Series:
    """ACLED's actor-type code from an actor's type and side (see the inter1 column)."""
    own_state = ((side == "iraq") & (country == "IRQ")) | ((side == "jordan")
                                                           & (country == "JOR"))
    state = actor_type == "state_military"
    armed_group = actor_type.isin(["militia", "militia_coalition",
                                   "unidentified_armed_group"])
    code = np.select([state & own_state, state, armed_group & (side == "us_led_coalition"),
                      armed_group], [1, 8, 2, 3], 0)
    return pd.Series(np.where(actor_type.isna(), 0, code), index=actor_type.index)


# Events' dates are never empty: their day numbers are whole.
def _days(dates: pd.Series) -> np.ndarray:
    return day_numbers(dates).astype(np.int64)


def _year(dates: pd.Series) -> np.ndarray:
    return pc.year(pa.array(dates, from_pandas=True).cast(pa.date32())).to_numpy(
        zero_copy_only=False)


def _middle_day(earliest: pd.Series, latest: pd.Series) -> pd.Series:
    start = _days(earliest)
    middle = dates_of(start + (_days(latest) - start) // 2)
    return pd.Series(pd.array(middle, dtype=pd.ArrowDtype(pa.date32())), index=earliest.index)


def _width(base: pd.DataFrame) -> np.ndarray:
    return _days(base["date_latest"]) - _days(base["date_earliest"]) + 1


def _sources(tables: Tables) -> pd.DataFrame:
    """Per event: its sources in order of first publication, with publisher and tier."""
    links = tables["event_sources"][["event_id", "source_id"]].astype(str)
    sources = tables["sources"][["source_id", "publisher", "published_earliest",
                                 "reliability_tier"]].copy()
    sources["source_id"] = sources["source_id"].astype(str)
    linked = links.merge(sources, on="source_id", how="left")
    linked["length"] = linked["source_id"].str.len()
    return linked.sort_values(["event_id", "published_earliest", "length", "source_id"],
                              kind="stable")


def _joined(links: pd.DataFrame, column: str, separator: str, *,
            unique: bool = False) -> pd.Series:
    """Per event (the index), its links' ``column`` values joined in link order, each
    value once if ``unique``. Links come grouped by event (``_sources`` sorts them), so
    each event's values are one run: joined as Arrow lists, with no Python call per
    event (a million events took minutes that way)."""
    links = links[["event_id", column]]  # copies below are of these two columns only
    if unique:
        links = links.drop_duplicates()
    # The columns' own Arrow data (texts, never empty here), not a Python object per cell.
    events, values = _text(links["event_id"]), _text(links[column])
    count = len(events)
    starts = np.flatnonzero(np.r_[True, pc.not_equal(events.slice(1), events.slice(
        0, count - 1)).to_numpy(zero_copy_only=False)]) if count else np.zeros(0, np.int64)
    lists = pa.LargeListArray.from_arrays(pa.array(np.r_[starts, count], pa.int64()), values)
    joined = pc.binary_join(lists, pa.scalar(separator, pa.large_string()))
    return _strings(joined, pd.Index(_strings(events.take(pa.array(starts)))))


def _text(values: pd.Series) -> pa.Array:
    """A text column's Arrow data, in one piece."""
    array = pa.array(values, from_pandas=True).cast(pa.large_string())
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _strings(values: pa.Array, index: pd.Index | None = None) -> pd.Series:
    """Arrow text as a pandas text column (the released tables' string type), no copy."""
    return pd.Series(pd.array(values, dtype=types()["string"].pandas), index=index)


def _typed(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    columns = metadata.columns(table)
    out = frame[[c.name for c in columns]]  # pandas copies on write: no copy needed
    for column in columns:
        if column.kind == "date":
            out[column.name] = pd.Series(pd.array(
                pa.array(out[column.name], from_pandas=True).cast(pa.date32()),
                dtype=pd.ArrowDtype(pa.date32())), index=out.index)
        else:
            out[column.name] = out[column.name].astype(types()[column.kind].pandas)
    return out


def acled_events(tables: Tables) -> pd.DataFrame:
    """The acled_events table of a release, from its curated tables."""
    base = _base(tables)
    weapons = pa.array(base["weapons"], from_pandas=True)
    aerial, fired = (pc.fill_null(pc.match_substring_regex(weapons, pattern), False).to_numpy(
        zero_copy_only=False) for pattern in ("drone|aircraft_munitions|gunship",
                                              "rocket|ballistic_missile"))
    width = _width(base)
    perpetrator, perpetrator_type = _perpetrator(base)
    inter1 = _inter(perpetrator_type, base["perpetrator_side"], base["country_iso3"])
    inter2 = _inter(pd.Series(base["target_type"]), base["target_side"], base["country_iso3"])
    low_high = np.sort(np.stack([inter1, inter2]), axis=0)
    interaction = np.where(inter2 == 0, inter1 * 10, low_high[0] * 10 + low_high[1])
    links = _sources(tables)
    links["label"] = _strings(pc.coalesce(_text(links["publisher"]), _text(links["source_id"])),
                              links.index)
    links["scale"] = np.where(links["reliability_tier"].astype("object") == "wire",
                              "International", "Other")
    # The scales an event's sources have, in alphabetical order ("International-Other").
    scales = _joined(links[["event_id", "scale"]].sort_values(["event_id", "scale"],
                                                              kind="stable"),
                     "scale", "-", unique=True)
    import pycountry

    iso = base["country_iso3"].map({code: int(pycountry.countries.get(alpha_3=code).numeric)
                                    for code in base["country_iso3"].unique()})
    event_date = _middle_day(base["date_earliest"], base["date_latest"])
    out = pd.DataFrame({
        "event_id_cnty": base["country_iso3"] + "-" + base["event_id"],
        "event_date": event_date,
        "year": _year(event_date),
        "time_precision": np.select([width <= 1, width <= 7], [1, 2], 3),
        "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": np.select([aerial, fired], ["Air/drone strike",
                                                      "Shelling/artillery/missile attack"],
                                    None),
        "actor1": perpetrator,
        "inter1": inter1,
        "actor2": base["target_name"],
        "inter2": np.where(inter2 == 0, None, inter2),
        "interaction": interaction,
        "iso": iso,
        "country": base["country_name"],
        "admin1": base["admin1"],
        "location": base["name"],
        "latitude": base["latitude"],
        "longitude": base["longitude"],
        "geo_precision": base["geo_precision"].astype(str).map(
            {"site": 1, "near_site": 2, "unknown": 2}).fillna(3),
        "source": base["event_id"].map(_joined(links, "label", "; ", unique=True)),
        "source_scale": base["event_id"].map(scales),
        "notes": base["summary"],
        "fatalities": base["low"],
        "event_id": base["event_id"],
        "deaths_basis": base["deaths_basis"],
    })
    return _typed(out, "acled_events")


def ucdp_events(tables: Tables) -> pd.DataFrame:
    """The ucdp_events table of a release, from its curated tables."""
    base = _base(tables)
    width = _width(base)
    strike = (base["event_type"] == "us_strike").to_numpy()
    perpetrator, perpetrator_type = _perpetrator(base)
    state_target = (base["target_type"] == "state_military").to_numpy()
    state_perpetrator = (perpetrator_type == "state_military").to_numpy()
    # The sides chosen in Arrow: through NumPy, each name became a Python object.
    first = pa.array(strike | ~state_target)
    names = [_text(side) for side in (perpetrator, base["target_name"])]
    side_a, side_b = (_strings(pc.if_else(first, *pair), base.index)
                      for pair in (names, names[::-1]))
    links = _sources(tables)
    per_event = links.groupby("event_id", sort=False)["source_id"]
    articles = _joined(links, "source_id", ";")
    precision = base["geo_precision"].astype(str)
    out = pd.DataFrame({
        "id": base["event_id"].str.removeprefix("EV-").astype("int64"),
        "year": _year(base["date_earliest"]),
        "type_of_violence": np.where(state_target | state_perpetrator, 1, 2),
        "side_a": side_a,
        "side_b": side_b,
        "number_of_sources": base["event_id"].map(per_event.size()).fillna(0),
        "source_article": base["event_id"].map(articles),
        "where_prec": precision.map({"site": 1, "near_site": 2, "unknown": 2, "admin1": 4,
                                     "region": 5, "country": 6}),
        "where_coordinates": base["name"],
        "adm_1": base["admin1"],
        "latitude": base["latitude"],
        "longitude": base["longitude"],
        "country": base["country_name"],
        "event_clarity": np.where((width <= 1) & precision.isin(["site", "near_site"]), 1, 2),
        "date_prec": np.select([width <= 1, width <= 6, width <= 7, width <= 30], [1, 2, 3, 4],
                               5),
        "date_start": base["date_earliest"],
        "date_end": base["date_latest"],
        "best": base["best"],
        "high": base["high"],
        "low": base["low"],
        "event_id": base["event_id"],
        "deaths_basis": base["deaths_basis"],
    })
    return _typed(out, "ucdp_events")
