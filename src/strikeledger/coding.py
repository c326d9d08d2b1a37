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
    """The column coded: equal cells alike, numbered in the order they first occur. A
    column in blocks is coded block by block and the dictionaries unified (coding it in
    one piece would first copy its texts into one)."""
    encoded = pc.dictionary_encode(values)
    if isinstance(encoded, pa.ChunkedArray):  # one dictionary for all chunks
        encoded = encoded.unify_dictionaries().combine_chunks()
    codes = encoded.indices.fill_null(-1) if encoded.indices.null_count else encoded.indices
    return Coded(codes.to_numpy(zero_copy_only=False).astype(np.int64), encoded.dictionary)
