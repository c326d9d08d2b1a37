"""Property: however a copy of the real CSVs is corrupted (a dropped cell, swapped
columns, random bytes, a truncated file), validation reports problems or passes; it never
raises, and a build of corrupted data that fails validation writes nothing."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from helpers import CHANGELOG, DATASETS
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from strikeledger import __version__
from strikeledger.builder import build
from strikeledger.validate import validate

TABLES = sorted(p.name for p in DATASETS.glob("*.csv"))


def drop_cell(data: bytes, where: int) -> bytes:
    lines = data.split(b"\n")
    row = 1 + where % max(1, len(lines) - 2)
    cells = lines[row].split(b",")
    del cells[where % len(cells)]
    lines[row] = b",".join(cells)
    return b"\n".join(lines)


def swap_columns(data: bytes, where: int) -> bytes:
    lines = data.split(b"\n")
    header = lines[0].split(b",")
    a, b = where % len(header), (where // len(header)) % len(header)
    header[a], header[b] = header[b], header[a]
    return b"\n".join([b",".join(header), *lines[1:]])


def insert_bytes(data: bytes, where: int, noise: bytes) -> bytes:
    at = where % (len(data) + 1)
    return data[:at] + noise + data[at:]


def truncate(data: bytes, where: int) -> bytes:
    return data[: where % (len(data) + 1)]


corruptions = st.one_of(
    st.tuples(st.just("drop"), st.integers(0, 10_000), st.just(b"")),
    st.tuples(st.just("swap"), st.integers(0, 10_000), st.just(b"")),
    st.tuples(st.just("bytes"), st.integers(0, 100_000), st.binary(min_size=1, max_size=12)),
    st.tuples(st.just("truncate"), st.integers(0, 100_000), st.just(b"")),
)


def corrupt(data: bytes, kind: str, where: int, noise: bytes) -> bytes:
    if kind == "drop":
        return drop_cell(data, where)
    if kind == "swap":
        return swap_columns(data, where)
    if kind == "bytes":
        return insert_bytes(data, where, noise)
    return truncate(data, where)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=st.sampled_from(TABLES), corruption=corruptions)
# Found by this test: the id and type columns swapped make ids repeat.
@example(table="events.csv", corruption=("swap", 1, b""))
# Found by this test: event_id swapped with time_of_day leaves ids empty.
@example(table="events.csv", corruption=("swap", 10000, b""))
# Found by this test: a running count's highest earlier figure left without an id.
@example(table="figures.csv", corruption=("swap", 1479, b""))
def test_corrupted_copies_are_reported_never_crash_and_never_build(table, corruption):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(DATASETS, root / "datasets")
        path = root / "datasets" / table
        original = path.read_bytes()
        path.write_bytes(corrupt(original, *corruption))

        result = validate(root / "datasets")  # must not raise
        for failure in result.problems:
            assert failure.file.endswith(".csv") and failure.rule

        out = root / "out"
        built = build(root / "datasets", out, __version__, CHANGELOG)
        if result.problems:
            assert built.problems and built.release is None
            assert not (out / __version__).exists()
        else:
            # The corruption left valid data (e.g. a clean cut after a whole row).
            assert built.release is not None and (built.release / "datapackage.json").is_file()
