"""The ``strikeledger`` command.

Exit codes: 0 success; 1 a problem with the data or a release (reported, no
traceback); 2 a usage error (bad arguments, missing optional dependency).
Each subcommand imports what it needs when it runs, so ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

OK, DATA_PROBLEM, USAGE = 0, 1, 2
# Optional dependencies, and the extra that installs each.
EXTRAS = {"pandera": "build", "frictionless": "build", "matplotlib": "plot"}


class UsageError(Exception):
    """The command was given something it cannot work with (exit 2)."""


def _data_folder(path: Path) -> Path:
    if not path.is_dir():
        raise UsageError(f"{path} is not a folder; --data names the folder of curated CSVs")
    return path


def _report(failures: list, summary: str) -> int:
    """Print each failure; exit 1 with a summary when there are any."""
    for failure in failures:
        print(failure)
    if failures:
        print(summary.format(count=len(failures)), file=sys.stderr)
        return DATA_PROBLEM
    return OK


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate

    result = validate(_data_folder(args.data))
    if args.format == "json":
        import json

        print(json.dumps([f.as_dict() for f in result.failures], indent=2, ensure_ascii=False))
        return DATA_PROBLEM if result.failures else OK
    files = len({f.file for f in result.failures})
    if _report(result.failures, f"{{count}} problem(s) in {files} file(s)"):
        return DATA_PROBLEM
    print(f"{args.data}: all tables valid", file=sys.stderr)
    return OK


def cmd_build(args: argparse.Namespace) -> int:
    from . import __version__
    from .build import build

    changelog = args.changelog or _data_folder(args.data).resolve().parent / "CHANGELOG.md"
    result = build(args.data, args.out, __version__, changelog)
    if _report(result.failures, "{count} problem(s); nothing was built"):
        return DATA_PROBLEM
    state = "already built, identical" if result.unchanged else "built"
    print(f"{result.release}: {state}", file=sys.stderr)
    return OK


def cmd_info(args: argparse.Namespace) -> int:
    from . import __version__
    from .loader import _open, _read_table

    release = _open(args.release)
    meta = release.descriptor
    print(f"strikeledger {__version__}")
    print(f"release:  {meta.get('version')} (created {meta.get('created')})")
    print(f"location: {release.location}")
    print("tables:")
    for resource in meta["resources"]:
        rows = _read_table(release, resource)[0].num_rows
        columns = len(resource["schema"]["fields"])
        print(f"  {resource['name']:<20} {rows:>8} rows  {columns:>3} columns  "
              f"{resource['path']}")
    return OK


def cmd_fmt(args: argparse.Namespace) -> int:
    from .fmt import fmt

    result = fmt(_data_folder(args.data), check=args.check)
    for failure in result.problems:
        print(failure)
    verb = "would reformat" if args.check else "reformatted"
    for path in result.changed:
        print(f"{verb} {path}")
    if result.problems or (args.check and result.changed):
        return DATA_PROBLEM
    if not result.changed:
        print(f"{args.data}: all files in canonical form", file=sys.stderr)
    return OK


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import as_text, diff, resolve

    result = diff(resolve(args.old, args.releases), resolve(args.new, args.releases))
    if args.format == "json":
        import json

        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(as_text(result, full=args.full), end="")
    return OK


def cmd_plot(args: argparse.Namespace) -> int:
    from .plot import timeline

    path = timeline(args.output, release=args.release)
    print(f"{path}: written", file=sys.stderr)
    return OK


def cmd_codebook(args: argparse.Namespace) -> int:
    from .codebook import codebook

    text = codebook()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        if current != text:
            print(f"{args.output} is out of date; run `strikeledger codebook`", file=sys.stderr)
            return DATA_PROBLEM
        return OK
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: written", file=sys.stderr)
    return OK


def cmd_verify(args: argparse.Namespace) -> int:
    from .verify import audit

    if not args.documents.is_dir():
        raise UsageError(f"{args.documents} is not a folder of source documents")
    if args.data is not None:
        from .validate import validate

        checked = validate(_data_folder(args.data))
        if checked.tables is None:
            return _report(checked.failures, "the data does not validate; fix it before "
                           "auditing ({count} problem(s))")
        tables = checked.tables
    else:
        from .loader import load

        tables = {name: load(name, release=args.release)
                  for name in ("sources", "figures", "event_sources")}
    result = audit(args.documents, tables["sources"], tables["figures"], tables["event_sources"])
    counts = ", ".join(f"{n} {what}" for what, n in result.checked.items())
    if _report(result.failures, f"{{count}} problem(s); checked {counts}"):
        return DATA_PROBLEM
    print(f"checked {counts} against {args.documents}: all found", file=sys.stderr)
    return OK


def parser() -> argparse.ArgumentParser:
    from . import __version__

    top = argparse.ArgumentParser(
        prog="strikeledger",
        description="Validate, build and inspect the StrikeLedger dataset.",
        epilog="Exit codes: 0 ok, 1 problem with the data or a release, 2 usage error.",
    )
    top.add_argument("--version", action="version", version=f"strikeledger {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    data_help = "folder of curated CSVs (default: datasets)"
    p = sub.add_parser(
        "validate", help="check the curated CSVs and report every problem",
        description="Check every CSV against the schemas and the cross-table rules; print "
        "each problem as file:line: column: value: rule.",
        epilog="examples: strikeledger validate --data datasets\n"
        "          strikeledger validate --format json > problems.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--data", type=Path, default=Path("datasets"), help=data_help)
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="text (file:line: column: value: rule) or json (a list of objects "
                   "with file, line, column, value, rule)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "build", help="validate, then write the release build/<version>/",
        description="Validate the CSVs, then write <out>/<version>/ with one Parquet file "
        "per table and datapackage.json. Refuses to change a released version.",
        epilog="example: strikeledger build --data datasets --out build",
    )
    p.add_argument("--data", type=Path, default=Path("datasets"), help=data_help)
    p.add_argument("--out", type=Path, default=Path("build"),
                   help="folder of releases (default: build)")
    p.add_argument("--changelog", type=Path, default=None,
                   help="CHANGELOG.md holding the release date (default: beside the data "
                   "folder)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "fmt", help="rewrite the CSVs in their canonical form (--check: only report)",
        description="Canonical form: UTF-8 without BOM, \\n line endings, columns in schema "
        "order, rows sorted by primary key, cells trimmed, no blank lines, quotes only where "
        "needed. Values are not otherwise changed. Files that cannot be read safely are left "
        "alone and reported.",
        epilog="examples: strikeledger fmt\n          strikeledger fmt --check   # in CI",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--data", type=Path, default=Path("datasets"), help=data_help)
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 and list the files that would change")
    p.set_defaults(func=cmd_fmt)

    p = sub.add_parser(
        "info", help="show the version, the tables and where the release lives",
        epilog="example: strikeledger info --release build/1.0.0",
    )
    p.add_argument("--release", type=Path, default=None,
                   help="a release folder, its datapackage.json, a release zip or the URL of a "
                   "release's datapackage.json (default: the bundled one)")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser(
        "diff", help="what changed between two releases, table by table",
        description="Compare two releases (folders, datapackage.json files, or versions under "
        "--releases): per table, columns added, removed or retyped and vocabulary codes "
        "changed, then rows added, removed and changed by primary key, with old → new values.",
        epilog="examples: strikeledger diff 1.0.0 1.1.0\n"
        "          strikeledger diff build/1.0.0 build/1.1.0 --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("old", help="the earlier release (folder, descriptor or version)")
    p.add_argument("new", help="the later release (folder, descriptor or version)")
    p.add_argument("--releases", type=Path, default=Path("build"),
                   help="where versions given by number are found (default: build)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--full", action="store_true", help="list every change (text format)")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser(
        "plot", help="draw a figure of a release (needs strikeledger[plot])",
        description="timeline: events on a time axis by place and type, with the running "
        "counts of attacks as each claimant gave them.",
        epilog="example: strikeledger plot timeline -o docs/timeline.png",
    )
    p.add_argument("figure", choices=["timeline"], help="which figure")
    p.add_argument("-o", "--output", type=Path, default=Path("timeline.png"),
                   help="PNG file to write (default: timeline.png)")
    p.add_argument("--release", type=Path, default=None,
                   help="a release folder, descriptor or zip (default: the bundled one)")
    p.set_defaults(func=cmd_plot)

    p = sub.add_parser(
        "codebook", help="write the codebook generated from the schemas",
        epilog="example: strikeledger codebook --check",
    )
    p.add_argument("-o", "--output", type=Path, default=Path("docs/codebook.md"),
                   help="where to write it (default: docs/codebook.md)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if the file differs from what would be written")
    p.set_defaults(func=cmd_codebook)

    p = sub.add_parser(
        "verify", help="audit hashes, figures and citations against the source documents",
        description="Check that every archived source's SHA-256 matches a file in DOCUMENTS, "
        "that every figure's wording and value stand in its cited paragraph, and that every "
        "cited paragraph exists. Audits the bundled release unless --data or --release says "
        "otherwise.",
        epilog="examples: strikeledger verify --documents ../shared/sources --data datasets\n"
        "          strikeledger verify --documents my-copies/ --release build/1.1.0",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--documents", type=Path, required=True,
                   help="folder holding copies of the source documents")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--data", type=Path, default=None, help="audit these curated CSVs")
    which.add_argument("--release", type=Path, default=None,
                       help="audit this release folder (default: the bundled release)")
    p.set_defaults(func=cmd_verify)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    from .errors import StrikeLedgerError

    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except StrikeLedgerError as error:
        print(f"error: {error}", file=sys.stderr)
        return DATA_PROBLEM
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE
    except ModuleNotFoundError as error:
        extra = EXTRAS.get((error.name or "").split(".")[0])
        if extra is None:
            raise
        print(f"strikeledger {args.command} needs {error.name}: pip install "
              f"'strikeledger[{extra}]'", file=sys.stderr)
        return USAGE
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as other Unix tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK


if __name__ == "__main__":
    sys.exit(main())
