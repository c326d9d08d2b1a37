"""Package-level rules: what no single column's checks can see.

Each rule takes every table (typed DataFrames whose index is the row position
in its CSV) and returns groups of ``Problem``s (one group per check, each problem
naming its table as ``file`` and its ``row``; validation places them at lines).
All rules are vectorised: membership and look-ups run in Arrow compute, there is
no Python loop over rows, and messages are written only for the rows that break a
rule, so they carry a dataset of millions of rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..problems import Problem
from ..schemas import MODELS, foreign_keys

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

    def __init__(self, tables: Tables):
        super().__init__(tables)
        self._positions: dict[tuple[str, str, str, str], pa.Array] = {}

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


def _text(values: pd.Series) -> pd.Series:
    """Values as the user wrote them (dates back to ISO strings, empty for null)."""
    return values.astype("string").fillna("")


def check_foreign_keys(tables: Tables) -> list[Found]:
    """Every foreign key (listed with each table) points to an existing row."""
    out = []
    for name in MODELS:
        frame = tables[name]
        for fk in foreign_keys(name):
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


def check_responses(tables: Tables) -> list[Found]:
    """An event's responds_to names another event that began no later than this one's
    date_latest."""
    events = tables["events"]
    answered = events["responds_to"]
    itself = _finding("events", "responds_to", answered == events["event_id"], answered,
                      "an event cannot respond to itself")
    answered_start = _lookup(tables, "events", "responds_to", "events", "event_id",
                             "date_earliest")
    mask = answered_start > events["date_latest"]
    return [itself, _finding(
        "events", "responds_to", mask, answered,
        lambda rows: "refers to an event that began on " + _text(answered_start.loc[rows])
        + ", after this event's date_latest " + _text(events.loc[rows, "date_latest"]),
    )]


def check_figures(tables: Tables) -> list[Found]:
    """A figure's value is empty exactly when its qualifier is unquantified, and a figure
    about an event is not dated (as_of) before the event began."""
    figures = tables["figures"]
    unquantified = figures["qualifier"] == "unquantified"
    has_value = figures["value"].notna()
    out = [
        _finding("figures", "value", mask, figures["value"], rule)
        for mask, rule in (
            (unquantified & has_value, "must be empty when qualifier is unquantified"),
            (~unquantified & ~has_value & figures["qualifier"].notna(),
             "is required unless qualifier is unquantified"),
        )
    ]
    start = _lookup(tables, "figures", "event_id", "events", "event_id", "date_earliest")
    mask = figures["as_of"] < start
    return [*out, _finding(
        "figures", "as_of", mask, figures["as_of"],
        lambda rows: "is before the start of its event (" + _text(start.loc[rows]) + ")",
    )]


def check_every_event_sourced(tables: Tables) -> list[Found]:
    """Every event has at least one row in event_sources."""
    events = tables["events"]
    mask = ~_isin(tables, "events", "event_id", "event_sources", "event_id")
    return [_finding("events", "event_id", mask, events["event_id"],
                     "has no row in event_sources (every event needs a source)")]


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
    for table, column in (("event_sources", "paragraphs"), ("figures", "paragraph")):
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
    key = ["claimant_actor_id", "metric", "area", "period_start"]
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


def check_coordinates(tables: Tables) -> list[Found]:
    """Latitude and longitude are given together, and only with a coordinate_reference."""
    places = tables["locations"]
    lat, lon = places["latitude"].notna(), places["longitude"].notna()
    return [
        _finding("locations", column, mask, places[column], rule)
        for mask, column, rule in (
            (lat != lon, "latitude", "latitude and longitude must both be given or both be empty"),
            ((lat | lon) & places["coordinate_reference"].isna(), "coordinate_reference",
             "is required when coordinates are given"),
            (~(lat | lon) & places["coordinate_reference"].notna(), "coordinate_reference",
             "must be empty when no coordinates are given"),
        )
    ]


PACKAGE_RULES = (
    check_foreign_keys,
    check_date_ranges,
    check_responses,
    check_figures,
    check_every_event_sourced,
    check_source_kinds,
    check_running_counts,
    check_coordinates,
)


def check_package(tables: Tables) -> list[Problem]:
    """Run every package-level rule over the complete set of tables."""
    package = Package(tables)
    return [problem for rule in PACKAGE_RULES for found in rule(package) for problem in found]
