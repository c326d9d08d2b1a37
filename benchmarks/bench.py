"""StrikeLedger benchmarks: each figure as a ratio against a baseline measured in the same run.

    python benchmarks/bench.py --sizes 10000 100000 1000000      (make bench)

Every timed command runs as a whole process, paired with its baseline in alternating runs
(ours, baseline, ours, baseline, ...); each figure is the median, with the fastest and
slowest run in brackets. A baseline that fails (any exit code but 0: the data is valid)
stops the benchmark with its output.

For the real data (datasets/) and per size (synthetic data from generate.py):
- validate: `strikeledger validate` / a process that only imports pandas, pyarrow.csv and
            pandera.pandas (real data), / `frictionless validate` of the same CSVs as a data
            package with the same Table Schemas, primary and foreign keys, / the I/O floor:
            a process that reads every CSV with pyarrow and writes Parquet (synthetic data).
- no-op build: `strikeledger build` of a release already built from the same inputs,
            / validate: run again (the hashes of unchanged files remembered), and first
            (no remembered hashes, as in a fresh clone).
- build:    wall time and peak memory of a full `strikeledger build` (into an empty
            folder), memory / the Arrow size of the curated CSVs (read by pyarrow.csv).
- comparisons: figure_comparisons derived from the validated figures (in one process),
            / the derivation of the given baseline commit (as shipped before it was
            rewritten in Arrow).
- load:     strikeledger.load("events") / pandas.read_parquet of the same file (medians in
            one process); the first load, which checks the file's sha256, is shown apart.
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
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
EXE = str(Path(PYTHON).with_name("strikeledger"))
FRICTIONLESS = str(Path(PYTHON).with_name("frictionless"))
# The derivation of figure_comparisons before it moved to Arrow (release 2.1.0's).
COMPARISONS_BASELINE = "227fd1d"

IMPORTS = "import pandas, pyarrow.csv, pandera.pandas"

# The floor allocates as validate does (strikeledger.allocator: jemalloc where pyarrow has
# it), so that the ratio is not an allocator's.
FLOOR = """
import contextlib, sys, pathlib, pyarrow as pa, pyarrow.csv as c, pyarrow.parquet as p
with contextlib.suppress(NotImplementedError):
    pa.set_memory_pool(pa.jemalloc_memory_pool())
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
out.mkdir(exist_ok=True)
for f in sorted(src.glob("*.csv")):
    p.write_table(c.read_csv(f), out / (f.stem + ".parquet"))
"""

PEAK = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
if done.returncode:
    sys.exit(done.stderr.decode()[-2000:])
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

# Times compare() on the validated figures: ours, and (when given) the baseline module's,
# alternating in one process.
COMPARE = """
import importlib.util, json, sys, time
from pathlib import Path
from strikeledger.allocator import tune_memory
tune_memory()  # as the build does, before NumPy is imported, for both derivations
from strikeledger import metadata
from strikeledger.builder import comparisons
from strikeledger.validate.csvio import read_table
figures = read_table("figures", Path(sys.argv[1]) / "figures.csv",
                     metadata.columns("figures", released=False)).frame
repeat, baseline = int(sys.argv[2]), sys.argv[3:]
if baseline:
    spec = importlib.util.spec_from_file_location("strikeledger.builder._baseline", baseline[0])
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
ours, theirs = [], []
for _ in range(repeat):
    t = time.perf_counter()
    new = comparisons.compare(figures)
    ours.append(time.perf_counter() - t)
    if baseline:
        t = time.perf_counter()
        was = old.compare(figures)
        theirs.append(time.perf_counter() - t)
        assert new.equals(was), "the derivation differs from the baseline's"
        del was
    del new
