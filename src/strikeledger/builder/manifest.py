"""The folder of releases' manifest, ``RELEASES.json``: the checksums of every file of every
release ever built into the folder (and, for releases built since 2.2.0, the fingerprint of
what each was built from).

Light on purpose (no pandas, no pyarrow): a no-op build reads it before anything else.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import StrikeLedgerError
from ..release_format import MANIFEST, sha256, sha256_files, write_atomic

# The manifest key of a release's input fingerprint (``fingerprint.input_fingerprint``).
FINGERPRINT = "fingerprint"


class BuildError(StrikeLedgerError):
    """The release cannot be written (the message says why and what to do)."""


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder of releases (concurrent builds take turns
    publishing and recording)."""
    with (out_dir / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def release_files(folder: Path) -> list[Path]:
    """Every file of a release folder, its subfolders' (the CSV copy) included, in the
    order of their paths relative to the folder."""
    return sorted((p for p in folder.rglob("*") if p.is_file()),
                  key=lambda p: p.relative_to(folder).as_posix())


def file_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file in a release folder, by path relative to it ('csv/events.csv')."""
    paths = list(release_files(folder))
    return {p.relative_to(folder).as_posix(): "sha256:" + digest
            for p, digest in zip(paths, sha256_files(paths), strict=True)}


def read_manifest(out_dir: Path) -> dict[str, dict[str, str]]:
    path = out_dir / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def check_manifest(out_dir: Path, version: str, staging: Path) -> None:
    recorded = read_manifest(out_dir).get(version)
    if recorded is not None and recorded["files"] != file_hashes(staging):
        raise BuildError(
            f"version {version} was released with different content (see {out_dir / MANIFEST}); "
            "a released version never changes: bump the version in pyproject.toml and add its "
            "CHANGELOG.md entry"
        )


def record_release(out_dir: Path, version: str, fingerprint: str) -> None:
    """Add a release's checksums (its folder's files, and its zip) and the fingerprint of its
    inputs to the manifest (written atomically). An entry once recorded is never rewritten:
    a rebuild of identical files elsewhere (another Python, another machine) leaves the
    committed manifest as it is, and only its no-op shortcut is not taken there."""
    manifest = read_manifest(out_dir)
    if version in manifest:
        return
    manifest[version] = {
        "files": file_hashes(out_dir / version),
        "zip": "sha256:" + sha256(out_dir / f"{version}.zip"),
        FINGERPRINT: fingerprint,
    }
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    write_atomic(out_dir / MANIFEST, text.encode("utf-8"), durable=True)


def is_built(out_dir: Path, version: str, fingerprint: str,
             hashes: Callable[[list[Path]], list[str]] = sha256_files) -> bool:
    """Whether ``out_dir/version`` was built from inputs with this fingerprint and is still,
    file for file and zip, what the manifest recorded (``hashes`` as in
    ``input_fingerprint``)."""
    with locked(out_dir):
        recorded = read_manifest(out_dir).get(version)
        if recorded is None or recorded.get(FINGERPRINT) != fingerprint:
            return False
        folder, archive = out_dir / version, out_dir / f"{version}.zip"
        if not (folder.is_dir() and archive.is_file()):
            return False
        paths = [*release_files(folder), archive]  # hashed side by side, the zip too
        digests = ["sha256:" + d for d in hashes(paths)]
        files = {p.relative_to(folder).as_posix(): d
                 for p, d in zip(paths[:-1], digests[:-1], strict=True)}
        return files == recorded["files"] and digests[-1] == recorded["zip"]
