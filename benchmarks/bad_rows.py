"""`strikeledger validate` on many bad rows: time, peak memory and size of the answer.

Each case is a copy of the curated data (datasets/) with N bad rows added to one table;
`strikeledger validate --data <copy>` runs as a child process, and its wall time and peak
resident memory (os.wait4's rusage of that child) are measured, with the lines and bytes
it prints. The baseline, measured in the same run, is validate on the clean copy.

    .venv/bin/python benchmarks/bad_rows.py            # 200,000 bad rows per case
    .venv/bin/python benchmarks/bad_rows.py --rows 20000

Cases:
- codes: rows whose event_type is not a code and whose location_id points nowhere;
- ragged: rows with one field too many (the line-by-line diagnosis of the CSV structure);
- pasted: the same N/2 new events pasted twice (N rows whose event_id repeats).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).with_name("strikeledger")


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _append(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(buffer.getvalue())


def _median(rows: list[list[str]]) -> list[str]:
    """The real row of median length: bad rows shaped like the real ones."""
    return sorted(rows, key=lambda row: len(",".join(row)))[len(rows) // 2]


def _events(data: Path, n: int, change) -> list[list[str]]:
    rows = _rows(data / "events.csv")
    header, template = rows[0], _median(rows[1:])
    out = []
    for i in range(n):
        row = dict(zip(header, template, strict=True))
        row["event_id"] = f"EV-{900000 + i}"
        change(row, i)
        out.append([row[c] for c in header])
    return out


def make_case(case: str, data: Path, n: int) -> None:
    events = data / "events.csv"
    if case == "codes":
        _append(events, _events(data, n, lambda row, i: row.update(event_type="raid",
                                                                    location_id="LOC-9999")))
    elif case == "ragged":
        _append(events, [[*row, "stray"] for row in _events(data, n, lambda row, i: None)])
    elif case == "pasted":
        half = _events(data, n // 2, lambda row, i: None)
        _append(events, half + half)
    elif case != "baseline":
        raise ValueError(case)


def run(data: Path) -> dict[str, float]:
    """Validate ``data`` in a child process: seconds, peak MB, lines and bytes printed."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen([str(EXE), "validate", "--data", str(data)], stdout=out,
                                 stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        printed = out.read()
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024,  # ru_maxrss is in KiB
            "lines": printed.count(b"\n"), "bytes": len(printed), "exit": child.returncode}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=200_000, help="bad rows per case")
    parser.add_argument("--cases", nargs="+", default=["codes", "ragged", "pasted"])
    args = parser.parse_args()
    print(f"strikeledger validate, {args.rows:,} bad rows added to datasets/events.csv "
          f"(python {sys.version.split()[0]})\n")
    print("| case | bad rows | input MB | time s | × baseline | peak MB | lines printed | "
          "bytes printed | exit |")
    print("|---|---|---|---|---|---|---|---|---|")
    baseline = None
    for case in ["baseline", *args.cases]:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "datasets"
            shutil.copytree(ROOT / "datasets", data)
            make_case(case, data, args.rows)
            size = sum(p.stat().st_size for p in data.iterdir()) / 1e6
            result = run(data)
        baseline = baseline or result["seconds"]
        rows = 0 if case == "baseline" else args.rows
        print(f"| {case} | {rows:,} | {size:.1f} | {result['seconds']:.1f} | "
              f"{result['seconds'] / baseline:.1f} | {result['peak_mb']:.0f} | "
              f"{result['lines']:,} | {result['bytes']:,} | {result['exit']} |", flush=True)


if __name__ == "__main__":
    main()