print(json.dumps({"ours": ours, "baseline": theirs}))
"""


@dataclass
class Runs:
    """Wall times of one command."""

    times: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def __str__(self) -> str:
        if len(self.times) == 1:
            return f"{self.times[0]:.2f} s"
        return f"{self.median:.2f} s ({min(self.times):.2f}–{max(self.times):.2f})"


def run(command: list[str]) -> float:
    """Wall time of one run of a command; a failed run stops the benchmark."""
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"benchmark stopped: {' '.join(map(str, command))} exited with "
                         f"{done.returncode}:\n{done.stdout.decode()[-2000:]}"
                         f"{done.stderr.decode()[-2000:]}")
    return elapsed


def paired(commands: dict[str, list[str]], repeat: dict[str, int],
           before: dict[str, object] | None = None) -> dict[str, Runs]:
    """Run the commands in turn, round after round (each for its own number of rounds);
    ``before`` names a function to call before each run of a command (e.g. to empty an
    output folder)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(max(repeat.values())):
        for name, command in commands.items():
            if round_ < repeat[name]:
                if before and name in before:
                    before[name]()  # type: ignore[operator]
                times[name].append(run(command))
    return {name: Runs(t) for name, t in times.items()}


def csv_package(data: Path) -> Path:
    """A Frictionless descriptor for the CSVs: the curated Table Schemas, keys included."""
    from strikeledger import metadata, schemas

    resources = [{"name": t, "path": f"{t}.csv", "format": "csv",
                  "schema": metadata.table_schema(t, released=False)} for t in schemas.MODELS]
    path = data / "datapackage.json"
    path.write_text(json.dumps({"name": "strikeledger-bench", "resources": resources}))
    return path


def arrow_mib(data: Path) -> float:
    """The Arrow size of the curated CSVs, as pyarrow.csv reads them."""
    import pyarrow.csv as pacsv

    return sum(pacsv.read_csv(p).nbytes for p in data.glob("*.csv")) / 2**20


def prepare(events: int, root: Path) -> Path:
    """Generate the data; reused only when made by this generator from these curated CSVs
    (their digest is kept beside it), since data made by another is not valid under
    today's rules."""
    import hashlib

    data = root / "datasets"
    digest = hashlib.sha256(str(events).encode())
    for path in [HERE / "generate.py", *sorted((ROOT / "datasets").glob("*.csv"))]:
        digest.update(path.read_bytes())
    stamp = root / "generated-from.sha256"
    if not stamp.is_file() or stamp.read_text() != digest.hexdigest():
        shutil.rmtree(data, ignore_errors=True)
        subprocess.run([PYTHON, HERE / "generate.py", "--events", str(events), "--out", data],
                       check=True)
        stamp.write_text(digest.hexdigest())
    return data


def baseline_comparisons(commit: str, folder: Path) -> Path | None:
    """The comparisons module of ``commit``, written to ``folder`` (None without git)."""
    done = subprocess.run(["git", "-C", str(ROOT), "show",
                           f"{commit}:src/strikeledger/builder/comparisons.py"],
                          capture_output=True, text=True)
    if done.returncode:
        return None
    path = folder / "comparisons_baseline.py"
    path.write_text(done.stdout.replace("from .. import", "from strikeledger import")
                    .replace("from ..", "from strikeledger."))
    return path


