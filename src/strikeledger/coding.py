"""A column coded as integers: its distinct values, and a number per row into them.

Grouping and ordering by integers is many times faster than by the texts themselves, so
the rules across tables (running counts) and the figure_comparisons view code the columns
they group by, once each, here.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


class Coded(NamedTuple):
    """A column as its distinct values and a number per row into them (-1 where empty)."""

    codes: np.ndarray
    values: pa.Array

    def take(self, rows: np.ndarray) -> pa.Array:
        """The column's values at ``rows`` (empty where empty)."""
        codes = self.codes[rows]
        return self.values.take(pa.array(codes, mask=codes < 0))


def code_column(values: pa.Array | pa.ChunkedArray) -> Coded:
    """The column coded: equal cells alike, numbered in the order they first occur.

    A column in blocks is coded in place, without first copying its texts into one piece:
    Arrow codes the blocks with one dictionary, shared by all of them, so their numbers
    are copied out as they are. Only blocks with dictionaries of their own are unified,
    which is slow (18 s for the 420,000 distinct event ids of the 1M-event benchmark)."""
    encoded = pc.dictionary_encode(values)
    if isinstance(encoded, pa.ChunkedArray):
        chunks = encoded.chunks
        if not chunks:
            return Coded(np.empty(0, dtype=np.int32), pa.array([], encoded.type.value_type))
        dictionary = chunks[0].dictionary
        if not all(chunk.dictionary.equals(dictionary) for chunk in chunks[1:]):
            chunks = encoded.unify_dictionaries().chunks
            dictionary = chunks[0].dictionary
        blocks = [chunk.indices for chunk in chunks]
    else:
        dictionary, blocks = encoded.dictionary, [encoded.indices]
    codes = np.empty(len(values), dtype=np.int32)
    start = 0
    for block in blocks:  # one copy of the numbers, empty cells as -1
        codes[start:start + len(block)] = (block.fill_null(-1) if block.null_count
                                           else block).to_numpy()
        start += len(block)
    return Coded(codes, dictionary)
