"""Where a full build spends its time and memory: each step's wall time and the peak
resident memory while it runs (sampled every 50 ms), in one process.

    .venv/bin/python benchmarks/build_stages.py --data DIR --changelog FILE --out EMPTY_DIR

A measurement to rerun, not a test: it wraps the build's steps (validation, the derived
columns, each derived table, writing each table) and builds as `strikeledger build` does.
"""

from __future__ import annotations

import argparse
import resource
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import strikeledger.validate
from strikeledger import __version__, builder
from strikeledger.builder import publish, views

_stack = ["start"]
_peaks: dict[str, int] = {}


def _resident_mib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return 0


def _sample() -> None:
    while True:
        name, now = _stack[-1], _resident_mib()
        _peaks[name] = max(_peaks.get(name, 0), now)
        time.sleep(0.05)


def _timed(name: str, step: Callable) -> Callable:
    def run(*args, **kwargs):
        _stack.append(name)
        began, before = time.perf_counter(), _resident_mib()
        try:
            return step(*args, **kwargs)
        finally:
            after = _resident_mib()
            peak = max(_peaks.get(name, 0), before, after)  # a short step may go unsampled
            print(f"| {name} | {time.perf_counter() - began:.1f} s | {before} MiB | "
                  f"{peak} MiB | {after} MiB |", flush=True)
            _stack.pop()
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--changelog", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.out.exists():
        sys.exit(f"{args.out} exists: give an empty folder, so that the build is a full one")
    strikeledger.validate.validate = _timed("validate", strikeledger.validate.validate)
    views.derive_columns = _timed("derived columns", views.derive_columns)
    for name, derive in list(views.DERIVED_TABLES.items()):
        views.DERIVED_TABLES[name] = _timed(name, derive)
    write = publish.ReleaseWriter.write
    publish.ReleaseWriter.write = lambda self, name, frame: _timed(f"write {name}", write)(
        self, name, frame)
    publish.ReleaseWriter.finish = _timed("write descriptors, map files, Croissant",
                                          publish.ReleaseWriter.finish)
    publish.publish_release = _timed("publish (zip, manifest)", publish.publish_release)
    threading.Thread(target=_sample, daemon=True).start()
    print("| step | time | resident before | peak during | resident after |")
    print("|---|---|---|---|---|")
    began = time.perf_counter()
    result = builder.build(args.data, args.out, __version__, args.changelog)
    if result.problems:
        sys.exit("the data is not valid: run `strikeledger validate`")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"\nwhole build: {time.perf_counter() - began:.1f} s, peak {peak} MiB (ru_maxrss)")


if __name__ == "__main__":
    main()
