"""Finding a release's descriptor: in a folder, in a zip, or at a web address.

Every descriptor is checked before use: it must list resources, each with a name, a
path beside the descriptor, schema fields and a sha256 hash.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ReleaseError
from ..release_format import DESCRIPTOR


def read_descriptor(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ReleaseError(f"{path}: not found; a release folder holds {DESCRIPTOR} and its "
                           "Parquet files") from None
    except OSError as error:
        raise ReleaseError(f"{path}: cannot be read: {error}") from None


def parse(data: bytes, where: object) -> dict[str, Any]:
    """The descriptor in ``data``, checked (``where`` names it in messages)."""
    try:
        descriptor = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReleaseError(f"{where}: not valid JSON: {error}") from None
    check_descriptor(descriptor, where)
    return descriptor  # type: ignore[no-any-return]


def read_zip_descriptor(archive: Path) -> tuple[dict[str, Any], str]:
    """The descriptor of a release zip, and the folder inside the zip that holds it."""
    import zipfile

    try:
        with zipfile.ZipFile(archive) as opened:
            found = [n for n in opened.namelist() if n.rsplit("/", 1)[-1] == DESCRIPTOR]
            # The release's own descriptor is the top one; deeper ones describe copies
            # (csv/datapackage.json describes the CSV copy).
            top = min((n.count("/") for n in found), default=0)
            names = [n for n in found if n.count("/") == top]
            if len(names) != 1:
                raise ReleaseError(f"{archive}: holds {len(names)} {DESCRIPTOR} files at its "
                                   "top; a release zip holds exactly one")
            data = opened.read(names[0])
    except FileNotFoundError:
        raise ReleaseError(f"{archive}: not found") from None
    except (zipfile.BadZipFile, OSError) as error:
        raise ReleaseError(f"{archive}: not a readable zip: {error}") from None
    return parse(data, f"{archive}:{names[0]}"), names[0][: -len(DESCRIPTOR)]


def check_descriptor(descriptor: Any, where: object) -> None:
    """Refuse descriptors whose resources are missing or point outside their folder."""
    resources_ = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources_, list) or not resources_:
        raise ReleaseError(f"{where}: has no resources")
    names: set[str] = set()
    paths: set[str] = set()
    for i, resource in enumerate(resources_):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            raise ReleaseError(f"{where}: resource {i} has no name")
        name = resource["name"]
        if name in names:
            raise ReleaseError(f"{where}: two resources are named {name!r}; each table of a "
                               "release is one resource")
        names.add(name)
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
        if path in paths:
            raise ReleaseError(f"{where}: resource {name!r} has the path {path!r} of another "
                               "resource; each table has a file of its own")
        paths.add(path)
        fields = resource.get("schema", {}).get("fields")
        if not isinstance(fields, list) or not fields:
            raise ReleaseError(f"{where}: resource {name!r} has no schema fields")
        if not str(resource.get("hash", "")).startswith("sha256:"):
            raise ReleaseError(f"{where}: resource {name!r} has no sha256 hash")
