"""Coding a column as integers (strikeledger.coding), whole or in blocks."""

from __future__ import annotations

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
