"""A column coded as integers: its distinct values, and a number per row into them.

Grouping and ordering by integers is many times faster than by the texts themselves, so
the rules across tables (running counts) and the figure_comparisons view code the columns
they group by, once each, here.
"""

from __future__ import annotations

import re
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
    """The column coded: equal cells alike, numbered in the order they first occur, or,
    for ids (``_ids_of_one_width``), in their text order.

    A column in blocks is coded in place, without first copying its texts into one piece:
    Arrow codes the blocks with one dictionary, shared by all of them, so their numbers
    are copied out as they are. Only blocks with dictionaries of their own are unified,
    which is slow (seconds for a column of hundreds of thousands of distinct values)."""
    ids = _ids_of_one_width(values)
    if ids is not None:
        return ids
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


# Ids are a prefix (letters and a hyphen) and a number of at least N digits
# (schemas.fields.identifier). Where all the cells of a column have one width, their
# numbers are coded by a table of them instead of being hashed as texts: several times
# faster on the benchmark's ids, where a table of every number of that many digits is
# at most this many times the column's length.
_TABLE_PER_CELL = 32


_ID = re.compile(r"([A-Za-z]+-)([0-9]+)", re.ASCII)


def _first_present(values: pa.Array | pa.ChunkedArray) -> str:
    """The first cell that is not empty (there is one)."""
    for chunk in values.chunks if isinstance(values, pa.ChunkedArray) else [values]:
        if chunk.null_count < len(chunk):
            return chunk[int(np.argmax(chunk.is_valid().to_numpy(zero_copy_only=False)))].as_py()
    raise ValueError("no cell is present")


def _ids_of_one_width(values: pa.Array | pa.ChunkedArray) -> Coded | None:
    """An id column coded by its numbers, where every cell present is the same prefix and
    then digits, all of one width (numbered in text order); None for any other column."""
    if not (pa.types.is_large_string(values.type) or pa.types.is_string(values.type)):
        return None
    if values.null_count == len(values):
        return None
    shape = _ID.fullmatch(_first_present(values))  # most columns are refused here
    if shape is None or 10 ** len(shape[2]) > len(values) * _TABLE_PER_CELL:
        return None
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    shaped = one_width_cells(values)
    if shaped is None:
        return None
    cells, valid = shaped
    width = cells.shape[1]
    hyphen, digits = len(shape[1]) - 1, len(shape[2])
    if width != len(shape[0]) or not (cells[:, :hyphen + 1] == cells[0, :hyphen + 1]).all():
        return None
    number = np.zeros(len(cells), dtype=np.int64)
    for k in range(hyphen + 1, width):
        digit = cells[:, k] - np.uint8(0x30)  # a byte below '0' wraps above 9
        if (digit > 9).any():
            return None
        number *= 10
        number += digit
    rank, distinct = table_codes(number, 10 ** digits)
    codes = np.full(len(values), -1, dtype=np.int32)
    codes[valid] = rank
    # The distinct ids as text: the prefix, then each number's digits.
    text = np.empty((len(distinct), width), dtype=np.uint8)
    text[:, :hyphen + 1] = cells[0, :hyphen + 1]
    for k in range(width - 1, hyphen, -1):
        text[:, k] = distinct % 10 + 0x30
        distinct //= 10
    bounds = np.arange(0, (len(text) + 1) * width, width, dtype=np.int64)
    return Coded(codes, pa.LargeStringArray.from_buffers(
        len(text), pa.py_buffer(bounds), pa.py_buffer(text)).cast(values.type))


def one_width_cells(values: pa.Array) -> tuple[np.ndarray, np.ndarray] | None:
    """A text column's cells present as rows of bytes of one width, in order, and which
    cells are present; None where the cells present differ in width, or none is."""
    large = pa.types.is_large_string(values.type)
    present = len(values) - values.null_count
    if not (large or pa.types.is_string(values.type)) or present == 0:
        return None
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int64 if large else np.int32)[
        values.offset:values.offset + len(values) + 1]
    width = int(offsets[-1] - offsets[0]) // present
    valid = values.is_valid().to_numpy(zero_copy_only=False)
    if width == 0 or not np.array_equal(np.diff(offsets), np.where(valid, width, 0)):
        return None
    cells = np.frombuffer(values.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]]
    return cells.reshape(present, width), valid


def table_codes(numbers: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Integers from 0 to ``size`` - 1 coded by a table of them, without hashing: each
    one's rank among the distinct ones (int32), and the distinct ones, in order."""
    table = np.zeros(size, dtype=bool)
    table[numbers] = True
    return (np.cumsum(table, dtype=np.int32) - 1)[numbers], np.flatnonzero(table)
