"""The table metadata derived from the Pandera models, and nothing written a second time.

- ``table_schema(table)``: the Frictionless Table Schema (v2) of a released table;
- ``arrow_schema(table)``: the Arrow schema its Parquet file is written with,
  each column's description in the field metadata;
- ``pandas_dtypes(table)``: the dtypes ``strikeledger.load`` returns, obtained by
  passing the derived Table Schema through the release format's type table, so the
  loader (which cannot import pandera) and the models cannot drift apart;
- ``in_key_order(frame, table)``: rows in primary-key order (ids numerically), the
  order of the canonical CSVs and of every released file.

Build side only: importing this module imports pandera.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from . import schemas
from .release_format import TABLE_SCHEMA_PROFILE, field_type, pandas_dtype
from .schemas.fields import KINDS
from .schemas.vocabularies import VOCABULARIES


@dataclass(frozen=True)
class Column:
    """One column of one table, as the model defines it."""

    name: str
    kind: str  # Table Schema type: string, integer, number, date
    required: bool
    unique: bool
    description: str
    enum: list[str] | None
    pattern: str | None
    minimum: Any
    maximum: Any
    metadata: dict[str, Any]
    checks: tuple[Any, ...]


def columns(table: str, *, released: bool = True) -> list[Column]:
    """The columns of a table in order, from its model (curated or released)."""
    return list(_columns(table, released))


@functools.cache
def _columns(table: str, released: bool) -> tuple[Column, ...]:
    # Read from the model's fields (pandera's record of each annotation and Field), not from
    # ``to_schema()``: building the schema resolves each ``Series[...]`` annotation through
    # pandera's type engine, which imports geopandas when it is installed, a tenth of a
    # second that validation does not otherwise need. tests/unit/test_schemas.py checks that
    # both say the same.
    model = (schemas.RELEASED if released else schemas.MODELS)[table]
    out = []
    for annotation, field in model.__fields__.values():
        checks = tuple(field.checks)
        stats = {check.name: check.statistics for check in checks}
        out.append(Column(
            name=field.name,
            kind=KINDS[annotation.arg],
            required=not field.nullable,
            unique=bool(field.unique) or "unique_when_present" in stats,
            description=field.description or "",
            enum=list(stats["isin"]["allowed_values"]) if "isin" in stats else None,
            pattern=stats.get("str_matches", {}).get("pattern"),
            minimum=stats.get("greater_than_or_equal_to", {}).get("min_value"),
            maximum=stats.get("less_than_or_equal_to", {}).get("max_value"),
            metadata=dict(field.metadata or {}),
            checks=checks,
        ))
    return tuple(out)


def _xsd_pattern(pattern: str) -> str:
    """Table Schema patterns are implicitly anchored XML-Schema regexes."""
    return pattern.removeprefix("^").removesuffix("$").replace("(?:", "(")


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.kind,
                             "description": column.description}
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if column.enum is not None:
        constraints["enum"] = column.enum
    if column.pattern is not None:
        constraints["pattern"] = _xsd_pattern(column.pattern)
    if column.minimum is not None:
        constraints["minimum"] = _json_value(column.minimum)
    if column.maximum is not None:
        constraints["maximum"] = _json_value(column.maximum)
    if constraints:
        field["constraints"] = constraints
    vocabulary = column.metadata.get("vocabulary")
    if column.enum is not None and vocabulary:
        meanings = VOCABULARIES[vocabulary].meanings
        field["categories"] = [{"value": code, "label": meanings[code]} for code in column.enum]
    elif column.enum is not None:  # another dataset's labels (schemas/external.py)
        field["categories"] = [{"value": code} for code in column.enum]
    return field


def table_schema(table: str, *, released: bool = True) -> dict[str, Any]:
    """The Frictionless Table Schema of a released table (or of its curated CSV)."""
    out: dict[str, Any] = {
        "$schema": TABLE_SCHEMA_PROFILE,
        "fields": [_field(column) for column in columns(table, released=released)],
        "primaryKey": schemas.primary_key(table),
    }
    foreign = schemas.foreign_keys(table, released=released)
    if foreign:
        out["foreignKeys"] = foreign
    return out


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of a released table's Parquet file."""
    fields = [
        pa.field(column.name, field_type(column.kind).arrow, nullable=not column.required,
                 metadata={"description": column.description})
        for column in columns(table)
    ]
    return pa.schema(fields, metadata={
        "description": schemas.description(table),
        "primary_key": json.dumps(schemas.primary_key(table)),
    })


def pandas_dtypes(table: str) -> dict[str, Any]:
    """The dtypes the loader returns for a released table."""
    return {field["name"]: pandas_dtype(field) for field in table_schema(table)["fields"]}


def in_key_order(frame: Any, table: str, *, released: bool = True) -> Any:
    """Rows sorted by the table's primary key (an Arrow sort; a frame already in order, as
    the canonical CSVs are, comes back as it is). Identifier columns sort in numeric
    order: a longer id has more digits, so ordering by length, then text, puts EV-9999
    before EV-10000."""
    import numpy as np
    import pyarrow.compute as pc

    ids = {c.name for c in columns(table, released=released) if "identifier" in c.metadata}
    arrays, sort_keys = {}, []
    for i, column in enumerate(schemas.primary_key(table)):
        values = pa.array(frame[column], from_pandas=True)
        if column in ids:
            arrays[f"length{i}"] = pc.utf8_length(values)
            sort_keys.append((f"length{i}", "ascending"))
        arrays[f"text{i}"] = values
        sort_keys.append((f"text{i}", "ascending"))
    order = pc.sort_indices(pa.table(arrays), sort_keys=sort_keys).to_numpy()
    if np.array_equal(order, np.arange(len(order))):
        return frame
    return frame.take(order)
