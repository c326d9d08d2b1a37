"""How a source checkout stands in for what the wheel packages.

The wheel carries the top-level ``schemas/`` folder as ``strikeledger/schemas`` and the
current release as ``strikeledger/release`` (``pyproject.toml`` and ``hatch_build.py``).
An editable install puts only ``src/`` on the path, so in a checkout
``strikeledger.schemas`` is found where it lies, by the finder below, and the release
is ``build/<version>/``. No file of the repository is a link.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# src/strikeledger → the checkout's root, when this is one.
ROOT = PACKAGE.parents[1]
SCHEMAS = ROOT / "schemas"


def is_checkout() -> bool:
    return (ROOT / "pyproject.toml").is_file() and (SCHEMAS / "__init__.py").is_file()


class _SchemasFinder(importlib.abc.MetaPathFinder):
    """Finds ``strikeledger.schemas`` in the checkout's ``schemas/`` (its submodules then
    follow from the package's own search path)."""

    def find_spec(self, fullname: str, path: object = None,
                  target: object = None) -> importlib.machinery.ModuleSpec | None:
        if fullname != "strikeledger.schemas":
            return None
        return importlib.util.spec_from_file_location(
            fullname, SCHEMAS / "__init__.py", submodule_search_locations=[str(SCHEMAS)])


def install() -> None:
    """Make ``strikeledger.schemas`` importable from a checkout (a no-op in a wheel)."""
    if (PACKAGE / "schemas").is_dir() or not is_checkout():
        return
    if not any(isinstance(finder, _SchemasFinder) for finder in sys.meta_path):
        sys.meta_path.append(_SchemasFinder())
