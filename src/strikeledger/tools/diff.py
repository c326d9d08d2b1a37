"""``strikeledger diff OLD NEW``: what changed between two releases.

Per table: columns added, removed or retyped (and vocabulary codes added or removed),
then rows added, removed and changed, matched by primary key, with the changed columns
and their old and new values. Releases are read with the loader (hashes checked), so
this needs only pandas and pyarrow.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ReleaseError
from ..reader import Release, open_release

_SHOWN = 70  # characters of a value shown in text output


def resolve(release: str, releases: Path | None = None) -> Path:
    """A release folder, its datapackage.json or zip, or a version: found under
    ``releases`` when given, else among the releases the package carries (checked
    against their manifest)."""
    from ..reader import versions

    path = Path(release)
    if path.exists():
        return path
    if releases is not None:
        if (releases / release).is_dir():
            return releases / release
        raise ReleaseError(f"{release}: neither a release folder nor a version under "
                           f"{releases}")
    if versions.is_version(release):
        return versions.locate(release)
    raise ReleaseError(f"{release}: neither a release folder nor a version this package "
                       f"carries ({', '.join(versions.versions())})")


def _fields(release: Release, table: str) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in release.fields(table)}


def _schema_changes(old: dict[str, dict], new: dict[str, dict]) -> dict[str, Any]:
    changes: dict[str, Any] = {
        "added": [n for n in new if n not in old],
        "removed": [n for n in old if n not in new],
        "retyped": {n: [old[n]["type"], new[n]["type"]] for n in new
                    if n in old and old[n]["type"] != new[n]["type"]},
        "codes": {},
    }
    for name in new:
        if name not in old:
            continue
        before = old[name].get("constraints", {}).get("enum")
        after = new[name].get("constraints", {}).get("enum")
        if before != after and (before or after):
            changes["codes"][name] = {
                "added": [c for c in after or [] if c not in (before or [])],
                "removed": [c for c in before or [] if c not in (after or [])],
            }
    return changes


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Values as comparable text (dates as YYYY-MM-DD), <NA> for null."""
    out = {}
    for column in frame.columns:
        series = frame[column]
        if series.dtype.kind == "M":
            series = series.dt.strftime("%Y-%m-%d")
        out[column] = series.astype("string")
    return pd.DataFrame(out)


