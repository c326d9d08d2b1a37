"""Write a valid synthetic StrikeLedger dataset of N events, for benchmarks.

    python benchmarks/generate.py --events 100000 --out /tmp/sl-100k

Sizes follow the real data's shape: figures ≈ 3N, sources ≈ N/20, one or two sources
per event, a few hundred places and a few dozen actors. Codes are sampled from the real
vocabularies (schemas/vocabularies.py); every row keeps the rules `strikeledger
validate` checks (keys, foreign keys, date order, value empty iff unquantified...).
The same N and seed give the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
from strikeledger.schemas import MODELS
from strikeledger.schemas.fields import CAMPAIGN_START
from strikeledger.schemas.vocabularies import PEOPLE_METRICS, VOCABULARIES

from strikeledger import metadata

DAYS = 120  # the window the synthetic events fall in, from CAMPAIGN_START
START = np.datetime64(CAMPAIGN_START.isoformat(), "D")


def ids(prefix: str, count: int) -> np.ndarray:
    width = max(4, len(str(count)))
    return np.char.add(f"{prefix}-", np.char.zfill(np.arange(1, count + 1).astype(str), width))


def codes(rng: np.random.Generator, vocabulary: str, size: int) -> np.ndarray:
    return rng.choice(np.array(VOCABULARIES[vocabulary].codes), size)


def some(rng: np.random.Generator, values: np.ndarray, share: float) -> np.ndarray:
    """``values`` with about ``1 - share`` of them replaced by null (None)."""
    out = values.astype(object)
    out[rng.random(len(values)) >= share] = None
    return out


def generate(events: int, seed: int = 1) -> dict[str, dict[str, object]]:
    rng = np.random.default_rng(seed)
    n_sources = max(5, events // 20)
    n_places = max(3, min(500, events // 20))
    n_actors = 40

    places = ids("LOC", n_places)
    actor_ids = ids("ACT", n_actors)
    source_ids = ids("SRC", n_sources)

    sources = {
        "source_id": source_ids,
        "source_type": np.full(n_sources, "referenced_page"),
        "title": np.char.add("Synthetic report ", np.arange(n_sources).astype(str)),
        "publisher": some(rng, rng.choice(np.array(["Wire A", "Outlet B", "Ministry C"]),
                                          n_sources), 0.8),
        "published_earliest": (published := rng.integers(0, DAYS + 30, n_sources)),
        "published_latest": published,
        "published_basis": np.full(n_sources, "stated"),
        "language": np.full(n_sources, "en"),
        "url": np.char.add("https://example.org/report/", np.arange(n_sources).astype(str)),
        # Confirmations rest on official or wire pages, so the synthetic pages are of those.
        "reliability_tier": rng.choice(np.array(["official", "wire"]), n_sources),
    }
    locations = {
        "location_id": places,
        "name": np.char.add("Place ", np.arange(n_places).astype(str)),
        "location_type": codes(rng, "location_type", n_places),
        "country_iso3": rng.choice(np.array(["IRQ", "SYR"]), n_places),
        "geo_precision": codes(rng, "geo_precision", n_places),
    }
    # Who may do what (schemas.vocabularies.EVENT_ROLES): actor 0 is U.S. forces (who strike
    # and acknowledge), actor 1 the coalition forces attacks target, the rest armed groups.
    actor_type = codes(rng, "actor_type", n_actors)
    affiliation = codes(rng, "affiliation", n_actors)
    actor_type[:2], affiliation[:2] = "state_military", "us_led_coalition"
    armed = np.isin(actor_type, ["militia", "militia_coalition", "unidentified_armed_group"])
    actor_type[2:] = np.where(armed[2:], actor_type[2:], "militia")
    affiliation[2:] = np.where(affiliation[2:] == "us_led_coalition", "iran_aligned",
                               affiliation[2:])
    actors = {
        "actor_id": actor_ids,
        "name": np.char.add("Actor ", np.arange(n_actors).astype(str)),
        "actor_type": actor_type,
        "affiliation": affiliation,
    }

    # Events in date order, so that a response can point at any earlier row.
    start = np.sort(rng.integers(0, DAYS, events))
    end = np.minimum(start + rng.choice([0, 0, 0, 1, 2, 6], events), DAYS)
    event_ids = ids("EV", events)
    kind = codes(rng, "event_type", events)
    strike = kind == "us_strike"
    responds = np.full(events, None, dtype=object)
    answering = strike & (rng.random(events) < 0.3) & np.roll(~strike, 1)  # a strike answers
    answering[0] = False                                                    # an attack
    responds[answering] = event_ids[np.flatnonzero(answering) - 1]
    weapons = codes(rng, "weapon", events).astype(object)  # object: joined codes are longer
    pair = rng.random(events) < 0.2
    weapons[pair] = weapons[pair] + ";" + codes(rng, "weapon", int(pair.sum())).astype(object)
    # Strikes come in announced packages of about three sites.
    n_operations = max(1, int(strike.sum()) // 3)
    operation_ids = ids("OP", n_operations)
    operation = np.full(events, None, dtype=object)
    operation[strike] = rng.choice(operation_ids, int(strike.sum()))
    # Each event is reported by one or two sources; the first confirms it.
    second = rng.random(events) < 0.5
    first_source = rng.integers(0, n_sources, events)
    other = (first_source + 1 + rng.integers(0, n_sources - 1, events)) % n_sources
    links_event = np.concatenate([event_ids, event_ids[second]])
    links_source = np.concatenate([source_ids[first_source], source_ids[other[second]]])
    event_sources = {"event_id": links_event, "source_id": links_source}
    event_table = {
        "event_id": event_ids,
        "event_type": kind,
        "date_earliest": start,
        "date_latest": end,
        "time_of_day": some(rng, codes(rng, "time_of_day", events), 0.5),
        "location_id": rng.choice(places, events),
        "target_id": some(rng, np.where(strike, rng.choice(actor_ids[2:], events),
                                        actor_ids[1]), 0.8),
        "weapons": some(rng, weapons, 0.9),
        "operation_id": operation,
        "responds_to": responds,
        "confirmation": np.full(events, "confirmed"),
        "confirmation_source_id": source_ids[first_source],
        "summary": np.char.add("Synthetic event ", np.arange(events).astype(str)),
    }
    operations = {
        "operation_id": operation_ids,
        "name": np.char.add("Synthetic strikes ", np.arange(n_operations).astype(str)),
        "announced_by_id": np.full(n_operations, actor_ids[0]),
        "announced_on": rng.integers(0, DAYS, n_operations),
        "summary": np.char.add("Synthetic announcement ", np.arange(n_operations).astype(str)),
    }
    operation_sources = {"operation_id": operation_ids,
                         "source_id": rng.choice(source_ids, n_operations)}
    # One claim per event: strikes acknowledged, attacks claimed (by a random group).
    event_claims = {
        "event_id": event_ids,
        "actor_id": np.where(strike, actor_ids[0], rng.choice(actor_ids[2:], events)),
        "stance": np.where(strike, "acknowledged", "claimed"),
        "source_id": source_ids[first_source],
    }

    n_figures = 3 * events
    qualifier = codes(rng, "qualifier", n_figures)
    value = rng.integers(0, 5000, n_figures).astype(object)
    value[qualifier == "unquantified"] = None
    about = rng.random(n_figures) < 0.5
    about_event = rng.integers(0, events, n_figures)
    as_of = np.where(about, start[about_event], 0) + rng.integers(0, 10, n_figures)
    counts_from = np.where(rng.random(n_figures) < 0.5, 0, -1)
    figures = {
        "figure_id": ids("FIG", n_figures),
        "source_id": rng.choice(source_ids, n_figures),
        "metric": (metric := codes(rng, "metric", n_figures)),
        "victim_group": np.where(np.isin(metric, sorted(PEOPLE_METRICS)),
                                 codes(rng, "victim_group", n_figures), None),
        "value": value,
        "qualifier": qualifier,
        "area": some(rng, codes(rng, "area", n_figures), 0.9),
        "period_start": np.where(about, -1, counts_from),
        "as_of": as_of,
        "event_id": np.where(about, event_ids[about_event], None),
        "claimant": some(rng, rng.choice(np.array(["a spokesperson", "officials", "a monitor"]),
                                         n_figures), 0.7),
    }
    retired_ids = {"retired_id": ids("EV", events + 1)[-1:], "retired_in": ["1.0.0"],
                   "replaced_by": event_ids[:1], "reason": ["A synthetic withdrawn row."]}
    return {"sources": sources, "locations": locations, "actors": actors,
            "operations": operations, "events": event_table, "event_sources": event_sources,
            "operation_sources": operation_sources, "event_claims": event_claims,
            "figures": figures, "retired_ids": retired_ids}


def _column(values: object, kind: str, rows: int) -> pa.Array:
    if values is None:
        return pa.nulls(rows, pa.string())
    array = np.asarray(values)
    if kind == "date":  # days after START; -1 for an empty cell
        days = array.astype("int64")
        return pa.array(START + days.astype("timedelta64[D]"), pa.date32(), mask=days < 0)
    if kind == "integer":
        return pa.array(array.tolist(), pa.int64())
    return pa.array(array.tolist(), pa.string())


def write(tables: dict[str, dict[str, object]], out: Path) -> None:
    """Write the tables as CSVs with exactly the curated columns, in schema order."""
    out.mkdir(parents=True, exist_ok=True)
    for name in MODELS:
        data = tables[name]
        rows = len(next(iter(data.values())))  # type: ignore[arg-type]
        columns = metadata.columns(name, released=False)
        arrays = {c.name: _column(data.get(c.name), c.kind, rows) for c in columns}
        pacsv.write_csv(pa.table(arrays), out / f"{name}.csv",
                        write_options=pacsv.WriteOptions(quoting_style="needed"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    began = dt.datetime.now()
    write(generate(args.events, args.seed), args.out)
    seconds = (dt.datetime.now() - began).total_seconds()
    print(f"{args.out}: {args.events} events in {seconds:.1f} s")


if __name__ == "__main__":
    main()
