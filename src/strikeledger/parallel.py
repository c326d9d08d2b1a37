"""Independent pieces of work run side by side in threads, where that pays.

Arrow's kernels, hashlib and file reads release Python's lock, so on a large input each
core has a piece to work on. On a small one (the curated data is under a megabyte) the
pieces are mostly Python holding that lock, and handing them to threads and back only
adds to the run (``benchmarks/README.md``, "What made it fast").
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Inputs smaller than this are worked on in this thread alone: one block of pyarrow's CSV
# reader (csvparse.BLOCK_BYTES, not imported: it would bring pyarrow into the no-op build),
# the size below which no table is read in parts either.
SMALL_INPUT_BYTES = 4 << 20


def side_by_side(func: Callable[[T], R], items: Iterable[T], *, size: int | None = None
                 ) -> list[R]:
    """``[func(item) for item in items]``, in threads (at most one per core) unless there
    is one item, one core, or ``size`` (the bytes the work reads) is under
    SMALL_INPUT_BYTES."""
    pieces = list(items)
    workers = min(len(pieces), os.cpu_count() or 1)
    if workers < 2 or (size is not None and size < SMALL_INPUT_BYTES):
        return [func(piece) for piece in pieces]
    from concurrent.futures import ThreadPoolExecutor  # only the threaded path needs it

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(func, pieces))


def calls(jobs: Iterable[Callable[[], R]], *, size: int | None = None) -> list[R]:
    """``[job() for job in jobs]``, side by side as ``side_by_side`` runs them."""
    return side_by_side(_call, jobs, size=size)


def _call(job: Callable[[], R]) -> R:
    return job()
