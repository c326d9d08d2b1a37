"""Writing a release and publishing it into the folder of releases.

``ReleaseWriter`` writes the Parquet files and their CSV copies into a staging folder as
the build finishes each table, then the descriptor and the files for other tools derived
from them (GeoParquet, GeoJSON, Croissant);
``publish`` moves it into place under a lock, refusing to change a released version
(checked against the folder's manifest, ``RELEASES.json``: ``manifest``), and writes the
release's zip and its checksums. Fixed writer options and no wall-clock time: same inputs,
byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .. import metadata, schemas
from ..release_format import (
    BYTES_KEY,
    DATAPACKAGE_PROFILE,
    DESCRIPTOR,
    PARQUET_MEDIATYPE,
    atomic_file,
    sha256,
)
from ..schemas import package
from .croissant import NAME as CROISSANT
from .croissant import croissant
from .csv_copy import write_csv_descriptor, write_csv_table
from .geo import GEO_TABLES, GEOJSON, GEOPARQUET, write_geo
from .manifest import BuildError, check_manifest, locked, record_release
from .manifest import release_files as _files

# Fixed writer options: the bytes of a release depend on nothing else but the
# data and the (locked) pyarrow version.
_PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "store_schema": True,
}


class ReleaseWriter:
    """Writes a release into a staging ``folder`` a table at a time, as the build finishes
    each (``write``), so that no derived table is held until the last one is derived; then
    the descriptor and the files made from several tables (``finish``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._resources: dict[str, dict[str, Any]] = {}
        self._csv: dict[str, dict[str, Any]] = {}
        self._rows: dict[str, int] = {}
        self._geo: dict[str, pd.DataFrame] = {}  # the tables the map files are made of

    def write(self, name: str, frame: pd.DataFrame) -> None:
        """Write one released table: its Parquet file and its CSV copy, from one Arrow
        conversion."""
        path = self.folder / f"{name}.parquet"
        table = pa.Table.from_pandas(frame, schema=metadata.arrow_schema(name),
                                     preserve_index=False)
        pq.write_table(table, path, **_PARQUET_OPTIONS)
        self._resources[name] = {
            "name": name,
            "path": path.name,
            "format": "parquet",
            "mediatype": PARQUET_MEDIATYPE,
            "hash": "sha256:" + sha256(path),
            BYTES_KEY: path.stat().st_size,
            "description": schemas.description(name),
            "schema": metadata.table_schema(name),
        }
        self._csv[name] = write_csv_table(table, name, self.folder)
        self._rows[name] = len(frame)
        if name in GEO_TABLES:
            self._geo[name] = frame

    def finish(self, version: str, created: dt.date) -> None:
        """Write the descriptors, the map files and Croissant, once every table is written;
        then flush everything to disk."""
        missing = [name for name in schemas.RELEASED if name not in self._resources]
        if missing:
            raise BuildError(f"the release has no {', '.join(missing)} table(s)")
        folder = self.folder
        descriptor = {
            "$schema": DATAPACKAGE_PROFILE,
            "name": package.NAME,
            "title": package.TITLE,
            "description": package.DESCRIPTION,
            "version": version,
            "created": f"{created.isoformat()}T00:00:00Z",
            "licenses": package.LICENSES,
            "sources": [{"title": f"{self._rows['sources']} news reports and public pages, "
                                  "listed in the sources table"}],
            "contributors": package.CONTRIBUTORS,
            "keywords": package.KEYWORDS,
            "resources": [self._resources[name] for name in schemas.RELEASED],
        }
        text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
        (folder / DESCRIPTOR).write_text(text, encoding="utf-8")
        # Files for other tools, each derived from what is written above.
        write_csv_descriptor(folder, descriptor, [self._csv[n] for n in schemas.RELEASED])
        write_geo(self._geo, folder, _PARQUET_OPTIONS)
        self._geo.clear()
        csv_files = sorted(p.relative_to(folder).as_posix()
                           for p in (folder / "csv").glob("*.csv"))
        described = croissant(descriptor, folder, [GEOPARQUET, GEOJSON, *csv_files])
        text = json.dumps(described, indent=2, ensure_ascii=False) + "\n"
        (folder / CROISSANT).write_text(text, encoding="utf-8")
        for path in _files(folder):
            _fsync(path)
        for path in {p.parent for p in _files(folder)}:
            _fsync(path)


def publish_release(staging: Path, out_dir: Path, version: str, fingerprint: str) -> bool:
    """Publish the release written in ``staging`` as ``out_dir/version``, with its zip and
    manifest entry (concurrent builds take turns). True when an identical release was
    there already."""
    with locked(out_dir):
        check_manifest(out_dir, version, staging)
        unchanged = _move_into_place(staging, out_dir / version)
        write_zip(out_dir, version)
        record_release(out_dir, version, fingerprint)
    return unchanged


def _move_into_place(staging: Path, final: Path) -> bool:
    """Move the finished release into place, or accept an identical one already there."""
    _fsync(staging)
    try:
        os.rename(staging, final)
    except OSError:
        if not final.exists():
            raise
        if _same_files(staging, final):
            return True
        raise BuildError(
            f"{final} already exists with different content; a released version never "
            "changes: bump the version in pyproject.toml and add its CHANGELOG.md entry"
        ) from None
    _fsync(final.parent)
    return False


def release_zip(folder: Path, version: str) -> bytes:
    """The release as a zip (see ``write_release_zip``), in memory: for small releases."""
    import io

    buffer = io.BytesIO()
    write_release_zip(folder, version, buffer)
    return buffer.getvalue()


def write_release_zip(folder: Path, version: str, handle: BinaryIO) -> None:
    """Write the release as a zip to ``handle`` (seekable), deterministic: files in path
    order under ``strikeledger-<version>/`` (the CSV copy under ``csv/``), fixed timestamps
    and permissions, stored uncompressed (Parquet is compressed already, and a deflated
    member's bytes would depend on the zlib at hand). Each file is copied in blocks, never
    held whole: the same bytes as ``ZipFile.writestr`` of it, which writes this way too."""
    import zipfile

    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
        for path in _files(folder):
            member = path.relative_to(folder).as_posix()
            info = zipfile.ZipInfo(f"strikeledger-{version}/{member}",
                                   date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 3
            info.external_attr = 0o644 << 16
            info.file_size = path.stat().st_size
            with path.open("rb") as source, archive.open(info, "w") as target:
                shutil.copyfileobj(source, target, _BLOCK)


_BLOCK = 1 << 20


def write_zip(out_dir: Path, version: str) -> Path:
    """Write ``<version>.zip`` beside the release folder, unless an identical one is there."""
    target = out_dir / f"{version}.zip"
    if target.is_file():
        with tempfile.NamedTemporaryFile(dir=out_dir, prefix=f".{target.name}.",
                                         suffix=".tmp") as made:
            write_release_zip(out_dir / version, version, made)
            made.flush()
            same = filecmp.cmp(made.name, target, shallow=False)
        if not same:
            raise BuildError(f"{target} differs from a zip of {out_dir / version}; a released "
                             "zip never changes")
        return target
    with atomic_file(target, durable=True) as handle:
        write_release_zip(out_dir / version, version, handle)
    return target


def _same_files(a: Path, b: Path) -> bool:
    names = [p.relative_to(a) for p in _files(a)]
    if names != [p.relative_to(b) for p in _files(b)]:
        return False
    return all(filecmp.cmp(a / n, b / n, shallow=False) for n in names)  # in blocks


def remove_abandoned(out_dir: Path) -> None:
    """Remove staging folders left by builds that were killed (their process is gone)."""
    for path in out_dir.glob(".tmp-*"):
        try:
            pid = int(path.name.split("-")[-2])
        except (IndexError, ValueError):
            continue
        if not _alive(pid):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
