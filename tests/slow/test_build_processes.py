"""Builds as separate processes: one killed at many points leaves either nothing or the
complete release; two run at once both succeed with one complete release."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from strikeledger import __version__

EXE = Path(sys.executable).with_name("strikeledger")


def start(data: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([EXE, "build", "--data", data, "--out", out],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run(data: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, "build", "--data", data, "--out", out], capture_output=True,
                          text=True)


def files(folder: Path) -> dict[str, bytes]:
    """Every file of a release folder (its csv/ copy included) by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def duration(tmp_path_factory, release) -> float:
    """How long one build takes on this machine (kill points are spread over it)."""
    from helpers import CHANGELOG, DATASETS

    root = tmp_path_factory.mktemp("timing")
    began = time.monotonic()
    proc = subprocess.run([EXE, "build", "--data", DATASETS, "--out", root / "out",
                           "--changelog", CHANGELOG], capture_output=True)
    assert proc.returncode == 0, proc.stderr
    return time.monotonic() - began


@pytest.mark.parametrize("fraction", [0.2, 0.4, 0.55, 0.7, 0.8, 0.9, 0.95, 1.0])
def test_a_killed_build_leaves_nothing_or_everything(data, release, duration, fraction):
    out = data.parent / "out"
    proc = start(data, out)
    time.sleep(duration * fraction)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    final = out / __version__
    if final.exists():
        assert files(final) == files(release), "a partial release was left behind"
    # Whatever the kill left (a staging folder, a lock file), the next build completes.
    again = run(data, out)
    assert again.returncode == 0, again.stderr
    assert files(final) == files(release)
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp-")]
    manifest = json.loads((out / "RELEASES.json").read_text())
    assert list(manifest) == [__version__]


def test_two_builds_at_once_give_one_complete_release(data, release):
    out = data.parent / "out"
    first, second = start(data, out), start(data, out)
    assert (first.wait(), second.wait()) == (0, 0)
    assert files(out / __version__) == files(release)
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp-")]
    assert list(json.loads((out / "RELEASES.json").read_text())) == [__version__]
