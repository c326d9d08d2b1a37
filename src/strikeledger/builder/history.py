"""Identifiers are forever: the data being released against every earlier release.

The build refuses a release in which an id of any earlier release (every version that
``build/RELEASES.json`` records, read from its folder with its hashes checked):
- names a different thing: a column of the table's identity (``IDENTITY``), which
  corrections may not change, holds another value;
- comes back after it was removed (left out of a later earlier release, or listed in
  an earlier release's ``retired_ids``);
- is gone without a row in ``retired_ids``, which keeps withdrawn ids visible to users.

Everything else about a row may be corrected (dates narrowed or shifted, a place made
precise, a summary rewritten, notes, links): a correction keeps the id, a different thing
gets a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..problems import Problem, display_path
from ..validate.csvio import read_regular, record_lines


@dataclass(frozen=True)
class Identity:
    """What one id of a table means: the columns whose value never changes for it, and the
    same in words (for the codebook)."""

    id_column: str
    columns: tuple[str, ...]
    words: str


# One row per table whose ids are released; the codebook prints ``words``.
IDENTITY: dict[str, Identity] = {
    "sources": Identity(
        "source_id", ("source_type", "document_sha256", "url"),
        "the same kind of source, and the same document (document_sha256) or page (url)"),
    "locations": Identity(
        "location_id", ("location_type", "country_iso3", "name"),
        "the same kind of place in the same country, under the same name (a new canonical "
        "name must keep the old one among its aliases)"),
    "actors": Identity(
        "actor_id", ("actor_type", "affiliation", "name"),
        "the same kind of party on the same side, under the same name (a new canonical name "
        "must keep the old one among its aliases)"),
    "operations": Identity(
        "operation_id", ("announced_by_id",), "the same announcing party"),
    "events": Identity(
        "event_id", ("event_type", "country", "dates"),
        "the same event type, in the same country (of its location), on dates that overlap "
        "the earlier date range (a re-dated event narrows or shifts its range; it does not "
        "move to days the earlier range excluded)"),
    "figures": Identity(
        "figure_id", ("source_id", "value", "qualifier"),
        "the same number (value and qualifier) stated by the same source"),
}


def _text(series: pd.Series) -> pd.Series:
    """Values as comparable text (dates as YYYY-MM-DD, whole numbers without .0)."""
    if series.dtype.kind == "M":
        return series.dt.strftime("%Y-%m-%d").astype("string")
    if series.dtype.kind == "f" or str(series.dtype).startswith(("Float", "double")):
        return series.astype("Float64").map(
            lambda v: None if pd.isna(v) else (str(int(v)) if float(v).is_integer() else str(v))
        ).astype("string")
    return series.astype("string")


def _shown(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _countries(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """location_id → ISO alpha-3 country (1.x releases held alpha-2 in ``country``)."""
    places = tables["locations"]
    if "country_iso3" in places:
        return dict(zip(places["location_id"].astype(str), places["country_iso3"].astype(str),
                        strict=True))
    import pycountry

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    return {lid: alpha3.get(code, code) for lid, code in
            zip(places["location_id"].astype(str), places["country"].astype(str), strict=True)}


@dataclass(frozen=True)
class _Release:
    version: str
    tables: dict[str, pd.DataFrame]


def _changes(table: str, old: pd.DataFrame, new: pd.DataFrame, old_release: _Release,
             new_tables: dict[str, pd.DataFrame]) -> list[tuple[int, str, str, str]]:
    """(row of ``new``, column, new value, old value) for each identity column an id of
    ``old`` changed in ``new``."""
    identity = IDENTITY[table]
    key = identity.id_column
    old = old.drop_duplicates(key)
    old.index = old[key].astype(str).to_numpy()
    rows = pd.Series(range(len(new)), index=new.index)
    ids = new[key].astype(str)
    common = ids.isin(old.index).to_numpy()
    if not common.any():
        return []
    mine, theirs = new[common], old.loc[ids[common].to_numpy()]
    found: list[tuple[int, str, str, str]] = []

    def differs(column: str, a: pd.Series, b: pd.Series,
                allowed: Callable[[int], bool] | None = None) -> None:
        a_text, b_text = _text(a).reset_index(drop=True), _text(b).reset_index(drop=True)
        unequal = (a_text != b_text).fillna(a_text.isna() != b_text.isna())
        for i in unequal[unequal].index:
            if allowed is not None and allowed(int(i)):
                continue
            found.append((int(rows[mine.index[i]]), column, _shown(a_text[i]),
                          _shown(b_text[i])))

    for column in identity.columns:
        if column == "country":
            here, there = _countries(new_tables), _countries(old_release.tables)
            differs("location_id", mine["location_id"].astype(str).map(here),
                    theirs["location_id"].astype(str).map(there))
        elif column == "dates":
            start_a = pd.to_datetime(_text(mine["date_earliest"])).reset_index(drop=True)
            end_a = pd.to_datetime(_text(mine["date_latest"])).reset_index(drop=True)
            start_b = pd.to_datetime(_text(theirs["date_earliest"])).reset_index(drop=True)
            end_b = pd.to_datetime(_text(theirs["date_latest"])).reset_index(drop=True)
            apart = ((end_a < start_b) | (end_b < start_a)).fillna(False)
            for i in apart[apart].index:
                found.append((int(rows[mine.index[i]]), "date_earliest",
                              f"{start_a[i]:%Y-%m-%d} to {end_a[i]:%Y-%m-%d}",
                              f"{start_b[i]:%Y-%m-%d} to {end_b[i]:%Y-%m-%d}"))
        elif column in mine and column in theirs:
            allowed = None
            if column == "name" and "aliases" in mine:
                aliases = mine["aliases"].astype("string").fillna("").reset_index(drop=True)
                old_names = _text(theirs["name"]).reset_index(drop=True)

                def allowed(i: int, aliases=aliases, old_names=old_names) -> bool:
                    return str(old_names[i]) in aliases[i].split(";")
            differs(column, mine[column], theirs[column], allowed)
    return found


def earlier_releases(out_dir: Path, version: str) -> list[Path]:
    """The folders of the releases recorded in ``out_dir``'s manifest before ``version``
    (in version order)."""
    from .manifest import read_manifest

    def semver(v: str) -> tuple[int, ...]:
        return tuple(int(part) for part in v.split("."))

    recorded = [v for v in read_manifest(out_dir) if v != version]
    return [out_dir / v for v in sorted(recorded, key=semver) if semver(v) < semver(version)]


def _load(folder: Path) -> _Release:
    from ..reader import open_release

    release = open_release(folder)
    tables = {name: release.load(name) for name in [*IDENTITY, "retired_ids"]
              if name in release.names}
    return _Release(str(release.version), tables)


def check_history(tables: dict[str, pd.DataFrame], data_dir: Path | None, out_dir: Path,
                  version: str) -> list[Problem]:
    """Every way in which ``tables`` (the curated tables of ``data_dir`` about to be released
    as ``version``, or the tables of release ``version`` itself when ``data_dir`` is None)
    break the ids of the earlier releases in ``out_dir``."""
    releases = [_load(folder) for folder in earlier_releases(out_dir, version)]
    if not releases:
        return []
    found: list[tuple[str, int | None, str, str, str]] = []  # table, row, column, value, rule
    retired_now = set(tables["retired_ids"]["retired_id"].astype(str)) \
        if "retired_ids" in tables else set()
    for table, identity in IDENTITY.items():
        key = identity.id_column
        if table not in tables:  # a table an old release did not have yet
            continue
        ids = tables[table][key].astype(str)
        live = set(ids)
        row_of = {value: row for row, value in enumerate(ids)}
        seen: dict[str, str] = {}  # id → the first release that held it
        gone: dict[str, str] = {}  # id → the first release that left it out after holding it
        reported: set[tuple[int, str]] = set()
        for release in releases:
            held = set(release.tables[table][key].astype(str)) if table in release.tables \
                else set()
            for old_id in held:
                seen.setdefault(old_id, release.version)
            for old_id in set(seen) - held:
                gone.setdefault(old_id, release.version)
            if "retired_ids" in release.tables:
                retired = release.tables["retired_ids"]["retired_id"].astype(str)
                for old_id in retired[retired.str.startswith(_PREFIX[table])]:
                    gone.setdefault(old_id, release.version)
            if table in release.tables:
                for row, column, value, before in _changes(
                        table, release.tables[table], tables[table], release, tables):
                    if (row, column) in reported:
                        continue  # named once, against the first release it differs from
                    reported.add((row, column))
                    found.append((table, row, column, value,
                                  f"{ids.iloc[row]} held {before or '(empty)'} in release "
                                  f"{release.version}: an id never changes meaning ("
                                  f"{identity.words}); give this row a new id, and list "
                                  f"{ids.iloc[row]} in retired_ids if the old row is withdrawn"))
        for old_id in sorted(live & set(gone)):
            found.append((table, row_of[old_id], key, old_id,
                          f"was removed in release {gone[old_id]} and may not come back; "
                          "a withdrawn id stays retired: give this row a new id"))
        for old_id in sorted(set(seen) - live - retired_now, key=lambda i: (len(i), i)):
            found.append(("retired_ids", None, "retired_id", old_id,
                          f"{old_id} of release {seen[old_id]} is no longer in {table}: add a "
                          f"row for it to retired_ids (retired_in {gone.get(old_id, version)}, "
                          "with what replaced it) so that users can still look it up"))
    if data_dir is None:
        return sorted(Problem(f"{table} ({version})", None, column, value, rule)
                      for table, _, column, value, rule in found)
    return _placed(found, data_dir)


_PREFIX = {"sources": "SRC-", "locations": "LOC-", "actors": "ACT-", "operations": "OP-",
           "events": "EV-", "figures": "FIG-"}


def _placed(found: list[tuple[str, int | None, str, str, str]], data_dir: Path) -> list[Problem]:
    """The findings as problems at the lines of the curated CSVs."""
    lines: dict[str, list[int]] = {}
    out = []
    for table, row, column, value, rule in found:
        path = data_dir / f"{table}.csv"
        line = None
        if row is not None:
            if table not in lines:
                lines[table] = record_lines(read_regular(path).decode("utf-8-sig"))
            line = lines[table][row]
        out.append(Problem(display_path(path), line, column, value, rule))
    return sorted(out, key=lambda p: (p.file, p.line or 0, p.column or "", p.rule))
