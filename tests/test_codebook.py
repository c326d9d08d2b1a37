"""The committed codebook is exactly what the schemas generate."""

from helpers import ROOT

from strikeledger.codebook import codebook
from strikeledger.schemas import RELEASED
from strikeledger.schemas.vocabularies import VOCABULARIES


def test_committed_codebook_is_current():
    committed = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert committed == codebook(), "docs/codebook.md is stale: run `strikeledger codebook`"


def test_codebook_covers_every_column_and_code():
    text = codebook()
    for model in RELEASED.values():
        for column in model.to_schema().columns:
            assert f"| `{column}` |" in text
    for code in VOCABULARIES["metric"].codes:
        assert f"| `{code}` |" in text
