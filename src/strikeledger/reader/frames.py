"""Turning a release's Arrow table into the typed pandas DataFrame users get.

The conversion happens in Arrow, then the frame is built once: vocabularies become
dictionary arrays over the whole vocabulary (pandas categoricals holding every code),
dates timestamp[s] (datetime64[s]), numbers nullable; strings pass without a copy.
The dtypes come from the type table of ``release_format``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import ReleaseError
from ..release_format import arrow_to_pandas, field_type, vocabulary

if TYPE_CHECKING:
    import pandas


def vocabulary_columns(resource: dict[str, Any]) -> list[str]:
    """The columns read dictionary-encoded (``read_dictionary``): the vocabularies."""
    return [field["name"] for field in resource["schema"]["fields"]
            if vocabulary(field) is not None]


def check_schema(source: Any, fields: list[dict[str, Any]], where: str) -> None:
    """Refuse a Parquet file whose Arrow schema is not the descriptor's Table Schema (its
    columns, in order, each of the Arrow type of its Table Schema type): checked on the
    file's footer, before any column is read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(source)
    except (pa.ArrowException, OSError) as error:
        raise ReleaseError(f"{where}: not a readable Parquet file ({error})") from None

    names = [field["name"] for field in fields]
    if schema.names != names:
        raise ReleaseError(f"{where}: columns {schema.names} do not match the descriptor's "
                           f"{names}")
    for field in fields:
        actual = schema.field(field["name"]).type
        if pa.types.is_dictionary(actual):
            actual = actual.value_type
        expected = field_type(field["type"]).arrow
        if actual != expected:
            raise ReleaseError(
                f"{where}: column {field['name']!r} is {actual} but the descriptor's Table "
                f"Schema says {field['type']} (Arrow {expected})")


def _as_vocabulary(column: Any, codes: Any, name: str, where: str) -> Any:
    """A column as a dictionary array over the vocabulary ``codes`` (in their order).

    Read with ``read_dictionary``, each chunk arrives dictionary-encoded: only its few
    distinct values are looked up, then its indices are remapped.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    chunks = []
    for chunk in column.chunks:
        if pa.types.is_dictionary(chunk.type):
            mapping = pc.index_in(chunk.dictionary, value_set=codes)
            positions = pc.take(mapping, chunk.indices)
        else:
            positions = pc.index_in(chunk, value_set=codes)
        # A code outside the vocabulary would silently become NaN: refuse instead.
        if positions.null_count != chunk.null_count:
            raise ReleaseError(f"{where}: column {name!r} holds values outside its vocabulary")
        chunks.append(pa.DictionaryArray.from_arrays(positions.cast(pa.int32()), codes))
    return pa.chunked_array(chunks, type=pa.dictionary(pa.int32(), pa.string()))


def to_pandas(table: Any, fields: list[dict[str, Any]], where: str) -> pandas.DataFrame:
    """The typed frame of an Arrow table whose columns are the Table Schema ``fields``."""
    import pyarrow as pa

    names = [field["name"] for field in fields]
    if table.column_names != names:
        raise ReleaseError(f"{where}: columns {table.column_names} do not match the "
                           f"descriptor's {names}")
    columns = []
    for field in fields:
        column = table[field["name"]]
        codes = vocabulary(field)
        if field["type"] == "date":
            column = column.cast(pa.timestamp("s"))
        elif codes is not None:
            column = _as_vocabulary(column, pa.array(codes, pa.string()), field["name"], where)
        columns.append(column)
    return pa.table(columns, names=names).to_pandas(types_mapper=arrow_to_pandas(),
                                                     ignore_metadata=True)
