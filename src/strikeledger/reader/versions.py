"""Releases by version number: every release the package carries, checked against the
manifest of their checksums.

The wheel carries the current release as a folder (``strikeledger/release``) and every
earlier one as its zip, beside the manifest (``strikeledger/releases/<version>.zip`` and
``RELEASES.json``, copied from ``build/``; see ``hatch_build.py``). In a source checkout
they are ``build/<version>.zip`` and ``build/RELEASES.json``. A release named by its
version is opened only after its zip's sha256 (for the current release, its descriptor's)
matches the manifest; its files are then checked against its descriptor, as for any
release. So ``load("events", release="1.1.0")`` works offline, and reads exactly what was
published as 1.1.0.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import ReleaseError
from ..release_format import DESCRIPTOR, MANIFEST, sha256

VERSION = re.compile(r"^\d+\.\d+\.\d+$")

# Files whose sha256 matched the manifest, keyed by (path, size, mtime).
_CHECKED: set[tuple[str, int, int]] = set()


def is_version(text: str) -> bool:
    """Whether ``text`` is a version number such as '1.1.0'."""
    return VERSION.match(text) is not None


def releases_folder() -> Path:
    """Where the package's releases and their manifest are."""
    from .. import _checkout

    packaged = _checkout.PACKAGE / "releases"
    if (packaged / MANIFEST).is_file():
        return packaged
    built = _checkout.ROOT / "build"
    if _checkout.is_checkout() and (built / MANIFEST).is_file():
        return built
    raise ReleaseError(f"no releases found (looked for {MANIFEST} in {packaged} and {built}); "
                       "in a source checkout, run `make build` first")


def manifest() -> dict[str, Any]:
    """The manifest: per version, the sha256 of each of its files and of its zip."""
    path = releases_folder() / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except (OSError, ValueError) as error:
        raise ReleaseError(f"{path}: cannot be read: {error}") from None


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def versions() -> list[str]:
    """The versions of every release the package carries, oldest first."""
    return sorted(manifest(), key=_key)


def _check(path: Path, expected: str, what: str) -> None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ReleaseError(f"{path}: missing; {what} is listed in {MANIFEST} but the package "
                           "does not carry it") from None
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key in _CHECKED:
        return
    digest = "sha256:" + sha256(path)
    if digest != expected:
        raise ReleaseError(f"{path}: sha256 {digest.removeprefix('sha256:')} does not match "
                           f"{MANIFEST}'s {expected.removeprefix('sha256:')}; the file was "
                           "changed or damaged after the release was published")
    _CHECKED.add(key)


def locate(version: str) -> Path:
    """The release of ``version`` that the package carries (a zip, or the current release's
    folder), checked against the manifest."""
    from .. import __version__
    from . import bundled_release

    recorded = manifest().get(version)
    if recorded is None:
        raise ReleaseError(f"no release {version} among those this package carries: "
                           f"{', '.join(versions())}")
    if version == __version__:
        folder = bundled_release()
        _check(folder / DESCRIPTOR, recorded["files"][DESCRIPTOR], f"release {version}")
        return folder
    archive = releases_folder() / f"{version}.zip"
    _check(archive, recorded["zip"], f"release {version}")
    return archive


def forget() -> None:
    """Forget which files matched the manifest in this process."""
    _CHECKED.clear()
