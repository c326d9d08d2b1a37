"""Package-level rules on small tables made here."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa

from strikeledger.validate.rules import Package, check_running_counts

DATE = pd.ArrowDtype(pa.date32())


def counts(values, days, notes=None):
    n = len(values)
    return {"figures": pd.DataFrame({
        "figure_id": [f"FIG-{i:04d}" for i in range(1, n + 1)],
        "claimant_actor_id": ["ACT-0006"] * n, "metric": ["attacks_on_us_forces"] * n,
        "victim_group": pd.Series([None] * n, dtype="str"),
        "area": ["iraq_and_syria"] * n, "event_id": pd.Series([None] * n, dtype="str"),
        "period_start": pd.Series([dt.date(2023, 10, 17)] * n, dtype=DATE),
        "as_of": pd.Series([dt.date(2023, 11, d) for d in days], dtype=DATE),
        "value": pd.array(values, dtype="Int64"),
        "notes": pd.Series(notes or [None] * n, dtype="str"),
    }).astype({"figure_id": "str", "claimant_actor_id": "str", "metric": "str", "area": "str"})}


def found(tables):
    # The rules read the Arrow tables that reading types (text as large strings).
    arrow = {name: pa.Table.from_pandas(frame, preserve_index=False) for name, frame in
             tables.items()}
    arrow = {name: table.cast(pa.schema([
        field.with_type(pa.large_string()) if pa.types.is_string(field.type) else field
        for field in table.schema])) for name, table in arrow.items()}
    package = Package(arrow)
    return [problem for group in check_running_counts(package) for problem in group]


def test_growing_counts_pass():
    assert found(counts([20, 30, 30, 41], [1, 2, 3, 4])) == []


def test_a_fall_names_the_earlier_figure():
    (problem,) = found(counts([20, 30, 25], [1, 2, 3]))
    assert (problem.file, problem.row, problem.column, problem.value) == \
        ("figures", 2, "value", "25")
    assert problem.rule == ("is lower than FIG-0002 (30) by the same claimant on an earlier "
                            "date; explain it in notes, naming FIG-0002")


def test_an_explained_fall_passes_and_same_day_values_are_not_a_fall():
    assert found(counts([20, 30, 25], [1, 2, 3], [None, None, "Lower than FIG-0002: a recount."])) \
        == []
    assert found(counts([46, 45], [6, 6])) == []


def test_a_fall_below_a_figure_without_an_id_waits_for_its_id():
    """Corrupted data (the empty id is the models' problem): no crash, and no fall that
    names nothing."""
    tables = counts([20, 30, 25], [1, 2, 3])
    tables["figures"]["figure_id"] = pd.Series(["FIG-0001", None, "FIG-0003"], dtype="str")
    assert found(tables) == []
    tables = counts([20, 30, 35, 25], [1, 2, 3, 4])
    tables["figures"]["figure_id"] = pd.Series(["FIG-0001", None, "FIG-0003", "FIG-0004"],
                                               dtype="str")
    (problem,) = found(tables)  # below FIG-0003, which has its id
    assert problem.row == 3 and "FIG-0003 (35)" in problem.rule
