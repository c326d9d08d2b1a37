"""The models' checks as `strikeledger validate` runs them (in Arrow, validate/models.py)
against pandera's own verdicts, and the short cuts of our text checks against their
regular expressions."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from helpers import DATASETS
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strikeledger.schemas import checks as our_checks

from strikeledger import metadata, schemas
from strikeledger.validate.csvio import read_table
from strikeledger.validate.models import arrow_test

# Cells that break one rule or another, tried in every text column.
AWKWARD = ["", " EV-0001", "EV-0001 ", "n/a", "=SUM(A1)", "+1", "-", "@x", "\tx", "a\u202eb",
           "a\u200bb", "a\u2028b", "a\x7fb", "a\x85b", "\ue000", "EV-12", "EV-0001;",
           "EV-\uff10\uff10\uff10\uff11", "EV-0001;EV-0002", "us_strike", "rocket;drone",
           "x" * 70, "é", "\u00a0"]


def _samples(table: str, column: metadata.Column) -> pa.Array:
    """The column's cells in the curated data, and for text columns the awkward cells."""
    read = read_table(table, DATASETS / f"{table}.csv", metadata.columns(table, released=False))
    assert read.arrow is not None
    cells = read.arrow.column(column.name).combine_chunks()
    if column.kind == "string":  # and one repeated cell, for the uniqueness rule
        repeated = cells.filter(cells.is_valid()).slice(0, 1)
        return pa.concat_arrays([cells, repeated, pa.array(AWKWARD, cells.type)])
    if column.kind == "date":
        edge = [dt.date(2023, 10, 16), dt.date(2023, 10, 17), dt.date(2024, 2, 29),
                dt.date(2024, 3, 1), dt.date(2030, 1, 1)]
        return pa.concat_arrays([cells, pa.array(edge, cells.type)])
    if column.kind == "integer":
        return pa.concat_arrays([cells, pa.array([-1, 0, 1, 10**9], cells.type)])
    return pa.concat_arrays([cells, pa.array([-181.0, -90.0, 0.0, 90.5, 180.5], cells.type)])


CASES = [(table, column) for table in schemas.MODELS
         for column in metadata.columns(table, released=False) if column.checks]


@pytest.mark.parametrize(("table", "column"), CASES,
                         ids=[f"{t}.{c.name}" for t, c in CASES])
def test_each_check_gives_pandera_verdict(table, column):
    cells = _samples(table, column)
    present = cells.filter(cells.is_valid())
    dtype = {"date": pd.ArrowDtype(pa.date32()), "integer": "Int64", "number": "Float64",
             "string": "str"}[column.kind]
    series = pd.Series(present.to_pylist(), dtype=dtype)
    for check in column.checks:
        ours = pc.fill_null(arrow_test(check)(present), True).to_pylist()
        theirs = check(series).check_output.tolist()
        assert ours == theirs, (check.name, [v for v, a, b in zip(present.to_pylist(), ours,
                                                                  theirs, strict=True) if a != b])
        # Every check is seen failing some sample, so the comparison proves something.
        assert not all(ours), f"{check.name}: no sample fails it"


def test_every_check_of_every_table_has_an_arrow_form():
    names = {check.name for table in schemas.RELEASED for column in metadata.columns(table)
             for check in column.checks}
    for table in schemas.RELEASED:
        for column in metadata.columns(table):
            for check in column.checks:
                assert callable(arrow_test(check))
    assert {"isin", "str_matches", "no_control_characters", "no_formula_start"} <= names


def test_a_check_with_no_arrow_form_is_refused_by_name():
    import pandera.pandas as pandera

    with pytest.raises(TypeError, match="'str_length' has no Arrow form"):
        arrow_test(pandera.Check.str_length(1, 5))


# Characters of every kind the text rules care about, and some they do not.
CHARACTERS = [*"aZ 09=+-@;'\"", "\t", "\r", "\n", "\x00", "\x1f", "\x7f", "\x80", "\x9f",
              "\u00a0", "\u00ad", "\u200b", "\u200f", "\u202e", "\u2066", "\u2028", "\u2029",
              "\ue000", "\U000f0000", "\ufeff", "é", "ع", "😀", "’"]


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(st.none() | st.text(alphabet=st.sampled_from(CHARACTERS), max_size=6),
                      min_size=1, max_size=60),
       cut=st.integers(0, 30), large=st.booleans())
def test_text_short_cuts_equal_their_regular_expressions(cells, cut, large):
    array = pa.array(cells, pa.large_string() if large else pa.string())
    shapes = [array, array.slice(min(cut, len(array))),
              pa.chunked_array([array.slice(0, cut), array.slice(cut)], array.type)]
    for name, pattern in (("no_control_characters", our_checks.CONTROL),
                          ("no_formula_start", our_checks.FORMULA_START)):
        for cells_ in shapes:
            expected = pc.invert(pc.match_substring_regex(cells_, pattern))
            got = our_checks.ARROW_TESTS[name](cells_)
            assert _list(got) == _list(expected), name


