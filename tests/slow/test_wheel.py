"""The wheel, installed into a fresh virtual environment that cannot see the source tree,
carries the bundled release, every earlier release and the schemas, loads every table of
any version offline, and refuses a carried release whose bytes no longer match the
manifest."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
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
    assert {f"strikeledger/release/csv/{t}.csv" for t in strikeledger.tables()} <= release
    assert "strikeledger/schemas/events.py" in names
    assert "strikeledger/py.typed" in names


def test_wheel_carries_every_release_as_published(wheel):
    manifest = json.loads((ROOT / "build" / "RELEASES.json").read_text())
    with zipfile.ZipFile(wheel) as opened:
        assert json.loads(opened.read("strikeledger/releases/RELEASES.json")) == manifest
        for version, recorded in manifest.items():
            if version == strikeledger.__version__:
                continue  # the folder strikeledger/release
            data = opened.read(f"strikeledger/releases/{version}.zip")
            assert "sha256:" + hashlib.sha256(data).hexdigest() == recorded["zip"]


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> tuple[Path, Path, dict[str, str], Path]:
    """The wheel installed in a fresh venv: its python, its site-packages, a clean
    environment (no network needed, HOME elsewhere) and a working folder away from the
    source tree."""
    home = tmp_path_factory.mktemp("home")
    env_dir = home / "venv"
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
    clean = {"PATH": os.environ["PATH"], "HOME": str(home)}
    return python, Path(site), clean, home


def test_installed_wheel_loads_every_table_without_the_source_tree(installed):
    python, site, clean, tmp_path = installed
    env_dir = python.parents[1]
    site = str(site)
    run = subprocess.run([python, "-c", LOAD_ALL], capture_output=True, text=True,
                         cwd=tmp_path, env=clean)
    assert run.returncode == 0, run.stderr

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


LOAD_PAST = """
import json, sys, strikeledger
out = {"versions": strikeledger.versions(),
       "rows": {v: {t: len(strikeledger.load(t, release=v)) for t in strikeledger.tables(v)}
                for v in strikeledger.versions()},
       "pentagon": int(strikeledger.official_count("2024-01-01")["value"]),
       "build_stack": sorted(m for m in ("pandera", "frictionless") if m in sys.modules)}
print(json.dumps(out))
"""


def test_installed_wheel_loads_any_version_and_diffs_two_offline(installed):
    python, _, clean, tmp_path = installed
    run = subprocess.run([python, "-c", LOAD_PAST], capture_output=True, text=True,
                         cwd=tmp_path, env=clean)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    manifest = json.loads((ROOT / "build" / "RELEASES.json").read_text())
    assert set(out["versions"]) == set(manifest)
    for version in manifest:  # what the checkout's own build/ folders hold
        folder = ROOT / "build" / version
        assert out["rows"][version] == {t: len(strikeledger.load(t, release=folder))
                                        for t in strikeledger.tables(folder)}
    assert out["pentagon"] == int(strikeledger.official_count("2024-01-01")["value"])
    assert out["build_stack"] == []
    cli = python.parent / "strikeledger"
    diff = subprocess.run([cli, "diff", "1.1.0", "1.2.0", "--format", "json"],
                          capture_output=True, text=True, cwd=tmp_path, env=clean)
    assert diff.returncode == 0, diff.stderr
    from strikeledger.tools.diff import diff as diff_of

    expected = diff_of(ROOT / "build" / "1.1.0", ROOT / "build" / "1.2.0")
    assert json.loads(diff.stdout) == json.loads(json.dumps(expected, ensure_ascii=False))


def test_installed_wheel_refuses_a_carried_release_that_was_changed(installed, tmp_path):
    python, site, clean, _ = installed
    archive = site / "strikeledger" / "releases" / "1.1.0.zip"
    kept = tmp_path / "kept.zip"
    shutil.copy(archive, kept)
    try:
        data = bytearray(archive.read_bytes())
        data[-30] ^= 0xFF  # one byte of the zip's directory record
        archive.write_bytes(bytes(data))
        run = subprocess.run([python.parent / "strikeledger", "info", "--release", "1.1.0"],
                             capture_output=True, text=True, cwd=tmp_path, env=clean)
        assert run.returncode == 1
        assert "does not match RELEASES.json" in run.stderr
        assert "Traceback" not in run.stderr
    finally:
        shutil.copy(kept, archive)
