"""StrikeLedger benchmarks: each figure as a ratio against a baseline measured in the same run.

    python benchmarks/bench.py --sizes 10000 100000 1000000      (make bench)

Per size (synthetic data from generate.py; figures ≈ 3N, sources ≈ N/20):
- load:     strikeledger.load("events") / pandas.read_parquet of the same file (medians in
            one process); the first load, which checks the file's sha256, is shown apart.
- validate: `strikeledger validate` / `frictionless validate` of the same data as a CSV
            data package with the same primary and foreign keys (wall to wall), and
            / the I/O floor: a process that reads every CSV with pyarrow and writes Parquet.
- build:    wall time and peak memory of `strikeledger build`, memory / the in-memory
            Arrow size of the release's tables.
Once: import, `python -c "import strikeledger"` / `python -c "import pandas"`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
EXE = str(Path(PYTHON).with_name("strikeledger"))
FRICTIONLESS = str(Path(PYTHON).with_name("frictionless"))

FLOOR = """
import sys, pathlib, pyarrow.csv as c, pyarrow.parquet as p
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
out.mkdir(exist_ok=True)
for f in sorted(src.glob("*.csv")):
    p.write_table(c.read_csv(f), out / (f.stem + ".parquet"))
"""

PEAK = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, capture_output=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""

LOAD = """
import json, sys, time, pandas as pd, strikeledger
release, repeat = sys.argv[1], int(sys.argv[2])
path = release + "/events.parquet"
t = time.perf_counter(); strikeledger.load("events", release=release)
first = time.perf_counter() - t
loads, reads = [], []
for _ in range(repeat):
    t = time.perf_counter(); pd.read_parquet(path); reads.append(time.perf_counter() - t)
    t = time.perf_counter(); strikeledger.load("events", release=release)
    loads.append(time.perf_counter() - t)
print(json.dumps({"first": first, "loads": loads, "reads": reads}))
"""


def wall(command: list[str], repeat: int, *, ok: tuple[int, ...] = (0,)) -> float:
    """Median wall time of a command over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        done = subprocess.run(command, capture_output=True)
        times.append(time.perf_counter() - began)
        if done.returncode not in ok:
            raise SystemExit(f"{command} failed:\n{done.stdout.decode()[-2000:]}"
                             f"{done.stderr.decode()[-2000:]}")
    return statistics.median(times)


def csv_package(data: Path) -> Path:
    """A Frictionless descriptor for the CSVs: the curated Table Schemas, keys included."""
    from strikeledger import metadata, schemas

    resources = [{"name": t, "path": f"{t}.csv", "format": "csv",
                  "schema": metadata.table_schema(t, released=False)} for t in schemas.MODELS]
    path = data / "datapackage.json"
    path.write_text(json.dumps({"name": "strikeledger-bench", "resources": resources}))
    return path


def arrow_bytes(release: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.read_table(p).nbytes for p in release.glob("*.parquet"))


def prepare(events: int, root: Path) -> tuple[Path, Path]:
    """Generate the data (reused when already there) and build its release."""
    data = root / "datasets"
    if not (data / "figures.csv").is_file():
        subprocess.run([PYTHON, HERE / "generate.py", "--events", str(events), "--out", data],
                       check=True)
    (root / "CHANGELOG.md").write_text("## [0.0.0] - 2026-01-01\n")
    return data, root


def measure(events: int, root: Path, repeat: int, frictionless_repeat: int) -> dict:
    from strikeledger import __version__

    data, root = prepare(events, root)
    changelog = root / "CHANGELOG.md"
    changelog.write_text(f"## [{__version__}] - 2026-01-01\n")
    out = root / "build"
    shutil.rmtree(out, ignore_errors=True)

    validate = wall([EXE, "validate", "--data", str(data)], repeat)
    floor = wall([PYTHON, "-c", FLOOR, str(data), str(root / "floor")], repeat)
    package = csv_package(data)
    friction = wall([FRICTIONLESS, "validate", str(package)], frictionless_repeat, ok=(0, 1))

    command = [EXE, "build", "--data", str(data), "--out", str(out), "--changelog",
               str(changelog)]
    began = time.perf_counter()
    peak_kib = int(subprocess.run([PYTHON, "-c", PEAK, *command], capture_output=True,
                                  text=True, check=True).stdout)
    build_wall = time.perf_counter() - began
    release = out / __version__
    arrow = arrow_bytes(release)

    loaded = json.loads(subprocess.run([PYTHON, "-c", LOAD, str(release), str(repeat)],
                                       capture_output=True, text=True, check=True).stdout)
    return {
        "events": events,
        "load": statistics.median(loaded["loads"]),
        "read_parquet": statistics.median(loaded["reads"]),
        "first_load": loaded["first"],
        "validate": validate, "frictionless": friction, "floor": floor,
        "build": build_wall, "peak_mib": peak_kib / 1024, "arrow_mib": arrow / 2**20,
    }


def import_times(repeat: int) -> tuple[float, float]:
    ours = wall([PYTHON, "-c", "import strikeledger"], repeat)
    pandas = wall([PYTHON, "-c", "import pandas"], repeat)
    return ours, pandas


def report(rows: list[dict], imports: tuple[float, float]) -> str:
    ours, pandas = imports
    lines = [
        f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}.",
        "",
        f"import: `import strikeledger` {ours:.3f} s / `import pandas` {pandas:.3f} s = "
        f"**{ours / pandas:.2f}×** (goal ≤ 1.10×)",
        "",
        "| events | load / read_parquet (goal ≤ 1.10×) | first load, sha256 checked | "
        "validate | / frictionless (goal ≤ 1/20) | / I/O floor (goal ≤ 3×) | build | "
        "build peak memory / Arrow size (goal ≤ 3×) |",
        "|---:|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        load, first = r["load"] / r["read_parquet"], r["first_load"] / r["read_parquet"]
        faster, floor = r["frictionless"] / r["validate"], r["validate"] / r["floor"]
        memory = r["peak_mib"] / r["arrow_mib"]
        lines.append(
            f"| {r['events']:,} "
            f"| {r['load']:.3f} s / {r['read_parquet']:.3f} s = **{load:.2f}×** "
            f"| {r['first_load']:.3f} s = {first:.2f}× "
            f"| {r['validate']:.2f} s "
            f"| {r['frictionless']:.1f} s: **{faster:.0f}× faster** "
            f"| {r['floor']:.2f} s: **{floor:.2f}×** "
            f"| {r['build']:.2f} s "
            f"| {r['peak_mib']:.0f} MiB / {r['arrow_mib']:.0f} MiB = **{memory:.1f}×** |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5, help="runs per median")
    parser.add_argument("--frictionless-repeat", type=int, default=1,
                        help="runs of frictionless per size (it is slow)")
    parser.add_argument("--root", type=Path, default=Path("/tmp/strikeledger-bench"))
    args = parser.parse_args()
    imports = import_times(max(args.repeat, 10))
    rows = []
    for events in args.sizes:
        repeat = args.repeat if events < 1_000_000 else max(3, args.repeat // 2)
        rows.append(measure(events, args.root / str(events), repeat, args.frictionless_repeat))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(report(rows, imports))


if __name__ == "__main__":
    main()