# Ids right and nearly right: a prefix or a near miss of one, then digits or near misses
# (digits of other scripts, letters, signs, padding), around the shortest length.
ID_STARTS = ["SRC-", "SRC", "SRC ", "SRC--", "src-", "SRX-", "SR-", "EV-", "", "-", " SRC-"]
ID_ENDS = st.text(alphabet=[*"0123456789", "٣", "０", "a", " ", ";", "é", "\n", "/", ":", "-"],
                  max_size=14)
ID_CELLS = st.none() | st.tuples(st.sampled_from(ID_STARTS), ID_ENDS).map("".join)


@settings(max_examples=150, deadline=None)
@given(cells=st.lists(ID_CELLS, min_size=1, max_size=60), cut=st.integers(0, 30),
       large=st.booleans())
@example(cells=["SRC-1234", "SRC-123", "SRCa1234", "SRC 1234", "SRC-12:4", "SRC-/234",
                "SRC-١٢٣٤", "SRC-1234\n", "src-1234", "", None, "SRC-00000000000", "SRC-"],
         cut=3, large=False)
def test_id_patterns_on_bytes_equal_the_regular_expression(cells, cut, large):
    array = pa.array(cells, pa.large_string() if large else pa.string())
    shapes = [array, array.slice(min(cut, len(array))),
              pa.chunked_array([array.slice(0, cut), array.slice(cut)], array.type)]
    for pattern in ("^SRC-[0-9]{4,}$", "^EV-[0-9]{1,}$", "^src-[0-9]{12,}$"):
        test = our_checks.matches(pattern)
        for cells_ in shapes:
            assert _list(test(cells_)) == _list(pc.match_substring_regex(cells_, pattern))


@settings(max_examples=150, deadline=None)
@given(cells=st.lists(st.none() | st.sampled_from(["EV-0001", "EV-0002", "EV-0010", "EV-001",
                                                   "EV-1", "", "é"]), max_size=12),
       rising=st.booleans(), cut=st.integers(0, 12))
@example(cells=["EV-0001", "EV-0002", "EV-0002"], rising=True, cut=1)  # equal neighbours
@example(cells=["EV-0002", "EV-0001", "EV-0002"], rising=False, cut=2)  # apart, not rising
@example(cells=["EV-0001", None, "EV-0002"], rising=False, cut=0)  # empty cells count once
def test_distinct_counts_every_value_once_in_any_order(cells, rising, cut):
    values = sorted(cells, key=lambda c: (c is not None, c or "")) if rising else cells
    array = pa.array(values, pa.large_string())
    for shape in (array, pa.chunked_array([array.slice(0, cut), array.slice(cut)])):
        assert our_checks.distinct(shape) == len(set(values))
    integers = pa.array([None if v is None else len(v) for v in values], pa.int64())
    assert our_checks.distinct(integers) == len({None if v is None else len(v)
                                                 for v in values})


def _list(values: pa.Array | pa.ChunkedArray) -> list:
    return values.to_pylist()


@pytest.mark.parametrize("table", list(schemas.RELEASED))
def test_columns_read_from_the_fields_equal_pandera_schema(table):
    # metadata.columns reads the models' fields without building pandera's schema (which
    # imports geopandas); the schema pandera builds must say the same.
    schema = schemas.RELEASED[table].to_schema()
    columns = metadata.columns(table)
    assert [c.name for c in columns] == list(schema.columns)
    for column in columns:
        theirs = schema.columns[column.name]
        assert column.required is not theirs.nullable
        assert column.description == theirs.description
        assert [(c.name, c.statistics) for c in column.checks] == \
            [(c.name, c.statistics) for c in theirs.checks]
        assert column.kind == _engine_kind(theirs.dtype)
    assert schemas.primary_key(table) == list(schema.unique)


def _engine_kind(dtype: object) -> str:
    from pandera.engines import pandas_engine

    for cls, kind in ((pandas_engine.ArrowDate32, "date"), (pandas_engine.INT64, "integer"),
                      (pandas_engine.FLOAT64, "number"), (pandas_engine.STRING, "string"),
                      (pandas_engine.BOOL, "boolean")):
        if isinstance(dtype, cls):
            return kind
    raise AssertionError(f"no kind for {dtype!r}")


def test_validating_imports_nothing_it_does_not_use(tmp_path):
    # pandera's pandas back end (and with it geopandas), its data-synthesis strategies (and
    # hypothesis), Arrow's query engine and countryinfo's table of all countries are not
    # needed to validate clean data.
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from strikeledger.validate import validate; "
            f"assert validate(Path({str(DATASETS)!r})).ok; "
            "from countryinfo._cache import load_countries; "
            "loaded = ['countryinfo data'] if load_countries.cache_info().currsize else []; "
            "print(' '.join(loaded + sorted(m for m in ('geopandas', 'hypothesis', "
            "'pandera.backends.pandas.register', 'pandera.strategies', 'pyarrow.acero', "
            "'pyarrow.dataset') if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == []
