"""retired_ids: identifiers withdrawn from the data, and what replaced them."""

import pandera.pandas as pa
from pandera.typing import Series

from .fields import text


class RetiredIds(pa.DataFrameModel):
    """An id never changes meaning: a withdrawn row keeps its id here, never reused."""

    retired_id: Series[str] = text(
        "The withdrawn id (EV-0021, FIG-0100, ...).", pattern=r"^[A-Z]+-[0-9]{4,}$",
        rule="must be an id such as EV-0021",
    )
    retired_in: Series[str] = text(
        "The release that first left it out (semver).", pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$",
        rule="must be a version such as 2.0.0",
    )
    replaced_by: Series[str] = text(
        "The ids that now hold what it held, ';'-separated; empty when nothing does.",
        nullable=True, pattern=r"^[A-Z]+-[0-9]{4,}(?:;[A-Z]+-[0-9]{4,})*$",
        rule="must be ids such as EV-0024;EV-0025 separated by ';'",
    )
    reason: Series[str] = text("Why it was withdrawn, in our own words.")

    class Config:
        name = "retired_ids"
        description = "Identifiers withdrawn from the data (never reused), with their successors."
        strict = True
        unique = ["retired_id"]  # the primary key
