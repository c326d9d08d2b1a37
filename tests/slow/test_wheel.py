"""The wheel, installed into a fresh virtual environment that cannot see the source tree,
carries the bundled release and the schemas, and loads every table."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT

import strikeledger

LOAD_ALL = """
import importlib.util, json, sys, strikeledger
out = {"file": strikeledger.__file__, "release": str(strikeledger.bundled_release()),
       "version": strikeledger.descriptor()["version"],
       "rows": {t: len(strikeledger.load(t)) for t in strikeledger.tables()},
       "build_stack": sorted(m for m in ("pandera", "frictionless") if m in sys.modules),
       "schemas": importlib.util.find_spec("strikeledger.schemas").origin}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(dist), str(ROOT)], check=True,
                   capture_output=True)
    (path,) = dist.glob("strikeledger-*.whl")
    return path


def test_wheel_contains_release_and_schemas(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    release = {n for n in names if n.startswith("strikeledger/release/")}
    assert "strikeledger/release/datapackage.json" in release
    assert {f"strikeledger/release/{t}.parquet" for t in strikeledger.tables()} <= release
    assert "strikeledger/schemas/events.py" in names
    assert "strikeledger/py.typed" in names


def test_installed_wheel_loads_every_table_without_the_source_tree(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # The dependencies (pandas, pyarrow) come from this environment's site-packages, added
    # as a plain path, so its .pth files (among them the editable link to src/) are not run;
    # no network is needed.
    Path(site, "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)
    clean = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    run = subprocess.run([python, "-c", LOAD_ALL], capture_output=True, text=True,
                         cwd=tmp_path, env=clean)
    assert run.returncode == 0, run.stderr
    import json

    out = json.loads(run.stdout)
    assert out["schemas"].startswith(site)
    info = subprocess.run([env_dir / "bin" / "strikeledger", "info"], capture_output=True,
                          text=True, cwd=tmp_path, env=clean)
    assert info.returncode == 0 and f"location: {out['release']}" in info.stdout
    assert out["file"].startswith(site)
    assert out["release"] == str(Path(site) / "strikeledger" / "release")
    assert out["version"] == strikeledger.__version__
    assert out["rows"] == {t: len(strikeledger.load(t)) for t in strikeledger.tables()}
    assert out["build_stack"] == []
    assert str(ROOT) not in run.stdout