def _row_changes(old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> dict[str, Any]:
    old, new = _as_text(old), _as_text(new)
    both = old.merge(new, on=key, how="outer", suffixes=("_old", "_new"), indicator=True)
    label = both[key].fillna("").agg("/".join, axis=1)
    added = label[both["_merge"] == "right_only"].tolist()
    removed = label[both["_merge"] == "left_only"].tolist()
    common = both["_merge"] == "both"
    shared = [c for c in new.columns if c in old.columns and c not in key]
    differs = {}
    for c in shared:
        a, b = both[f"{c}_old"], both[f"{c}_new"]
        differs[c] = common & ((a != b).fillna(True) & ~(a.isna() & b.isna()))
    any_change = pd.concat(differs, axis=1).any(axis=1) if differs else common & False
    changed = []
    for i in both.index[any_change]:
        columns = {c: [_value(both.at[i, f"{c}_old"]), _value(both.at[i, f"{c}_new"])]
                   for c in shared if differs[c].at[i]}
        changed.append({"key": label.at[i], "columns": columns})
    return {"added": added, "removed": removed, "changed": changed}


def _value(value: object) -> str | None:
    return None if pd.isna(value) else str(value)


def diff(old: Path, new: Path) -> dict[str, Any]:
    """The differences between two releases, as a JSON-ready dict."""
    a, b = open_release(old), open_release(new)
    tables_a, tables_b = a.names, b.names
    out: dict[str, Any] = {"old": a.version, "new": b.version, "tables": {}}
    for table in tables_b + [t for t in tables_a if t not in tables_b]:
        if table not in tables_a:
            out["tables"][table] = {"status": "added", "rows": b.read_arrow(table).num_rows}
            continue
        if table not in tables_b:
            out["tables"][table] = {"status": "removed"}
            continue
        schema = _schema_changes(_fields(a, table), _fields(b, table))
        key = list(b.resource(table)["schema"]["primaryKey"])
        rows = _row_changes(a.load(table), b.load(table), key)
        changed = any(schema[k] for k in schema) or any(rows[k] for k in rows)
        out["tables"][table] = {"status": "changed" if changed else "unchanged",
                                "schema": schema, "rows": rows}
    return out


def _short(value: str | None) -> str:
    if value is None:
        return "(empty)"
    return value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…"


def _change(old: str | None, new: str | None) -> str:
    """old → new; for ';'-separated lists (aliases, weapons: ';' with no space after it,
    unlike prose), the items added and removed."""
    if old and new and ";" in old + new and "; " not in old + new:
        before, after = old.split(";"), new.split(";")
        parts = [f"+ {x}" for x in after if x not in before]
        parts += [f"- {x}" for x in before if x not in after]
        if parts:
            return "; ".join(parts)
    return f"{_short(old)} → {_short(new)}"


def as_text(result: dict[str, Any], *, full: bool = False) -> str:
    """The diff for reading; ``full`` lists every changed value, else a few per table."""
    lines = [f"strikeledger diff {result['old']} → {result['new']}"]
    for table, change in result["tables"].items():
        status = change["status"]
        if status == "added":
            lines.append(f"\n{table}: new table ({change['rows']} rows)")
            continue
        if status == "removed":
            lines.append(f"\n{table}: table removed")
            continue
        if status == "unchanged":
            lines.append(f"\n{table}: unchanged")
            continue
        schema, rows = change["schema"], change["rows"]
        lines.append(f"\n{table}: {len(rows['added'])} added, {len(rows['removed'])} removed, "
                     f"{len(rows['changed'])} changed")
        lines += [f"  + column {c}" for c in schema["added"]]
        lines += [f"  - column {c}" for c in schema["removed"]]
        lines += [f"  ~ column {c}: {t[0]} → {t[1]}" for c, t in schema["retyped"].items()]
        for column, codes in schema["codes"].items():
            if codes["added"]:
                lines.append(f"  ~ codes of {column}: + {', '.join(codes['added'])}")
            if codes["removed"]:
                lines.append(f"  ~ codes of {column}: - {', '.join(codes['removed'])}")
        limit = None if full else 10
        lines += [f"  + {k}" for k in rows["added"][:limit]]
        lines += [f"  - {k}" for k in rows["removed"][:limit]]
        for item in rows["changed"][:limit]:
            lines.append(f"  ~ {item['key']}")
            lines += [f"      {c}: {_change(o, n)}" for c, (o, n) in item["columns"].items()]
        hidden = sum(max(0, len(rows[k]) - 10) for k in rows) if not full else 0
        if hidden:
            lines.append(f"  … and {hidden} more (use --full)")
    return "\n".join(lines) + "\n"


def summary_line(result: dict[str, Any]) -> str:
    """The diff in one line, the form each CHANGELOG.md entry holds (and the build checks):
    per table that changed, rows added (+), removed (-) and changed (~); new and removed
    tables; unchanged tables left out."""
    parts = []
    for table, change in result["tables"].items():
        status = change["status"]
        if status == "added":
            parts.append(f"{table} new ({change['rows']} rows)")
        elif status == "removed":
            parts.append(f"{table} removed")
        elif status == "changed":
            rows = change["rows"]
            counts = [f"{sign}{len(rows[kind])}" for sign, kind in
                      (("+", "added"), ("-", "removed"), ("~", "changed")) if rows[kind]]
            parts.append(f"{table} {' '.join(counts) or 'columns changed'}")
    body = "; ".join(parts) if parts else "no change"
    return f"Rows (`strikeledger diff {result['old']} {result['new']}`): {body}."
