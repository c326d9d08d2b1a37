"""The release format, shared by the side that writes releases and the side that reads them.

A release is a folder of one Parquet file per table beside a Frictionless v2
``datapackage.json``. This module is the one statement of that format's names and of
the type table, and it is light: ``import strikeledger`` imports it, so pandas and
pyarrow are imported only inside the functions that need them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

DESCRIPTOR = "datapackage.json"
# Checksums of every file of every release ever built into a folder of releases (and of
# each release's zip), by version.
MANIFEST = "RELEASES.json"
# Size in bytes of each resource file, kept beside ``hash`` under our own name:
# Frictionless fails its own ``bytes`` check on every Parquet resource.
BYTES_KEY = "strikeledger:bytes"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"


@dataclass(frozen=True)
class FieldType:
    """One row of the type table: a Table Schema type, the Arrow type its Parquet column is
    written with, and the pandas dtype ``strikeledger.load`` returns for it."""

    arrow: Any
    pandas: Any


@functools.cache
def types() -> dict[str, FieldType]:
    """The type table (Table Schema type → Arrow type → pandas dtype), the only one.

    Vocabularies (strings with an ``enum``) load as categoricals (``pandas_dtype``); dates
    as ``datetime64[s]`` so that they compare with strings and Timestamps; integers,
    numbers and booleans as nullable dtypes; text as Arrow-backed strings.
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    text = pd.StringDtype(storage="pyarrow", na_value=np.nan)
    return {
        "string": FieldType(pa.string(), text),
        "integer": FieldType(pa.int64(), pd.Int64Dtype()),
        "number": FieldType(pa.float64(), pd.Float64Dtype()),
        "boolean": FieldType(pa.bool_(), pd.BooleanDtype()),
        "date": FieldType(pa.date32(), np.dtype("datetime64[s]")),
    }


def field_type(kind: str) -> FieldType:
    """The row of the type table for a Table Schema type."""
    from .errors import ReleaseError

    try:
        return types()[kind]
    except KeyError:
        raise ReleaseError(f"unsupported Table Schema type {kind!r}") from None


def vocabulary(field: dict[str, Any]) -> list[str] | None:
    """The codes of a vocabulary field (a string field with an ``enum``), else None."""
    if field["type"] != "string":
        return None
    return field.get("constraints", {}).get("enum")


def pandas_dtype(field: dict[str, Any]) -> Any:
    """The pandas dtype ``strikeledger.load`` returns for a Table Schema field."""
    codes = vocabulary(field)
    if codes is not None:
        import pandas as pd

        return pd.CategoricalDtype(categories=codes, ordered=False)
    return field_type(field["type"]).pandas


def arrow_to_pandas(overrides: dict[Any, Any] | None = None) -> Any:
    """A ``types_mapper`` for ``pyarrow.Table.to_pandas``: each Arrow type of the table to its
    pandas dtype (``overrides`` first; large strings as strings)."""
    import pyarrow as pa

    mapping = {row.arrow: row.pandas for kind, row in types().items() if kind != "date"}
    mapping[pa.large_string()] = types()["string"].pandas
    mapping.update(overrides or {})
    return mapping.get


def resource(descriptor: dict[str, Any], table: str) -> dict[str, Any] | None:
    """The resource named ``table`` in a descriptor, or None."""
    for item in descriptor.get("resources", []):
        if item.get("name") == table:
            return item  # type: ignore[no-any-return]
    return None


def sha256(data: bytes | Path) -> str:
    """The hex SHA-256 of bytes, or of a file (read in chunks)."""
    digest = hashlib.sha256()
    if isinstance(data, bytes):
        digest.update(data)
        return digest.hexdigest()
    with data.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_files(paths: list[Path]) -> list[str]:
    """The hex SHA-256 of each file, in order, hashed side by side (hashlib and file
    reads release Python's lock: a no-op build of a million events hashes gigabytes).
    The largest start first: a file is one core's work from start to end, and a large one
    started last would leave the other cores idle while it is hashed."""
    from .parallel import side_by_side

    order = sorted(range(len(paths)), key=lambda i: -paths[i].stat().st_size)
    digests = side_by_side(sha256, [paths[i] for i in order])
    result = [""] * len(paths)
    for i, digest in zip(order, digests, strict=True):
        result[i] = digest
    return result


# Where downloaded releases and remembered file hashes are kept (relocate with this
# environment variable).
CACHE_ENV = "STRIKELEDGER_CACHE"


def cache_folder() -> Path:
    """Where downloaded releases are kept, and the hashes builds remember:
    $STRIKELEDGER_CACHE, else ~/.cache/strikeledger."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else Path.home() / ".cache" / "strikeledger"


def write_atomic(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a
    part: a temporary file beside it, then a rename. ``durable`` syncs it to disk first."""
    with atomic_file(path, durable=durable) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_file(path: Path, *, durable: bool = False) -> Iterator[BinaryIO]:
    """A file to write ``path`` through, as ``write_atomic`` does, for content too large to
    hold in memory: it replaces ``path`` when the block ends without an error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777  # a rewritten file keeps its permissions
    except FileNotFoundError:
        mode = 0o644  # mkstemp's own 0o600 would hide a new file from other users
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
