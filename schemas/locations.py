"""locations: the gazetteer, one row per place."""

import pandera.pandas as pa
from pandera.typing import Series

from .fields import Float, code, identifier, number, text
from .vocabularies import GEO_PRECISION, LOCATION_TYPE


class Locations(pa.DataFrameModel):
    """One row per place; events point at places by id."""

    location_id: Series[str] = identifier("LOC", "Stable identifier of the place.")
    name: Series[str] = text("Canonical name of the place.")
    aliases: Series[str] = text(
        "Every other spelling seen in the sources, separated by ';'.", nullable=True
    )
    location_type: Series[str] = code(LOCATION_TYPE, "What kind of place this is.")
    country_iso3: Series[str] = text(
        "Country, ISO 3166-1 alpha-3 code (IRQ, SYR, JOR).", pattern=r"^[A-Z]{3}$",
        rule="must be a three-letter upper-case ISO 3166-1 alpha-3 code such as IRQ",
    )
    admin1: Series[str] = text(
        "First-level administrative division (governorate, province), where a source gives it.",
        nullable=True,
    )
    admin1_iso: Series[str] = text(
        "ISO 3166-2 code of that division (e.g. IQ-AN for Al Anbar), where admin1 is given.",
        nullable=True, pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$",
        rule="must be an ISO 3166-2 subdivision code such as IQ-AN",
    )
    latitude: Series[Float] = number(
        "Latitude in decimal degrees (WGS84), only with a coordinate_reference.",
        nullable=True, ge=-90, le=90,
    )
    longitude: Series[Float] = number(
        "Longitude in decimal degrees (WGS84), only with a coordinate_reference.",
        nullable=True, ge=-180, le=180,
    )
    geo_precision: Series[str] = code(
        GEO_PRECISION, "How precisely events placed here are located."
    )
    coordinate_reference: Series[str] = text(
        "The public reference the coordinates come from; required when coordinates are given.",
        nullable=True,
    )
    notes: Series[str] = text("Curators' notes.", nullable=True)

    class Config:
        name = "locations"
        description = "The gazetteer: one row per place, with every spelling seen as an alias."
        strict = True
        unique = ["location_id"]  # the primary key
