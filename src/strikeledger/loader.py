"""Load a StrikeLedger release into pandas.

A release is a folder holding ``datapackage.json`` (Frictionless v2) and one
Parquet file per table. The loader reads the release's own Table Schema to
choose dtypes, so every release loads with the schema it was built with, and
it never imports the build stack (pandera, frictionless). pandas and pyarrow
are imported on first use, which keeps ``import strikeledger`` cheap.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

DESCRIPTOR = "datapackage.json"
# Size in bytes of each resource file, kept beside ``hash`` under our own name:
# Frictionless fails its own ``bytes`` check on every Parquet resource.
BYTES_KEY = "strikeledger:bytes"

ReleaseLike = str | os.PathLike[str] | None


class ReleaseError(Exception):
    """A release cannot be read: missing, malformed, or not matching its descriptor."""


class UnknownTableError(ReleaseError, LookupError):
    """The release has no table of that name."""


@dataclass(frozen=True)
class _Release:
    folder: Path
    descriptor: dict[str, Any]

    def resource(self, table: str) -> dict[str, Any]:
        for resource in self.descriptor["resources"]:
            if resource["name"] == table:
                return resource
        names = ", ".join(r["name"] for r in self.descriptor["resources"])
        raise UnknownTableError(
            f"no table {table!r} in the release at {self.folder}; tables: {names}"
        )


def bundled_release() -> Path:
    """The folder of the release this package ships with.

    In an installed wheel it is ``strikeledger/release``; in a source checkout,
    ``build/<version>/`` beside ``pyproject.toml``.
    """
    packaged = Path(str(resources.files("strikeledger"))) / "release"
    if (packaged / DESCRIPTOR).is_file():
        return packaged
    from . import __version__

    checkout = Path(__file__).resolve().parents[2]
    built = checkout / "build" / __version__
    if (checkout / "pyproject.toml").is_file() and (built / DESCRIPTOR).is_file():
        return built
    raise ReleaseError(
        f"no bundled release found (looked in {packaged} and {built}); "
        "in a source checkout, run `make build` first"
    )


_RELEASES: dict[Path, _Release] = {}


def _open(release: ReleaseLike) -> _Release:
    """Find and check a release's descriptor (cached per folder for the process)."""
    if release is None:
        folder = bundled_release()
    else:
        path = Path(release)
        folder = path.parent if path.name == DESCRIPTOR else path
    folder = folder.resolve()
    cached = _RELEASES.get(folder)
    if cached is not None:
        return cached
    descriptor_path = folder / DESCRIPTOR
    try:
        text = descriptor_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReleaseError(f"{descriptor_path}: not found; a release folder holds "
                           f"{DESCRIPTOR} and its Parquet files") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ReleaseError(f"{descriptor_path}: cannot be read: {error}") from None
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReleaseError(f"{descriptor_path}: not valid JSON: {error}") from None
    _check_descriptor(descriptor, descriptor_path)
    opened = _Release(folder, descriptor)
    _RELEASES[folder] = opened
    return opened


def _check_descriptor(descriptor: Any, where: Path) -> None:
    """Refuse descriptors whose resources are missing or point outside their folder."""
    resources_ = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources_, list) or not resources_:
        raise ReleaseError(f"{where}: has no resources")
    for i, resource in enumerate(resources_):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            raise ReleaseError(f"{where}: resource {i} has no name")
        name = resource["name"]
        path = resource.get("path")
        if not isinstance(path, str) or not path:
            raise ReleaseError(f"{where}: resource {name!r} has no path")
        pure = PurePosixPath(path)
        if ("://" in path or pure.is_absolute() or ".." in pure.parts or "\\" in path
                or len(pure.parts) != 1):
            raise ReleaseError(
                f"{where}: resource {name!r} has path {path!r}, which leaves the release "
                "folder; a release's files must sit beside its descriptor"
            )
        fields = resource.get("schema", {}).get("fields")
        if not isinstance(fields, list) or not fields:
            raise ReleaseError(f"{where}: resource {name!r} has no schema fields")
        if not str(resource.get("hash", "")).startswith("sha256:"):
            raise ReleaseError(f"{where}: resource {name!r} has no sha256 hash")


# Files whose hash matched, keyed by (path, size, mtime): verified once per process.
_VERIFIED: set[tuple[str, int, int]] = set()


