"""Tamper-evident loading: a release that does not match its descriptor is refused, with
the file named; so is a descriptor that is not JSON, lists nothing, or points outside."""

from __future__ import annotations

import json
import shutil

import pytest

import strikeledger
from strikeledger import ReleaseError


@pytest.fixture
def copy(release, tmp_path):
    target = tmp_path / "release"
    shutil.copytree(release, target)
    return target


def edit_descriptor(folder, change):
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text())
    change(descriptor)
    path.write_text(json.dumps(descriptor))


def test_a_file_of_another_size_is_named(copy):
    with (copy / "figures.parquet").open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(ReleaseError, match=r"figures\.parquet: has \d+ bytes but the "
                                           r"descriptor records \d+"):
        strikeledger.load("figures", release=copy)


def test_a_file_swapped_for_another_table_is_named(copy):
    shutil.copy(copy / "actors.parquet", copy / "locations.parquet")
    with pytest.raises(ReleaseError, match=r"locations\.parquet"):
        strikeledger.load("locations", release=copy)


def test_descriptor_that_is_not_json(copy):
    (copy / "datapackage.json").write_text("{ not json")
    with pytest.raises(ReleaseError, match="not valid JSON"):
        strikeledger.load("events", release=copy)


def test_descriptor_without_resources(copy):
    edit_descriptor(copy, lambda d: d.update(resources=[]))
    with pytest.raises(ReleaseError, match="has no resources"):
        strikeledger.tables(copy)


def test_descriptor_missing_the_table(copy):
    edit_descriptor(copy, lambda d: d.update(resources=d["resources"][:1]))
    with pytest.raises(strikeledger.UnknownTableError, match="tables: sources"):
        strikeledger.load("events", release=copy)


def test_resource_without_hash_is_refused(copy):
    edit_descriptor(copy, lambda d: d["resources"][0].pop("hash"))
    with pytest.raises(ReleaseError, match="has no sha256 hash"):
        strikeledger.load("sources", release=copy)
