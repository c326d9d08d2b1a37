"""The README's example queries run on the bundled release and print what it quotes."""

from __future__ import annotations

import re

import duckdb
import pytest
from helpers import COMMITTED_RELEASE, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("### Three questions, one query each", 1)[1].split("\n## ", 1)[0]
PAIRS = re.findall(r"```sql\n(.*?)```\s*```text\n(.*?)```", SECTION, flags=re.S)


def render(rows: list[tuple]) -> str:
    """One line per row, cells separated by ' | ', NULL for an empty cell."""
    return "\n".join(" | ".join("NULL" if v is None else str(v) for v in row) for row in rows)


def test_the_readme_has_its_three_queries():
    assert len(PAIRS) == 3


@pytest.mark.parametrize(("query", "quoted"), PAIRS)
def test_each_query_prints_what_the_readme_quotes(query, quoted, monkeypatch):
    monkeypatch.chdir(COMMITTED_RELEASE)
    result = duckdb.sql(query)
    header = " | ".join(result.columns)
    assert f"{header}\n{render(result.fetchall())}" == quoted.strip()


COUNT = README.split("### The Pentagon's count on a date", 1)[1].split("\n## ", 1)[0]


def test_the_official_count_example_prints_what_the_readme_quotes():
    import contextlib
    import io

    code, quoted = re.findall(r"```python\n(.*?)```\s*```text\n(.*?)```", COUNT, flags=re.S)[0]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code, {})
    assert printed.getvalue() == quoted
