"""sources: one row per document or page that the data cites."""

import pandera.pandas as pa
from pandera.typing import Series

from .fields import Date, code, date, identifier, text, unique_text
from .vocabularies import PUBLISHED_BASIS, RELIABILITY_TIER, SOURCE_TYPE


class Sources(pa.DataFrameModel):
    """One row per source: an archived document we hold, or a public page we cite by address."""

    source_id: Series[str] = identifier("SRC", "Stable identifier of the source.")
    source_type: Series[str] = code(
        SOURCE_TYPE, "Whether we hold the document (archived_document) or cite a page by its "
        "address (referenced_page)."
    )
    title: Series[str] = text("Our own descriptive title, not the outlet's headline.")
    publisher: Series[str] = text(
        "Who published it, only where the document makes it clear.", nullable=True
    )
    published_earliest: Series[Date] = date("Earliest possible publication date.")
    published_latest: Series[Date] = date(
        "Latest possible publication date; equal to published_earliest when the date is stated."
    )
    published_basis: Series[str] = code(
        PUBLISHED_BASIS, "How the publication dates were obtained."
    )
    language: Series[str] = text(
        "Language of the document, ISO 639-1 code (e.g. en).", pattern=r"^[a-z]{2}$",
        rule="must be a two-letter lower-case ISO 639-1 language code such as en",
    )
    document_name: Series[str] = text(
        "File name of the archived document; required for archived documents.", nullable=True
    )
    document_sha256: Series[str] = unique_text(
        "SHA-256 (64 lower-case hex digits) of the archived document's bytes; required for "
        "archived documents.",
        pattern=r"^[0-9a-f]{64}$", rule="must be 64 lower-case hexadecimal digits",
    )
    url: Series[str] = text(
        "Address of the page; required for referenced pages.", nullable=True,
        pattern=r"^https?://\S+$", rule="must be a web address starting with http:// or https://",
    )
    notes: Series[str] = text(
        "Curators' notes, e.g. how an undated document was dated.", nullable=True
    )
    reliability_tier: Series[str] = code(
        RELIABILITY_TIER, "How far the page is trusted (official, wire, other); required for "
        "referenced pages, empty for archived documents.", nullable=True,
    )

    class Config:
        name = "sources"
        description = "One row per source: an archived document we hold, or a public page cited " \
            "by its address."
        strict = True
        unique = ["source_id"]  # the primary key
