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
from ..release_format import MANIFEST, sha256_files, write_atomic

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


def release_hashes(out_dir: Path, version: str,
                   hashes: Callable[[list[Path]], list[str]] = sha256_files
                   ) -> tuple[dict[str, str], str]:
    """The sha256 of every file of release ``version`` (as ``file_hashes``) and of its zip,
    hashed in one pool (the zip is as large as the folder: hashed apart, after the folder,
    it would be one core's work alone)."""
    folder = out_dir / version
    paths = [*release_files(folder), out_dir / f"{version}.zip"]
    digests = ["sha256:" + d for d in hashes(paths)]
    return ({p.relative_to(folder).as_posix(): d
             for p, d in zip(paths[:-1], digests[:-1], strict=True)}, digests[-1])


def record_release(out_dir: Path, version: str, fingerprint: str) -> None:
    """Add a release's checksums (its folder's files, and its zip) and the fingerprint of its
    inputs to the manifest (written atomically). An entry once recorded is never rewritten:
    a rebuild of identical files elsewhere (another Python, another machine) leaves the
    committed manifest as it is, and only its no-op shortcut is not taken there."""
    manifest = read_manifest(out_dir)
    if version in manifest:
        return
    files, archive = release_hashes(out_dir, version)
    manifest[version] = {"files": files, "zip": archive, FINGERPRINT: fingerprint}
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    write_atomic(out_dir / MANIFEST, text.encode("utf-8"), durable=True)


def recorded_files(out_dir: Path, version: str) -> list[Path]:
    """The files of release ``version`` and its zip, where the manifest records it with a
    fingerprint (what ``is_built`` hashes when the inputs are unchanged); else none."""
    recorded = read_manifest(out_dir).get(version) if out_dir.is_dir() else None
    folder, archive = out_dir / version, out_dir / f"{version}.zip"
    if recorded is None or FINGERPRINT not in recorded or not folder.is_dir():
        return []
    return [*release_files(folder), *([archive] if archive.is_file() else [])]


def is_built(out_dir: Path, version: str, fingerprint: str,
             hashes: Callable[[list[Path]], list[str]] = sha256_files) -> bool:
    """Whether ``out_dir/version`` was built from inputs with this fingerprint and is still,
    file for file and zip, what the manifest recorded (``hashes`` as in
    ``input_fingerprint``)."""
    with locked(out_dir):
        recorded = read_manifest(out_dir).get(version)
        if recorded is None or recorded.get(FINGERPRINT) != fingerprint:
            return False
        if not ((out_dir / version).is_dir() and (out_dir / f"{version}.zip").is_file()):
            return False
        files, archive = release_hashes(out_dir, version, hashes)
        return files == recorded["files"] and archive == recorded["zip"]
