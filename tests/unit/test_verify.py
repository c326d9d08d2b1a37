"""The audit behind `strikeledger verify`, on small documents made here (not the real
sources)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from strikeledger.cli import main
from strikeledger.tools.verify import audit, number_words, paragraphs, value_pattern

DOC = (" date 2024-01-02 Militias fired rockets at a base; several people were hurt.\n"
       "\n"
       "Officials said about 2,500 troops are deployed and sixty-six attacks happened.\n"
       "The 66th attack injured 8 people, and the group announced the death of a member.\n")


@pytest.mark.parametrize(("n", "words"), [
    (0, "zero"), (8, "eight"), (19, "nineteen"), (66, "sixty-six"), (100, "one hundred"),
    (151, "one hundred fifty-one"), (2500, "two thousand five hundred"),
])
def test_number_words(n, words):
    assert number_words(n) == words


@pytest.mark.parametrize(("value", "text", "found"), [
    (2500, "about 2,500 troops", True),
    (2500, "about 2500 troops", True),
    (2500, "about 12,500 troops", False),
    (66, "the 66th time", True),
    (66, "sixty six attacks", True),
    (66, "662 attacks", False),
    (6, "6.5 percent", False),
    (151, "one hundred and fifty-one", True),
    (1, "a member", False),
])
def test_value_pattern(value, text, found):
    assert bool(value_pattern(value).search(text)) is found


def test_article_counts_as_one_only_inside_wording():
    assert value_pattern(1, article=True).search("the death of a member")


def test_paragraphs_are_non_empty_lines_with_the_date_line_in_the_first():
    found = paragraphs(DOC)
    assert len(found) == 3 and found[0].startswith(" date 2024-01-02 Militias")


def make(tmp_path: Path, rename: str | None = None) -> tuple[Path, dict[str, pd.DataFrame]]:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / (rename or "doc.txt")).write_text(DOC, encoding="utf-8")
    digest = hashlib.sha256(DOC.encode()).hexdigest()
    sources = pd.DataFrame({
        "source_id": ["SRC-0001", "SRC-0002"],
        "source_type": ["archived_document", "referenced_page"],
        "document_name": ["doc.txt", None], "document_sha256": [digest, None]})
    figures = pd.DataFrame({
        "figure_id": ["FIG-0001", "FIG-0002", "FIG-0003", "FIG-0004", "FIG-0005"],
        "source_id": ["SRC-0001"] * 4 + ["SRC-0002"],
        "paragraph": pd.array([2, 3, 3, 1, None], dtype="Int64"),
        "value": pd.array([2500, 8, 1, None, 5], dtype="Int64"),
        "wording": ["about 2,500 troops", "injured 8 people", "the death of a member",
                    "several people", None]})
    event_sources = pd.DataFrame({"event_id": ["EV-0001"], "source_id": ["SRC-0001"],
                                  "paragraphs": ["1;3"]})
    return folder, {"sources": sources, "figures": figures, "event_sources": event_sources}


def test_clean_audit_passes_and_skips_referenced_pages(tmp_path):
    folder, t = make(tmp_path)
    result = audit(folder, t["sources"], t["figures"], t["event_sources"])
    assert result.problems == []
    assert result.checked == {"sources": 1, "figures": 4, "citations": 1}


def test_renamed_document_is_found_by_hash(tmp_path):
    folder, t = make(tmp_path, rename="copy-of-doc.txt")
    assert audit(folder, t["sources"], t["figures"], t["event_sources"]).problems == []


def test_every_kind_of_failure_is_named(tmp_path):
    folder, t = make(tmp_path)
    t["figures"].loc[0, "value"] = 62
    t["figures"].loc[1, "wording"] = "injured 9 people"
    t["figures"].loc[3, "paragraph"] = 7
    t["event_sources"].loc[0, "paragraphs"] = "1;4"
    result = audit(folder, t["sources"], t["figures"], t["event_sources"])
    assert [str(p) for p in result.problems] == [
        'figures: figure_id: FIG-0001: value 62 not found in the wording "about 2,500 troops" '
        "in SRC-0001 paragraph 2",
        'figures: figure_id: FIG-0002: wording "injured 9 people" not found in SRC-0001 '
        "paragraph 3",
        "figures: figure_id: FIG-0004: paragraph 7 not in SRC-0001 (it has 3 paragraphs)",
        "event_sources: event_id, source_id: EV-0001, SRC-0001: paragraph 4 not in SRC-0001 "
        "(it has 3 paragraphs)",
    ]


def test_value_is_searched_in_the_paragraph_when_there_is_no_wording(tmp_path):
    folder, t = make(tmp_path)
    t["figures"]["wording"] = None
    t["figures"].loc[1, "value"] = 9
    result = audit(folder, t["sources"], t["figures"], t["event_sources"])
    found = [str(p) for p in result.problems]
    assert "figures: figure_id: FIG-0002: value 9 not found in SRC-0001 paragraph 3" in found
    # Without wording, "a" is not evidence of the value 1.
    assert "figures: figure_id: FIG-0003: value 1 not found in SRC-0001 paragraph 3" in found


def test_changed_document_fails_its_hash(tmp_path):
    folder, t = make(tmp_path)
    (folder / "doc.txt").write_text(DOC + "edited\n", encoding="utf-8")
    result = audit(folder, t["sources"], t["figures"], t["event_sources"])
    assert len(result.problems) == 1
    assert str(result.problems[0]).startswith("sources: source_id: SRC-0001: no file in ")
    assert "(doc.txt has sha256 " in result.problems[0].rule
    assert result.checked["figures"] == 0  # nothing is checked against the wrong text


def test_cli_verify_exit_codes(tmp_path, data, capsys):
    docs = tmp_path / "empty-docs"
    docs.mkdir()
    assert main(["verify", "--documents", str(docs), "--data", str(data)]) == 1
    assert "sources: source_id: SRC-0001: no file in" in capsys.readouterr().out
    assert main(["verify", "--documents", str(tmp_path / "missing")]) == 2
