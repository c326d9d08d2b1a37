"""The committed codebook is exactly what the schemas generate."""

from helpers import ROOT
from strikeledger.schemas import RELEASED
from strikeledger.schemas.vocabularies import VOCABULARIES

from strikeledger.tools.codebook import codebook


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


def test_readme_quotes_the_current_info_output(capsys):
    """The row counts in the README come from `strikeledger info` and must stay true."""
    from strikeledger.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quoted = readme.split("$ strikeledger info\n", 1)[1].split("```", 1)[0].splitlines()
    assert main(["info"]) == 0
    actual = capsys.readouterr().out.splitlines()
    mask = [line for line in actual if not line.startswith("location:")]
    assert [line for line in quoted if not line.startswith("location:")] == mask
