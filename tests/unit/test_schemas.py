"""The Pandera models on good and bad frames, and the proof that everything derived
from them (Table Schema, Arrow schema, loader dtypes) says the same thing."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pytest
from strikeledger.schemas.vocabularies import VOCABULARIES

from strikeledger import metadata, schemas
from strikeledger.builder.views import date_precision

DATE = pd.ArrowDtype(pa_arrow.date32())


def event(**changes: object) -> pd.DataFrame:
    row = {
        "event_id": "EV-0001", "event_type": "us_strike",
        "date_earliest": dt.date(2023, 11, 20), "date_latest": dt.date(2023, 11, 21),
        "time_of_day": None, "location_id": "LOC-0001", "target_id": None,
        "weapons": "gunship;armed_drone", "operation_id": "OP-0001",
        "responds_to": "EV-0002;EV-0003", "confirmation": "confirmed",
        "confirmation_source_id": "SRC-0001", "summary": "A strike.", "notes": None,
    }
    row.update(changes)
    return pd.DataFrame({
        name: pd.Series([value], dtype=DATE if name.startswith("date_") else "str")
        for name, value in row.items()
    })


def failures(frame: pd.DataFrame) -> set[tuple[str, str]]:
    try:
        schemas.MODELS["events"].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        return {(c, k.split("(")[0]) for c, k in zip(cases["column"], cases["check"], strict=True)}
    return set()


def test_good_event_passes():
    assert failures(event()) == set()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"event_id": "EV-12"}, ("event_id", "str_matches")),
        ({"event_id": "EV-1000000"}, None),  # ids scale past four digits
        ({"event_type": "raid"}, ("event_type", "isin")),
        ({"weapons": "gunship;"}, ("weapons", "str_matches")),
        ({"weapons": "catapult"}, ("weapons", "str_matches")),
        ({"responds_to": "EV-0002;"}, ("responds_to", "str_matches")),
        ({"responds_to": "EV-0002, EV-0003"}, ("responds_to", "str_matches")),
        ({"confirmation": "probably"}, ("confirmation", "isin")),
        ({"operation_id": "OP-1"}, ("operation_id", "str_matches")),
        ({"date_earliest": dt.date(2023, 10, 16)}, ("date_earliest", "greater_than_or_equal_to")),
        ({"summary": None}, ("summary", "not_nullable")),
        ({"summary": "=HYPERLINK(1)"}, ("summary", "no_formula_start")),
        ({"summary": "two\nlines"}, ("summary", "no_control_characters")),
        ({"notes": "@SUM(A1)"}, ("notes", "no_formula_start")),
        ({"notes": "tab\there"}, ("notes", "no_control_characters")),
    ],
)
def test_bad_events_fail_the_right_check(changes, expected):
    found = failures(event(**changes))
    assert found == ({expected} if expected else set())


def test_extra_column_is_refused_strictly():
    frame = event()
    frame["comment"] = "x"
    assert failures(frame) == {("events", "column_in_schema")}


def test_date_precision_bins():
    start = pd.Series([dt.date(2023, 11, 1)] * 6, dtype=DATE)
    ends = pd.Series([dt.date(2023, 11, d) for d in (1, 2, 7, 8, 20)] + [dt.date(2024, 1, 1)],
                     dtype=DATE)
    assert date_precision(start, ends).tolist() == ["day", "days", "week", "week", "month",
                                                     "months"]


@pytest.mark.parametrize("table", list(schemas.RELEASED))
def test_table_schema_agrees_with_model(table):
    model = schemas.RELEASED[table].to_schema()
    fields = {f["name"]: f for f in metadata.table_schema(table)["fields"]}
    assert list(fields) == list(model.columns)
    for name, column in model.columns.items():
        field = fields[name]
        constraints = field.get("constraints", {})
        assert field["description"] == column.description and column.description
        assert constraints.get("required", False) is (not column.nullable)
        stats = {check.name: check.statistics for check in column.checks}
        if "isin" in stats:
            assert constraints["enum"] == list(stats["isin"]["allowed_values"])
            codes = [c["value"] for c in field["categories"]]
            assert codes == constraints["enum"]
        else:
            assert "enum" not in constraints
        assert ("pattern" in constraints) == ("str_matches" in stats)
        if "greater_than_or_equal_to" in stats:
            minimum = stats["greater_than_or_equal_to"]["min_value"]
            expected = minimum.isoformat() if isinstance(minimum, dt.date) else minimum
            assert constraints["minimum"] == expected
    schema = metadata.table_schema(table)
    assert schema["primaryKey"] == schemas.primary_key(table)
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"].get("resource") or table
        assert fk["reference"]["fields"] == schemas.primary_key(target)


@pytest.mark.parametrize("table", list(schemas.RELEASED))
def test_arrow_schema_agrees_with_model(table):
    arrow = metadata.arrow_schema(table)
    model = schemas.RELEASED[table].to_schema()
    assert arrow.names == list(model.columns)
    kinds = {"string": pa_arrow.string(), "integer": pa_arrow.int64(), "date": pa_arrow.date32(),
             "number": pa_arrow.float64(), "boolean": pa_arrow.bool_()}
    for field in metadata.table_schema(table)["fields"]:
        arrow_field = arrow.field(field["name"])
        assert arrow_field.type == kinds[field["type"]]
        assert arrow_field.metadata[b"description"].decode() == field["description"]
        assert arrow_field.nullable is not field.get("constraints", {}).get("required", False)


def test_loader_dtypes_follow_the_model():
    dtypes = metadata.pandas_dtypes("events")
    assert dtypes["event_type"] == pd.CategoricalDtype(VOCABULARIES["event_type"].codes)
    assert dtypes["date_earliest"] == "datetime64[s]"
    assert str(dtypes["summary"]) == "str"
    assert metadata.pandas_dtypes("figures")["value"] == pd.Int64Dtype()


def test_every_vocabulary_code_has_a_meaning_and_metrics_have_units():
    for vocabulary in VOCABULARIES.values():
        assert vocabulary.codes, vocabulary.name
        for code, meaning in vocabulary.meanings.items():
            assert code == code.lower() and " " not in code and meaning.strip()
    metric = VOCABULARIES["metric"]
    assert set(metric.units) == set(metric.codes)
