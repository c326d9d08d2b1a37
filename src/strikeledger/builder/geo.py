"""The events with coordinates, for GIS users: GeoParquet and GeoJSON in each release.

Both files hold one point per event whose place has coordinates (``locations.latitude``
and ``longitude``, WGS84), with the event's main columns as attributes: GeoParquet 1.0
(WKB geometry, the ``geo`` metadata key with its CRS, OGC:CRS84) written by GeoPandas,
and a GeoJSON ``FeatureCollection`` (RFC 7946: longitude, latitude) from the same frame.
Events placed only at a governorate, a region or a country have no point and are left
out; ``events`` holds every event.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

GEOPARQUET = "events.geo.parquet"
GEOJSON = "events.geojson"
# The attributes of each point, in order (from events, locations and actors).
COLUMNS = ("event_id", "event_type", "date_earliest", "date_latest", "date_precision",
           "time_of_day", "location_id", "location", "country_iso3", "geo_precision",
           "weapons", "perpetrator_id", "perpetrator", "attribution", "target_id",
           "operation_id", "confirmation", "summary")


# The released tables the map files are made of.
GEO_TABLES = ("events", "locations", "actors")


def points(frames: dict[str, pd.DataFrame]) -> Any:
    """The events with coordinates as a GeoDataFrame (OGC:CRS84: longitude, latitude), in
    event order."""
    import geopandas

    events = frames["events"]
    locations = frames["locations"].set_index("location_id")
    names = frames["actors"].set_index("actor_id")["name"]
    table = events.copy()
    table["location"] = events["location_id"].map(locations["name"])
    table["country_iso3"] = events["location_id"].map(locations["country_iso3"])
    table["geo_precision"] = events["location_id"].map(locations["geo_precision"])
    table["perpetrator"] = events["perpetrator_id"].map(names)
    latitude = events["location_id"].map(locations["latitude"]).astype("float64")
    longitude = events["location_id"].map(locations["longitude"]).astype("float64")
    placed = latitude.notna() & longitude.notna()
    table = table.loc[placed, list(COLUMNS)].reset_index(drop=True)
    for column in table.columns:
        # Plain strings (ISO dates too), so both formats carry the same attribute values.
        table[column] = table[column].astype("object").where(table[column].notna(), None)
        table[column] = table[column].map(lambda v: v if v is None else str(v))
    geometry = geopandas.points_from_xy(longitude[placed], latitude[placed], crs="OGC:CRS84")
    return geopandas.GeoDataFrame(table, geometry=geometry)


def write_geo(frames: dict[str, pd.DataFrame], folder: Path,
              parquet_options: dict[str, Any]) -> None:
    """Write the GeoParquet and GeoJSON files of a release into ``folder``."""
    table = points(frames)
    options = {k: v for k, v in parquet_options.items() if k != "compression"}
    table.to_parquet(folder / GEOPARQUET, index=False, compression="zstd",
                     schema_version="1.0.0", **options)
    write_geojson(table, folder / GEOJSON)


def write_geojson(table: Any, path: Path) -> None:
    """Write ``table`` (from ``points``) as GeoJSON, one feature at a time: the bytes of
    GeoPandas' ``to_json(drop_id=True, ensure_ascii=False, indent=1)`` and a final newline
    (a test compares them), without building every feature as Python objects first, which
    at a million events took gigabytes and a minute. Every attribute is text or null."""
    columns = [column for column in table.columns if column != "geometry"]
    keys = [json.dumps(column) for column in columns]
    values = [table[column].tolist() for column in columns]
    xs, ys = table.geometry.x.tolist(), table.geometry.y.tolist()

    def text(value: object) -> str:  # missing (None or NaN) is null, as GeoPandas writes it
        return json.dumps(value if isinstance(value, str) else None, ensure_ascii=False)

    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write('{\n "type": "FeatureCollection",\n "features": [')
        for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
            properties = ",\n".join(f"    {key}: {text(column[i])}"
                                    for key, column in zip(keys, values, strict=True))
            out.write(f'{"," if i else ""}\n  {{\n   "type": "Feature",\n   "properties": '
                      f'{{\n{properties}\n   }},\n   "geometry": {{\n    "type": "Point",'
                      f'\n    "coordinates": [\n     {x!r},\n     {y!r}\n    ]\n   }}\n  }}')
        out.write("\n ]," if xs else "],")
        out.write('\n "crs": {\n  "type": "name",\n  "properties": {\n   "name": '
                  '"urn:ogc:def:crs:OGC::CRS84"\n  }\n }\n}\n')
