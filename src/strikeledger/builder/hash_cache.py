"""Remembered file hashes, so that a no-op build does not read again the gigabytes it read
the time before.

``build`` hashes the CSVs it is given (for the input fingerprint) and every file of the
release it finds (against the manifest). A file's sha256 is remembered in
``hashes.json`` of the user's cache folder (``release_format.cache_folder``: nothing is
written beside the data or the releases) with the file's path, size, inode, modification
time and change time. The next build takes the remembered hash only
while all four are unchanged, and hashes the file again otherwise. Writing a file changes
its change time, and setting the modification time back (``touch -r``, ``os.utime``)
changes it too; a copy is a new inode. A file written less than
``_SETTLED_NS`` before it was hashed is not remembered, since a write in the same tick of
the clock would leave its times as they were. A missing or unreadable cache is an empty
one. Within one build every hash is kept in memory (by path and the four stamps), so a
file hashed ahead (``build`` hashes a recorded release with the inputs) is not read again.
``strikeledger verify`` and the loader always hash in full.

Light: standard library only (the no-op path imports neither pandas nor pyarrow).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from ..release_format import cache_folder, sha256_files, write_atomic

NAME = "hashes.json"
_SETTLED_NS = 2_000_000_000


def _stamp(status: os.stat_result) -> list[int]:
    return [status.st_size, status.st_ino, status.st_mtime_ns, status.st_ctime_ns]


class HashCache:
    """The remembered hashes (see the module's docstring), at ``path`` (by default
    ``hashes.json`` in the cache folder)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else cache_folder() / NAME
        self._entries: dict[str, list] = {}
        self._hashed: dict[tuple[str, tuple[int, ...]], str] = {}  # this process's
        self._changed = False
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(loaded, dict):
            self._entries = {k: v for k, v in loaded.items()
                             if isinstance(v, list) and len(v) == 5}

    def sha256_files(self, paths: list[Path]) -> list[str]:
        """The hex sha256 of each file, in order: remembered where the file is unchanged,
        hashed (side by side) where not."""
        keys = [str(p.resolve()) for p in paths]
        stamps = [_stamp(p.stat()) for p in paths]
        digests: list[str | None] = []
        for key, stamp in zip(keys, stamps, strict=True):
            entry = self._entries.get(key)
            if entry is not None and entry[:4] == stamp:
                digests.append(entry[4])
            else:
                digests.append(self._hashed.get((key, tuple(stamp))))
        todo = [i for i, digest in enumerate(digests) if digest is None]
        started = time.time_ns()  # the stamps were taken before this
        for i, digest in zip(todo, sha256_files([paths[i] for i in todo]), strict=True):
            digests[i] = digest
            self._hashed[keys[i], tuple(stamps[i])] = digest
            _, _, mtime, ctime = stamps[i]
            if started - max(mtime, ctime) >= _SETTLED_NS:
                self._entries[keys[i]] = [*stamps[i], digest]
                self._changed = True
        return [d for d in digests if d is not None]

    def save(self) -> None:
        """Write the cache (atomically) if it learned a hash; where the cache folder cannot
        be written to, nothing is remembered."""
        if not self._changed:
            return
        entries = {k: v for k, v in self._entries.items() if Path(k).exists()}
        text = json.dumps(entries, indent=0, sort_keys=True) + "\n"
        try:
            write_atomic(self.path, text.encode("utf-8"))
        except OSError:
            return
        self._changed = False
