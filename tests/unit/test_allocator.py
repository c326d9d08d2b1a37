"""tune_memory: NumPy's arrays on ordinary pages and jemalloc for pyarrow, unless the user
chose otherwise; each case in a fresh interpreter, since both are settled at import."""

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
