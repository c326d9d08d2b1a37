"""actors: one row per party to the events."""

import pandera.pandas as pa
from pandera.typing import Series

from .fields import code, identifier, text
from .vocabularies import ACTOR_TYPE, AFFILIATION


class Actors(pa.DataFrameModel):
    """One row per party; unnamed 'Iran-backed militia' is an actor of its own."""

    actor_id: Series[str] = identifier("ACT", "Stable identifier of the actor.")
    name: Series[str] = text("Canonical name of the actor.")
    aliases: Series[str] = text(
        "Every other name or spelling seen in the sources, separated by ';'.", nullable=True
    )
    actor_type: Series[str] = code(ACTOR_TYPE, "What kind of party this is.")
    affiliation: Series[str] = code(AFFILIATION, "Which side the actor belongs to.")
    notes: Series[str] = text("Curators' notes.", nullable=True)

    class Config:
        name = "actors"
        description = "One row per party: forces, armed groups and the umbrella names they use."
        strict = True
        unique = ["actor_id"]  # the primary key
