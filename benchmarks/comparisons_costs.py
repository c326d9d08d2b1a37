"""What one figure_comparisons derivation costs the machine: wall time, CPU time in our
code and in the kernel, and the pages the kernel had to hand it (minor page faults), per
derivation, repeated in one process as `bench.py`'s harness repeats it.

    .venv/bin/python benchmarks/comparisons_costs.py DATA_DIR [--repeat N]

A measurement to rerun, not a test. The first derivation in a process is the one a build
makes.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from strikeledger.allocator import tune_memory

tune_memory()  # as the build does, before NumPy is imported

from strikeledger import metadata  # noqa: E402
from strikeledger.builder import comparisons  # noqa: E402
from strikeledger.validate.csvio import read_table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--repeat", type=int, default=4)
    args = parser.parse_args()
    figures = read_table("figures", args.data / "figures.csv",
                         metadata.columns("figures", released=False)).frame
    print("| run | wall | user | kernel | minor page faults |\n|---|---|---|---|---|")
    for run in range(1, args.repeat + 1):
        before, began = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        derived = comparisons.compare(figures)
        wall, after = time.perf_counter() - began, resource.getrusage(resource.RUSAGE_SELF)
        del derived
        print(f"| {run} | {wall:.2f} s | {after.ru_utime - before.ru_utime:.2f} s "
              f"| {after.ru_stime - before.ru_stime:.2f} s "
              f"| {after.ru_minflt - before.ru_minflt:,} |")


if __name__ == "__main__":
    main()
