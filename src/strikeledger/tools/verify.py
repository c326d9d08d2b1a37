"""``strikeledger verify --documents DIR``: audit the data against the source documents.

Anyone holding the documents can rerun it:
- each archived source's ``document_sha256`` matches a file in DIR (looked up by
  ``document_name``, then by hash, so a renamed copy is still found);
- each figure's paragraph exists, its ``wording`` stands in that paragraph, and
  its value is written there (digits, with or without thousands separators, or
  English number words; for the value 1, also "a"/"an" inside the wording);
- each ``event_sources`` paragraph exists.
Paragraphs are the non-empty lines of a document, from 1 (CURATION.md, rule 3).
Sources cited by address (``referenced_page``) have no document and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..problems import Problem
from ..release_format import sha256

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """English words for ``n`` (0 <= n < 1,000,000), e.g. 66 -> 'sixty-six'."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        return f"{number_words(thousands)} thousand" + (f" {number_words(rest)}" if rest else "")
    raise ValueError(f"no words for {n}")


def value_pattern(value: int, *, article: bool = False) -> re.Pattern[str]:
    """A pattern finding ``value`` written as digits or words in normalised text."""
    forms = [re.escape(f"{value:,}"), re.escape(str(value))]
    if value < 1_000_000:
        words = number_words(value)
        forms.append(re.escape(words).replace(r"\-", "[- ]").replace(r"\ ", "(?: and)? "))
    if value == 1 and article:
        forms += ["a", "an", "single"]
    return re.compile(r"(?<![\w.,])(?:" + "|".join(forms) + r")(?![.,]?\d)(?:st|nd|rd|th)?\b")


def normalise(text: str) -> str:
    """Case, quotes, dashes and spaces folded, so wording matches whatever typography."""
    text = text.casefold()
    for chars, plain in (("‘’′`", "'"), ("“”″", '"'), ("‐‑‒–—", "-"), ("\u00a0\u2009", " ")):
        for char in chars:
            text = text.replace(char, plain)
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a document: its non-empty lines, in order."""
    return [line for line in text.splitlines() if line.strip()]


@dataclass
class Audit:
    """The outcome of an audit: what was checked and every failure."""

    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=lambda: {
        "sources": 0, "figures": 0, "citations": 0})


def _documents(folder: Path) -> tuple[dict[str, str], dict[str, Path]]:
    by_name, by_hash = {}, {}
    for path in sorted(folder.iterdir()):
        if path.is_file():
            digest = sha256(path)
            by_name[path.name] = digest
            by_hash.setdefault(digest, path)
    return by_name, by_hash


def audit(documents: Path, sources: pd.DataFrame, figures: pd.DataFrame,
          event_sources: pd.DataFrame) -> Audit:
    """Check sources, figures and citations against the documents in ``documents``."""
    result = Audit()
    by_name, by_hash = _documents(documents)
    texts: dict[str, list[str]] = {}
    archived = sources[sources["source_type"].astype("str") == "archived_document"]
    for source in archived.itertuples(index=False):
        result.checked["sources"] += 1
        expected = source.document_sha256
        path = by_hash.get(expected)
        if path is None:
            found = by_name.get(source.document_name)
            detail = (f"{source.document_name} has sha256 {found}" if found else
                      f"no file is named {source.document_name}")
            result.problems.append(Problem(
                "sources", None, "source_id", source.source_id,
                f"no file in {documents} has sha256 {expected} ({detail})"))
            continue
        texts[source.source_id] = [normalise(p) for p in
                                   paragraphs(path.read_text(encoding="utf-8"))]

    for figure in figures[figures["source_id"].isin(list(texts))].itertuples(index=False):
        result.checked["figures"] += 1
        result.problems.extend(
            Problem("figures", None, "figure_id", figure.figure_id, rule)
            for rule in _check_figure(figure, texts[figure.source_id]))

    cited = event_sources[event_sources["source_id"].isin(list(texts))]
    for row in cited.itertuples(index=False):
        result.checked["citations"] += 1
        count = len(texts[row.source_id])
        for number in str(row.paragraphs).split(";") if isinstance(row.paragraphs, str) else []:
            if not 1 <= int(number) <= count:
                result.problems.append(Problem(
                    "event_sources", None, "event_id, source_id",
                    f"{row.event_id}, {row.source_id}",
                    f"paragraph {number} not in {row.source_id} (it has {count} paragraphs)"))
    return result


def _check_figure(figure: object, text: list[str]) -> list[str]:
    """What is wrong with one figure's citation, in words."""
    source, number = figure.source_id, figure.paragraph  # type: ignore[attr-defined]
    if pd.isna(number) or not 1 <= int(number) <= len(text):
        return [f"paragraph {number} not in {source} (it has {len(text)} paragraphs)"]
    paragraph = text[int(number) - 1]
    where = f"{source} paragraph {int(number)}"
    wording = figure.wording  # type: ignore[attr-defined]
    failures = []
    scope = paragraph
    if isinstance(wording, str):
        if normalise(wording) not in paragraph:
            failures.append(f'wording "{wording}" not found in {where}')
        else:
            scope = normalise(wording)
    value = figure.value  # type: ignore[attr-defined]
    if not pd.isna(value):
        pattern = value_pattern(int(value), article=scope is not paragraph)
        if not pattern.search(scope):
            inside = f'the wording "{wording}" in ' if scope is not paragraph else ""
            failures.append(f"value {int(value)} not found in {inside}{where}")
    return failures
