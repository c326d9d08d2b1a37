"""The release as CSV: one file per table in the release's ``csv/`` folder, with a
``datapackage.json`` of its own, for readers without Parquet (R, Stata, spreadsheets).

Each file is UTF-8 (no byte-order mark), comma-separated, ``\\n`` line endings, a header
row, cells quoted only where needed, rows in the Parquet file's order; an empty cell is an
empty value. Values are written as the Table Schema reads them: dates ``YYYY-MM-DD``,
booleans ``true``/``false``, numbers in Arrow's shortest round-trip form. The descriptor
carries the same Table Schemas as the Parquet release (foreign keys included), so
``frictionless validate build/<version>/csv/datapackage.json`` checks the CSVs. Same
frames, byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import metadata
from ..release_format import DESCRIPTOR, sha256

FOLDER = "csv"
CSV_MEDIATYPE = "text/csv"


def _cells(column: pa.ChunkedArray) -> list[str]:
    """A column as the text of its cells ('' for empty)."""
    if pa.types.is_boolean(column.type):
        text = pc.if_else(column, "true", "false")
    else:
        text = column.cast(pa.string())
    return pc.fill_null(text, "").to_pylist()


def csv_bytes(frame: pd.DataFrame, table: str) -> bytes:
    """One released table as CSV bytes, typed through its Arrow schema."""
    arrow = pa.Table.from_pandas(frame, schema=metadata.arrow_schema(table),
                                 preserve_index=False)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(arrow.column_names)
    writer.writerows(zip(*(_cells(arrow[name]) for name in arrow.column_names), strict=True))
    return out.getvalue().encode("utf-8")


def write_csv_copy(frames: dict[str, pd.DataFrame], folder: Path,
                   descriptor: dict[str, Any]) -> None:
    """Write ``folder/csv/``: the CSV of every table and its descriptor, whose package
    metadata is ``descriptor``'s (the Parquet release's) and whose resources are the CSVs."""
    target = folder / FOLDER
    target.mkdir()
    resources = []
    for item in descriptor["resources"]:
        name = item["name"]
        data = csv_bytes(frames[name], name)
        path = target / f"{name}.csv"
        path.write_bytes(data)
        resources.append({
            "name": name,
            "path": path.name,
            "format": "csv",
            "mediatype": CSV_MEDIATYPE,
            "encoding": "utf-8",
            "hash": "sha256:" + sha256(data),
            "bytes": len(data),
            "description": item["description"],
            "schema": item["schema"],
        })
    copy = {key: value for key, value in descriptor.items() if key != "resources"}
    copy["description"] = (descriptor["description"] + " This folder holds the release's "
                           "tables as CSV; the Parquet files of the folder above hold the "
                           "same data.")
    copy["resources"] = resources
    text = json.dumps(copy, indent=2, ensure_ascii=False) + "\n"
    (target / DESCRIPTOR).write_text(text, encoding="utf-8")
