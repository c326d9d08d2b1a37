"""Coding a column as integers (strikeledger.coding), whole or in blocks."""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from strikeledger import coding
from strikeledger.coding import code_column

cells = st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "c", "dd", ""])), max_size=30)
blocks = st.lists(cells, max_size=5)


def first_occurrence(values: list) -> tuple[list[int], list]:
    """The coding by hand: numbered in the order values first occur, -1 for empty."""
    seen: dict = {}
    codes = [-1 if v is None else seen.setdefault(v, len(seen)) for v in values]
    return codes, list(seen)


def check(column: pa.Array | pa.ChunkedArray, values: list) -> None:
    coded = code_column(column)
    codes, distinct = first_occurrence(values)
    assert coded.codes.tolist() == codes
    assert coded.values.to_pylist() == distinct
    assert coded.take(np.arange(len(values))).to_pylist() == values


@settings(deadline=None)
@given(blocks)
@example([["a", None], [], ["b", "a"], [None]])
@example([])
def test_a_column_in_blocks_is_coded_as_if_whole(parts: list[list]) -> None:
    values = [v for part in parts for v in part]
    check(pa.chunked_array(parts, pa.large_string()), values)
    check(pa.array(values, pa.large_string()), values)


@settings(deadline=None)
@given(blocks)
@example([["a", "b"], ["b", None, "c"], ["c", "a"]])
def test_blocks_with_dictionaries_of_their_own_are_unified(parts: list[list]) -> None:
    """Arrow gives all blocks one dictionary; were a version to give each its own, the
    numbers would have to be unified rather than copied out."""
    encode = pc.dictionary_encode

    def per_block(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
        if isinstance(column, pa.Array):
            return encode(column)
        return pa.chunked_array([encode(chunk) for chunk in column.chunks],
                                pa.dictionary(pa.int32(), column.type))

    values = [v for part in parts for v in part]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(coding.pc, "dictionary_encode", per_block)
        check(pa.chunked_array(parts, pa.large_string()), values)


# Ids of two digits, at least four cells: small enough a table of their numbers.
ids = st.lists(st.one_of(st.none(), st.integers(0, 99).map(lambda n: f"SRC-{n:02d}")),
               min_size=4, max_size=40)
# Near misses of an id of one width: another width, prefix, digit or script.
near_misses = st.sampled_from(["SRC-1", "SRC-001", "SRB-01", "SRC-0a", "SRC-٠1", "SRC01",
                               "-01", "1RC-01", "SRC-0 ", "SRC--1", "SRÇ-01"])


def one_shape(values: list) -> bool:
    """Whether the cells present are ids of one prefix and width (the digits ASCII), with
    a table of their numbers small enough for the column."""
    present = [v for v in values if v is not None]
    return (bool(present) and all(re.fullmatch(r"[A-Za-z]+-[0-9]+", v) for v in present)
            and len({len(v) for v in present}) == 1
            and len({v.split("-")[0] for v in present}) == 1
            and 10 ** len(present[0].split("-")[1]) <= 32 * len(values))


def check_meaning(column: pa.Array | pa.ChunkedArray, values: list) -> np.ndarray:
    """Equal cells have equal numbers, the numbers index distinct values, and the cells
    come back from them."""
    coded = code_column(column)
    assert coded.codes.dtype == np.int32
    assert coded.take(np.arange(len(values))).to_pylist() == values
    distinct = coded.values.to_pylist()
    assert len(set(distinct)) == len(distinct)
    pairs = set(zip(values, coded.codes.tolist(), strict=True))
    assert all((v is None) == (c == -1) for v, c in pairs)
    assert len(pairs) == len({v for v, _ in pairs}) == len({c for _, c in pairs})
    return coded


@settings(deadline=None)
@given(ids, st.lists(near_misses, max_size=2), st.integers(1, 4))
@example(["SRC-07", None, "SRC-03", "SRC-07"], [], 1)
@example(["SRC-07", None, "SRC-03", None], ["SRC-٠1"], 2)
@example([None, None, None, None], [], 1)
def test_ids_of_one_width_are_numbered_in_text_order(cells: list, misses: list,
                                                     blocks: int) -> None:
    values = [*cells, *misses]
    cut = len(values) // blocks
    parts = [values[i * cut:(i + 1) * cut] for i in range(blocks - 1)]
    parts.append(values[(blocks - 1) * cut:])
    for column in (pa.array(values, pa.large_string()), pa.array(values, pa.string()),
                   pa.chunked_array(parts, pa.large_string())):
        coded = check_meaning(column, values)
        ids_alone = one_shape(values)
        assert (coding._ids_of_one_width(column) is not None) == ids_alone
        if ids_alone:
            assert coded.values.to_pylist() == sorted({v for v in values if v is not None})
