"""croissant.json: the release described in Croissant 1.0 (MLCommons), for dataset search.

Generated from the release's own descriptor (which is generated from the schemas), so
the two cannot disagree: one ``cr:FileObject`` per Parquet file with its sha256, and one
``cr:RecordSet`` per table whose ``cr:Field``s are the table's columns, each with its
description and type, read from the Parquet column of the same name. The GeoParquet,
GeoJSON and CSV files are listed as files too. ``tests/integration/test_metadata_files.py``
validates it with ``mlcroissant``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..release_format import sha256

NAME = "croissant.json"
CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
# The JSON-LD context of Croissant 1.0, as the specification gives it.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
# Croissant data type of each Table Schema type.
DATA_TYPES = {"string": "sc:Text", "integer": "sc:Integer", "number": "sc:Float",
              "boolean": "sc:Boolean", "date": "sc:Date"}
PARQUET = "application/x-parquet"
EXTRA_FILES = {".parquet": PARQUET, ".geojson": "application/geo+json", ".csv": "text/csv"}


def citation(version: str, year: int) -> str:
    """How to cite a release (also the CITATION.cff ``preferred-citation`` in words)."""
    return (f"StrikeLedger maintainers ({year}). StrikeLedger: Iran-aligned militia attacks on "
            f"U.S. forces in Iraq and Syria, 2023-24, version {version} [data set].")


def croissant(descriptor: dict[str, Any], folder: Path,
              extra_files: list[str]) -> dict[str, Any]:
    """The Croissant description of the release in ``folder`` with ``descriptor``."""
    created = descriptor["created"][:10]
    files = [{
        "@type": "cr:FileObject",
        "@id": resource["path"],
        "name": resource["path"],
        "description": f"The {resource['name']} table.",
        "contentUrl": resource["path"],
        "encodingFormat": PARQUET,
        "sha256": resource["hash"].removeprefix("sha256:"),
    } for resource in descriptor["resources"]]
    for name in extra_files:
        suffix = Path(name).suffix
        what = (f"The {Path(name).stem} table as CSV." if suffix == ".csv"
                else "The events with coordinates, one point each.")
        files.append({"@type": "cr:FileObject", "@id": name, "name": name,
                      "description": what,
                      "contentUrl": name, "encodingFormat": EXTRA_FILES[suffix],
                      "sha256": sha256(folder / name)})
    record_sets = []
    for resource in descriptor["resources"]:
        table = resource["name"]
        schema = resource["schema"]
        record_sets.append({
            "@type": "cr:RecordSet",
            "@id": table,
            "name": table,
            "description": resource["description"],
            "key": [{"@id": f"{table}/{column}"} for column in schema["primaryKey"]],
            "field": [{
                "@type": "cr:Field",
                "@id": f"{table}/{field['name']}",
                "name": field["name"],
                "description": field["description"],
                "dataType": DATA_TYPES[field["type"]],
                "source": {"fileObject": {"@id": resource["path"]},
                           "extract": {"column": field["name"]}},
            } for field in schema["fields"]],
        })
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": descriptor["name"],
        "description": descriptor["description"],
        "version": descriptor["version"],
        "datePublished": created,
        "license": [licence["path"] for licence in descriptor["licenses"]],
        "url": f"https://pypi.org/project/strikeledger/{descriptor['version']}/",
        "citeAs": citation(descriptor["version"], int(created[:4])),
        "creator": [{"@type": "sc:Organization", "name": c["title"]}
                    for c in descriptor["contributors"]],
        "keywords": descriptor["keywords"],
        "isLiveDataset": False,
        "distribution": files,
        "recordSet": record_sets,
    }
