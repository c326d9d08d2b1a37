"""Package-level rules: what no single column's checks can see.

Each rule takes every table (the Arrow tables reading typed, whose row numbers are the
record's position in its CSV) and returns groups of ``Problem``s (one group per check,
each problem naming its table as ``file`` and its ``row``; validation places them at
lines). All rules are vectorised in Arrow compute and NumPy: membership and look-ups are
hash passes, there is no Python loop over rows, and messages are written only for the
rows that break a rule, so they carry a dataset of millions of rows. They use no pandas:
on a few hundred rows its per-operation cost was most of the time validation took.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..coding import code_column
from ..parallel import side_by_side
from ..problems import Problem, cell_text
from ..schemas import MODELS, foreign_keys
from ..schemas.vocabularies import EVENT_ROLES, PEOPLE_METRICS
from .models import joined_key

Tables = Mapping[str, pa.Table]
Cells = pa.Array | pa.ChunkedArray
Mask = np.ndarray  # one bool per row
# A rule's message: fixed text, or one text per failing row (given their row numbers).
Message = str | Callable[[np.ndarray], list[str]]

Found = list[Problem]


def _mask(values: Cells | np.ndarray) -> Mask:
    """A boolean column as one NumPy bool per row, empty cells false."""
    if isinstance(values, np.ndarray):
        return values.astype(bool, copy=False)
    return pc.fill_null(values, False).to_numpy(zero_copy_only=False).astype(bool, copy=False)


def _valid(values: Cells) -> Mask:
    return _mask(pc.is_valid(values))


def _eq(values: Cells, code: str) -> Mask:
    """Whether each cell is ``code`` (an empty cell is not)."""
    return _mask(pc.equal(values, pa.scalar(code, values.type)))


def _in(values: Cells, allowed: Cells | list[str]) -> Mask:
    """Whether each cell is one of ``allowed`` (an empty cell is not)."""
    if isinstance(allowed, list):
        allowed = pa.array(allowed, pa.large_string())
    if isinstance(allowed, pa.ChunkedArray):
        allowed = allowed.combine_chunks()
    if values.type != allowed.type:
        allowed = allowed.cast(values.type)
    return _mask(pc.is_in(values, value_set=allowed))


def _texts(values: Cells, rows: np.ndarray) -> list[str]:
    """The cells of ``rows`` as the user wrote them (problems.cell_text)."""
    return [cell_text(value) for value in values.take(pa.array(rows, pa.int64())).to_pylist()]


def _finding(table: str, column: str, mask: Mask, values: Cells, rule: Message) -> Found:
    """The problems of the rows of a table that a boolean mask selects."""
    rows = np.flatnonzero(mask)
    if not len(rows):
        return []
    rules = rule(rows) if callable(rule) else [rule] * len(rows)
    return [Problem(table, None, column, value, message, row=row)
            for row, value, message in zip(rows.tolist(), _texts(values, rows), rules,
                                           strict=True)]


class Package(dict):
    """The tables of one check, with the key look-ups the rules share (each is a hash
    pass over millions of ids, so it is done once)."""

    def __init__(self, tables: Tables, release_date: dt.date | None = None):
        super().__init__(tables)
        self._positions: dict[tuple[str, str, str, str], Cells] = {}
        # The date of the release being made (its CHANGELOG date); None: today.
        self.release_date = release_date or dt.datetime.now(dt.UTC).date()

    def positions(self, table: str, column: str, target: str, key: str) -> Cells:
        """For each value of ``table.column``, the row of ``target`` whose ``key`` equals
        it (null when none). A duplicated key (reported by the table's own checks) gives
        its first row, so that one bad key cannot stop the other rules."""
        found = self._positions.get((table, column, target, key))
        if found is None:
            found = pc.index_in(self[table][column], value_set=_flat(self[target][key]))
            self._positions[(table, column, target, key)] = found
        return found

    def isin(self, table: str, column: str, target: str, key: str) -> Mask:
        """Whether each value of ``table.column`` occurs in ``target.key``."""
        return _valid(self.positions(table, column, target, key))

    def lookup(self, table: str, column: str, target: str, key: str, wanted: str) -> Cells:
        """``target.wanted`` of the row each value of ``table.column`` points at (by ``key``)."""
        return pc.take(self[target][wanted], self.positions(table, column, target, key))


def _flat(values: Cells) -> pa.Array:
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


@functools.cache
def _iso_codes() -> tuple[pa.Array, pa.Array]:
    """The ISO 3166-1 alpha-3 codes, and the alpha-2 code of each (in the same order), read
    once from pycountry's database file (building its objects took five times as long)."""
    import json

    import pycountry

    path = Path(pycountry.DATABASE_DIR) / "iso3166-1.json"
    alpha2 = {c["alpha_3"]: c["alpha_2"] for c in json.loads(path.read_bytes())["3166-1"]}
    alpha3 = sorted(alpha2)
    return (pa.array(alpha3, pa.large_string()),
            pa.array([alpha2[c] for c in alpha3], pa.large_string()))


def _subdivisions(codes: list[str]) -> pa.Array:
    """Those of ``codes`` that are ISO 3166-2 codes in pycountry's database file. Each is
    looked for as its entry's text (``"code": "IQ-BG"``) rather than parsing the whole
    file (half a megabyte, a tenth of the time validating the real data took); a file
    not written that way is parsed."""
    import json

    import pycountry

    data = (Path(pycountry.DATABASE_DIR) / "iso3166-2.json").read_bytes()
    if b'"code": "' in data:
        found = [c for c in codes if f'"code": {json.dumps(c)}'.encode() in data]
    else:
        every = {entry["code"] for entry in json.loads(data)["3166-2"]}
        found = [c for c in codes if c in every]
    return pa.array(sorted(found), pa.large_string())


def check_foreign_keys(tables: Package) -> list[Found]:
    """Every foreign key (listed with each table) points to an existing row."""
    out = []
    for name in MODELS:
        frame = tables[name]
        for fk in foreign_keys(name, released=False):
            (column,) = fk["fields"]
            target = fk["reference"].get("resource") or name
            (target_column,) = fk["reference"]["fields"]
            values = frame[column]
            mask = _valid(values) & ~tables.isin(name, column, target, target_column)
            out.append(_finding(
                name, column, mask, values,
                f"refers to no row of {target} ({target}.{target_column})",
            ))
    return out


def _not_after(table: str, frame: pa.Table, early: str, late: str) -> Found:
    mask = _mask(pc.less(frame[late], frame[early]))
    return _finding(table, late, mask, frame[late],
                    lambda rows: [f"is before {early} {text}"
                                  for text in _texts(frame[early], rows)])


def check_date_ranges(tables: Package) -> list[Found]:
    """Ranges run forwards: events' date_earliest ≤ date_latest, sources'
    published_earliest ≤ published_latest, figures' period_start ≤ as_of."""
    return [
        _not_after(table, tables[table], early, late)
        for table, early, late in (
            ("events", "date_earliest", "date_latest"),
            ("sources", "published_earliest", "published_latest"),
            ("figures", "period_start", "as_of"),
        )
    ]


def _exploded(values: Cells) -> tuple[pa.Array, np.ndarray]:
    """The items of a ';'-separated list column, and the row each is in."""
    lists = pc.split_pattern(_flat(values), ";")
    return pc.list_flatten(lists), pc.list_parent_indices(lists).to_numpy()


def _first_per_row(owners: np.ndarray, texts: list[str]) -> dict[int, str]:
    """For each row, the first of its items' texts (items are in row order)."""
    first: dict[int, str] = {}
    for owner, text in zip(owners.tolist(), texts, strict=True):
        first.setdefault(owner, text)
    return first


def check_responses(tables: Package) -> list[Found]:
    """Each event an event's responds_to names exists, is another event, is of the other
    event type (a us_strike answers attacks on U.S. forces, never another strike, and an
    attack answers strikes), and began no later than this one's date_latest."""
    events = tables["events"]
    answered = events["responds_to"]
    items, owners = _exploded(answered)
    if not len(items):
        return []
    n = events.num_rows
    ids = events["event_id"]
    position = pc.index_in(items, value_set=_flat(ids))  # the first row holding each id
    own = pa.array(owners, pa.int64())

    def rows_of(item_mask: np.ndarray) -> Mask:
        mask = np.zeros(n, dtype=bool)
        mask[owners[item_mask]] = True
        return mask

    missing = rows_of(~_valid(position))
    own_id = pc.take(ids, own)
    itself = _mask(pc.equal(items, own_id.cast(items.type)))
    item_start = pc.take(events["date_earliest"], position)
    later = _mask(pc.greater(item_start, pc.take(events["date_latest"], own)))
    first_late = _first_per_row(owners[later], _texts(item_start, np.flatnonzero(later)))
    item_kind = pc.take(events["event_type"], position)
    same = _mask(pc.equal(item_kind, pc.take(events["event_type"], own))) & ~itself
    first_same = _first_per_row(owners[same], _texts(items, np.flatnonzero(same)))
    kinds = events["event_type"]
    latest = events["date_latest"]
    return [
        _finding("events", "responds_to", rows_of(same), answered,
                 lambda rows: [f"names {first_same[row]}, another {kind}; an event responds "
                               "to events of the other type (a us_strike to "
                               "attack_on_us_forces, an attack to us_strike)"
                               for row, kind in zip(rows.tolist(), _texts(kinds, rows),
                                                    strict=True)]),
        _finding("events", "responds_to", missing, answered,
                 "names an event that does not exist (events.event_id)"),
        _finding("events", "responds_to", rows_of(itself), answered,
                 "an event cannot respond to itself"),
        _finding("events", "responds_to", rows_of(later), answered,
                 lambda rows: [f"names an event that began on {first_late[row]}, after this "
                               f"event's date_latest {day}"
                               for row, day in zip(rows.tolist(), _texts(latest, rows),
                                                   strict=True)]),
    ]


def _role_problems(table: str, column: str, actor: Cells, event_type: Cells, role: str,
                   tables: Package) -> Found:
    """Rows whose ``actor`` (an actors.actor_id) cannot play ``role`` in an event of
    ``event_type`` (EVENT_ROLES)."""
    kind = tables.lookup(table, column, "actors", "actor_id", "actor_type")
    side = tables.lookup(table, column, "actors", "actor_id", "affiliation")
    known = _valid(kind) & _valid(side)
    bad = np.zeros(len(actor), dtype=bool)
    why: dict[str, Mask] = {}
    for code, roles in EVENT_ROLES.items():
        allowed = roles[role]
        wrong = _eq(event_type, code) & known & ~(
            _in(kind, sorted(allowed.actor_types)) & _in(side, sorted(allowed.affiliations)))
        bad |= wrong
        why[code] = wrong
    verb = "carry out" if role == "perpetrator" else "be the target of"

    def rule(rows: np.ndarray) -> list[str]:
        return [f"is a {k} of {s}, which cannot {verb} an event of type {t}; the {role} of an "
                f"event of type {t} is {EVENT_ROLES[t][role].describe()}"
                for k, s, t in zip(_texts(kind, rows), _texts(side, rows),
                                   _texts(event_type, rows), strict=True)]

    return _finding(table, column, bad, actor, rule)


def check_roles(tables: Package) -> list[Found]:
    """Who may do what (by actor_type and affiliation, in the table of event roles below): an
    attack_on_us_forces is carried out by an armed group or state force not of the
    U.S.-led coalition and targets U.S. or coalition forces; a us_strike is carried out by
    U.S. (coalition) state forces and targets an armed group or state force not of the
    coalition. The actor of every event_claims row is the (claimed, named, acknowledging or
    denying) perpetrator; an attributed claim is stated by the target's side."""
    events, claims = tables["events"], tables["event_claims"]
    claim_type = tables.lookup("event_claims", "event_id", "events", "event_id", "event_type")
    out = [
        _role_problems("events", "target_id", events["target_id"], events["event_type"],
                       "target", tables),
        _role_problems("event_claims", "actor_id", claims["actor_id"], claim_type,
                       "perpetrator", tables),
    ]
    # An attribution comes from the other side: stated_by_id on the target's side.
    side = tables.lookup("event_claims", "stated_by_id", "actors", "actor_id", "affiliation")
    bad = np.zeros(claims.num_rows, dtype=bool)
    attributed = _eq(claims["stance"], "attributed") & _valid(side)
    for code, roles in EVENT_ROLES.items():
        sides = sorted(roles["target"].affiliations)
        bad |= attributed & _eq(claim_type, code) & ~_in(side, sides)
    out.append(_finding("event_claims", "stated_by_id", bad, claims["stated_by_id"],
                        lambda rows: [f"is of {s}, the perpetrator's side: an attributed claim "
                                      "is stated by officials of the other side (the target's)"
                                      for s in _texts(side, rows)]))
    return out


def check_publication_dates(tables: Package) -> list[Found]:
    """No source is published after the release that cites it: published_earliest and
    published_latest are not after the release date (the date of the version's CHANGELOG
    entry; today when validating without one)."""
    sources = tables["sources"]
    day = tables.release_date
    out = []
    for column in ("published_earliest", "published_latest"):
        after = _mask(pc.greater(sources[column], pa.scalar(day, pa.date32())))
        out.append(_finding("sources", column, after, sources[column],
                            f"is after the release date {day.isoformat()}: no source is "
                            "published after the release that cites it"))
    return out


def check_figures(tables: Package) -> list[Found]:
    """A figure's value is empty exactly when its qualifier is unquantified; victim_group is
    given exactly for the metrics that count people; a figure is about an event or an
    operation, never both; and a figure about an event is not dated (as_of) before the event
    began."""
    figures = tables["figures"]
    unquantified = _eq(figures["qualifier"], "unquantified")
    has_value = _valid(figures["value"])
    people = _in(figures["metric"], sorted(PEOPLE_METRICS))
    has_group = _valid(figures["victim_group"])
    out = [
        _finding("figures", "value", mask, figures["value"], rule)
        for mask, rule in (
            (unquantified & has_value, "must be empty when qualifier is unquantified"),
            (~unquantified & ~has_value & _valid(figures["qualifier"]),
             "is required unless qualifier is unquantified"),
        )
    ]
    out += [
        _finding("figures", "victim_group", people & ~has_group, figures["victim_group"],
                 "is required for a count of people (say whom it counts; unknown if the source "
                 "does not say)"),
        _finding("figures", "victim_group", ~people & has_group & _valid(figures["metric"]),
                 figures["victim_group"], "must be empty unless the metric counts people"),
        _finding("figures", "operation_id",
                 _valid(figures["operation_id"]) & _valid(figures["event_id"]),
                 figures["operation_id"], "must be empty when event_id is given (a figure is "
                 "about one event or about a whole operation)"),
    ]
    start = tables.lookup("figures", "event_id", "events", "event_id", "date_earliest")
    mask = _mask(pc.less(figures["as_of"], start))
    return [*out, _finding(
        "figures", "as_of", mask, figures["as_of"],
        lambda rows: [f"is before the start of its event ({day})" for day in _texts(start, rows)],
    )]


def check_every_event_sourced(tables: Package) -> list[Found]:
    """Every event has at least one row in event_sources, and every operation one in
    operation_sources; every confirmed U.S. strike belongs to an operation (a strike no U.S.
    statement confirms was announced in none) and no attack does."""
    events, operations = tables["events"], tables["operations"]
    strike = _eq(events["event_type"], "us_strike")
    attack = _eq(events["event_type"], "attack_on_us_forces")  # neither when the code is bad
    has_operation = _valid(events["operation_id"])
    return [
        _finding("events", "event_id",
                 ~tables.isin("events", "event_id", "event_sources", "event_id"),
                 events["event_id"], "has no row in event_sources (every event needs a source)"),
        _finding("operations", "operation_id",
                 ~tables.isin("operations", "operation_id", "operation_sources",
                              "operation_id"),
                 operations["operation_id"],
                 "has no row in operation_sources (every operation needs a source)"),
        _finding("events", "operation_id",
                 strike & _eq(events["confirmation"], "confirmed") & ~has_operation,
                 events["operation_id"], "is required for a confirmed us_strike (the announced "
                 "package it belongs to)"),
        _finding("events", "operation_id", attack & has_operation,
                 events["operation_id"], "must be empty for an attack_on_us_forces"),
    ]


def check_confirmation(tables: Package) -> list[Found]:
    """confirmation agrees with the sources and claims: confirmed and denied name a
    confirmation_source_id that reports the event (a row of event_sources) and is an archived
    document or an official or wire page; claimed_only and reported_only name none;
    claimed_only needs a claimed row in event_claims and reported_only has none; a U.S.
    strike that a state acknowledged is confirmed."""
    events, claims = tables["events"], tables["event_claims"]
    status = events["confirmation"]
    source = events["confirmation_source_id"]
    has_source = _valid(source)
    needs_source = _in(status, ["confirmed", "denied"])
    kind = tables.lookup("events", "confirmation_source_id", "sources", "source_id",
                         "source_type")
    tier = tables.lookup("events", "confirmation_source_id", "sources", "source_id",
                         "reliability_tier")
    strong = _eq(kind, "archived_document") | _in(tier, ["official", "wire"])
    links = tables["event_sources"]
    linked = _in(joined_key(events["event_id"], source),
                 joined_key(links["event_id"], links["source_id"]))

    def having(stance: str) -> Mask:
        return _in(events["event_id"], claims["event_id"].filter(
            pc.equal(claims["stance"], pa.scalar(stance, claims["stance"].type))))

    claimed, acknowledged = having("claimed"), having("acknowledged")

    def when(text: str) -> Callable[[np.ndarray], list[str]]:
        return lambda rows: [f"{text} {s}" for s in _texts(status, rows)]

    return [
        _finding("events", "confirmation_source_id", needs_source & ~has_source, source,
                 when("is required when confirmation is")),
        _finding("events", "confirmation_source_id", ~needs_source & has_source, source,
                 when("must be empty when confirmation is")),
        _finding("events", "confirmation_source_id", needs_source & has_source & ~strong,
                 source, "must be an archived document or an official or wire page (a "
                 "confirmation rests on the best sources)"),
        _finding("events", "confirmation_source_id", needs_source & has_source & ~linked,
                 source, "must also be in event_sources for this event"),
        _finding("events", "confirmation", _eq(status, "claimed_only") & ~claimed, status,
                 "claimed_only needs a row in event_claims with stance claimed"),
        _finding("events", "confirmation", _eq(status, "reported_only") & claimed, status,
                 "is reported_only but event_claims holds a claim: use claimed_only"),
        _finding("events", "confirmation", acknowledged & ~_eq(status, "confirmed"), status,
                 "must be confirmed: event_claims holds an acknowledgement"),
    ]


def _prefix(values: Cells) -> Cells:
    """The part of each id or code before its first '-'."""
    return pc.list_element(pc.split_pattern(values, "-", max_splits=1), 0)


def check_place_codes(tables: Package) -> list[Found]:
    """country_iso3 is an ISO 3166-1 alpha-3 code and admin1_iso an ISO 3166-2 code of a
    subdivision of that country (both looked up in pycountry); admin1_iso is given only
    with admin1."""
    places = tables["locations"]
    countries, alpha2 = _iso_codes()
    country, code = places["country_iso3"], places["admin1_iso"]
    has_code = _valid(code)
    known = _in(code, _subdivisions(pc.unique(code.drop_null()).to_pylist()))
    expected = pc.take(alpha2, pc.index_in(country, value_set=countries.cast(country.type)))
    elsewhere = _mask(pc.fill_null(pc.not_equal(_prefix(code), expected.cast(code.type)), True))
    return [
        _finding("locations", "country_iso3", _valid(country) & ~_in(country, countries),
                 country, "is not an ISO 3166-1 alpha-3 country code"),
        _finding("locations", "admin1_iso", has_code & ~known,
                 code, "is not an ISO 3166-2 subdivision code"),
        _finding("locations", "admin1_iso", has_code & known & elsewhere, code,
                 lambda rows: [f"is not a subdivision of {c}" for c in _texts(country, rows)]),
        _finding("locations", "admin1_iso", has_code & ~_valid(places["admin1"]), code,
                 "must be empty when admin1 is empty"),
    ]


# The identifier column of each table whose ids retired_ids may list.
_ID_COLUMNS = {"SRC": ("sources", "source_id"), "LOC": ("locations", "location_id"),
               "ACT": ("actors", "actor_id"), "OP": ("operations", "operation_id"),
               "EV": ("events", "event_id"), "FIG": ("figures", "figure_id")}


def check_retired_ids(tables: Package) -> list[Found]:
    """A retired id names a kind of id the data has, is not in use, and each of its
    replacements exists."""
    retired = tables["retired_ids"]
    ids = retired["retired_id"]
    replacements, owners = _exploded(retired["replaced_by"])

    def exists(values: Cells) -> Mask:
        """Whether each id is a live row of the table its prefix names. The few retired ids
        are hashed, not the live ones: the live ids are only probed, and the ones found
        then looked up among the retired."""
        kind = _prefix(values)
        found = np.zeros(len(values), dtype=bool)
        for prefix, (table, column) in _ID_COLUMNS.items():
            mine = _eq(kind, prefix)
            if mine.any():
                wanted = _flat(values).filter(pa.array(mine))
                live = tables[table][column]
                in_use = live.filter(pc.is_in(live, value_set=wanted.cast(live.type)))
                found[mine] = _in(wanted, in_use)
        return found

    missing = np.zeros(retired.num_rows, dtype=bool)
    missing[owners[~exists(replacements)]] = True
    return [
        _finding("retired_ids", "retired_id", _valid(ids) & ~_in(_prefix(ids), list(_ID_COLUMNS)),
                 ids, "is not an id of sources, locations, actors, operations, events or figures"),
        _finding("retired_ids", "retired_id", exists(ids), ids,
                 "is still in use; a retired id is never reused"),
        _finding("retired_ids", "replaced_by", missing, retired["replaced_by"],
                 "names an id that does not exist"),
    ]


def check_source_kinds(tables: Package) -> list[Found]:
    """An archived_document has document_name and document_sha256, a referenced_page has a
    url and a reliability_tier, and citations of archived documents (event_sources, figures)
    give paragraphs."""
    sources = tables["sources"]
    archived = _eq(sources["source_type"], "archived_document")
    referenced = _eq(sources["source_type"], "referenced_page")
    out = [
        _finding("sources", column, kind_mask & ~_valid(sources[column]), sources[column],
                 f"is required for a {kind}")
        for column, kind_mask, kind in (
            ("document_name", archived, "archived_document"),
            ("document_sha256", archived, "archived_document"),
            ("url", referenced, "referenced_page"),
            ("reliability_tier", referenced, "referenced_page"),
        )
    ]
    tier = sources["reliability_tier"]
    out.append(_finding("sources", "reliability_tier", archived & _valid(tier), tier,
                        "must be empty for an archived_document (tiers rate referenced pages)"))
    for table, column in (("event_sources", "paragraphs"), ("figures", "paragraph"),
                          ("event_claims", "paragraphs"), ("operation_sources", "paragraphs")):
        frame = tables[table]
        kind = tables.lookup(table, "source_id", "sources", "source_id", "source_type")
        mask = _eq(kind, "archived_document") & ~_valid(frame[column])
        out.append(_finding(table, column, mask, frame[column],
                            "is required when the source is an archived_document"))
    return out


def _combined(codes: list[np.ndarray]) -> np.ndarray:
    """Several integer codes per row as one (mixed radix), or as rows of a 2-D array when
    the product of their ranges would not fit in 63 bits."""
    ranges = [int(c.max()) + 2 for c in codes]  # codes run from -1 (empty)
    if np.prod(np.array(ranges, dtype=float)) >= 2.0 ** 62:
        return np.unique(np.stack(codes, axis=1), axis=0, return_inverse=True)[1].reshape(-1)
    out = np.zeros(len(codes[0]), dtype=np.int64)
    for code, size in zip(codes, ranges, strict=True):
        out = out * size + (code + 1)
    return out


def check_running_counts(tables: Package) -> list[Found]:
    """One claimant's running count never goes down: for the same claimant_actor_id, metric,
    area and period_start, a figure dated later than another may not state a lower value
    unless its notes name the earlier figure (saying why)."""
    figures = tables["figures"]
    key = ["claimant_actor_id", "metric", "victim_group", "area", "period_start"]
    selected = (~_valid(figures["event_id"]) & _valid(figures["value"])
                & _valid(figures["as_of"]) & _valid(figures["claimant_actor_id"])
                & _valid(figures["period_start"]))
    if not selected.any():
        return []
    rows = np.flatnonzero(selected)
    counts = figures.select([*key, "as_of", "value", "figure_id"]).take(pa.array(rows))
    # One series per key: the key's columns coded as integers, then numbered.
    _, series = np.unique(_combined([code_column(counts[c]).codes for c in key]),
                          return_inverse=True)
    series = series.reshape(-1)
    day = counts["as_of"].cast(pa.int32()).to_numpy().astype(np.int64)
    value = counts["value"].to_numpy().astype(np.int64)
    # Per series and day, the day's highest figure (the last in this stable order); then,
    # per day, the highest figure of any earlier day of the series and its id.
    order = np.lexsort((value, day, series))
    s, d = series[order], day[order]
    last = np.r_[(s[1:] != s[:-1]) | (d[1:] != d[:-1]), True]
    day_of = np.r_[0, np.cumsum(last)[:-1]]  # the day (of all series) of each sorted row
    top = order[last]  # each day's highest figure
    top_series, top_value = series[top], value[top]
    first_day = np.r_[True, top_series[1:] != top_series[:-1]]
    previous = np.r_[-1, top_value[:-1]]
    previous[first_day] = -1  # no earlier day in the series
    # Running maximum within each series: series are consecutive and in ascending order,
    # so an offset per series keeps one series' maximum out of the next.
    offset = top_series * (int(value.max()) + 2)
    best = np.maximum.accumulate(previous + offset) - offset
    # The id of the earlier day whose figure is that maximum (the latest such day).
    hit = (previous == best) & (previous >= 0)
    index = np.arange(len(top))
    series_start = np.maximum.accumulate(np.where(first_day, index, 0))
    holder = np.maximum.accumulate(np.where(hit, index - 1, -1))
    holder[holder < series_start] = -1
    row_best = np.empty(len(value), dtype=np.int64)
    row_best[order] = best[day_of]
    row_holder = np.empty(len(value), dtype=np.int64)
    row_holder[order] = holder[day_of]
    lower = (row_best >= 0) & (value < row_best)
    if not lower.any():
        return []
    notes = figures["notes"].take(pa.array(rows[lower])).to_pylist()
    earlier = np.asarray(counts["figure_id"].take(pa.array(top[row_holder[lower]])).to_pylist(),
                         dtype=object)
    # A fall below a figure without an id (reported already, as a missing id) waits for
    # that id: it cannot be named, so the note cannot explain it yet.
    explained = np.array([b is None or (isinstance(n, str) and b in n)
                          for n, b in zip(notes, earlier, strict=True)], dtype=bool)
    bad_rows = rows[lower][~explained]
    message = {int(r): f"is lower than {b} ({v}) by the same claimant on an earlier date; "
               f"explain it in notes, naming {b}"
               for r, b, v in zip(bad_rows, earlier[~explained],
                                  row_best[lower][~explained], strict=True)}
    mask = np.zeros(figures.num_rows, dtype=bool)
    mask[bad_rows] = True
    return [_finding("figures", "value", mask, figures["value"],
                     lambda rows: [message[int(r)] for r in rows])]


# Degrees added around each country's outline: countryinfo's outlines are simplified
# (world.geo.json, from Natural Earth's 1:110m boundaries), and border sites such as Tower 22
# (0.07° inside Jordan's northern edge) must not fall outside them.
_BOX_MARGIN = 0.1


@functools.cache
def country_box(iso3: str) -> tuple[float, float, float, float] | None:
    """(south, north, west, east) of a country's outline in the countryinfo package (the
    GeoJSON of world.geo.json, itself from Natural Earth), widened by _BOX_MARGIN degrees;
    None when countryinfo has no outline for the code."""
    shape = _outline(iso3)
    if shape is None:
        return None
    points: list[tuple[float, float]] = []

    def walk(item: object) -> None:
        if isinstance(item, list) and item and isinstance(item[0], int | float):
            points.append((float(item[0]), float(item[1])))
        elif isinstance(item, list):
            for sub in item:
                walk(sub)

    for feature in shape.get("features", []):
        walk(feature.get("geometry", {}).get("coordinates", []))
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    m = _BOX_MARGIN
    return min(lats) - m, max(lats) + m, min(lons) - m, max(lons) + m


def _outline(iso3: str) -> dict | None:
    """countryinfo's GeoJSON outline of a country; None when it has none.

    countryinfo's look-up parses all of its 250 country files on first use (0.08 s, the
    largest single cost of validating the real data), so one file is parsed alone: the
    file named after the country's name in pycountry (countryinfo names them so:
    iraq.json, syria.json), or else the one file whose ISO block names the code, found by
    its bytes (reading all 250 of them). countryinfo's own look-up is used when
    neither is found (tests/unit/test_impossible_records.py checks that this gives the
    same outline as that look-up for every ISO code)."""
    for path in _files_named_for(iso3):
        outline = _outline_in(path, iso3)
        if outline is not None:
            return outline
    found = _countryinfo_files().get(iso3, [])
    outline = _outline_in(found[0], iso3) if len(found) == 1 else None
    return outline if outline is not None else outline_by_countryinfo(iso3)


def _outline_in(path: Path, iso3: str) -> dict | None:
    """The outline in a countryinfo file, if the file is the country's."""
    import json

    data = json.loads(path.read_bytes())
    if data.get("ISO", {}).get("alpha3") == iso3 and "geoJSON" in data:
        return data["geoJSON"]  # type: ignore[no-any-return]
    return None


def _files_named_for(iso3: str) -> list[Path]:
    """The countryinfo files named after the country's names in pycountry."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    folder = _countryinfo_data()
    names = [getattr(country, key, None) for key in ("common_name", "name", "official_name")]
    paths = [folder / (name.lower().replace(" ", "_") + ".json") for name in names if name]
    return [path for path in dict.fromkeys(paths) if path.is_file()]


@functools.cache
def _countryinfo_files() -> dict[str, list[Path]]:
    """The files of countryinfo's data folder that name each alpha-3 code (one pass over
    their bytes; the file is parsed and checked when it is used)."""
    import os

    folder = _countryinfo_data()
    files: dict[str, list[Path]] = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        path = folder / name
        data = path.read_bytes()
        at = data.find(b'"alpha3"')
        while at >= 0:
            start = data.find(b'"', data.find(b":", at) + 1) + 1
            code = data[start:start + 3].decode("ascii", "replace")
            if path not in files.get(code, []):
                files.setdefault(code, []).append(path)
            at = data.find(b'"alpha3"', at + 1)
    return files


def _countryinfo_data() -> Path:
    """countryinfo's data folder, found without importing the package (which validation
    does not otherwise need)."""
    import importlib.util

    spec = importlib.util.find_spec("countryinfo")
    assert spec is not None and spec.origin is not None, "countryinfo is a dependency"
    return Path(spec.origin).parent / "data"


def outline_by_countryinfo(iso3: str) -> dict | None:
    """The outline through countryinfo's own look-up."""
    from countryinfo import CountryInfo

    try:
        return CountryInfo(iso3).geo_json()
    except Exception:  # countryinfo raises its own error for a code it does not know
        return None


