"""The release as CSV: one file per table in the release's ``csv/`` folder, with a
``datapackage.json`` of its own, for readers without Parquet (R, Stata, spreadsheets).

Each file is UTF-8 (no byte-order mark), comma-separated, ``\\n`` line endings, a header
row, every text cell in double quotes, rows in the Parquet file's order; an empty cell is
an empty value. Values are written as the Table Schema reads them: dates ``YYYY-MM-DD``,
booleans ``true``/``false``, numbers in Arrow's shortest round-trip form. The descriptor
carries the same Table Schemas as the Parquet release (foreign keys included), so
``frictionless validate build/<version>/csv/datapackage.json`` checks the CSVs. Same
frames, byte-identical files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pcsv

from .. import metadata
from ..release_format import DESCRIPTOR, sha256

FOLDER = "csv"
CSV_MEDIATYPE = "text/csv"


# Arrow's CSV writer (fast, and its bytes fixed by the locked pyarrow): every text cell
# quoted ("needed" quotes all strings), numbers, dates and booleans bare, an empty cell for
# empty. The header is written here: column names (snake_case) need no quotes.
_OPTIONS = {"include_header": False, "quoting_style": "needed", "delimiter": ",",
            "eol": "\n"}


def write_csv(frame: pd.DataFrame, table: str, path: Path) -> None:
    """Write one released table as CSV, typed through its Arrow schema."""
    arrow = pa.Table.from_pandas(frame, schema=metadata.arrow_schema(table),
                                 preserve_index=False)
    with path.open("wb") as handle:
        handle.write((",".join(arrow.column_names) + "\n").encode("utf-8"))
        pcsv.write_csv(arrow, handle, pcsv.WriteOptions(**_OPTIONS))


def write_csv_copy(frames: dict[str, pd.DataFrame], folder: Path,
                   descriptor: dict[str, Any]) -> None:
    """Write ``folder/csv/``: the CSV of every table and its descriptor, whose package
    metadata is ``descriptor``'s (the Parquet release's) and whose resources are the CSVs."""
    target = folder / FOLDER
    target.mkdir()
    resources = []
    for item in descriptor["resources"]:
        name = item["name"]
        path = target / f"{name}.csv"
        write_csv(frames[name], name, path)
        resources.append({
            "name": name,
            "path": path.name,
            "format": "csv",
            "mediatype": CSV_MEDIATYPE,
            "encoding": "utf-8",
            "hash": "sha256:" + sha256(path),
            "bytes": path.stat().st_size,
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
