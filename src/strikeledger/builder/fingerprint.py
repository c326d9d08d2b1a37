"""The fingerprint of what a release is built from, so that a build of unchanged inputs is
recognised without validating, deriving or writing anything.

It hashes, in order: the version and its release date; every CSV of the data folder (name
and bytes); the schemas and the package's own code (every ``.py`` file, by path: they decide
what is valid and what is written); and the environment that writes the bytes (Python and
the locked versions of the libraries that read, check and write the data). Any change to
any of these gives another fingerprint, and the build then takes the full path, which
refuses a changed release under a released version. Light: nothing here imports pandas.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import sys
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as installed
from pathlib import Path

from ..release_format import sha256, sha256_files

# The distributions whose versions decide the bytes of a release or what validates.
ENVIRONMENT = ("numpy", "pandas", "pyarrow", "pandera", "pycountry")
_PACKAGE = Path(__file__).resolve().parents[1]


def _code_folders() -> list[Path]:
    """The package's code and its schemas (a subpackage in a wheel, a folder of the
    checkout otherwise), found without importing the schemas."""
    spec = importlib.util.find_spec("strikeledger.schemas")
    schemas = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    return [_PACKAGE, *(p for p in schemas if not p.is_relative_to(_PACKAGE))]


def input_files(data_dir: Path) -> list[Path]:
    """The data files a fingerprint hashes: every CSV of the folder, by name."""
    return sorted(data_dir.glob("*.csv"))


def input_fingerprint(data_dir: Path, version: str, created: dt.date,
                      hashes: Callable[[list[Path]], list[str]] = sha256_files) -> str:
    """The fingerprint of building ``data_dir`` as release ``version`` of ``created``;
    ``hashes`` gives the CSVs' sha256 (``HashCache.sha256_files`` remembers them)."""
    digest = hashlib.sha256()

    def add(label: str, value: str) -> None:
        digest.update(f"{label}\0{value}\n".encode())

    add("version", version)
    add("created", created.isoformat())
    csvs = input_files(data_dir)
    for path, hashed in zip(csvs, hashes(csvs), strict=True):
        add(f"data/{path.name}", hashed)
    for folder in _code_folders():
        for path in sorted(folder.rglob("*.py")):
            add(f"code/{folder.name}/{path.relative_to(folder)}", sha256(path))
    add("python", sys.version)
    for name in ENVIRONMENT:
        try:
            add(f"env/{name}", installed(name))
        except PackageNotFoundError:
            add(f"env/{name}", "-")
    return "sha256:" + digest.hexdigest()