def check_coordinates(tables: Package) -> list[Found]:
    """Latitude and longitude are given together, only with a coordinate_reference, and lie
    in the country that country_iso3 names: inside the bounding box of its outline in the
    countryinfo package (Natural Earth via world.geo.json) widened by 0.1 degrees, which
    also catches latitude and longitude swapped."""
    places = tables["locations"]
    lat, lon = _valid(places["latitude"]), _valid(places["longitude"])
    reference = _valid(places["coordinate_reference"])
    out = [
        _finding("locations", column, mask, places[column], rule)
        for mask, column, rule in (
            (lat != lon, "latitude", "latitude and longitude must both be given or both be empty"),
            ((lat | lon) & ~reference, "coordinate_reference",
             "is required when coordinates are given"),
            (~(lat | lon) & reference, "coordinate_reference",
             "must be empty when no coordinates are given"),
        )
    ]
    country = places["country_iso3"]
    both = lat & lon & _valid(country)
    if not both.any():
        return out
    codes = np.asarray(_texts(country, np.arange(places.num_rows)), dtype=object)
    la = pc.fill_null(places["latitude"], 0.0).to_numpy(zero_copy_only=False)
    lo = pc.fill_null(places["longitude"], 0.0).to_numpy(zero_copy_only=False)
    boxes = {code: country_box(code) for code in sorted(set(codes[both]))}
    outside = np.zeros(places.num_rows, dtype=bool)
    for code, box in boxes.items():
        if box is None:
            continue
        south, north, west, east = box
        mine = both & (codes == code)
        outside |= mine & ((la < south) | (la > north) | (lo < west) | (lo > east))
    pair = pa.array([f"{a}, {b}" for a, b in zip(_texts(places["latitude"], np.arange(len(la))),
                                                 _texts(places["longitude"], np.arange(len(lo))),
                                                 strict=True)])

    def rule(rows: np.ndarray) -> list[str]:
        return [
            f"is outside {code} (latitude {box[0]:.1f} to {box[1]:.1f}, longitude "
            f"{box[2]:.1f} to {box[3]:.1f}: the bounding box of its outline in countryinfo, "
            f"widened by {_BOX_MARGIN}°); is the place in another country, or are latitude "
            "and longitude swapped?"
            for code in codes[rows] for box in [boxes[code]]]

    out.append(_finding("locations", "latitude, longitude", outside, pair, rule))
    return out


PACKAGE_RULES = (
    check_foreign_keys,
    check_date_ranges,
    check_publication_dates,
    check_responses,
    check_roles,
    check_figures,
    check_every_event_sourced,
    check_confirmation,
    check_source_kinds,
    check_running_counts,
    check_coordinates,
    check_place_codes,
    check_retired_ids,
)


def check_package(tables: Tables, release_date: dt.date | None = None, *,
                  size: int | None = None) -> list[Problem]:
    """Run every package-level rule over the complete set of tables (``release_date``: the
    date of the release being made, which no publication date may pass; ``size``: the
    bytes of CSV they were read from, which decides whether the rules run in threads)."""
    package = Package(tables, release_date)
    # Side by side, as the tables are read: the rules share only the package's look-ups,
    # which two threads may at worst compute twice.
    results = side_by_side(lambda rule: rule(package), PACKAGE_RULES, size=size)
    return [problem for found_by_rule in results for found in found_by_rule
            for problem in found]
