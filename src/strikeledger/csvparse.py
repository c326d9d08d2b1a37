"""The first step of reading a curated CSV: its bytes parsed into columns of Arrow strings.

This step needs pyarrow alone, neither the schemas nor pandas, so `validate` and `build`
start it for every CSV of the data folder before they import those (``Parsing``): the
parsing runs outside Python's lock and the imports hold it, so on two cores one overlaps
the other. Everything else about reading is ``validate.csvio``'s: the header checked
against the model, the types, the diagnosis of a file that pyarrow refuses. A file this
step cannot parse is simply left to it.
"""

from __future__ import annotations

import codecs
import csv
import os
import stat
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pyarrow.csv as pacsv

# pyarrow's block: 4 MiB rather than its 1 MiB, so that a wide table's columns come in a
# quarter as many chunks, each a fixed cost to every check that runs per chunk. A row
# longer than this sends the file to csvio's line-by-line diagnosis, which names the cell.
BLOCK_BYTES = 4 << 20


class NotRegularFile(OSError):
    """A curated file that is a link, a folder, a device or a pipe: refused unread."""


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file, not a symbolic link. Checked on
    the open file (O_NOFOLLOW, then fstat), so that nothing else can be read in its place: a
    link to /etc/passwd is refused without a byte of it being read, and a pipe without
    blocking."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if os.path.islink(path):
            raise NotRegularFile("is a symbolic link; the curated files must be regular files "
                                 "(it was not followed or read)") from None
        raise error
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegularFile("is not a regular file (a folder, device or pipe); the curated "
                             "files must be regular files (it was not read)")
    return os.fdopen(fd, "rb")


def header_names(line: bytes) -> list[str] | None:
    """The column names of a CSV's first line (without a byte-order mark); None when the
    line is blank or not UTF-8."""
    try:
        text = line.removeprefix(codecs.BOM_UTF8).decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        return None
    return next(csv.reader([text])) if text.strip() else None


def parse_strings(handle: BinaryIO, header: list[str], *, threads: bool = True) -> pa.Table:
    """The rows of the open CSV after its header line, every column as ``large_string``
    (empty cells null, UTF-8 checked). Raises ``pyarrow.ArrowInvalid`` at the first row it
    cannot parse (or the first byte that is not UTF-8): there is no invalid-row handler,
    and the file is then diagnosed line by line."""
    handle.seek(0)
    source = _native(handle)
    try:
        return pacsv.read_csv(
            source,
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1,
                                           block_size=BLOCK_BYTES, use_threads=threads),
            parse_options=pacsv.ParseOptions(newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.large_string() for name in header}, check_utf8=True,
                strings_can_be_null=True, quoted_strings_can_be_null=True, null_values=[""],
            ),
        )
    finally:
        if source is not handle:
            source.close()


def _native(handle: BinaryIO) -> BinaryIO | pa.NativeFile:
    """The open file as pyarrow reads it fastest: natively, through the process's own link
    to that open file (Linux's /proc/self/fd), so that reading neither goes through Python
    nor holds its lock (twice as fast, and other threads run meanwhile); elsewhere, the
    Python file itself. Either way it is the file ``open_regular`` checked, not whatever
    its path names now."""
    link = f"/proc/self/fd/{handle.fileno()}"
    try:
        native = pa.OSFile(link)
    except (OSError, pa.ArrowException):
        return handle
    if os.fstat(native.fileno()).st_ino != os.fstat(handle.fileno()).st_ino:
        native.close()
        return handle
    native.seek(handle.tell())
    return native


@dataclass(frozen=True)
class Parsed:
    """A CSV parsed in full: its first line as read, its names, and its rows as strings."""

    head: bytes
    header: list[str]
    strings: pa.Table


def _parse_file(path: Path) -> Parsed | None:
    """The file parsed, or None when anything is wrong with it (csvio says what)."""
    try:
        with open_regular(path) as handle:
            head = handle.readline()
            header = header_names(head)
            if header is None:
                return None
            # One core: the other is importing (with Arrow's threads as well, the parse
            # slowed the imports, and validation gained less).
            return Parsed(head, header, parse_strings(handle, header, threads=False))
    except (OSError, pa.ArrowException, csv.Error):
        return None


class Parsing:
    """Every CSV of a folder parsed in a background thread, in name order, while the caller
    goes on (importing the schemas and pandas)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="strikeledger-parse")
        self._files: dict[str, Future[Parsed | None]] = {
            path.name: pool.submit(_parse_file, path) for path in sorted(folder.glob("*.csv"))}
        pool.shutdown(wait=False)  # the thread ends when the last file is parsed

    def take(self, path: Path) -> Parsed | None:
        """The parse of ``path``: waited for if under way, None if it is not one of this
        folder's files or was not started yet (then it is not started at all: the caller
        parses it at once instead of waiting its turn)."""
        future = self._files.pop(path.name, None) if path.parent == self.folder else None
        if future is None or future.cancel():
            return None
        return future.result()

    def wait(self) -> None:
        """Until every file not taken is parsed (tests use it to take only parses)."""
        for future in self._files.values():
            future.result()

    def close(self) -> None:
        """Drop the parses not taken, and the files not started."""
        for future in self._files.values():
            future.cancel()
        self._files.clear()
