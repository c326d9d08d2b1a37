"""The release as CSV: one file per table in the release's ``csv/`` folder, with a
``datapackage.json`` of its own, for readers without Parquet (R, Stata, spreadsheets).

Each file is UTF-8 (no byte-order mark), comma-separated, ``\\n`` line endings, a header
row, every text cell in double quotes, rows in the Parquet file's order; an empty cell is
an empty value. Values are written as the Table Schema reads them: dates ``YYYY-MM-DD``,
booleans ``true``/``false``, numbers in Arrow's shortest round-trip form. The descriptor
carries the same Table Schemas as the Parquet release (foreign keys included), so
``frictionless validate build/<version>/csv/datapackage.json`` checks the CSVs. Same
tables, byte-identical files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pcsv

from .. import metadata, schemas
from ..release_format import DESCRIPTOR, sha256

FOLDER = "csv"
CSV_MEDIATYPE = "text/csv"


# Arrow's CSV writer (fast, and its bytes fixed by the locked pyarrow): every text cell
# quoted ("needed" quotes all strings), numbers, dates and booleans bare, an empty cell for
# empty. The header is written here: column names (snake_case) need no quotes.
_OPTIONS = {"include_header": False, "quoting_style": "needed", "delimiter": ",",
            "eol": "\n"}


def write_csv_table(table: pa.Table, name: str, folder: Path) -> dict[str, Any]:
    """Write one released table, as written to Parquet (``table``: its Arrow form, typed
    through its Arrow schema), into ``folder/csv/``; its resource for the descriptor."""
    target = folder / FOLDER
    target.mkdir(exist_ok=True)
    path = target / f"{name}.csv"
    with path.open("wb") as handle:
        handle.write((",".join(table.column_names) + "\n").encode("utf-8"))
        pcsv.write_csv(table, handle, pcsv.WriteOptions(**_OPTIONS))
    return {
        "name": name,
        "path": path.name,
        "format": "csv",
        "mediatype": CSV_MEDIATYPE,
        "encoding": "utf-8",
        "hash": "sha256:" + sha256(path),
        "bytes": path.stat().st_size,
        "description": schemas.description(name),
        "schema": metadata.table_schema(name),
    }


def write_csv_descriptor(folder: Path, descriptor: dict[str, Any],
                         resources: list[dict[str, Any]]) -> None:
    """Write ``folder/csv/datapackage.json``: the package metadata of ``descriptor`` (the
    Parquet release's) with the CSVs' ``resources``."""
    copy = {key: value for key, value in descriptor.items() if key != "resources"}
    copy["description"] = (descriptor["description"] + " This folder holds the release's "
                           "tables as CSV; the Parquet files of the folder above hold the "
                           "same data.")
    copy["resources"] = resources
    text = json.dumps(copy, indent=2, ensure_ascii=False) + "\n"
    (folder / FOLDER / DESCRIPTOR).write_text(text, encoding="utf-8")
