"""Dates as day numbers (days since 1970) and back, between Arrow and NumPy, for the
derivations that compute with dates: through Python date objects, as pandas converts
them, each conversion took seconds at a million rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa


def day_numbers(dates: pa.Array | pa.ChunkedArray | pd.Series) -> np.ndarray:
    """The day number of each date, as floats (NaN where empty)."""
    array = dates if isinstance(dates, pa.Array | pa.ChunkedArray) else \
        pa.array(dates, from_pandas=True)
    days = array.cast(pa.date32()).cast(pa.int32())
    return days.to_numpy(zero_copy_only=False).astype("float64")


def dates_of(days: np.ndarray) -> pa.Array:
    """Day numbers (NaN for none) as Arrow dates."""
    return pa.array(days, from_pandas=True).cast(pa.int32()).cast(pa.date32())
