"""operation_sources: which sources report which operation's announcement."""

import pandera.pandas as pa
from pandera.typing import Series

from .event_sources import paragraphs_field
from .fields import foreign_key, identifier


class OperationSources(pa.DataFrameModel):
    """One row per (operation, source) pair."""

    operation_id: Series[str] = identifier("OP", "The operation (operations.operation_id).")
    source_id: Series[str] = identifier(
        "SRC", "A source that reports its announcement (sources.source_id)."
    )
    paragraphs: Series[str] = paragraphs_field("reports the announcement")

    class Config:
        name = "operation_sources"
        description = "Which sources report which operation's announcement."
        strict = True
        unique = ["operation_id", "source_id"]  # the primary key
        metadata = {
            "foreign_keys": [
                foreign_key("operation_id", "operations"),
                foreign_key("source_id", "sources"),
            ]
        }
