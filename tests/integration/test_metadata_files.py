"""The files for other tools in a built release: GeoParquet and GeoJSON read back with
GeoPandas, croissant.json validated and read with mlcroissant, and CITATION.cff in step
with the release."""

from __future__ import annotations

import json
import re

import pandas as pd
import pyarrow.parquet as pq
import pytest
from helpers import CHANGELOG, ROOT

import strikeledger
from strikeledger import __version__
from strikeledger.builder.croissant import DATA_TYPES
from strikeledger.release_format import sha256


def placed_events(release) -> pd.DataFrame:
    events = strikeledger.load("events", release=release)
    locations = strikeledger.load("locations", release=release).set_index("location_id")
    events["latitude"] = events["location_id"].map(locations["latitude"])
    events["longitude"] = events["location_id"].map(locations["longitude"])
    return events[events["latitude"].notna()].reset_index(drop=True)


def test_geoparquet_has_its_metadata_and_reads_back(release):
    import geopandas

    geo = json.loads(pq.read_schema(release / "events.geo.parquet").metadata[b"geo"])
    assert geo["version"].startswith("1.") and geo["primary_column"] == "geometry"
    assert geo["columns"]["geometry"]["encoding"] == "WKB"
    frame = geopandas.read_parquet(release / "events.geo.parquet")
    assert frame.crs.to_epsg() == 4326 or frame.crs.to_string() == "OGC:CRS84"
    expected = placed_events(release)
    assert list(frame["event_id"]) == list(expected["event_id"])
    assert (frame.geometry.x.to_numpy() == expected["longitude"].to_numpy(float)).all()
    assert (frame.geometry.y.to_numpy() == expected["latitude"].to_numpy(float)).all()


def test_geojson_is_a_feature_collection_of_the_same_points(release):
    import geopandas

    collection = json.loads((release / "events.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    expected = placed_events(release)
    features = collection["features"]
    assert [f["properties"]["event_id"] for f in features] == list(expected["event_id"])
    first = features[0]
    assert first["geometry"]["type"] == "Point"
    assert first["geometry"]["coordinates"] == [expected["longitude"][0],
                                               expected["latitude"][0]]
    assert first["properties"]["date_earliest"] == str(expected["date_earliest"][0].date())
    assert len(geopandas.read_file(release / "events.geojson")) == len(expected)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_croissant_validates_and_reads_every_table(release):
    import mlcroissant

    dataset = mlcroissant.Dataset(jsonld=release / "croissant.json")
    issues = dataset.metadata.ctx.issues
    assert not issues.errors and not issues.warnings, issues.report()
    descriptor = strikeledger.descriptor(release)
    described = json.loads((release / "croissant.json").read_text(encoding="utf-8"))
    assert described["version"] == descriptor["version"] == __version__
    by_id = {f["@id"]: f for f in described["distribution"]}
    for resource in descriptor["resources"]:
        assert by_id[resource["path"]]["sha256"] == sha256(release / resource["path"])
    for record_set, resource in zip(described["recordSet"], descriptor["resources"],
                                    strict=True):
        assert record_set["name"] == resource["name"]
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in record_set["field"]] == [f["name"] for f in fields]
        assert [f["dataType"] for f in record_set["field"]] == [DATA_TYPES[f["type"]]
                                                               for f in fields]
    records = list(dataset.records(record_set="acled_events"))
    table = strikeledger.load("acled_events", release=release)
    assert len(records) == len(table)
    assert records[0]["acled_events/event_id"].decode() == table["event_id"][0]


def test_descriptor_keeps_its_data_package_profile(release):
    descriptor = strikeledger.descriptor(release)
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"


def test_citation_file_follows_the_release():
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    version = re.search(r'^version: "([^"]+)"$', text, re.M).group(1)
    released = re.search(r'^date-released: "([^"]+)"$', text, re.M).group(1)
    assert version == __version__
    assert f"## [{__version__}] - {released}" in CHANGELOG.read_text(encoding="utf-8")
