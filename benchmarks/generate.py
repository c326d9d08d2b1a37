"""Write a valid synthetic StrikeLedger dataset of N events, shaped like the real data.

    python benchmarks/generate.py --events 100000 --out /tmp/sl-100k

Sizes: figures ≈ 3N, sources ≈ N/20, one or two sources per event, claims ≈ 0.9N, a few
hundred places and a few dozen actors. Shape, taken from the curated data in datasets/
(read when generating): every column is filled at the real data's rate, free text is
sampled from the real cells (so rows are as wide as real rows, in the same scripts),
places and actors are real rows under new ids, and the mix follows the real one: a few
archived documents (their citations give paragraphs) among referenced pages of every
tier, attacks claimed, confirmed or only reported, strikes acknowledged in announced
operations, figures about events, operations and running counts that each claimant
keeps raising. Every row keeps the rules `strikeledger validate` checks, so every rule
runs on it. The same N, seed and datasets/ give the same files.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from strikeledger.schemas import MODELS
from strikeledger.schemas.fields import CAMPAIGN_START
from strikeledger.schemas.vocabularies import EVENT_ROLES, PEOPLE_METRICS, VOCABULARIES

from strikeledger import metadata, schemas

REAL = Path(__file__).resolve().parents[1] / "datasets"
DAYS = 120  # the window the synthetic events fall in, from CAMPAIGN_START
START = np.datetime64(CAMPAIGN_START.isoformat(), "D")
ARCHIVED_SHARE = 0.03  # of sources; about the real share of citations that give paragraphs


class Real:
    """The curated tables, read as text: pools of real cells and their fill rates."""

    def __init__(self, folder: Path, rng: np.random.Generator) -> None:
        self.rng = rng
        self.tables = {}
        for name in MODELS:
            path = folder / f"{name}.csv"
            names = [c.name for c in metadata.columns(name, released=False)]
            self.tables[name] = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in names},
                strings_can_be_null=True))

    def rate(self, table: str, column: str) -> float:
        values = self.tables[table][column]
        return 1 - values.null_count / len(values)

    def values(self, table: str, column: str) -> np.ndarray:
        return np.array(self.tables[table][column].drop_null().to_pylist(), dtype=object)

    def sample(self, table: str, column: str, size: int, share: float | None = None) -> np.ndarray:
        """``size`` real cells of the column, empty at the real rate (or ``1 - share``)."""
        out = self.rng.choice(self.values(table, column), size)
        keep = self.rate(table, column) if share is None else share
        out[self.rng.random(size) >= keep] = None
        return out

    def rows(self, table: str, size: int) -> dict[str, np.ndarray]:
        """``size`` whole real rows (their columns' values kept together)."""
        picked = self.rng.integers(0, self.tables[table].num_rows, size)
        taken = self.tables[table].take(pa.array(picked))
        return {c: np.array(taken[c].to_pylist(), dtype=object) for c in taken.column_names}


def ids(prefix: str, count: int, first: int = 1) -> np.ndarray:
    width = max(4, len(str(first + count - 1)))
    numbers = np.arange(first, first + count).astype(str)
    return np.char.add(f"{prefix}-", np.char.zfill(numbers, width)).astype(object)


def codes(rng: np.random.Generator, vocabulary: str, size: int) -> np.ndarray:
    return rng.choice(np.array(VOCABULARIES[vocabulary].codes, dtype=object), size)


def some(rng: np.random.Generator, values: np.ndarray, share: float) -> np.ndarray:
    """``values`` with about ``1 - share`` of them replaced by null (None)."""
    out = np.asarray(values).astype(object)
    out[rng.random(len(out)) >= share] = None
    return out


def paragraphs(rng: np.random.Generator, archived: np.ndarray) -> np.ndarray:
    """Paragraph numbers for the citations of archived documents; empty for pages."""
    out = np.full(len(archived), None, dtype=object)
    first = rng.integers(1, 40, len(archived)).astype(str).astype(object)
    two = rng.random(len(archived)) < 0.3
    first[two] = first[two] + ";" + rng.integers(1, 40, int(two.sum())).astype(str).astype(object)
    out[archived] = first[archived]
    return out


def generate(events: int, seed: int = 1, real: Path = REAL) -> dict[str, dict[str, object]]:
    rng = np.random.default_rng(seed)
    r = Real(real, rng)
    n_sources = max(20, events // 20)
    n_places = max(3, min(500, events // 20))
    n_actors = 40

    # Places and actors: real rows under new ids. The first actors are the U.S. ones
    # (they announce operations, acknowledge strikes and name groups), then the others.
    places = ids("LOC", n_places)
    locations = {**r.rows("locations", n_places), "location_id": places}
    actor_rows = r.tables["actors"]
    us = np.array([a == "us_led_coalition" for a in actor_rows["affiliation"].to_pylist()])
    real_actors = np.r_[np.flatnonzero(us), np.flatnonzero(~us)]
    order = np.r_[real_actors, rng.choice(real_actors, n_actors - len(real_actors))]
    taken = actor_rows.take(pa.array(order))
    actors = {c: np.array(taken[c].to_pylist(), dtype=object) for c in taken.column_names}
    actor_ids = ids("ACT", n_actors)
    actors["actor_id"] = actor_ids
    us_actors = actor_ids[: int(us.sum())]

    def cast(event_type: str, part: str) -> np.ndarray:
        """The actors who may play this part in an event of this type (EVENT_ROLES)."""
        role = EVENT_ROLES[event_type][part]
        fits = np.isin(actors["actor_type"], sorted(role.actor_types)) & np.isin(
            actors["affiliation"], sorted(role.affiliations))
        return actor_ids[fits]

    # Sources: a few archived documents (no tier; citations give paragraphs), the rest
    # referenced pages of every tier.
    source_ids = ids("SRC", n_sources)
    archived = rng.random(n_sources) < ARCHIVED_SHARE
    archived[:2] = True
    published = rng.integers(0, DAYS + 30, n_sources)
    spread = rng.choice([0, 0, 0, 0, 0, 1, 2, 5], n_sources)
    pages = r.values("sources", "reliability_tier")
    tier = rng.choice(pages, n_sources)
    tier[archived] = None
    url = r.sample("sources", "url", n_sources, share=1.0)
    url[archived] = None
    sources = {
        "source_id": source_ids,
        "source_type": np.where(archived, "archived_document", "referenced_page"),
        "title": r.sample("sources", "title", n_sources),
        "publisher": r.sample("sources", "publisher", n_sources),
        "published_earliest": published,
        "published_latest": published + spread,
        "published_basis": np.where(spread == 0, "stated", "inferred"),
        "language": r.sample("sources", "language", n_sources),
        "document_name": np.where(archived, np.char.add(source_ids.astype(str), ".pdf"), None),
        "document_sha256": np.array([hashlib.sha256(s.encode()).hexdigest() if a else None
                                     for s, a in zip(source_ids, archived, strict=True)],
                                    dtype=object),
        "url": url,
        "notes": r.sample("sources", "notes", n_sources),
        "reliability_tier": tier,
    }
    # A confirmation rests on an archived document or an official or wire page.
    strong = np.flatnonzero(archived | np.isin(tier, ["official", "wire"]))

    # Events in date order, so that a response can point at any earlier row.
    start = np.sort(rng.integers(0, DAYS, events))
    end = np.minimum(start + rng.choice([0, 0, 0, 0, 0, 1, 2, 6], events), DAYS)
    event_ids = ids("EV", events)
    share_strikes = float(np.mean(np.array(r.values("events", "event_type")) == "us_strike"))
    strike = rng.random(events) < share_strikes
    kind = np.where(strike, "us_strike", "attack_on_us_forces")
    # Attacks are confirmed, claimed only or only reported, at the real rates; strikes are
    # acknowledged, so confirmed.
    attack_status = r.values("events", "confirmation")[
        np.array(r.values("events", "event_type")) == "attack_on_us_forces"]
    confirmation = np.where(strike, "confirmed", rng.choice(attack_status, events))
    confirmed = confirmation == "confirmed"
    # A strike may answer the latest attack before it (an event answers the other type).
    responds = np.full(events, None, dtype=object)
    last_attack = np.maximum.accumulate(np.where(~strike, np.arange(events), -1))
    previous = np.r_[-1, last_attack[:-1]]
    answering = strike & (rng.random(events) < 0.6) & (previous >= 0)
    responds[answering] = event_ids[previous[answering]]
    # Strikes come in announced packages of about three sites.
    n_operations = max(1, int(strike.sum()) // 3)
    operation_ids = ids("OP", n_operations)
    operation = np.full(events, None, dtype=object)
    operation[strike] = rng.choice(operation_ids, int(strike.sum()))
    # Each event is reported by one or two sources; a confirmed event's first one confirms it.
    first_source = rng.integers(0, n_sources, events)
    first_source[confirmed] = rng.choice(strong, int(confirmed.sum()))
    second = rng.random(events) < 0.5
    other = (first_source + 1 + rng.integers(0, n_sources - 1, events)) % n_sources
    links_event = np.concatenate([event_ids, event_ids[second]])
    links_source = np.concatenate([first_source, other[second]])
    event_sources = {"event_id": links_event, "source_id": source_ids[links_source],
                     "paragraphs": paragraphs(rng, archived[links_source])}
    event_table = {
        "event_id": event_ids,
        "event_type": kind,
        "date_earliest": start,
        "date_latest": end,
        "time_of_day": r.sample("events", "time_of_day", events),
        "location_id": rng.choice(places, events),
        "target_id": some(rng, np.where(strike, rng.choice(cast("us_strike", "target"), events),
                                        rng.choice(cast("attack_on_us_forces", "target"),
                                                   events)),
                          r.rate("events", "target_id")),
        "weapons": r.sample("events", "weapons", events),
        "operation_id": operation,
        "responds_to": responds,
        "confirmation": confirmation,
        "confirmation_source_id": np.where(confirmed, source_ids[first_source], None),
        "summary": r.sample("events", "summary", events),
        "notes": r.sample("events", "notes", events),
    }
    op_source = rng.integers(0, n_sources, n_operations)
    op_source[0] = 0  # an archived document, so that some citation gives paragraphs
    operations = {
        "operation_id": operation_ids,
        "name": r.sample("operations", "name", n_operations),
        "announced_by_id": rng.choice(us_actors, n_operations),
        "announced_on": some(rng, rng.integers(0, DAYS, n_operations),
                             r.rate("operations", "announced_on")),
        "summary": r.sample("operations", "summary", n_operations),
        "notes": r.sample("operations", "notes", n_operations),
    }
    operation_sources = {"operation_id": operation_ids, "source_id": source_ids[op_source],
                         "paragraphs": paragraphs(rng, archived[op_source])}

    # Claims, most events one: strikes acknowledged by the U.S.; claimed_only attacks
    # claimed by a group; confirmed attacks claimed, attributed by U.S. officials or
    # described; reported_only ones at most attributed or described, and a few strikes
    # denied as well.
    stance = np.where(strike, "acknowledged", rng.choice(
        np.array(["claimed", "attributed", "attributed", "described"], dtype=object), events))
    stance[confirmation == "claimed_only"] = "claimed"
    reported = confirmation == "reported_only"
    stance[reported] = rng.choice(np.array(["attributed", "described"], dtype=object),
                                  int(reported.sum()))
    has_claim = rng.random(events) < 0.85
    has_claim[(confirmation == "claimed_only") | strike] = True
    striker = cast("us_strike", "perpetrator")
    actor = np.where(strike, rng.choice(striker, events),
                     rng.choice(cast("attack_on_us_forces", "perpetrator"), events))
    claim_rows = np.flatnonzero(has_claim)
    denial = np.flatnonzero(strike & (rng.random(events) < 0.05))
    claim_event = np.r_[claim_rows, denial]
    claim_stance = np.r_[stance[claim_rows], np.full(len(denial), "denied", dtype=object)]
    # A denial is about the perpetrator: U.S. forces denying a strike reported as theirs.
    claim_actor = np.r_[actor[claim_rows], rng.choice(striker, len(denial))]
    claim_source = first_source[claim_event]
    stated_by = np.where(claim_stance == "attributed", rng.choice(us_actors, len(claim_event)),
                         None)
    event_claims = {
        "event_id": event_ids[claim_event],
        "actor_id": claim_actor,
        "stance": claim_stance,
        "source_id": source_ids[claim_source],
        "stated_by_id": stated_by,
        "paragraphs": paragraphs(rng, archived[claim_source]),
        "wording": r.sample("event_claims", "wording", len(claim_event)),
        "notes": r.sample("event_claims", "notes", len(claim_event)),
    }

    # Figures: about an event, about an operation, or running counts that a claimant
    # (claimant_actor_id) keeps raising: for one claimant and count, a later date never
    # has a lower value.
    n_figures = 3 * events
    figure_source = rng.integers(0, n_sources, n_figures)
    metric = r.sample("figures", "metric", n_figures)
    people = np.isin(metric, sorted(PEOPLE_METRICS))
    qualifier = r.sample("figures", "qualifier", n_figures, share=1.0)
    quantified = qualifier != "unquantified"
    roll = rng.random(n_figures)
    about_event = roll < r.rate("figures", "event_id")
    about_operation = ~about_event & (roll < r.rate("figures", "event_id")
                                      + r.rate("figures", "operation_id"))
    which_event = rng.integers(0, events, n_figures)
    as_of = np.where(about_event, start[which_event], rng.integers(0, 15, n_figures)) \
        + rng.integers(0, 10, n_figures)
    as_of[rng.random(n_figures) >= r.rate("figures", "as_of")] = -1
    period_start = np.where(rng.random(n_figures) < r.rate("figures", "period_start"),
                            rng.integers(0, 4, n_figures), -1)
    period_start = np.where((as_of >= 0) & (period_start > as_of), as_of, period_start)
    claimant = rng.integers(0, n_actors, n_figures)
    claimant_actor = some(rng, actor_ids[claimant], r.rate("figures", "claimant_actor_id"))
    # A count not about one event grows with its date: the value is the days it has run
    # times its claimant's pace, so each claimant's series only rises.
    running = np.where(as_of >= 0, as_of - np.maximum(period_start, 0), 0) * (1 + claimant % 3)
    value = np.where(about_event, rng.integers(0, 200, n_figures), running)
    value = np.where(quantified, value, None).astype(object)
    figures = {
        "figure_id": ids("FIG", n_figures),
        "source_id": source_ids[figure_source],
        "paragraph": np.where(archived[figure_source], rng.integers(1, 40, n_figures), None),
        "metric": metric,
        "victim_group": np.where(people, codes(rng, "victim_group", n_figures), None),
        "value": value,
        "qualifier": qualifier,
        "wording": r.sample("figures", "wording", n_figures),
        "area": r.sample("figures", "area", n_figures),
        "period_start": period_start,
        "as_of": as_of,
        "event_id": np.where(about_event, event_ids[which_event], None),
        "operation_id": np.where(about_operation, rng.choice(operation_ids, n_figures), None),
        "claimant": r.sample("figures", "claimant", n_figures),
        "excludes": r.sample("figures", "excludes", n_figures),
        "notes": r.sample("figures", "notes", n_figures),
        "claimant_actor_id": claimant_actor,
    }

    # Retired ids, at the real ratio to events: ids after the live ones, each replaced by
    # a live id of its kind.
    real_retired = r.tables["retired_ids"].num_rows / r.tables["events"].num_rows
    n_retired = max(1, int(events * real_retired))
    half = n_retired // 2
    retired_ids = {
        "retired_id": np.r_[ids("EV", half, events + 1), ids("FIG", n_retired - half,
                                                              n_figures + 1)],
        "retired_in": r.sample("retired_ids", "retired_in", n_retired),
        "replaced_by": np.r_[rng.choice(event_ids, half),
                             rng.choice(figures["figure_id"], n_retired - half)],
        "reason": r.sample("retired_ids", "reason", n_retired),
    }
    return {"sources": sources, "locations": locations, "actors": actors,
            "operations": operations, "events": event_table, "event_sources": event_sources,
            "operation_sources": operation_sources, "event_claims": event_claims,
            "figures": figures, "retired_ids": retired_ids}


def _column(values: object, kind: str) -> pa.Array:
    array = np.asarray(values)
    if kind == "date" and array.dtype.kind in "iu":  # days after START; -1 for an empty cell
        days = array.astype("int64")
        return pa.array(START + days.astype("timedelta64[D]"), pa.date32(), mask=days < 0)
    if kind == "date":  # object: None for an empty cell
        days = np.array([-1 if v is None else v for v in array.tolist()], dtype="int64")
        return _column(days, kind)
    if kind in ("integer", "number"):  # real cells (text) stay as written
        cells = array.tolist()
        if any(isinstance(v, str) for v in cells):
            return pa.array(cells, pa.string())
        return pa.array(cells, pa.int64() if kind == "integer" else pa.float64())
    return pa.array(array.tolist(), pa.string())


def write(tables: dict[str, dict[str, object]], out: Path) -> None:
    """Write the tables as CSVs with exactly the curated columns, in schema order."""
    out.mkdir(parents=True, exist_ok=True)
    for name in MODELS:
        data = tables[name]
        columns = metadata.columns(name, released=False)
        missing = [c.name for c in columns if c.name not in data]
        if missing:
            raise KeyError(f"{name}: the generator makes no {', '.join(missing)}")
        table = pa.table({c.name: _column(data[c.name], c.kind) for c in columns})
        # Rows in key order, as in the canonical CSVs (ids here have one width per table).
        key = [(c, "ascending") for c in schemas.primary_key(name)]
        table = table.take(pc.sort_indices(table, key))
        # Quotes only where needed, as in the canonical CSVs (pyarrow quotes every string).
        cells = [pc.fill_null(column.cast(pa.string()), "").to_pylist()
                 for column in table.columns]
        with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(table.column_names)
            writer.writerows(zip(*cells, strict=True))


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
