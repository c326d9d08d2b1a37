"""Remembered file hashes: taken only while a file's size, inode and times are those it had
when it was hashed; anything else is hashed again."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from strikeledger import release_format
from strikeledger.builder import hash_cache
from strikeledger.builder.hash_cache import HashCache


@pytest.fixture
def hashed(monkeypatch) -> list[Path]:
    """The files hashed in full (every file counts as settled at once)."""
    calls: list[Path] = []
    real = hash_cache.sha256_files

    def counting(paths):
        calls.extend(paths)
        return real(paths)

    monkeypatch.setattr(hash_cache, "sha256_files", counting)
    monkeypatch.setattr(hash_cache, "_SETTLED_NS", 0)
    return calls


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files(folder: Path, n: int = 3) -> list[Path]:
    paths = []
    for i in range(n):
        path = folder / f"f{i}.csv"
        path.write_bytes(f"row {i}\n".encode() * 100)
        paths.append(path)
    return paths


def test_an_unchanged_file_is_not_read_again_in_another_process(tmp_path, hashed):
    paths = files(tmp_path)
    first = HashCache(tmp_path / "hashes.json")
    assert first.sha256_files(paths) == [digest(p) for p in paths]
    first.save()
    assert hashed == paths
    hashed.clear()
    again = HashCache(tmp_path / "hashes.json")  # as the next build reads it
    assert again.sha256_files(paths) == [digest(p) for p in paths]
    assert hashed == []


def test_a_file_rewritten_with_its_size_and_time_restored_is_hashed_again(tmp_path, hashed):
    path, other = files(tmp_path, 2)
    cache = HashCache(tmp_path / "hashes.json")
    cache.sha256_files([path, other])
    cache.save()
    before = path.stat()
    time.sleep(0.05)  # a tick of the clock that stamps the change time
    path.write_bytes(path.read_bytes().replace(b"row 0", b"row 9"))  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    hashed.clear()
    assert HashCache(tmp_path / "hashes.json").sha256_files([path, other]) == [
        digest(path), digest(other)]
    assert hashed == [path]


def test_a_copy_in_place_of_the_file_is_hashed_again(tmp_path, hashed):
    (path,) = files(tmp_path, 1)
    cache = HashCache(tmp_path / "hashes.json")
    cache.sha256_files([path])
    cache.save()
    copy = tmp_path / "copy"
    copy.write_bytes(b"other content of another size")
    os.replace(copy, path)
    hashed.clear()
    assert HashCache(tmp_path / "hashes.json").sha256_files([path]) == [digest(path)]
    assert hashed == [path]


def test_a_file_written_just_before_it_was_hashed_is_not_remembered(tmp_path, hashed,
                                                                    monkeypatch):
    monkeypatch.setattr(hash_cache, "_SETTLED_NS", 60 * 10**9)
    paths = files(tmp_path)
    cache = HashCache(tmp_path / "hashes.json")
    cache.sha256_files(paths)
    cache.save()
    assert not (tmp_path / "hashes.json").exists()
    hashed.clear()
    HashCache(tmp_path / "hashes.json").sha256_files(paths)
    assert hashed == paths


@pytest.mark.parametrize("content", ["", "not json", "[1, 2]", '{"x": [1]}'])
def test_an_unreadable_cache_is_an_empty_one(tmp_path, hashed, content):
    paths = files(tmp_path)
    (tmp_path / "hashes.json").write_text(content)
    assert HashCache(tmp_path / "hashes.json").sha256_files(paths) == [
        digest(p) for p in paths]
    assert hashed == paths


def test_the_default_cache_is_in_the_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("STRIKELEDGER_CACHE", str(tmp_path / "cache"))
    assert HashCache().path == tmp_path / "cache" / "hashes.json"


def test_within_one_build_a_file_is_hashed_once_even_if_just_written(tmp_path, hashed,
                                                                     monkeypatch):
    monkeypatch.setattr(hash_cache, "_SETTLED_NS", 60 * 10**9)  # nothing is remembered
    paths = files(tmp_path)
    cache = HashCache(tmp_path / "hashes.json")
    cache.sha256_files(paths)  # as build hashes a recorded release with the inputs
    hashed.clear()
    assert cache.sha256_files(paths[1:]) == [digest(p) for p in paths[1:]]
    assert hashed == []
    time.sleep(0.05)
    paths[1].write_bytes(b"changed since")  # a new stamp: hashed again
    assert cache.sha256_files(paths[1:]) == [digest(p) for p in paths[1:]]
    assert hashed == [paths[1]]


def test_files_of_every_size_get_their_own_hash_in_order(tmp_path):
    # Hashed largest first; each digest must still land at its own file's place.
    paths = []
    for i, size in enumerate([5, 0, 70_000, 1, 3_000, 70_000, 12]):
        path = tmp_path / f"s{i}"
        path.write_bytes(bytes([i + 1]) * size)
        paths.append(path)
    assert release_format.sha256_files(paths) == [digest(p) for p in paths]
