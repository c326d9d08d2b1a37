"""Releases read from a zip, and from a web address with a verified cache, against an
HTTP server on 127.0.0.1 that the test starts (no other network)."""

from __future__ import annotations

import functools
import hashlib
import http.server
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest

import strikeledger
from strikeledger import ReleaseError, reader
from strikeledger.builder.publish import release_zip


@pytest.fixture(autouse=True)
def fresh_loader_state():
    """Each test opens releases anew (the loader caches opened releases per process)."""
    reader.forget()
    yield
    reader.forget()


def test_zip_is_deterministic_and_loads_like_the_folder(release, tmp_path):
    version = strikeledger.descriptor(release)["version"]
    first, second = release_zip(release, version), release_zip(release, version)
    assert first == second
    archive = tmp_path / f"{version}.zip"
    archive.write_bytes(first)
    for table in strikeledger.tables(archive):
        pd.testing.assert_frame_equal(strikeledger.load(table, release=archive),
                                      strikeledger.load(table, release=release))


def test_a_tampered_zip_member_is_named(release, tmp_path):
    import zipfile

    version = strikeledger.descriptor(release)["version"]
    archive = tmp_path / "r.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(p for p in release.iterdir() if p.is_file()):
            data = path.read_bytes()
            if path.name == "events.parquet":
                data = data[:-9] + bytes([data[-9] ^ 1]) + data[-8:]
            out.writestr(f"strikeledger-{version}/{path.name}", data)
    with pytest.raises(ReleaseError, match=r"r\.zip:strikeledger-.*/events\.parquet: sha256"):
        strikeledger.load("events", release=archive)


class Server:
    """A release folder served over HTTP on 127.0.0.1, with a request log."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.requests: list[str] = []
        log = self.requests

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                log.append(self.path)

        handler = functools.partial(Handler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/datapackage.json"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def served(release, tmp_path, monkeypatch):
    folder = tmp_path / "site"
    shutil.copytree(release, folder)
    monkeypatch.setenv("STRIKELEDGER_CACHE", str(tmp_path / "cache"))
    server = Server(folder)
    yield server
    server.stop()


def test_url_release_downloads_verifies_and_caches(served, release, tmp_path):
    events = strikeledger.load("events", release=served.url)
    pd.testing.assert_frame_equal(events, strikeledger.load("events", release=release))
    digest = hashlib.sha256((release / "events.parquet").read_bytes()).hexdigest()
    assert (tmp_path / "cache" / "files" / f"{digest}.parquet").is_file()
    assert "/events.parquet" in served.requests


def test_cached_release_loads_offline(served, release, tmp_path):
    strikeledger.load("figures", release=served.url)
    served.stop()
    reader.forget()
    figures = strikeledger.load("figures", release=served.url)
    pd.testing.assert_frame_equal(figures, strikeledger.load("figures", release=release))
    with pytest.raises(ReleaseError, match=r"events\.parquet: cannot be downloaded"):
        strikeledger.load("events", release=served.url)  # never fetched while online


def test_a_tampered_download_is_refused_and_not_cached(served, tmp_path):
    path = served.folder / "actors.parquet"
    path.write_bytes(path.read_bytes() + b"tampered")
    with pytest.raises(ReleaseError, match=r"actors\.parquet: has \d+ bytes but the descriptor"):
        strikeledger.load("actors", release=served.url)
    assert not list((tmp_path / "cache" / "files").glob("*.parquet"))


def test_a_changed_descriptor_never_overwrites_the_cache(served, tmp_path):
    strikeledger.tables(served.url)
    descriptor = served.folder / "datapackage.json"
    descriptor.write_text(descriptor.read_text().replace('"title"', '"title" ', 1))
    reader.forget()
    with pytest.raises(ReleaseError, match="now serves a descriptor that differs"):
        strikeledger.tables(served.url)


def test_a_changed_cached_file_is_refused_not_replaced(served, tmp_path):
    strikeledger.load("sources", release=served.url)
    (cached,) = (tmp_path / "cache" / "files").glob("*.parquet")
    cached.write_bytes(cached.read_bytes()[:-1] + b"\0")
    before = cached.read_bytes()
    reader.forget()
    with pytest.raises(ReleaseError, match="no longer matches its sha256"):
        strikeledger.load("sources", release=served.url)
    assert cached.read_bytes() == before


def test_unreachable_address_with_nothing_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("STRIKELEDGER_CACHE", str(tmp_path / "cache"))
    with pytest.raises(ReleaseError, match=r"cannot be fetched .* not in the cache"):
        strikeledger.tables("http://127.0.0.1:9/datapackage.json")
