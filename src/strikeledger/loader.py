"""Load a StrikeLedger release into pandas.

A release is a folder holding ``datapackage.json`` (Frictionless v2) and one
Parquet file per table; it can also be read from its zip (``build/<version>.zip``)
or from a web address of its ``datapackage.json``, whose files are downloaded into a
cache. The loader reads the release's own Table Schema to choose dtypes, so every
release loads with the schema it was built with, and it never imports the build
stack (pandera, frictionless). pandas and pyarrow are imported on first use, which
keeps ``import strikeledger`` cheap. Every file's sha256 is checked against the
descriptor before it is used.
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

from .errors import StrikeLedgerError

if TYPE_CHECKING:
    import pandas

DESCRIPTOR = "datapackage.json"
# Size in bytes of each resource file, kept beside ``hash`` under our own name:
# Frictionless fails its own ``bytes`` check on every Parquet resource.
BYTES_KEY = "strikeledger:bytes"

ReleaseLike = str | os.PathLike[str] | None


class ReleaseError(StrikeLedgerError):
    """A release cannot be read: missing, malformed, or not matching its descriptor."""


class UnknownTableError(ReleaseError, LookupError):
    """The release has no table of that name."""


# Where downloaded releases are cached (relocate with this environment variable).
CACHE_ENV = "STRIKELEDGER_CACHE"


@dataclass(frozen=True)
class _Release:
    """An opened release: its descriptor, and where its files are read from."""

    location: str  # for messages: a folder, a zip, or a URL
    descriptor: dict[str, Any]
    folder: Path | None = None  # files beside the descriptor (a folder, or the URL's cache)
    archive: Path | None = None  # or members of a zip
    prefix: str = ""  # the descriptor's folder inside the zip
    base_url: str | None = None  # or downloaded from here into ``folder``

    def resource(self, table: str) -> dict[str, Any]:
        for resource in self.descriptor["resources"]:
            if resource["name"] == table:
                return resource
        names = ", ".join(r["name"] for r in self.descriptor["resources"])
        raise UnknownTableError(
            f"no table {table!r} in the release at {self.location}; tables: {names}"
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


_RELEASES: dict[str, _Release] = {}


def _open(release: ReleaseLike) -> _Release:
    """Find and check a release's descriptor (cached per release for the process)."""
    if release is None:
        release = bundled_release()
    text_form = os.fspath(release)
    if text_form.startswith(("http://", "https://")):
        key = text_form
    else:
        path = Path(release).resolve()
        key = str(path.parent if path.name == DESCRIPTOR else path)
    cached = _RELEASES.get(key)
    if cached is not None:
        return cached
    if text_form.startswith(("http://", "https://")):
        opened = _open_url(text_form)
    elif key.endswith(".zip"):
        opened = _open_zip(Path(key))
    else:
        folder = Path(key)
        descriptor = _parse(_read_descriptor(folder / DESCRIPTOR), folder / DESCRIPTOR)
        opened = _Release(str(folder), descriptor, folder=folder)
    _RELEASES[key] = opened
    return opened


