"""Other tools read a built release: Frictionless validates it (foreign keys included)
and DuckDB reads every Parquet file."""

from __future__ import annotations

import json

import duckdb
import frictionless

import strikeledger


def test_frictionless_validates_the_release(release):
    report = frictionless.validate(str(release / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_validates_the_csv_copy_with_its_hashes_and_keys(release):
    report = frictionless.validate(str(release / "csv" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == len(strikeledger.tables(release))


def test_frictionless_finds_a_changed_csv_cell(release, tmp_path):
    import shutil

    copy = tmp_path / "csv"
    shutil.copytree(release / "csv", copy)
    events = copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(',"confirmed",', ',"sure",', 1),
                      encoding="utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    errors = {e.type for task in report.tasks for e in task.errors}
    assert not report.valid and {"hash-count", "constraint-error"} <= errors


def test_the_csv_copy_holds_what_the_parquet_files_hold(release):
    import polars as pl

    descriptor = json.loads((release / "csv" / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        data = (release / "csv" / resource["path"]).read_bytes()
        assert data.decode("utf-8").startswith(",".join(
            f["name"] for f in resource["schema"]["fields"]) + "\n")
        assert b"\r" not in data and not data.startswith(b"\xef\xbb\xbf")
        parquet = pl.read_parquet(release / f"{resource['name']}.parquet")
        csv = pl.read_csv(release / "csv" / resource["path"], schema=parquet.schema)
        assert csv.equals(parquet), resource["name"]


def test_duckdb_reads_every_table(release):
    descriptor = json.loads((release / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        path = release / resource["path"]
        columns = duckdb.sql(f"DESCRIBE SELECT * FROM '{path}'").fetchall()
        assert [c[0] for c in columns] == [f["name"] for f in resource["schema"]["fields"]]
        [(rows,)] = duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall()
        assert rows == len(strikeledger.load(resource["name"], release=release))
        types = {c[0]: c[1] for c in columns}
        for field in resource["schema"]["fields"]:
            expected = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE",
                        "date": "DATE", "boolean": "BOOLEAN"}[field["type"]]
            assert types[field["name"]] == expected


def test_duckdb_joins_events_to_their_sources(release):
    events = release / "events.parquet"
    links = release / "event_sources.parquet"
    unsourced = duckdb.sql(
        f"SELECT count(*) FROM '{events}' e ANTI JOIN '{links}' l USING (event_id)").fetchall()
    assert unsourced == [(0,)]


def test_polars_reads_every_table_with_the_declared_types(release):
    import polars as pl

    kinds = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "date": pl.Date,
             "boolean": pl.Boolean}
    descriptor = json.loads((release / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        frame = pl.read_parquet(release / resource["path"])
        fields = resource["schema"]["fields"]
        assert frame.columns == [f["name"] for f in fields]
        assert [frame.schema[f["name"]] for f in fields] == [kinds[f["type"]] for f in fields]
        assert frame.height == len(strikeledger.load(resource["name"], release=release))


def test_column_descriptions_travel_in_the_parquet_metadata(release):
    import pyarrow.parquet as pq

    descriptor = json.loads((release / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        schema = pq.read_schema(release / resource["path"])
        assert json.loads(schema.metadata[b"primary_key"]) == resource["schema"]["primaryKey"]
        for field in resource["schema"]["fields"]:
            described = schema.field(field["name"]).metadata[b"description"].decode()
            assert described == field["description"] and described
