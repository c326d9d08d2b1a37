"""Custom Pandera checks shared by the text columns.

Registered once, on import, so that fields can say ``Field(no_control_characters=True)``.
Each is vectorised (one Arrow regex pass per column), and each has a plain-words rule
in ``MESSAGES`` that error reports use.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.extensions as extensions
import pyarrow as pa
import pyarrow.compute as pc

# A cell that a spreadsheet would run as a formula, or that hides characters: control
# characters (Unicode category Cc), invisible formatting characters (Cf: bidi overrides and
# isolates such as U+202E, zero-width spaces and joiners, U+FEFF, soft hyphens), line and
# paragraph separators (Zl, Zp) and private-use characters (Co), as RE2 (Arrow's regex
# engine) names the Unicode categories.
_FORMULA_START = r"^[=+\-@\t\r]"
_CONTROL = r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}]"

MESSAGES = {
    "no_formula_start": "must not start with =, +, -, @, a tab or a carriage return "
    "(spreadsheets would run it as a formula)",
    "no_control_characters": "must not contain control or invisible formatting characters "
    "(tabs, line breaks, bidi controls such as U+202E, zero-width spaces)",
    "unique_when_present": "must be unique among the cells that are not empty",
    "primary_key": "the primary key must be unique",
}


def _matches(series: pd.Series, pattern: str) -> pd.Series:
    """Whether each cell contains ``pattern`` (one Arrow regex pass; empty cells do not)."""
    found = pc.match_substring_regex(pa.array(series, from_pandas=True), pattern)
    return pd.Series(pc.fill_null(found, False).to_numpy(zero_copy_only=False),
                     index=series.index)


@extensions.register_check_method(statistics=["enabled"], check_type="vectorized")
def no_formula_start(series: pd.Series, *, enabled: bool = True) -> pd.Series:
    return ~_matches(series, _FORMULA_START)


@extensions.register_check_method(statistics=["enabled"], check_type="vectorized")
def no_control_characters(series: pd.Series, *, enabled: bool = True) -> pd.Series:
    return ~_matches(series, _CONTROL)


@extensions.register_check_method(statistics=["enabled"], check_type="vectorized")
def unique_when_present(series: pd.Series, *, enabled: bool = True) -> pd.Series:
    """Unique among non-empty cells: empty cells never clash (unlike ``unique=True``)."""
    return ~(series.duplicated(keep=False) & series.notna())


def repeated_keys(frame: pd.DataFrame, columns: list[str]) -> np.ndarray | None:
    """Rows whose key (the values of ``columns``) another row holds too, as a boolean
    array; None when every key is unique (the common case: one hash pass in Arrow)."""
    keys = pa.table({c: pa.array(frame[c], from_pandas=True) for c in columns})
    if len(columns) == 1:
        distinct = pc.count_distinct(keys.column(0), mode="all").as_py()
    else:
        distinct = keys.group_by(columns).aggregate([]).num_rows
    if distinct == len(frame):
        return None
    counts = keys.append_column("_row", pa.array(np.arange(len(frame)))) \
        .group_by(columns).aggregate([("_row", "count"), ("_row", "list")])
    many = counts.filter(pc.greater(counts["_row_count"], 1))
    rows = pc.list_flatten(many["_row_list"]).to_numpy()
    out = np.zeros(len(frame), dtype=bool)
    out[rows] = True
    return out


@extensions.register_check_method(statistics=["columns"], supported_types=pd.DataFrame,
                                  check_type="vectorized")
def primary_key(frame: pd.DataFrame, *, columns: list[str]) -> pd.Series:
    """The table's primary key (declared in the model's Config): each row's key is unique.

    Keys are counted in Arrow (a hash count, no pandas factorize); only when some key
    repeats are the rows holding it located.
    """
    repeated = repeated_keys(frame, columns)
    return pd.Series(True if repeated is None else ~repeated, index=frame.index)
