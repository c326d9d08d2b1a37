"""tune_memory: one C heap, NumPy's arrays on ordinary pages and jemalloc for pyarrow,
unless the user chose otherwise; each case in a fresh interpreter, since all are settled
before they are used."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = """
from strikeledger.allocator import tune_memory
tune_memory()
import numpy, pyarrow
print(numpy._core.multiarray._get_madvise_hugepage(), pyarrow.default_memory_pool().backend_name)
"""


def probe(**environment: str) -> list[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NUMPY_MADVISE_HUGEPAGE", "ARROW_DEFAULT_MEMORY_POOL")}
    done = subprocess.run([sys.executable, "-c", PROBE], env={**env, **environment},
                          capture_output=True, text=True, check=True)
    return done.stdout.split()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="huge pages: Linux")
def test_numpy_asks_for_no_huge_pages_and_arrow_uses_jemalloc():
    assert probe() == ["False", "jemalloc"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="huge pages: Linux")
def test_the_users_choices_are_kept():
    assert probe(NUMPY_MADVISE_HUGEPAGE="1", ARROW_DEFAULT_MEMORY_POOL="system") == [
        "True", "system"]


HEAPS = """
import ctypes, sys, threading
from strikeledger.allocator import one_heap
if sys.argv[1] == "one":
    one_heap()
def allocate():
    kept = [bytearray(1 << 20) for _ in range(4)]  # from the C heap, in this thread
    del kept
threads = [threading.Thread(target=allocate) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
ctypes.CDLL(None).malloc_stats()  # one "Arena N:" block per heap, on stderr
"""


def heaps(mode: str, **environment: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    done = subprocess.run([sys.executable, "-c", HEAPS, mode], env={**env, **environment},
                          capture_output=True, text=True, check=True)
    return done.stderr.count("Arena ")


glibc = pytest.mark.skipif(not sys.platform.startswith("linux") or
                           os.confstr("CS_GNU_LIBC_VERSION") is None, reason="glibc's heaps")


@glibc
def test_threads_share_one_heap():
    assert heaps("default") > 1  # glibc's own choice: a heap per thread
    assert heaps("one") == 1


@glibc
def test_the_users_number_of_heaps_is_kept():
    assert heaps("one", MALLOC_ARENA_MAX="4") > 1
