"""The README's examples for ACLED/UCDP users, GIS users and citing run on the bundled
release and print what the README quotes."""

from __future__ import annotations

import contextlib
import io
import re

import duckdb
import pytest
from helpers import COMMITTED_RELEASE, ROOT
from test_readme import render

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## For users of ACLED and UCDP, GIS tools and catalogues", 1)[1] \
    .split("\n## ", 1)[0]
SQL = re.findall(r"```sql\n(.*?)```\s*```text\n(.*?)```", SECTION, flags=re.S)
PYTHON = re.findall(r"```python\n(.*?)```\s*```text\n(.*?)```", SECTION, flags=re.S)


def test_each_audience_has_its_example():
    assert len(SQL) == 1 and len(PYTHON) == 2


@pytest.mark.parametrize(("query", "quoted"), SQL)
def test_sql_examples_print_what_is_quoted(query, quoted, monkeypatch):
    monkeypatch.chdir(COMMITTED_RELEASE)
    result = duckdb.sql(query)
    assert f"{' | '.join(result.columns)}\n{render(result.fetchall())}" == quoted.strip()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize(("code", "quoted"), PYTHON)
def test_python_examples_print_what_is_quoted(code, quoted, monkeypatch):
    monkeypatch.chdir(ROOT)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    assert printed.getvalue().strip() == quoted.strip()
