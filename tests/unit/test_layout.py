"""Where things live: schemas/ is found without a link, and the loader stays light."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import ROOT

import strikeledger
from strikeledger import _checkout


def test_no_file_of_the_repository_is_a_link():
    tracked = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.splitlines()
    assert tracked, "git ls-files listed nothing"
    links = [line.split("\t", 1)[1] for line in tracked if line.startswith("120000 ")]
    assert links == []


def test_the_checkout_imports_the_top_level_schemas():
    import strikeledger.schemas
    import strikeledger.schemas.events

    assert strikeledger.schemas.__file__ == str(ROOT / "schemas" / "__init__.py")
    assert strikeledger.schemas.events.__file__ == str(ROOT / "schemas" / "events.py")
    assert _checkout.is_checkout()


def test_import_strikeledger_leaves_out_pandas_and_the_build_stack():
    code = ("import sys, strikeledger; print(sorted(m for m in ('pandas', 'pyarrow', 'pandera', "
            "'frictionless', 'strikeledger.schemas') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONWARNINGS": "error"})
    assert run.stdout.strip() == "[]"


def test_the_public_release_object_reads_what_load_returns():
    release = strikeledger.open_release()
    assert "events" in release.names
    assert release.read_arrow("events").num_rows == len(strikeledger.load("events"))
    assert [f["name"] for f in release.fields("events")] == list(strikeledger.load("events"))