def _verify(path: Path, resource: dict[str, Any]) -> None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ReleaseError(f"{path}: file missing from the release") from None
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key in _VERIFIED:
        return
    expected_size = resource.get(BYTES_KEY)
    if expected_size is not None and expected_size != stat.st_size:
        raise ReleaseError(
            f"{path}: has {stat.st_size} bytes but the descriptor records {expected_size}; "
            "the file was changed or damaged after the release was built"
        )
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    expected = resource["hash"].removeprefix("sha256:")
    if digest.hexdigest() != expected:
        raise ReleaseError(
            f"{path}: sha256 {digest.hexdigest()} does not match the descriptor's {expected}; "
            "the file was changed or damaged after the release was built"
        )
    _VERIFIED.add(key)


def pandas_dtype(field: dict[str, Any]) -> Any:
    """The pandas dtype for a Table Schema field.

    Vocabularies (a string field with an ``enum``) become categoricals holding
    every code of the vocabulary; dates become ``datetime64[s]`` so that they
    compare with strings and Timestamps; integers stay nullable integers.
    """
    import numpy as np
    import pandas as pd

    kind = field["type"]
    enum = field.get("constraints", {}).get("enum")
    if kind == "string":
        if enum is not None:
            return pd.CategoricalDtype(categories=enum, ordered=False)
        return pd.StringDtype(storage="pyarrow", na_value=np.nan)
    if kind == "integer":
        return pd.Int64Dtype()
    if kind == "number":
        return pd.Float64Dtype()
    if kind == "date":
        return np.dtype("datetime64[s]")
    if kind == "boolean":
        return pd.BooleanDtype()
    raise ReleaseError(f"field {field.get('name')!r} has unsupported type {kind!r}")


def _to_pandas(table: Any, fields: list[dict[str, Any]], where: Path) -> pandas.DataFrame:
    import pandas as pd
    import pyarrow as pa

    names = [field["name"] for field in fields]
    if table.column_names != names:
        raise ReleaseError(f"{where}: columns {table.column_names} do not match the "
                           f"descriptor's {names}")
    mapper = {pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
              pa.bool_(): pd.BooleanDtype()}.get
    frame = table.to_pandas(types_mapper=mapper, ignore_metadata=True, date_as_object=False)
    for field in fields:
        dtype = pandas_dtype(field)
        column = frame[field["name"]]
        if column.dtype == dtype:
            continue
        converted = column.astype(dtype)
        # A code outside the categories would silently turn into NaN: refuse instead.
        if converted.isna().sum() != column.isna().sum():
            raise ReleaseError(f"{where}: column {field['name']!r} holds values outside "
                               "its vocabulary")
        frame[field["name"]] = converted
    return frame


def load(table: str, *, release: ReleaseLike = None) -> pandas.DataFrame:
    """Load one table of a release as a typed pandas DataFrame.

    ``release`` is a release folder or its ``datapackage.json``; by default the
    release bundled with this package. Each file's sha256 is checked against
    the descriptor before it is read (once per process and file).

    >>> events = load("events")
    >>> str(events["event_type"].dtype)
    'category'
    >>> events["event_id"].is_unique
    True
    """
    import pyarrow.parquet as pq

    opened = _open(release)
    resource = opened.resource(table)
    path = opened.folder / resource["path"]
    _verify(path, resource)
    return _to_pandas(pq.read_table(path), resource["schema"]["fields"], path)


def tables(release: ReleaseLike = None) -> list[str]:
    """The names of the tables in a release (by default the bundled one).

    >>> "events" in tables()
    True
    """
    return [resource["name"] for resource in _open(release).descriptor["resources"]]


def descriptor(release: ReleaseLike = None) -> dict[str, Any]:
    """A copy of a release's ``datapackage.json`` as a dict.

    >>> descriptor()["name"]
    'strikeledger'
    """
    return copy.deepcopy(_open(release).descriptor)


def load_events(*, release: ReleaseLike = None) -> pandas.DataFrame:
    """The events table: one row per attack on U.S./coalition forces and per U.S. strike."""
    return load("events", release=release)


def load_figures(*, release: ReleaseLike = None) -> pandas.DataFrame:
    """The figures table: every number each source states, one row per number per source."""
    return load("figures", release=release)


def load_sources(*, release: ReleaseLike = None) -> pandas.DataFrame:
    """The sources table: every document and page the data cites."""
    return load("sources", release=release)