def _read_descriptor(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ReleaseError(f"{path}: not found; a release folder holds {DESCRIPTOR} and its "
                           "Parquet files") from None
    except OSError as error:
        raise ReleaseError(f"{path}: cannot be read: {error}") from None


def _parse(data: bytes, where: object) -> dict[str, Any]:
    try:
        descriptor = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReleaseError(f"{where}: not valid JSON: {error}") from None
    _check_descriptor(descriptor, where)
    return descriptor  # type: ignore[no-any-return]


def _open_zip(archive: Path) -> _Release:
    import zipfile

    try:
        with zipfile.ZipFile(archive) as opened:
            names = [n for n in opened.namelist() if n.rsplit("/", 1)[-1] == DESCRIPTOR]
            if len(names) != 1:
                raise ReleaseError(f"{archive}: holds {len(names)} {DESCRIPTOR} files; a "
                                   "release zip holds exactly one")
            data = opened.read(names[0])
    except FileNotFoundError:
        raise ReleaseError(f"{archive}: not found") from None
    except (zipfile.BadZipFile, OSError) as error:
        raise ReleaseError(f"{archive}: not a readable zip: {error}") from None
    prefix = names[0][: -len(DESCRIPTOR)]
    return _Release(str(archive), _parse(data, f"{archive}:{names[0]}"), archive=archive,
                    prefix=prefix)


def cache_folder() -> Path:
    """Where downloaded releases are kept: $STRIKELEDGER_CACHE, else ~/.cache/strikeledger."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else Path.home() / ".cache" / "strikeledger"


def _fetch(url: str) -> bytes:
    import urllib.request

    # Only http(s) addresses reach here (see _open).
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()  # type: ignore[no-any-return]


def _open_url(url: str) -> _Release:
    """Fetch a release's descriptor, or use the cached copy when offline.

    A cached descriptor is never replaced by different content: releases never
    change, so a difference means the address now serves something else.
    """
    cache = cache_folder()
    entry = cache / "descriptors" / hashlib.sha256(url.encode()).hexdigest()[:32]
    cached = entry / DESCRIPTOR
    try:
        data = _fetch(url)
    except OSError as error:
        if not cached.is_file():
            raise ReleaseError(f"{url}: cannot be fetched ({error}) and is not in the cache "
                               f"({cache})") from None
        data = cached.read_bytes()
    descriptor = _parse(data, url)
    if cached.is_file():
        if cached.read_bytes() != data:
            raise ReleaseError(
                f"{url}: now serves a descriptor that differs from the one cached in {entry}; "
                "a release never changes, so this address no longer serves the release you "
                "downloaded. Delete that cache folder to accept the new one."
            )
    else:
        _write_atomic(cached, data)
        (entry / "url").write_text(url + "\n", encoding="utf-8")
    base = url.rsplit("/", 1)[0] + "/"
    return _Release(url, descriptor, folder=cache / "files", base_url=base)


def _write_atomic(path: Path, data: bytes) -> None:
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _check_descriptor(descriptor: Any, where: object) -> None:
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


def _check_bytes(where: str, size: int, digest: str, resource: dict[str, Any]) -> None:
    """Compare a file's size and sha256 with what the descriptor records."""
    expected_size = resource.get(BYTES_KEY)
    if expected_size is not None and expected_size != size:
        raise ReleaseError(
            f"{where}: has {size} bytes but the descriptor records {expected_size}; "
            "the file was changed or damaged after the release was built"
        )
    expected = resource["hash"].removeprefix("sha256:")
    if digest != expected:
        raise ReleaseError(
            f"{where}: sha256 {digest} does not match the descriptor's {expected}; "
            "the file was changed or damaged after the release was built"
        )


def _verify(path: Path, resource: dict[str, Any]) -> None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ReleaseError(f"{path}: file missing from the release") from None
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key in _VERIFIED:
        return
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    _check_bytes(str(path), stat.st_size, digest.hexdigest(), resource)
    _VERIFIED.add(key)


def _local_file(opened: _Release, resource: dict[str, Any]) -> Path:
    """The path of a resource's file, downloading it into the cache for a URL release."""
    assert opened.folder is not None
    if opened.base_url is None:
        return opened.folder / resource["path"]
    digest = resource["hash"].removeprefix("sha256:")
    path = opened.folder / f"{digest}{Path(resource['path']).suffix}"
    if path.is_file():
        try:
            _verify(path, resource)
        except ReleaseError:
            raise ReleaseError(
                f"{path}: the cached copy of {resource['path']} no longer matches its sha256; "
                "it was changed after download. Delete it to download it again."
            ) from None
        return path
    url = opened.base_url + resource["path"]
    try:
        data = _fetch(url)
    except OSError as error:
        raise ReleaseError(f"{url}: cannot be downloaded ({error})") from None
    _check_bytes(url, len(data), hashlib.sha256(data).hexdigest(), resource)
    _write_atomic(path, data)
    return path


def _read_table(opened: _Release, resource: dict[str, Any]) -> tuple[Any, str]:
    """The resource's Arrow table (its bytes verified first) and where it was read."""
    import pyarrow.parquet as pq

    if opened.archive is not None:
        import zipfile

        import pyarrow as pa

        member = opened.prefix + resource["path"]
        where = f"{opened.archive}:{member}"
        try:
            with zipfile.ZipFile(opened.archive) as archive:
                data = archive.read(member)
        except KeyError:
            raise ReleaseError(f"{where}: file missing from the release zip") from None
        _check_bytes(where, len(data), hashlib.sha256(data).hexdigest(), resource)
        return pq.read_table(pa.BufferReader(data),
                             read_dictionary=_vocabulary_columns(resource)), where
    path = _local_file(opened, resource)
    _verify(path, resource)
    return pq.read_table(path, read_dictionary=_vocabulary_columns(resource)), str(path)


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


def _as_vocabulary(column: Any, codes: Any, name: str, where: str) -> Any:
    """A column as a dictionary array over the vocabulary ``codes`` (in their order).

    Read with ``read_dictionary``, each chunk arrives dictionary-encoded: only its few
    distinct values are looked up, then its indices are remapped.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    chunks = []
    for chunk in column.chunks:
        if pa.types.is_dictionary(chunk.type):
            mapping = pc.index_in(chunk.dictionary, value_set=codes)
            positions = pc.take(mapping, chunk.indices)
        else:
            positions = pc.index_in(chunk, value_set=codes)
        # A code outside the vocabulary would silently become NaN: refuse instead.
        if positions.null_count != chunk.null_count:
            raise ReleaseError(f"{where}: column {name!r} holds values outside its vocabulary")
        chunks.append(pa.DictionaryArray.from_arrays(positions.cast(pa.int32()), codes))
    return pa.chunked_array(chunks, type=pa.dictionary(pa.int32(), pa.string()))


def _vocabulary_columns(resource: dict[str, Any]) -> list[str]:
    return [field["name"] for field in resource["schema"]["fields"]
            if field["type"] == "string" and field.get("constraints", {}).get("enum")]


def _to_pandas(table: Any, fields: list[dict[str, Any]], where: str) -> pandas.DataFrame:
    """Convert in Arrow, then build the frame once: vocabularies become dictionary arrays
    over the whole vocabulary (pandas categoricals), dates timestamp[s] (datetime64[s]),
    numbers nullable; strings pass without a copy."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    names = [field["name"] for field in fields]
    if table.column_names != names:
        raise ReleaseError(f"{where}: columns {table.column_names} do not match the "
                           f"descriptor's {names}")
    columns = []
    for field in fields:
        column = table[field["name"]]
        enum = field.get("constraints", {}).get("enum")
        if field["type"] == "date":
            column = column.cast(pa.timestamp("s"))
        elif field["type"] == "string" and enum is not None:
            column = _as_vocabulary(column, pa.array(enum, pa.string()), field["name"], where)
        columns.append(column)
    text = pd.StringDtype(storage="pyarrow", na_value=np.nan)
    mapper = {pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
              pa.bool_(): pd.BooleanDtype(), pa.string(): text, pa.large_string(): text}.get
    return pa.table(columns, names=names).to_pandas(types_mapper=mapper, ignore_metadata=True)


def load(table: str, *, release: ReleaseLike = None) -> pandas.DataFrame:
    """Load one table of a release as a typed pandas DataFrame.

    ``release`` is a release folder, its ``datapackage.json``, a release zip, or
    the web address of a release's ``datapackage.json`` (its files are downloaded
    into the cache, see ``cache_folder``); by default the release bundled with this
    package. Each file's sha256 is checked against the descriptor before it is
    read (once per process and file).

    >>> events = load("events")
    >>> str(events["event_type"].dtype)
    'category'
    >>> events["event_id"].is_unique
    True
    """
    opened = _open(release)
    resource = opened.resource(table)
    arrow, where = _read_table(opened, resource)
    return _to_pandas(arrow, resource["schema"]["fields"], where)


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
    """The events table: one row per attack on U.S./coalition forces and per U.S. strike.

    >>> sorted(load_events()["event_type"].cat.categories)
    ['attack_on_us_forces', 'us_strike']
    """
    return load("events", release=release)


def load_figures(*, release: ReleaseLike = None) -> pandas.DataFrame:
    """The figures table: every number each source states, one row per number per source.

    >>> figures = load_figures()
    >>> bool(figures.loc[figures["qualifier"] == "unquantified", "value"].isna().all())
    True
    """
    return load("figures", release=release)


def load_sources(*, release: ReleaseLike = None) -> pandas.DataFrame:
    """The sources table: every document and page the data cites.

    >>> bool(load_sources()["source_id"].str.startswith("SRC-").all())
    True
    """
    return load("sources", release=release)
