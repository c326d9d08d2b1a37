"""``strikeledger build``: validated CSVs in, an immutable versioned release out.

The release is ``<out>/<version>/``: one Parquet file per table and a Frictionless
v2 ``datapackage.json``. The steps, each in its own module: validate
(``strikeledger.validate``), derive the released tables (``views``), write them into a
staging folder and publish it (``publish``). Same inputs give byte-identical files
(rows sorted by primary key, fixed writer options, no wall-clock time anywhere). A
failed or killed build never leaves a partial release; an existing release is never
overwritten.

A build whose inputs have the fingerprint recorded with the release (``fingerprint``,
``manifest``) does none of that: the release is checked against its manifest entry and
reported unchanged; the hashes of files unchanged since the last build are remembered
(``hash_cache``). This module imports the build stack only when it builds.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem
from .changelog import check_diff_line, release_date
from .fingerprint import input_files, input_fingerprint
from .hash_cache import HashCache
from .manifest import BuildError, is_built, recorded_files


@dataclass
class BuildResult:
    """What a build did: ``problems`` when the data is invalid, else the release folder."""

    release: Path | None
    problems: list[Problem]
    unchanged: bool = False


def build(data_dir: Path, out_dir: Path, version: str, changelog: Path) -> BuildResult:
    """Validate ``data_dir`` and write release ``version`` under ``out_dir``: refused when
    the data break an id of an earlier release there (``history``), or when the version's
    CHANGELOG entry does not state the row counts of the diff from the release before;
    nothing to do when the release there was built from these very inputs."""
    from ..allocator import one_heap

    one_heap()  # before the hashing threads allocate
    created = release_date(changelog, version)
    cache = HashCache()
    # Where this version is recorded, its files are hashed together with the inputs, the
    # largest first: a no-op's hashing is one pool, and the zip (its largest file) does
    # not start last. When the inputs changed, the release's hashes are not needed after all.
    cache.sha256_files([*input_files(data_dir), *recorded_files(out_dir, version)])
    inputs = input_fingerprint(data_dir, version, created, cache.sha256_files)
    built = out_dir.is_dir() and is_built(out_dir, version, inputs, cache.sha256_files)
    cache.save()  # what it hashed, for the next build
    if built:
        return BuildResult(out_dir / version, [], unchanged=True)

    from ..allocator import release_unused, tune_memory
    from ..csvparse import Parsing

    tune_memory()
    parsing = Parsing(data_dir)  # the CSVs parsed while the build stack is imported
    from ..validate import validate
    from .history import check_history, earlier_releases
    from .publish import ReleaseWriter, publish_release, remove_abandoned
    from .views import release_frames

    checked = validate(data_dir, created, parsing=parsing)
    tables = checked.tables
    if tables is None:
        return BuildResult(None, checked.problems)
    del checked  # the tables alone from here on, each dropped once written
    broken = check_history(tables, data_dir, out_dir, version)
    if broken:
        return BuildResult(None, broken)
    release_unused()  # reading's buffers, before the next peak
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_abandoned(out_dir)
    staging = out_dir / f".tmp-{version}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        writer = ReleaseWriter(staging)
        release_frames(tables, writer.write)  # writes each table as it is finished
        writer.finish(version, created)
        earlier = earlier_releases(out_dir, version)
        if earlier:
            from ..tools.diff import diff, summary_line

            check_diff_line(changelog, version, summary_line(diff(earlier[-1], staging)))
        unchanged = publish_release(staging, out_dir, version, inputs)
        return BuildResult(out_dir / version, [], unchanged=unchanged)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


__all__ = ["BuildError", "BuildResult", "build"]
