"""The release's GeoJSON is written one feature at a time; its bytes are those GeoPandas
writes for the same points (the file of every published release was written by GeoPandas)."""

from __future__ import annotations

from pathlib import Path

import geopandas
import numpy as np
import pandas as pd
import pytest

from strikeledger.builder.geo import write_geojson


def table(rows: list[dict], xs: list[float], ys: list[float]) -> geopandas.GeoDataFrame:
    frame = pd.DataFrame(rows, columns=["event_id", "summary", "weapons"], dtype=object)
    return geopandas.GeoDataFrame(
        frame, geometry=geopandas.points_from_xy(xs, ys, crs="OGC:CRS84"))


CASES = {
    "none": ([], [], []),
    "one": ([{"event_id": "EV-0001", "summary": "plain", "weapons": "rocket"}], [44.2], [33.3]),
    "missing, quotes, non-ASCII, escapes": (
        [{"event_id": "EV-0002", "summary": 'the "Tower 22" base — قاعدة\nline\ttab\\',
          "weapons": None},
         {"event_id": "EV-0003", "summary": "ünïcode \u2028 \U0001f680", "weapons": np.nan}],
        [38.61778, -0.1 + 0.2], [1e-7, 33.50583]),
}


@pytest.mark.parametrize("case", CASES)
def test_written_as_geopandas_writes_it(case: str, tmp_path: Path):
    points = table(*CASES[case])
    path = tmp_path / "events.geojson"
    write_geojson(points, path)
    expected = points.to_json(drop_id=True, ensure_ascii=False, indent=1) + "\n"
    assert path.read_bytes() == expected.encode("utf-8")
