"""Memory for the commands that hold a whole dataset: the allocators (``tune_memory``,
``one_heap``), and returning freed memory to the system between the build's steps
(``release_unused``).

``strikeledger validate`` and ``strikeledger build`` ask pyarrow for jemalloc, where its
wheel has it (Linux and macOS), instead of its default, mimalloc. Measured with
``/usr/bin/time`` on the benchmark machine at 100,000 events (three runs each, the pool
set with ``ARROW_DEFAULT_MEMORY_POOL``): validate took 5.6-6.4 s with mimalloc, 3.8-4.9 s
of it in the kernel (page faults on the memory it returned to the system and took back),
and 3.0-3.5 s with jemalloc (0.6 s in the kernel), its peak memory 17% lower. A pool
the user chose with ARROW_DEFAULT_MEMORY_POOL is left alone.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable

# glibc's mallopt parameter for the most heaps ("arenas") its malloc keeps for threads.
_M_ARENA_MAX = -8


def one_heap() -> None:
    """One C heap for every thread, where the C library is glibc, unless the user chose
    (``MALLOC_ARENA_MAX``); before any thread allocates, since a heap once made stays.

    glibc gives threads heaps of their own. What a thread frees there, ``release_unused``
    cannot all give back, so memory freed by the derivations' threads stayed resident
    into the next step: at 1M events the ACLED view then started 66 MiB higher and the
    build peaked at 3,556 MiB, against 3,418 MiB with one heap
    (``benchmarks/build_stages.py``, with and without ``MALLOC_ARENA_MAX=1``). The
    threads allocate little from this heap (Arrow has its own pool), so they seldom wait
    for one another on it."""
    if os.environ.get("MALLOC_ARENA_MAX"):
        return
    import ctypes

    mallopt = getattr(ctypes.CDLL(None), "mallopt", None)  # the process's own C library
    if mallopt is not None:
        mallopt(_M_ARENA_MAX, 1)


def tune_memory() -> None:
    """Before pyarrow and NumPy are imported: one C heap (``one_heap``), NumPy's arrays on
    the kernel's ordinary pages, and jemalloc as pyarrow's default pool (where pyarrow has
    it), each unless the user chose otherwise (``MALLOC_ARENA_MAX``,
    ``NUMPY_MADVISE_HUGEPAGE``, ``ARROW_DEFAULT_MEMORY_POOL``).

    NumPy asks for transparent huge pages for every array of 4 MB or more. Where the
    kernel grants them only on request ("madvise", the benchmark machine's setting), the
    first touch of such an array may wait while the kernel compacts memory to find one,
    which made the NumPy-heavy figure_comparisons derivation slow and its time erratic
    when run once in a fresh process, as the build runs it (``benchmarks/README.md``)."""
    one_heap()
    if "numpy" not in sys.modules:  # NumPy reads the setting when it is imported
        os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    import pyarrow as pa

    # A wheel without jemalloc (Windows) keeps pyarrow's default.
    with contextlib.suppress(NotImplementedError, pa.ArrowNotImplementedError):
        pa.set_memory_pool(pa.jemalloc_memory_pool())


def release_unused() -> None:
    """Return the memory freed since the last call to the system, between the build's
    steps: Arrow's pool, and the C library's heap where it is glibc's. NumPy and pandas
    allocate from the latter, which keeps freed blocks for reuse that Arrow cannot reuse
    (at 1M events a figure_comparisons derivation left 0.7 GB of it behind; trimming gave
    back 0.45 GB)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
