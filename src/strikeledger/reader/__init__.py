"""A release, opened: its descriptor, its tables, and reading one of them.

``open_release`` takes a release folder, its ``datapackage.json``, a release zip, the
web address of a release's ``datapackage.json`` (downloaded into the cache, see
``reader.cache``), a version number of a release the package carries (``reader.versions``),
or nothing for the release bundled with the package. Every file's
sha256 is checked against the descriptor before it is read. Only pandas and pyarrow
are needed, imported on first read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ReleaseError, UnknownTableError
from ..release_format import BYTES_KEY, DESCRIPTOR, resource, sha256
from . import cache, frames, locate, versions

if TYPE_CHECKING:
    import pandas
    import pyarrow

ReleaseLike = str | os.PathLike[str] | None


@dataclass(frozen=True)
class Release:
    """An opened release: its descriptor, and where its files are read from."""

    location: str  # for messages: a folder, a zip, or a URL
    descriptor: dict[str, Any]
    folder: Path | None = None  # files beside the descriptor (a folder, or the URL's cache)
    archive: Path | None = None  # or members of a zip
    prefix: str = ""  # the descriptor's folder inside the zip
    base_url: str | None = None  # or downloaded from here into ``folder``

    @property
    def version(self) -> str | None:
        return self.descriptor.get("version")

    @property
    def names(self) -> list[str]:
        """The names of its tables, in the descriptor's order."""
        return [item["name"] for item in self.descriptor["resources"]]

    def resource(self, table: str) -> dict[str, Any]:
        """The descriptor's entry for ``table`` (UnknownTableError if there is none)."""
        found = resource(self.descriptor, table)
        if found is None:
            raise UnknownTableError(f"no table {table!r} in the release at {self.location}; "
                                    f"tables: {', '.join(self.names)}")
        return found

    def fields(self, table: str) -> list[dict[str, Any]]:
        """The Table Schema fields of ``table``."""
        return list(self.resource(table)["schema"]["fields"])

    def read_arrow(self, table: str) -> pyarrow.Table:
        """The table as Arrow, its file's bytes checked against the descriptor first
        (vocabularies dictionary-encoded)."""
        return self._read(self.resource(table))[0]

    def load(self, table: str) -> pandas.DataFrame:
        """The table as the typed pandas DataFrame ``strikeledger.load`` returns."""
        item = self.resource(table)
        arrow, where = self._read(item)
        return frames.to_pandas(arrow, item["schema"]["fields"], where)

    def _read(self, item: dict[str, Any]) -> tuple[pyarrow.Table, str]:
        import pyarrow.parquet as pq

        columns = frames.vocabulary_columns(item)
        if self.archive is not None:
            import zipfile

            import pyarrow as pa

            member = self.prefix + item["path"]
            where = f"{self.archive}:{member}"
            try:
                with zipfile.ZipFile(self.archive) as archive:
                    # The size the member declares, before a byte is decompressed: a zip
                    # bomb is refused at once.
                    cache.check_declared_size(where, archive.getinfo(member).file_size, item)
                    with archive.open(member) as handle:  # and never more than that
                        data = handle.read(item[BYTES_KEY] + 1)
            except KeyError:
                raise ReleaseError(f"{where}: file missing from the release zip") from None
            cache.check_bytes(where, len(data), sha256(data), item)
            frames.check_schema(pa.BufferReader(data), item["schema"]["fields"], where)
            return pq.read_table(pa.BufferReader(data), read_dictionary=columns), where
        assert self.folder is not None
        if self.base_url is None:
            path = self.folder / item["path"]
            cache.verify(path, item)
        else:
            path = cache.downloaded(self.folder, self.base_url, item)
        frames.check_schema(path, item["schema"]["fields"], str(path))
        return pq.read_table(path, read_dictionary=columns), str(path)


def bundled_release() -> Path:
    """The folder of the release this package ships with.

    In an installed wheel it is ``strikeledger/release``; in a source checkout,
    ``build/<version>/`` beside ``pyproject.toml``.
    """
    from .. import __version__, _checkout

    packaged = _checkout.PACKAGE / "release"
    if (packaged / DESCRIPTOR).is_file():
        return packaged
    built = _checkout.ROOT / "build" / __version__
    if _checkout.is_checkout() and (built / DESCRIPTOR).is_file():
        return built
    raise ReleaseError(
        f"no bundled release found (looked in {packaged} and {built}); "
        "in a source checkout, run `make build` first"
    )


# Opened releases, per folder, zip or address: a release never changes.
_OPENED: dict[str, Release] = {}


def open_release(release: ReleaseLike = None) -> Release:
    """Open a release (by default the bundled one); opened once per process."""
    if release is None:
        release = bundled_release()
    text_form = os.fspath(release)
    if versions.is_version(text_form) and not Path(text_form).exists():
        release = versions.locate(text_form)  # a version this package carries
        text_form = os.fspath(release)
    url = text_form.startswith(("http://", "https://"))
    if url:
        key = text_form
    else:
        path = Path(release).resolve()
        key = str(path.parent if path.name == DESCRIPTOR else path)
    opened = _OPENED.get(key)
    if opened is None:
        opened = _open_url(key) if url else _open_path(Path(key))
        _OPENED[key] = opened
    return opened


def _open_path(path: Path) -> Release:
    if path.suffix == ".zip":
        descriptor, prefix = locate.read_zip_descriptor(path)
        return Release(str(path), descriptor, archive=path, prefix=prefix)
    data = locate.read_descriptor(path / DESCRIPTOR)
    return Release(str(path), locate.parse(data, path / DESCRIPTOR), folder=path)


def _open_url(url: str) -> Release:
    data, entry = cache.descriptor_bytes(url)
    descriptor = locate.parse(data, url)
    cache.keep_descriptor(url, data, entry)
    base = url.rsplit("/", 1)[0] + "/"
    return Release(url, descriptor, folder=cache.cache_folder() / "files", base_url=base)


def forget() -> None:
    """Forget the releases opened and files verified in this process (for tests that
    change files under a release)."""
    _OPENED.clear()
    cache.forget()
    versions.forget()
