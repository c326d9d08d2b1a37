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


def _rehash(folder, table):
    """Record a rewritten file's size and hash in the descriptor, as a tamperer would."""
    from strikeledger.release_format import BYTES_KEY, sha256

    path = folder / f"{table}.parquet"

    def change(descriptor):
        for item in descriptor["resources"]:
            if item["name"] == table:
                item["hash"] = "sha256:" + sha256(path)
                item[BYTES_KEY] = path.stat().st_size
    edit_descriptor(folder, change)


def test_two_resources_of_one_name_are_refused(copy):
    def twice(descriptor):
        events = next(r for r in descriptor["resources"] if r["name"] == "events")
        figures = next(r for r in descriptor["resources"] if r["name"] == "figures")
        figures["name"] = "events"
        descriptor["resources"] = [figures, *descriptor["resources"]]
        assert events in descriptor["resources"]
    edit_descriptor(copy, twice)
    with pytest.raises(ReleaseError, match="two resources are named 'events'"):
        strikeledger.load("events", release=copy)


def test_two_resources_of_one_file_are_refused(copy):
    def same_file(descriptor):
        for item in descriptor["resources"]:
            if item["name"] == "actors":
                item["path"] = "events.parquet"
    edit_descriptor(copy, same_file)
    with pytest.raises(ReleaseError, match=r"has the path 'events\.parquet' of another resource"):
        strikeledger.tables(copy)


def test_a_column_of_another_type_is_refused_before_use(copy):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = copy / "events.parquet"
    table = pq.read_table(path)
    index = table.schema.get_field_index("date_earliest")
    table = table.set_column(index, "date_earliest", table["date_earliest"].cast(pa.string()))
    pq.write_table(table, path)
    _rehash(copy, "events")
    with pytest.raises(ReleaseError, match=r"events\.parquet: column 'date_earliest' is string "
                                           r"but the descriptor's Table Schema says date"):
        strikeledger.load("events", release=copy)


def test_a_zip_bomb_is_refused_before_decompressing(copy, tmp_path, monkeypatch):
    import zipfile

    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for path in sorted(copy.iterdir()):
            name = f"strikeledger-x/{path.name}"
            if path.name == "events.parquet":
                with out.open(name, "w", force_zip64=True) as member:
                    for _ in range(256):  # 256 MiB of zeros, a few hundred KB compressed
                        member.write(bytes(1 << 20))
            else:
                out.write(path, name)
    opened = strikeledger.open_release(archive)  # its descriptor read

    def never(*args, **kwargs):
        raise AssertionError("a member was opened for decompression")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    monkeypatch.setattr(zipfile.ZipFile, "read", never)
    with pytest.raises(ReleaseError, match=r"events\.parquet: declares 268435456 bytes but the "
                                           r"descriptor records \d+; refused before "
                                           r"decompressing it"):
        opened.load("events")
