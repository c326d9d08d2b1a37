"""Column factories: each kind of column's rules, written once.

A model field is declared with one of these, e.g.
``event_id: Series[str] = identifier("EV", "...", unique=True)``.
The Pandera checks they attach are the only statement of the rule; the
Frictionless Table Schema, the Arrow schema, the loader's dtypes and the
codebook are derived from them (``strikeledger.metadata``).

The model files leave out ``from __future__ import annotations``: pandera then reads each
``Series[...]`` as an object instead of evaluating it from a string, which was a tenth of
the time validating the real data took.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine

from .checks import check
from .vocabularies import Vocabulary

# Text cells must be safe to open in a spreadsheet and free of hidden characters. (Spaces
# around any cell are refused when the CSV is read, for every column: strikeledger.validate.csvio.)
TEXT_CHECKS = ("no_formula_start", "no_control_characters")


def _field(description: str, *, nullable: bool, metadata: dict[str, Any] | None = None,
           ours: tuple[str, ...] = (), **checks: Any) -> Any:
    """A pandera Field with pandera's own checks (``checks``, by keyword) and then ours
    (``ours``, by name: ``schemas.checks``)."""
    info = pa.Field(description=description, nullable=nullable, metadata=metadata, **checks)
    info.checks.extend(check(name) for name in ours)
    return info


def identifier(prefix: str, description: str, *, unique: bool = False, nullable: bool = False):
    """A stable id: the prefix, a hyphen and at least four ASCII digits (EV-0001 ... EV-1000000).

    ``[0-9]``, not ``\\d``: Python's ``\\d`` also matches full-width and Arabic-Indic digits,
    which would make EV-０００１ a second, different EV-0001."""
    return _field(
        description,
        nullable=nullable,
        unique=unique,
        str_matches=rf"^{re.escape(prefix)}-[0-9]{{4,}}$",
        metadata={"identifier": prefix,
                  "rule": f"must be an id like {prefix}-0001 ({prefix}- then at least four "
                          "ASCII digits 0-9)"},
    )


def identifier_list(prefix: str, description: str, *, nullable: bool = False):
    """One or more ids of the same kind, separated by ';' (e.g. 'EV-0007;EV-0009')."""
    one = rf"{re.escape(prefix)}-[0-9]{{4,}}"
    return _field(
        description,
        nullable=nullable,
        str_matches=rf"^{one}(?:;{one})*$",
        metadata={"identifier_list": prefix, "separator": ";",
                  "rule": f"must be one or more ids like {prefix}-0001 separated by ';'"},
    )


def text(description: str, *, nullable: bool = False, pattern: str | None = None,
         rule: str | None = None):
    """Text that is safe in a spreadsheet; ``pattern`` (with ``rule``, the pattern in plain
    words for error reports) restricts its form."""
    extra = {"str_matches": pattern} if pattern else {}
    metadata = {"rule": rule} if rule else None
    return _field(description, nullable=nullable, metadata=metadata, ours=TEXT_CHECKS, **extra)


def code(vocabulary: Vocabulary, description: str, *, nullable: bool = False):
    """One code from a controlled vocabulary."""
    return _field(
        description,
        nullable=nullable,
        isin=vocabulary.codes,
        metadata={"vocabulary": vocabulary.name},
    )


def code_list(vocabulary: Vocabulary, description: str, *, nullable: bool = False):
    """One or more codes of a vocabulary, separated by ';' (e.g. 'rocket;ballistic_missile')."""
    one = "(?:" + "|".join(re.escape(c) for c in vocabulary.codes) + ")"
    return _field(
        description,
        nullable=nullable,
        str_matches=rf"^{one}(?:;{one})*$",
        metadata={
            "vocabulary": vocabulary.name,
            "separator": ";",
            "rule": f"must be one or more {vocabulary.name} codes separated by ';' "
                    f"({', '.join(vocabulary.codes)})",
        },
    )


def date(description: str, *, nullable: bool = False, ge: dt.date | None = None,
         le: dt.date | None = None):
    """A calendar date, ISO YYYY-MM-DD."""
    extra = {k: v for k, v in (("ge", ge), ("le", le)) if v is not None}
    return _field(description, nullable=nullable, **extra)


def integer(description: str, *, nullable: bool = False, ge: int | None = None):
    extra = {"ge": ge} if ge is not None else {}
    return _field(description, nullable=nullable, **extra)


def boolean(description: str, *, nullable: bool = False):
    return _field(description, nullable=nullable)


def number(description: str, *, nullable: bool = False, ge: float | None = None,
           le: float | None = None):
    extra = {k: v for k, v in (("ge", ge), ("le", le)) if v is not None}
    return _field(description, nullable=nullable, **extra)


def foreign_key(field: str, resource: str, reference: str | None = None) -> dict[str, Any]:
    """A foreign key in Table Schema form; ``resource`` "" means the same table."""
    ref: dict[str, Any] = {"fields": [reference or field]}
    if resource:
        ref = {"resource": resource, **ref}
    return {"fields": [field], "reference": ref}


def unique_text(description: str, *, nullable: bool = True, pattern: str, rule: str):
    """A value no two rows share; empty cells never clash. ``pattern`` (with ``rule``, in
    plain words) is its form."""
    return _field(description, nullable=nullable, metadata={"rule": rule},
                  ours=("unique_when_present",), str_matches=pattern)


# Column dtypes, as models annotate them: Series[Date], Series[Int], Series[Float], Series[str].
Date = pandas_engine.ArrowDate32
Int = pd.Int64Dtype
Float = pd.Float64Dtype
Bool = pd.BooleanDtype

# The Table Schema type of each annotation (``strikeledger.metadata``).
KINDS: dict[type, str] = {str: "string", Int: "integer", Float: "number", Date: "date",
                          Bool: "boolean"}

# The campaign window: its first attacks, and the end of the period the data covers.
CAMPAIGN_START = dt.date(2023, 10, 17)
CAMPAIGN_END = dt.date(2024, 2, 29)
