"""``strikeledger build``: validated CSVs in, an immutable versioned release out.

The release is ``<out>/<version>/``: one Parquet file per table and a Frictionless
v2 ``datapackage.json``. Same inputs give byte-identical files (rows sorted by
primary key, fixed writer options, no wall-clock time anywhere). The release is
written to a temporary folder beside it and renamed into place, so a failed or
killed build never leaves a partial release; an existing release is never
overwritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import derive, schemas
from .changelog import release_date
from .errors import StrikeLedgerError
from .failures import Failure
from .loader import BYTES_KEY, DESCRIPTOR
from .schemas import package
from .schemas.events import date_precision
from .schemas.fields import in_key_order
from .schemas.figure_comparisons import compare
from .validate import validate

PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
# Checksums of every file of every release ever built into a folder of releases.
MANIFEST = "RELEASES.json"
DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
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


class BuildError(StrikeLedgerError):
    """The release cannot be written (the message says why and what to do)."""


@dataclass
class BuildResult:
    """What a build did: ``failures`` when the data is invalid, else the release folder."""

    release: Path | None
    failures: list[Failure]
    unchanged: bool = False


def build(data_dir: Path, out_dir: Path, version: str, changelog: Path) -> BuildResult:
    """Validate ``data_dir`` and write release ``version`` under ``out_dir``."""
    created = release_date(changelog, version)
    checked = validate(data_dir)
    if checked.tables is None:
        return BuildResult(None, checked.failures)
    pa.default_memory_pool().release_unused()  # reading's buffers, before the next peak
    frames = release_frames(checked.tables)
    del checked
    pa.default_memory_pool().release_unused()
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(out_dir)
    staging = out_dir / f".tmp-{version}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        write_release(frames, staging, version, created)
        with _locked(out_dir):
            _check_manifest(out_dir, version, staging)
            result = _publish(staging, out_dir / version)
            write_zip(out_dir, version)
            record_release(out_dir, version)
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def release_frames(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The released tables: derived columns and tables added, columns in schema order, rows
    sorted by primary key."""
    events = tables["events"].copy()
    events["date_precision"] = date_precision(events["date_earliest"], events["date_latest"])
    frames = {**tables, "events": events, "figure_comparisons": compare(tables["figures"])}
    out = {}
    for name in schemas.RELEASED:
        columns = derive.columns(name)
        order = [column.name for column in columns]
        ids = {column.name for column in columns if "identifier" in column.metadata}
        frame = in_key_order(frames[name][order], schemas.primary_key(name), ids)
        out[name] = frame.reset_index(drop=True)
    # The curated columns were validated already; check what the build derived.
    schemas.RELEASED["events"].to_schema().columns["date_precision"].validate(out["events"])
    schemas.RELEASED["figure_comparisons"].validate(out["figure_comparisons"])
    return out


def write_release(frames: dict[str, pd.DataFrame], folder: Path, version: str,
                  created: dt.date) -> None:
    """Write the Parquet files and the descriptor of a release into ``folder``."""
    resources = []
    for name, frame in frames.items():
        path = folder / f"{name}.parquet"
        table = pa.Table.from_pandas(frame, schema=derive.arrow_schema(name),
                                     preserve_index=False)
        pq.write_table(table, path, **_PARQUET_OPTIONS)
        resources.append({
            "name": name,
            "path": path.name,
            "format": "parquet",
            "mediatype": PARQUET_MEDIATYPE,
            "hash": "sha256:" + _sha256(path),
            BYTES_KEY: path.stat().st_size,
            "description": schemas.description(name),
            "schema": derive.table_schema(name),
        })
    descriptor = {
        "$schema": DATAPACKAGE_PROFILE,
        "name": package.NAME,
        "title": package.TITLE,
        "description": package.DESCRIPTION,
        "version": version,
        "created": f"{created.isoformat()}T00:00:00Z",
        "licenses": package.LICENSES,
        "sources": [{"title": f"{len(frames['sources'])} news reports and public pages, "
                              "listed in the sources table"}],
        "contributors": package.CONTRIBUTORS,
        "keywords": package.KEYWORDS,
        "resources": resources,
    }
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    (folder / DESCRIPTOR).write_text(text, encoding="utf-8")
    for path in folder.iterdir():
        _fsync(path)


def _publish(staging: Path, final: Path) -> BuildResult:
    """Move the finished release into place, or accept an identical one already there."""
    _fsync(staging)
    try:
        os.rename(staging, final)
    except OSError:
        if not final.exists():
            raise
        if _same_files(staging, final):
            return BuildResult(final, [], unchanged=True)
        raise BuildError(
            f"{final} already exists with different content; a released version never "
            "changes: bump the version in pyproject.toml and add its CHANGELOG.md entry"
        ) from None
    _fsync(final.parent)
    return BuildResult(final, [])


@contextlib.contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder of releases (concurrent builds take turns
    publishing and recording)."""
    with (out_dir / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def file_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file in a release folder, by name."""
    return {p.name: "sha256:" + _sha256(p) for p in sorted(folder.iterdir()) if p.is_file()}


def release_zip(folder: Path, version: str) -> bytes:
    """The release as a zip, deterministic: files in name order under
    ``strikeledger-<version>/``, fixed timestamps and permissions, stored uncompressed
    (Parquet is compressed already)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for path in sorted(folder.iterdir()):
            info = zipfile.ZipInfo(f"strikeledger-{version}/{path.name}",
                                   date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def write_zip(out_dir: Path, version: str) -> Path:
    """Write ``<version>.zip`` beside the release folder, unless an identical one is there."""
    target = out_dir / f"{version}.zip"
    data = release_zip(out_dir / version, version)
    if target.is_file():
        if target.read_bytes() != data:
            raise BuildError(f"{target} differs from a zip of {out_dir / version}; a released "
                             "zip never changes")
        return target
    staging = out_dir / f".{target.name}.{os.getpid()}.tmp"
    staging.write_bytes(data)
    _fsync(staging)
    os.replace(staging, target)
    return target


def read_manifest(out_dir: Path) -> dict[str, dict[str, str]]:
    path = out_dir / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _check_manifest(out_dir: Path, version: str, staging: Path) -> None:
    recorded = read_manifest(out_dir).get(version)
    if recorded is not None and recorded["files"] != file_hashes(staging):
        raise BuildError(
            f"version {version} was released with different content (see {out_dir / MANIFEST}); "
            "a released version never changes: bump the version in pyproject.toml and add its "
            "CHANGELOG.md entry"
        )


def record_release(out_dir: Path, version: str) -> None:
    """Add a release's checksums (its folder's files, and its zip) to the manifest
    (written atomically)."""
    manifest = read_manifest(out_dir)
    manifest[version] = {
        "files": file_hashes(out_dir / version),
        "zip": "sha256:" + _sha256(out_dir / f"{version}.zip"),
    }
    staging = out_dir / f".{MANIFEST}.{os.getpid()}.tmp"
    staging.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    _fsync(staging)
    os.replace(staging, out_dir / MANIFEST)


def _same_files(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        return False
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def _remove_abandoned(out_dir: Path) -> None:
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


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