def measure(name: str, data: Path, root: Path, repeat: int, friction_repeat: int,
            compare_repeat: int, baseline: Path | None, *, real: bool) -> dict:
    """Every figure of one row of the table."""
    from strikeledger import __version__
    from strikeledger.builder.changelog import release_date

    # The version's own date: no source may be published after it (validate's rule).
    created = release_date(ROOT / "CHANGELOG.md", __version__)
    changelog = root / "CHANGELOG.md"
    changelog.write_text(f"## [{__version__}] - {created.isoformat()}\n")
    out, full, floor = root / "build", root / "build-full", root / "floor"
    validate = [EXE, "validate", "--data", str(data)]
    commands = {"validate": validate}
    rounds = {"validate": repeat}
    if real:
        commands["imports"] = [PYTHON, "-c", IMPORTS]
        rounds["imports"] = repeat
    else:
        commands["floor"] = [PYTHON, "-c", FLOOR, str(data), str(floor)]
        rounds["floor"] = repeat
    if friction_repeat:
        commands["frictionless"] = [FRICTIONLESS, "validate", str(csv_package(data))]
        rounds["frictionless"] = friction_repeat
    row: dict = {"name": name, **paired(commands, rounds)}

    # The no-op build, paired with validate: first with no remembered hashes (as in a
    # fresh clone: it hashes every input and every file of the release), then as it is
    # run again (the hashes of unchanged files remembered); then full builds.
    build = [EXE, "build", "--data", str(data), "--changelog", str(changelog)]
    shutil.rmtree(out, ignore_errors=True)
    cache = root / "cache"
    os.environ["STRIKELEDGER_CACHE"] = str(cache)  # the hashes builds remember
    run([*build, "--out", str(out)])
    time.sleep(2.5)  # files written less than 2 s before they are hashed are not remembered
    noop = [*build, "--out", str(out)]
    noops = paired({"first": noop, "noop": noop, "validate": validate},
                   {"first": repeat, "noop": repeat, "validate": repeat},
                   before={"first": lambda: shutil.rmtree(cache, ignore_errors=True)})
    row["noop_first"], row["noop"] = noops["first"], noops["noop"]
    row["validate_with_noop"] = noops["validate"]
    builds, peaks = [], []
    for _ in range(max(1, repeat // 2)):
        shutil.rmtree(full, ignore_errors=True)
        began = time.perf_counter()
        done = subprocess.run([PYTHON, "-c", PEAK, *build, "--out", str(full)],
                              capture_output=True, text=True)
        builds.append(time.perf_counter() - began)
        if done.returncode:
            raise SystemExit(f"benchmark stopped: the build failed:\n{done.stderr}")
        peaks.append(int(done.stdout) / 1024)
    row["build"], row["peak_mib"] = Runs(builds), max(peaks)
    row["arrow_mib"] = arrow_mib(data)
    release = full / __version__

    row["compare"], row["compare_baseline"] = derive(data, compare_repeat, baseline)

    loaded = json.loads(subprocess.run([PYTHON, "-c", LOAD, str(release), str(repeat)],
                                       capture_output=True, text=True, check=True).stdout)
    row["load"], row["read_parquet"] = Runs(loaded["loads"]), Runs(loaded["reads"])
    row["first_load"] = loaded["first"]
    return row


def derive(data: Path, repeat: int, baseline: Path | None) -> tuple[Runs, Runs | None]:
    """figure_comparisons derived ``repeat`` times from ``data``'s figures, ours alternating
    with the baseline's, in one process."""
    command = [PYTHON, "-c", COMPARE, str(data), str(repeat)]
    if baseline is not None:
        command.append(str(baseline))
    derived = json.loads(subprocess.run(command, capture_output=True, text=True,
                                        check=True).stdout)
    return Runs(derived["ours"]), Runs(derived["baseline"]) if derived["baseline"] else None


def ratio(a: Runs, b: Runs) -> float:
    return a.median / b.median


def report(rows: list[dict], imports: dict[str, Runs]) -> str:
    ours, pandas = imports["ours"], imports["pandas"]
    lines = [
        f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}.",
        "",
        f"import: `import strikeledger` {ours} / `import pandas` {pandas} = "
        f"**{ratio(ours, pandas):.2f}×** (goal ≤ 1.10×)",
        "",
        "Validation (`strikeledger validate`, whole process):",
        "",
        "| data | validate | / imports only (goal ≤ 1.15×) | / frictionless | "
        "/ I/O floor (goal ≤ 2×) |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        imports_only = (f"{r['imports']}: **{ratio(r['validate'], r['imports']):.2f}×**"
                        if "imports" in r else "")
        friction = (f"{r['frictionless']}: **{ratio(r['frictionless'], r['validate']):.1f}× "
                    "faster**" if "frictionless" in r else "not run")
        floor = f"{r['floor']}: **{ratio(r['validate'], r['floor']):.2f}×**" \
            if "floor" in r else ""
        lines.append(f"| {r['name']} | {r['validate']} | {imports_only} | {friction} | "
                     f"{floor} |")
    lines += [
        "",
        "Building (`strikeledger build`, whole process) and deriving figure_comparisons:",
        "",
        "| data | no-op build, run again / validate (goal < 0.5×) | first no-op build (no "
        "remembered hashes) / validate | full build | build peak memory / "
        "Arrow size of the CSVs (goal ≤ 2×) | figure_comparisons / before (goal ≤ 1/3) |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        noop = ratio(r["noop"], r["validate_with_noop"])
        first = ratio(r["noop_first"], r["validate_with_noop"])
        memory = r["peak_mib"] / r["arrow_mib"]
        compare = str(r["compare"])
        if r["compare_baseline"] is not None:
            compare += (f" / {r['compare_baseline']} = "
                        f"**{ratio(r['compare'], r['compare_baseline']):.2f}×**")
        lines.append(
            f"| {r['name']} | {r['noop']} / {r['validate_with_noop']} = **{noop:.2f}×** "
            f"| {r['noop_first']} = **{first:.2f}×** | {r['build']} "
            f"| {r['peak_mib']:.0f} MiB / {r['arrow_mib']:.0f} MiB = "
            f"**{memory:.2f}×** | {compare} |")
    lines += [
        "",
        "Loading (`strikeledger.load(\"events\")`, in one process):",
        "",
        "| data | load / read_parquet (goal ≤ 1.10×) | first load, sha256 checked |",
        "|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['name']} | {r['load'].median:.3f} s / {r['read_parquet'].median:.3f} s = "
            f"**{ratio(r['load'], r['read_parquet']):.2f}×** | {r['first_load']:.3f} s = "
            f"{r['first_load'] / r['read_parquet'].median:.2f}× |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5, help="runs per median")
    parser.add_argument("--frictionless-repeat", type=int, default=3,
                        help="runs of frictionless per size (it is slow)")
    parser.add_argument("--frictionless-max", type=int, default=100_000,
                        help="the largest size frictionless runs at (it takes minutes at 1M)")
    parser.add_argument("--no-real", action="store_true", help="skip the real data's row")
    parser.add_argument("--comparisons-baseline", default=COMPARISONS_BASELINE,
                        help="the commit whose figure_comparisons derivation is the baseline")
    parser.add_argument("--root", type=Path, default=Path("/tmp/strikeledger-bench"))
    parser.add_argument("--comparisons-only", action="store_true",
                        help="only derive figure_comparisons at each size, against the baseline")
    args = parser.parse_args()
    # Our modules' bytecode compiled, as installing the wheel does (an environment that
    # sets PYTHONDONTWRITEBYTECODE would otherwise compile them from source in every run).
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "src"), str(ROOT / "schemas")],
                   check=True)
    if args.comparisons_only:
        with tempfile.TemporaryDirectory() as scratch:
            baseline = baseline_comparisons(args.comparisons_baseline, Path(scratch))
            for events in args.sizes:
                ours, theirs = derive(prepare(events, args.root / str(events)),
                                      max(3, args.repeat // 2), baseline)
                versus = f" / {theirs} = {ratio(ours, theirs):.2f}×" if theirs else ""
                print(f"figure_comparisons at {events:,} events: {ours}{versus}")
        return
    imports = paired({"ours": [PYTHON, "-c", "import strikeledger"],
                      "pandas": [PYTHON, "-c", "import pandas"]},
                     {"ours": max(args.repeat, 10), "pandas": max(args.repeat, 10)})
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        baseline = baseline_comparisons(args.comparisons_baseline, Path(scratch))
        if not args.no_real:
            # A copy: the Frictionless descriptor is written beside the CSVs.
            root = args.root / "real"
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(ROOT / "datasets", root / "datasets")
            rows.append(measure("real data (datasets/)", root / "datasets", root,
                                max(args.repeat, 10), args.frictionless_repeat, 5, baseline,
                                real=True))
            print(rows[-1]["name"], "done", file=sys.stderr, flush=True)
        for events in args.sizes:
            big = events >= 1_000_000
            repeat = max(3, args.repeat // 2) if big else args.repeat
            friction = args.frictionless_repeat if events <= args.frictionless_max else 0
            data = prepare(events, args.root / str(events))
            rows.append(measure(f"{events:,} events", data, args.root / str(events), repeat,
                                friction, 2 if big else 3, baseline, real=False))
            print(rows[-1]["name"], "done", file=sys.stderr, flush=True)
    print(report(rows, imports))


if __name__ == "__main__":
    main()
