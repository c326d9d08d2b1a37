"""The build hands each released table to the writer once it is final, derived tables as
soon as each is derived, and the writer refuses a release with a table missing."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from strikeledger import schemas
from strikeledger.builder import views
from strikeledger.builder.manifest import BuildError
from strikeledger.builder.publish import ReleaseWriter
from strikeledger.validate import validate


def test_each_table_is_written_once_final_and_derived_ones_before_the_next_derivation(
        data, monkeypatch):
    tables = validate(data).tables
    assert tables is not None
    events: list[tuple[str, str]] = []
    for name, derive in list(views.DERIVED_TABLES.items()):
        def derived(frames, name=name, derive=derive):
            events.append(("derive", name))
            return derive(frames)
        monkeypatch.setitem(views.DERIVED_TABLES, name, derived)
    written = {}

    def write(name, frame):
        events.append(("write", name))
        written[name] = frame

    views.release_frames(tables, write)
    derived = list(views.DERIVED_TABLES)
    assert events == [step for name in derived for step in (("derive", name), ("write", name))] \
        + [("write", name) for name in schemas.RELEASED if name not in derived]
    assert tables == {}  # taken over: the caller holds no table once written
    for name, frame in written.items():
        assert list(frame.columns) == list(schemas.RELEASED[name].to_schema().columns), name
        assert frame.index.equals(pd.RangeIndex(len(frame))), name  # rows renumbered


def test_a_release_with_a_table_missing_is_refused(data, tmp_path):
    tables = validate(data).tables
    assert tables is not None
    writer = ReleaseWriter(tmp_path)
    views.release_frames(tables, lambda name, frame: name != "actors" and writer.write(
        name, frame))
    with pytest.raises(BuildError, match="no actors table"):
        writer.finish("9.9.9", dt.date(2026, 1, 1))
