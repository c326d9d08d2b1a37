"""Downloaded releases: where they are kept, and how each file is checked.

A release at a web address is cached under ``cache_folder()``: its descriptor by
address, its files by sha256. A cached descriptor is never replaced by different
content (releases never change, so a difference means the address now serves
something else), and a file is used only when its size and sha256 match the
descriptor.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ReleaseError
from ..release_format import BYTES_KEY, DESCRIPTOR, cache_folder, sha256, write_atomic

# Files whose hash matched, keyed by (path, size, mtime): verified once per process.
_VERIFIED: set[tuple[str, int, int]] = set()


def fetch(url: str) -> bytes:
    import urllib.request

    # Only http(s) addresses reach here (see reader.open_release).
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()  # type: ignore[no-any-return]


def descriptor_bytes(url: str) -> tuple[bytes, Path]:
    """A release's descriptor from ``url``, or its cached copy when offline; and the
    cache entry it is (or will be) kept in."""
    entry = cache_folder() / "descriptors" / sha256(url.encode())[:32]
    cached = entry / DESCRIPTOR
    try:
        return fetch(url), entry
    except OSError as error:
        if not cached.is_file():
            raise ReleaseError(f"{url}: cannot be fetched ({error}) and is not in the cache "
                               f"({cache_folder()})") from None
        return cached.read_bytes(), entry


def keep_descriptor(url: str, data: bytes, entry: Path) -> None:
    """Cache a descriptor that parsed, refusing one that differs from the cached copy."""
    cached = entry / DESCRIPTOR
    if cached.is_file():
        if cached.read_bytes() != data:
            raise ReleaseError(
                f"{url}: now serves a descriptor that differs from the one cached in {entry}; "
                "a release never changes, so this address no longer serves the release you "
                "downloaded. Delete that cache folder to accept the new one."
            )
        return
    write_atomic(cached, data)
    (entry / "url").write_text(url + "\n", encoding="utf-8")


def check_declared_size(where: str, size: int, resource: dict[str, Any]) -> None:
    """Compare the size a zip member declares with the descriptor's, before reading it."""
    expected = resource.get(BYTES_KEY)
    if not isinstance(expected, int) or size != expected:
        raise ReleaseError(
            f"{where}: declares {size} bytes but the descriptor records {expected}; refused "
            "before decompressing it (the zip was changed after the release was built)"
        )


def check_bytes(where: str, size: int, digest: str, resource: dict[str, Any]) -> None:
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


def verify(path: Path, resource: dict[str, Any]) -> None:
    """Check a local file against its resource (once per process while it is unchanged)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ReleaseError(f"{path}: file missing from the release") from None
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key in _VERIFIED:
        return
    check_bytes(str(path), stat.st_size, sha256(path), resource)
    _VERIFIED.add(key)


def downloaded(folder: Path, base_url: str, resource: dict[str, Any]) -> Path:
    """The cached copy of a URL release's file, downloading and checking it first if it is
    not in the cache yet."""
    digest = resource["hash"].removeprefix("sha256:")
    path = folder / f"{digest}{Path(resource['path']).suffix}"
    if path.is_file():
        try:
            verify(path, resource)
        except ReleaseError:
            raise ReleaseError(
                f"{path}: the cached copy of {resource['path']} no longer matches its sha256; "
                "it was changed after download. Delete it to download it again."
            ) from None
        return path
    url = base_url + resource["path"]
    try:
        data = fetch(url)
    except OSError as error:
        raise ReleaseError(f"{url}: cannot be downloaded ({error})") from None
    check_bytes(url, len(data), sha256(data), resource)
    write_atomic(path, data)
    return path


def forget() -> None:
    """Forget which files were verified in this process."""
    _VERIFIED.clear()
