"""Package-level rules: what no single column's checks can see.

Each rule takes every table (typed DataFrames whose index is the row position
in its CSV) and returns groups of ``Problem``s (one group per check, each problem
naming its table as ``file`` and its ``row``; validation places them at lines).
All rules are vectorised: membership and look-ups run in Arrow compute, there is
no Python loop over rows, and messages are written only for the rows that break a
rule, so they carry a dataset of millions of rows.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..problems import Problem
from ..schemas import MODELS, foreign_keys
from ..schemas.vocabularies import EVENT_ROLES, PEOPLE_METRICS

Tables = Mapping[str, pd.DataFrame]
# A rule's message: fixed text, or text built from the failing rows' index.
Message = str | Callable[[pd.Index], pd.Series]


Found = list[Problem]


def _finding(table: str, column: str, mask: pd.Series, values: pd.Series,
             rule: Message) -> Found:
    """The problems of the rows of a table that a boolean mask selects."""
    mask = mask.fillna(False).astype(bool)
    if not mask.any():
        return []
    rows = mask.index[mask.to_numpy()]
    rules = rule(rows).astype(str).tolist() if callable(rule) else [rule] * len(rows)
    texts = _text(values.loc[rows]).tolist()
    return [Problem(table, None, column, value, message, row=row)
            for row, value, message in zip(rows.tolist(), texts, rules, strict=True)]


def _arrow(series: pd.Series) -> pa.Array | pa.ChunkedArray:
    """The Arrow data of a column (no copy for the Arrow-backed columns read from CSV)."""
    return pa.array(series, from_pandas=True)


class Package(dict):
    """The tables of one check, with the key look-ups the rules share (each is a hash
    pass over millions of ids, so it is done once)."""

    def __init__(self, tables: Tables, release_date: dt.date | None = None):
        super().__init__(tables)
        self._positions: dict[tuple[str, str, str, str], pa.Array] = {}
        # The date of the release being made (its CHANGELOG date); None: today.
        self.release_date = release_date or dt.datetime.now(dt.UTC).date()

    def positions(self, table: str, column: str, target: str, key: str) -> pa.Array:
        """For each value of ``table.column``, the row of ``target`` whose ``key`` equals
        it (null when none). A duplicated key (reported by the table's own checks) gives
        its first row, so that one bad key cannot stop the other rules."""
        found = self._positions.get((table, column, target, key))
        if found is None:
            found = pc.index_in(_arrow(self[table][column]), value_set=_arrow(self[target][key]))
            self._positions[(table, column, target, key)] = found
        return found


def _package(tables: Tables) -> Package:
    return tables if isinstance(tables, Package) else Package(tables)


def _isin(tables: Tables, table: str, column: str, target: str, key: str) -> pd.Series:
    """Whether each value of ``table.column`` occurs in ``target.key``."""
    found = pc.is_valid(_package(tables).positions(table, column, target, key))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=tables[table].index)


def _lookup(tables: Tables, table: str, column: str, target: str, key: str,
            wanted: str) -> pd.Series:
    """``target.wanted`` of the row each value of ``table.column`` points at (by ``key``)."""
    position = _package(tables).positions(table, column, target, key)
    taken = pc.take(_arrow(tables[target][wanted]), position)
    return pd.Series(pd.arrays.ArrowExtensionArray(taken), index=tables[table].index)


def _strings(values: pd.Series) -> pa.ChunkedArray:
    """A text column as Arrow large strings (no copy for the columns read from CSV)."""
    array = _arrow(values)
    if not isinstance(array, pa.ChunkedArray):
        array = pa.chunked_array([array])
    if pa.types.is_null(array.type) or array.type == pa.string():
        array = array.cast(pa.large_string())
    return array


def _member(values: pd.Series, allowed: pa.Array) -> pd.Series:
    """Whether each value is in ``allowed`` (an Arrow hash look-up: pandas' isin on Arrow
    strings turns every allowed value into a Python scalar first)."""
    found = pc.is_in(_strings(values), value_set=allowed)
    return pd.Series(pc.fill_null(found, False).to_numpy(zero_copy_only=False),
                     index=values.index)


@functools.cache
def _iso_codes() -> tuple[dict[str, str], pa.Array, pa.Array]:
    """ISO 3166-1 alpha-3 → alpha-2, the alpha-3 codes, and every ISO 3166-2 code (read once
    from pycountry's database files: building its objects took five times as long)."""
    import json

    import pycountry

    def entries(standard: str) -> list[dict[str, str]]:
        path = Path(pycountry.DATABASE_DIR) / f"iso{standard}.json"
        return json.loads(path.read_bytes())[standard]  # type: ignore[no-any-return]

    alpha2 = {c["alpha_3"]: c["alpha_2"] for c in entries("3166-1")}
    return (alpha2, pa.array(sorted(alpha2), pa.string()),
            pa.array(sorted(s["code"] for s in entries("3166-2")), pa.string()))


def _text(values: pd.Series) -> pd.Series:
    """Values as the user wrote them (dates back to ISO strings, empty for null)."""
    return values.astype("string").fillna("")


def check_foreign_keys(tables: Tables) -> list[Found]:
    """Every foreign key (listed with each table) points to an existing row."""
    out = []
    for name in MODELS:
        frame = tables[name]
        for fk in foreign_keys(name, released=False):
            (column,) = fk["fields"]
            target = fk["reference"].get("resource") or name
            (target_column,) = fk["reference"]["fields"]
            values = frame[column]
            mask = values.notna() & ~_isin(tables, name, column, target, target_column)
            out.append(_finding(
                name, column, mask, values,
                f"refers to no row of {target} ({target}.{target_column})",
            ))
    return out


def _not_after(table: str, frame: pd.DataFrame, early: str, late: str) -> Found:
    mask = frame[late] < frame[early]
    return _finding(table, late, mask, frame[late],
                    lambda rows: f"is before {early} " + _text(frame.loc[rows, early]))


def check_date_ranges(tables: Tables) -> list[Found]:
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


def _exploded(frame: pd.DataFrame, column: str) -> pd.Series:
    """The items of a ';'-separated list column, one per row, indexed by the row they are in."""
    items = frame[column].dropna().astype(str).str.split(";").explode()
    return items.astype("string")


def check_responses(tables: Tables) -> list[Found]:
    """Each event an event's responds_to names exists, is another event, is of the other
    event type (a us_strike answers attacks on U.S. forces, never another strike, and an
    attack answers strikes), and began no later than this one's date_latest."""
    events = tables["events"]
    answered = events["responds_to"]
    items = _exploded(events, "responds_to")
    if items.empty:
        return []
    named = events[events["event_id"].notna()]  # an empty id is its own check's problem
    starts = named.set_index(named["event_id"].astype(str))["date_earliest"]
    starts = starts[~starts.index.duplicated()]
    known = _member(items, pa.array(starts.index.tolist(), pa.string()))
    missing = pd.Series(False, index=events.index)
    missing[items.index[~known.to_numpy()]] = True
    itself = pd.Series(False, index=events.index)
    itself[items.index[(items == events.loc[items.index, "event_id"].astype(str)).to_numpy()]] \
        = True
    item_start = pd.Series(items.map(starts).to_numpy(), index=items.index)
    later = (item_start > events.loc[items.index, "date_latest"]).fillna(False).to_numpy()
    too_late = pd.Series(False, index=events.index)
    too_late[items.index[later]] = True
    later_text = _text(pd.Series(item_start[later].to_numpy(), index=items.index[later]))
    first_late = later_text.groupby(level=0).first()
    kinds = events.set_index(events["event_id"].astype(str))["event_type"].astype("string")
    kinds = kinds[~kinds.index.duplicated()]
    item_kind = pd.Series(items.map(kinds).to_numpy(), index=items.index).astype("string")
    own_kind = events.loc[items.index, "event_type"].astype("string")
    own_id = events.loc[items.index, "event_id"].astype("string")
    same = ((item_kind == own_kind) & (items != own_id)).fillna(False).to_numpy()
    same_kind = pd.Series(False, index=events.index)
    same_kind[items.index[same]] = True
    first_same = pd.Series(items[same].to_numpy(), index=items.index[same]) \
        .groupby(level=0).first()
    return [
        _finding("events", "responds_to", same_kind, answered,
                 lambda rows: "names " + first_same.loc[rows] + ", another "
                 + _text(events.loc[rows, "event_type"].astype("string"))
                 + "; an event responds to events of the other type (a us_strike to "
                 "attack_on_us_forces, an attack to us_strike)"),
        _finding("events", "responds_to", missing, answered,
                 "names an event that does not exist (events.event_id)"),
        _finding("events", "responds_to", itself, answered, "an event cannot respond to itself"),
        _finding("events", "responds_to", too_late, answered,
                 lambda rows: "names an event that began on " + first_late.loc[rows]
                 + ", after this event's date_latest " + _text(events.loc[rows, "date_latest"])),
    ]


def _role_problems(table: str, column: str, frame: pd.DataFrame, actor: pd.Series,
                   event_type: pd.Series, role: str, tables: Tables) -> Found:
    """Rows whose ``actor`` (an actors.actor_id) cannot play ``role`` in an event of
    ``event_type`` (EVENT_ROLES)."""
    kind = _lookup(tables, table, column, "actors", "actor_id", "actor_type").astype("string")
    side = _lookup(tables, table, column, "actors", "actor_id", "affiliation").astype("string")
    bad = pd.Series(False, index=frame.index)
    why = pd.Series("", index=frame.index, dtype="string")
    for code, roles in EVENT_ROLES.items():
        allowed = roles[role]
        mine = (event_type == code).fillna(False) & kind.notna() & side.notna()
        wrong = mine & ~(kind.isin(sorted(allowed.actor_types))
                         & side.isin(sorted(allowed.affiliations))).fillna(False)
        bad |= wrong
        why[wrong] = f"; the {role} of an event of type {code} is {allowed.describe()}"
    verb = "carry out" if role == "perpetrator" else "be the target of"
    return _finding(table, column, bad, actor, lambda rows: (
        "is a " + kind.loc[rows] + " of " + side.loc[rows] + ", which cannot " + verb
        + " an event of type " + event_type.loc[rows].astype("string") + why.loc[rows]))


def check_roles(tables: Tables) -> list[Found]:
    """Who may do what (by actor_type and affiliation, in the table of event roles below): an
    attack_on_us_forces is carried out by an armed group or state force not of the
    U.S.-led coalition and targets U.S. or coalition forces; a us_strike is carried out by
    U.S. (coalition) state forces and targets an armed group or state force not of the
    coalition. The actor of every event_claims row is the (claimed, named, acknowledging or
    denying) perpetrator; an attributed claim is stated by the target's side."""
    events, claims = tables["events"], tables["event_claims"]
    claim_type = _lookup(tables, "event_claims", "event_id", "events", "event_id",
                         "event_type").astype("string")
    out = [
        _role_problems("events", "target_id", events, events["target_id"],
                       events["event_type"].astype("string"), "target", tables),
        _role_problems("event_claims", "actor_id", claims, claims["actor_id"], claim_type,
                       "perpetrator", tables),
    ]
    # An attribution comes from the other side: stated_by_id on the target's side.
    side = _lookup(tables, "event_claims", "stated_by_id", "actors", "actor_id",
                   "affiliation").astype("string")
    bad = pd.Series(False, index=claims.index)
    for code, roles in EVENT_ROLES.items():
        sides = sorted(roles["target"].affiliations)
        bad |= ((claims["stance"] == "attributed") & (claim_type == code) & side.notna()
                & ~side.isin(sides)).fillna(False)
    out.append(_finding("event_claims", "stated_by_id", bad, claims["stated_by_id"],
                        lambda rows: "is of " + side.loc[rows] + ", the perpetrator's side: an "
                        "attributed claim is stated by officials of the other side (the "
                        "target's)"))
    return out


def check_publication_dates(tables: Tables) -> list[Found]:
    """No source is published after the release that cites it: published_earliest and
    published_latest are not after the release date (the date of the version's CHANGELOG
    entry; today when validating without one)."""
    sources = tables["sources"]
    day = _package(tables).release_date
    out = []
    for column in ("published_earliest", "published_latest"):
        out.append(_finding("sources", column, sources[column] > day, sources[column],
                            f"is after the release date {day.isoformat()}: no source is "
                            "published after the release that cites it"))
    return out


def check_figures(tables: Tables) -> list[Found]:
    """A figure's value is empty exactly when its qualifier is unquantified; victim_group is
    given exactly for the metrics that count people; a figure is about an event or an
    operation, never both; and a figure about an event is not dated (as_of) before the event
    began."""
    figures = tables["figures"]
    unquantified = figures["qualifier"] == "unquantified"
    has_value = figures["value"].notna()
    people = figures["metric"].isin(sorted(PEOPLE_METRICS))
    has_group = figures["victim_group"].notna()
    out = [
        _finding("figures", "value", mask, figures["value"], rule)
        for mask, rule in (
            (unquantified & has_value, "must be empty when qualifier is unquantified"),
            (~unquantified & ~has_value & figures["qualifier"].notna(),
             "is required unless qualifier is unquantified"),
        )
    ]
    out += [
        _finding("figures", "victim_group", people & ~has_group, figures["victim_group"],
                 "is required for a count of people (say whom it counts; unknown if the source "
                 "does not say)"),
        _finding("figures", "victim_group", ~people & has_group & figures["metric"].notna(),
                 figures["victim_group"], "must be empty unless the metric counts people"),
        _finding("figures", "operation_id",
                 figures["operation_id"].notna() & figures["event_id"].notna(),
                 figures["operation_id"], "must be empty when event_id is given (a figure is "
                 "about one event or about a whole operation)"),
    ]
    start = _lookup(tables, "figures", "event_id", "events", "event_id", "date_earliest")
    mask = figures["as_of"] < start
    return [*out, _finding(
        "figures", "as_of", mask, figures["as_of"],
        lambda rows: "is before the start of its event (" + _text(start.loc[rows]) + ")",
    )]


def check_every_event_sourced(tables: Tables) -> list[Found]:
    """Every event has at least one row in event_sources, and every operation one in
    operation_sources; every confirmed U.S. strike belongs to an operation (a strike no U.S.
    statement confirms was announced in none) and no attack does."""
    events, operations = tables["events"], tables["operations"]
    strike = events["event_type"] == "us_strike"
    attack = events["event_type"] == "attack_on_us_forces"  # neither when the code is bad
    return [
        _finding("events", "event_id",
                 ~_isin(tables, "events", "event_id", "event_sources", "event_id"),
                 events["event_id"], "has no row in event_sources (every event needs a source)"),
        _finding("operations", "operation_id",
                 ~_isin(tables, "operations", "operation_id", "operation_sources",
                        "operation_id"),
                 operations["operation_id"],
                 "has no row in operation_sources (every operation needs a source)"),
        _finding("events", "operation_id",
                 strike & (events["confirmation"] == "confirmed") & events["operation_id"].isna(),
                 events["operation_id"], "is required for a confirmed us_strike (the announced "
                 "package it belongs to)"),
        _finding("events", "operation_id", attack & events["operation_id"].notna(),
                 events["operation_id"], "must be empty for an attack_on_us_forces"),
    ]


def _pairs(first: pd.Series, second: pd.Series) -> pa.ChunkedArray | pa.Array:
    """Two id columns joined into one key per row (ids hold no control characters)."""
    return pc.binary_join_element_wise(_strings(first), _strings(second),
                                       pa.scalar("\x1f", pa.large_string()))


def check_confirmation(tables: Tables) -> list[Found]:
    """confirmation agrees with the sources and claims: confirmed and denied name a
    confirmation_source_id that reports the event (a row of event_sources) and is an archived
    document or an official or wire page; claimed_only and reported_only name none;
    claimed_only needs a claimed row in event_claims and reported_only has none; a U.S.
    strike that a state acknowledged is confirmed."""
    events, claims = tables["events"], tables["event_claims"]
    status = events["confirmation"]
    source = events["confirmation_source_id"]
    needs_source = status.isin(["confirmed", "denied"])
    sources = tables["sources"]
    row = _package(tables).positions("events", "confirmation_source_id", "sources", "source_id")
    kind = pc.take(_strings(sources["source_type"]), row)
    tier = pc.take(_strings(sources["reliability_tier"]), row)
    strong_arrow = pc.or_(pc.fill_null(pc.equal(kind, "archived_document"), False),
                          pc.fill_null(pc.is_in(tier, value_set=pa.array(["official", "wire"],
                                                                         pa.large_string())),
                                       False))
    strong = pd.Series(strong_arrow.to_numpy(zero_copy_only=False), index=events.index)
    links = tables["event_sources"]
    linked = pd.Series(pc.fill_null(pc.is_in(
        _pairs(events["event_id"], source),
        value_set=pa.chunked_array([_pairs(links["event_id"], links["source_id"])])
        .combine_chunks()), False).to_numpy(zero_copy_only=False), index=events.index)

    def having(stance: str) -> pd.Series:
        ids = _strings(claims.loc[(claims["stance"] == stance).to_numpy(), "event_id"])
        return _member(events["event_id"], ids.combine_chunks())

    claimed, acknowledged = having("claimed"), having("acknowledged")
    return [
        _finding("events", "confirmation_source_id", needs_source & source.isna(), source,
                 lambda rows: "is required when confirmation is "
                 + _text(status.loc[rows].astype("string"))),
        _finding("events", "confirmation_source_id", ~needs_source & source.notna(), source,
                 lambda rows: "must be empty when confirmation is "
                 + _text(status.loc[rows].astype("string"))),
        _finding("events", "confirmation_source_id",
                 needs_source & source.notna() & ~strong.fillna(False), source,
                 "must be an archived document or an official or wire page (a confirmation "
                 "rests on the best sources)"),
        _finding("events", "confirmation_source_id",
                 needs_source & source.notna() & ~linked, source,
                 "must also be in event_sources for this event"),
        _finding("events", "confirmation", (status == "claimed_only") & ~claimed, status,
                 "claimed_only needs a row in event_claims with stance claimed"),
        _finding("events", "confirmation", (status == "reported_only") & claimed, status,
                 "is reported_only but event_claims holds a claim: use claimed_only"),
        _finding("events", "confirmation", acknowledged & (status != "confirmed"), status,
                 "must be confirmed: event_claims holds an acknowledgement"),
    ]


def check_place_codes(tables: Tables) -> list[Found]:
    """country_iso3 is an ISO 3166-1 alpha-3 code and admin1_iso an ISO 3166-2 code of a
    subdivision of that country (both looked up in pycountry); admin1_iso is given only
    with admin1."""
    places = tables["locations"]
    alpha2, countries, subdivisions = _iso_codes()
    country = places["country_iso3"].astype("string")
    code = places["admin1_iso"].astype("string")
    prefix = code.str.split("-").str[0]
    known = _member(code, subdivisions)
    return [
        _finding("locations", "country_iso3",
                 country.notna() & ~_member(country, countries),
                 country, "is not an ISO 3166-1 alpha-3 country code"),
        _finding("locations", "admin1_iso", code.notna() & ~known,
                 code, "is not an ISO 3166-2 subdivision code"),
        _finding("locations", "admin1_iso",
                 code.notna() & known & (prefix != country.map(alpha2)).fillna(True), code,
                 lambda rows: "is not a subdivision of " + _text(country.loc[rows])),
        _finding("locations", "admin1_iso", code.notna() & places["admin1"].isna(), code,
                 "must be empty when admin1 is empty"),
    ]


# The identifier column of each table whose ids retired_ids may list.
_ID_COLUMNS = {"SRC": ("sources", "source_id"), "LOC": ("locations", "location_id"),
               "ACT": ("actors", "actor_id"), "OP": ("operations", "operation_id"),
               "EV": ("events", "event_id"), "FIG": ("figures", "figure_id")}


def check_retired_ids(tables: Tables) -> list[Found]:
    """A retired id names a kind of id the data has, is not in use, and each of its
    replacements exists."""
    retired = tables["retired_ids"]
    ids = retired["retired_id"].astype("string")
    replacements = _exploded(retired, "replaced_by")

    def exists(values: pd.Series) -> pd.Series:
        """Whether each id is a live row of the table its prefix names (one hash look-up
        per table, over the few retired ids only)."""
        kind = values.str.split("-").str[0]
        found = pd.Series(False, index=values.index)
        for prefix, (table, column) in _ID_COLUMNS.items():
            mine = (kind == prefix).fillna(False).to_numpy()
            if mine.any():
                live = _strings(tables[table][column]).combine_chunks()
                found[mine] = _member(values[mine], live).to_numpy()
        return found

    unknown_kind = ~ids.str.split("-").str[0].isin(list(_ID_COLUMNS))
    missing = pd.Series(False, index=retired.index)
    missing[replacements.index[~exists(replacements).to_numpy()]] = True
    return [
        _finding("retired_ids", "retired_id", ids.notna() & unknown_kind, ids,
                 "is not an id of sources, locations, actors, operations, events or figures"),
        _finding("retired_ids", "retired_id", exists(ids), ids,
                 "is still in use; a retired id is never reused"),
        _finding("retired_ids", "replaced_by", missing, retired["replaced_by"],
                 "names an id that does not exist"),
    ]


def check_source_kinds(tables: Tables) -> list[Found]:
    """An archived_document has document_name and document_sha256, a referenced_page has a
    url and a reliability_tier, and citations of archived documents (event_sources, figures)
    give paragraphs."""
    sources = tables["sources"]
    archived = sources["source_type"] == "archived_document"
    referenced = sources["source_type"] == "referenced_page"
    out = [
        _finding("sources", column, kind_mask & sources[column].isna(), sources[column],
                 f"is required for a {kind}")
        for column, kind_mask, kind in (
            ("document_name", archived, "archived_document"),
            ("document_sha256", archived, "archived_document"),
            ("url", referenced, "referenced_page"),
            ("reliability_tier", referenced, "referenced_page"),
        )
    ]
    tier = sources["reliability_tier"]
    out.append(_finding("sources", "reliability_tier", archived & tier.notna(), tier,
                        "must be empty for an archived_document (tiers rate referenced pages)"))
    for table, column in (("event_sources", "paragraphs"), ("figures", "paragraph"),
                          ("event_claims", "paragraphs"), ("operation_sources", "paragraphs")):
        frame = tables[table]
        row = _package(tables).positions(table, "source_id", "sources", "source_id")
        kind = pc.take(_arrow(sources["source_type"]), row)
        cites_archive = pc.fill_null(pc.equal(kind, "archived_document"), False)
        mask = pd.Series(cites_archive.to_numpy(zero_copy_only=False), index=frame.index) \
            & frame[column].isna()
        out.append(_finding(table, column, mask, frame[column],
                            "is required when the source is an archived_document"))
    return out


def check_running_counts(tables: Tables) -> list[Found]:
    """One claimant's running count never goes down: for the same claimant_actor_id, metric,
    area and period_start, a figure dated later than another may not state a lower value
    unless its notes name the earlier figure (saying why)."""
    figures = tables["figures"]
    key = ["claimant_actor_id", "metric", "victim_group", "area", "period_start"]
    counts = figures[figures["event_id"].isna() & figures["value"].notna()
                     & figures["as_of"].notna() & figures["claimant_actor_id"].notna()
                     & figures["period_start"].notna()]
    if counts.empty:
        return []
    keyed = counts.assign(_key=counts.groupby(key, dropna=False, sort=False).ngroup())
    # Per claimant series and day, the day's highest figure; then, per day, the highest
    # figure of any earlier day and its id.
    ordered = keyed.sort_values(["_key", "as_of", "value"], kind="stable")
    days = ordered.groupby(["_key", "as_of"], sort=False).tail(1)
    series = days.groupby("_key", sort=False)
    previous = series["value"].shift(1)
    best = previous.groupby(days["_key"]).cummax()
    best_id = series["figure_id"].shift(1).where(previous == best)
    best_id = best_id.groupby(days["_key"]).ffill()
    before = pd.DataFrame({"_key": days["_key"], "as_of": days["as_of"], "_best": best,
                           "_best_id": best_id})
    merged = keyed.reset_index().merge(before, on=["_key", "as_of"], how="left")
    merged = merged.set_index("index")
    lower = merged["_best"].notna() & (merged["value"] < merged["_best"])
    if not lower.any():
        return []
    explained = [isinstance(n, str) and isinstance(b, str) and b in n
                 for n, b in zip(merged["notes"], merged["_best_id"], strict=True)]
    bad = merged[lower & ~pd.Series(explained, index=merged.index)]
    mask = pd.Series(figures.index.isin(bad.index), index=figures.index)
    return [_finding(
        "figures", "value", mask, figures["value"],
        lambda rows: ("is lower than " + bad["_best_id"] + " (" + bad["_best"].astype("string")
                      + ") by the same claimant on an earlier date; explain it in notes, "
                      "naming " + bad["_best_id"]).loc[rows],
    )]


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
    largest single cost of validating the real data), so the one file whose ISO block
    names the code is found by its bytes and parsed alone; countryinfo's own look-up is
    used whenever that is not exactly one file (tests/unit/test_rules_units.py checks
    both give the same outlines)."""
    import json

    found = _countryinfo_files().get(iso3, [])
    if len(found) == 1:
        data = json.loads(found[0].read_bytes())
        if data.get("ISO", {}).get("alpha3") == iso3 and "geoJSON" in data:
            return data["geoJSON"]  # type: ignore[no-any-return]
    return _outline_by_countryinfo(iso3)


@functools.cache
def _countryinfo_files() -> dict[str, list[Path]]:
    """The files of countryinfo's data folder that name each alpha-3 code (one pass over
    their bytes: 0.015 s)."""
    import re

    import countryinfo

    code = re.compile(rb'"alpha3"\s*:\s*"([A-Z]{3})"')
    files: dict[str, list[Path]] = {}
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        for found in set(code.findall(path.read_bytes())):
            files.setdefault(found.decode(), []).append(path)
    return files


def _outline_by_countryinfo(iso3: str) -> dict | None:
    from countryinfo import CountryInfo

    try:
        return CountryInfo(iso3).geo_json()
    except Exception:  # countryinfo raises its own error for a code it does not know
        return None


def check_coordinates(tables: Tables) -> list[Found]:
    """Latitude and longitude are given together, only with a coordinate_reference, and lie
    in the country that country_iso3 names: inside the bounding box of its outline in the
    countryinfo package (Natural Earth via world.geo.json) widened by 0.1 degrees, which
    also catches latitude and longitude swapped."""
    places = tables["locations"]
    lat, lon = places["latitude"].notna(), places["longitude"].notna()
    out = [
        _finding("locations", column, mask, places[column], rule)
        for mask, column, rule in (
            (lat != lon, "latitude", "latitude and longitude must both be given or both be empty"),
            ((lat | lon) & places["coordinate_reference"].isna(), "coordinate_reference",
             "is required when coordinates are given"),
            (~(lat | lon) & places["coordinate_reference"].notna(), "coordinate_reference",
             "must be empty when no coordinates are given"),
        )
    ]
    both = lat & lon & places["country_iso3"].notna()
    if not both.any():
        return out
    given = places[both.to_numpy()]
    boxes = {code: country_box(code) for code in given["country_iso3"].astype(str).unique()}
    outside = pd.Series(False, index=places.index)
    for code, box in boxes.items():
        if box is None:
            continue
        south, north, west, east = box
        mine = given[(given["country_iso3"].astype(str) == code).to_numpy()]
        la, lo = mine["latitude"].astype(float), mine["longitude"].astype(float)
        outside[mine.index[((la < south) | (la > north) | (lo < west) | (lo > east))
                           .to_numpy()]] = True
    pair = (_text(places["latitude"]) + ", " + _text(places["longitude"])).astype("string")

    def rule(rows: pd.Index) -> pd.Series:
        codes = places.loc[rows, "country_iso3"].astype(str)
        return pd.Series([
            f"is outside {code} (latitude {box[0]:.1f} to {box[1]:.1f}, longitude "
            f"{box[2]:.1f} to {box[3]:.1f}: the bounding box of its outline in countryinfo, "
            f"widened by {_BOX_MARGIN}°); is the place in another country, or are latitude "
            "and longitude swapped?"
            for code in codes for box in [boxes[code]]], index=rows)

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


def check_package(tables: Tables, release_date: dt.date | None = None) -> list[Problem]:
    """Run every package-level rule over the complete set of tables (``release_date``: the
    date of the release being made, which no publication date may pass)."""
    package = Package(tables, release_date)
    return [problem for rule in PACKAGE_RULES for found in rule(package) for problem in found]
