"""The ``strikeledger`` command.

Each subcommand is declared once, where its handler is: ``@command(...)`` names it,
gives its help and lists its arguments. Exit codes: 0 success; 1 a problem with the
data or a release (reported, no traceback); 2 a usage error (bad arguments, missing
optional dependency). Each handler imports what it needs when it runs, so ``--help``
is instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OK, DATA_PROBLEM, USAGE = 0, 1, 2
# Optional dependencies, and the extra that installs each.
EXTRAS = {"pandera": "build", "frictionless": "build", "matplotlib": "plot"}


class UsageError(Exception):
    """The command was given something it cannot work with (exit 2)."""


@dataclass(frozen=True)
class Argument:
    """One argument of a command: argparse's flags and options, as given to add_argument."""

    flags: tuple[str, ...]
    options: dict[str, Any]
    group: str | None = None  # arguments sharing a group exclude each other


def arg(*flags: str, group: str | None = None, **options: Any) -> Argument:
    return Argument(flags, options, group)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[argparse.Namespace], int]
    arguments: tuple[Argument, ...]
    description: str | None
    epilog: str | None


COMMANDS: list[Command] = []


def command(name: str, help: str, *arguments: Argument, description: str | None = None,
            epilog: str | None = None) -> Callable[[Callable[..., int]], Callable[..., int]]:
    """Declare a subcommand: its name, help, arguments and (decorated) handler."""
    def register(run: Callable[[argparse.Namespace], int]) -> Callable[..., int]:
        COMMANDS.append(Command(name, help, run, arguments, description, epilog))
        return run
    return register


# Arguments several commands share.
DATA = arg("--data", type=Path, default=Path("datasets"),
           help="folder of curated CSVs (default: datasets)")
RELEASE = arg("--release", type=Path, default=None,
              help="a release folder, its datapackage.json, a release zip or the URL of a "
              "release's datapackage.json (default: the bundled one)")
FORMAT = arg("--format", choices=["text", "json"], default="text",
             help="text (file:line: column: value: rule) or json (a list of objects with "
             "file, line, column, value, rule)")


def _data_folder(path: Path) -> Path:
    if not path.is_dir():
        raise UsageError(f"{path} is not a folder; --data names the folder of curated CSVs")
    return path


def _report(problems: list, summary: str, output: str = "text") -> int:
    """Print each problem (at most MAX_PER_RULE per file and rule, the rest counted); exit 1
    with a summary when there are any."""
    from .problems import as_json, as_text, capped, total

    problems = capped(problems)
    if output == "json":
        print(as_json(problems), end="")
        return DATA_PROBLEM if problems else OK
    print(as_text(problems), end="")
    if problems:
        print(summary.format(count=f"{total(problems):,}"), file=sys.stderr)
        return DATA_PROBLEM
    return OK


@command("validate", "check the curated CSVs and report every problem", DATA, FORMAT,
         description="Check every CSV against the schemas and the cross-table rules; print "
         "each problem as file:line: column: value: rule.",
         epilog="examples: strikeledger validate --data datasets\n"
         "          strikeledger validate --format json > problems.json")
def cmd_validate(args: argparse.Namespace) -> int:
    from .allocator import tune_memory
    from .csvparse import Parsing

    tune_memory()
    folder = _data_folder(args.data)
    parsing = Parsing(folder)  # parsed while validate's stack is imported
    from .validate import validate

    result = validate(folder, parsing=parsing)
    files = len({p.file for p in result.problems})
    if _report(result.problems, f"{{count}} problem(s) in {files} file(s)", args.format):
        return DATA_PROBLEM
    if args.format == "text":
        print(f"{args.data}: all tables valid", file=sys.stderr)
    return OK


@command("build", "validate, then write the release build/<version>/",
         DATA,
         arg("--out", type=Path, default=Path("build"),
             help="folder of releases (default: build)"),
         arg("--changelog", type=Path, default=None,
             help="CHANGELOG.md holding the release date (default: beside the data folder)"),
         description="Validate the CSVs, then write <out>/<version>/ with one Parquet file "
         "per table and datapackage.json. Refuses to change a released version.",
         epilog="example: strikeledger build --data datasets --out build")
def cmd_build(args: argparse.Namespace) -> int:
    from . import __version__
    from .builder import build

    changelog = args.changelog or _data_folder(args.data).resolve().parent / "CHANGELOG.md"
    result = build(args.data, args.out, __version__, changelog)
    if _report(result.problems, "{count} problem(s); nothing was built"):
        return DATA_PROBLEM
    state = "already built, identical" if result.unchanged else "built"
    print(f"{result.release}: {state}", file=sys.stderr)
    return OK


@command("fmt", "rewrite the CSVs in their canonical form (--check: only report)",
         DATA,
         arg("--check", action="store_true",
             help="write nothing; exit 1 and list the files that would change"),
         description="Canonical form: UTF-8 without BOM, \\n line endings, columns in schema "
         "order, rows sorted by primary key, cells trimmed, no blank lines, quotes only where "
         "needed. Values are not otherwise changed. Files that cannot be read safely are left "
         "alone and reported.",
         epilog="examples: strikeledger fmt\n          strikeledger fmt --check   # in CI")
def cmd_fmt(args: argparse.Namespace) -> int:
    from .problems import as_text, capped
    from .tools.fmt import fmt

    result = fmt(_data_folder(args.data), check=args.check)
    print(as_text(capped(result.problems)), end="")
    verb = "would reformat" if args.check else "reformatted"
    for path in result.changed:
        print(f"{verb} {path}")
    if result.problems or (args.check and result.changed):
        return DATA_PROBLEM
    if not result.changed:
        print(f"{args.data}: all files in canonical form", file=sys.stderr)
    return OK


@command("info", "show the version, the tables and where the release lives", RELEASE,
         epilog="example: strikeledger info --release build/1.0.0")
def cmd_info(args: argparse.Namespace) -> int:
    from . import __version__
    from .reader import open_release

    release = open_release(args.release)
    print(f"strikeledger {__version__}")
    print(f"release:  {release.version} (created {release.descriptor.get('created')})")
    print(f"location: {release.location}")
    print("tables:")
    for name in release.names:
        rows = release.read_arrow(name).num_rows
        item = release.resource(name)
        print(f"  {name:<20} {rows:>8} rows  {len(item['schema']['fields']):>3} columns  "
              f"{item['path']}")
    return OK


@command("diff", "what changed between two releases, table by table",
         arg("old", help="the earlier release (version, folder, descriptor or zip)"),
         arg("new", help="the later release (version, folder, descriptor or zip)"),
         arg("--releases", type=Path, default=None,
             help="a folder of release folders where versions given by number are found "
             "(default: the releases this package carries, every version)"),
         arg("--format", choices=["text", "json"], default="text"),
         arg("--full", action="store_true", help="list every change (text format)"),
         description="Compare two releases (versions this package carries, folders, "
         "datapackage.json files or zips): per table, columns added, removed or retyped and "
         "vocabulary codes changed, then rows added, removed and changed by primary key, "
         "with old → new values.",
         epilog="examples: strikeledger diff 1.0.0 1.1.0\n"
         "          strikeledger diff build/1.0.0 build/1.1.0 --format json")
def cmd_diff(args: argparse.Namespace) -> int:
    from .tools.diff import as_text, diff, resolve

    result = diff(resolve(args.old, args.releases), resolve(args.new, args.releases))
    if args.format == "json":
        import json

        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(as_text(result, full=args.full), end="")
    return OK


@command("plot", "draw a figure of a release (needs strikeledger[plot])",
         arg("figure", choices=["timeline", "map"], help="which figure"),
         arg("-o", "--output", type=Path, default=None,
             help="PNG file to write (default: <figure>.png)"),
         arg("--release", type=Path, default=None,
             help="a release folder, descriptor or zip (default: the bundled one)"),
         description="timeline: events on a time axis by place and type, with the running "
         "counts of attacks as each claimant gave them. map: the events at places with "
         "coordinates, by type and number.",
         epilog="example: strikeledger plot timeline -o docs/timeline.png")
def cmd_plot(args: argparse.Namespace) -> int:
    from .tools.map import event_map
    from .tools.plot import timeline

    draw = {"timeline": timeline, "map": event_map}[args.figure]
    path = draw(args.output or Path(f"{args.figure}.png"), release=args.release)
    print(f"{path}: written", file=sys.stderr)
    return OK


@command("codebook", "write the codebook generated from the schemas",
         arg("-o", "--output", type=Path, default=Path("docs/codebook.md"),
             help="where to write it (default: docs/codebook.md)"),
         arg("--check", action="store_true",
             help="write nothing; exit 1 if the file differs from what would be written"),
         epilog="example: strikeledger codebook --check")
def cmd_codebook(args: argparse.Namespace) -> int:
    from .tools.codebook import codebook

    return _write_generated(args, codebook(), "strikeledger codebook")


@command("datacard", "write the data card generated from a release (docs/datacard.md)",
         arg("-o", "--output", type=Path, default=Path("docs/datacard.md"),
             help="where to write it (default: docs/datacard.md)"),
         arg("--check", action="store_true",
             help="write nothing; exit 1 if the file differs from what would be written"),
         RELEASE,
         description="The data card: scope, how events are found, what is and is not "
         "itemized (against the official count), known biases, citation and licence, with "
         "every number computed from the release.",
         epilog="example: strikeledger datacard --check")
def cmd_datacard(args: argparse.Namespace) -> int:
    from .tools.datacard import datacard

    return _write_generated(args, datacard(args.release), "strikeledger datacard")


def _write_generated(args: argparse.Namespace, text: str, command: str) -> int:
    """Write a generated document, or with --check only compare it (exit 1 if stale)."""
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        if current != text:
            print(f"{args.output} is out of date; run `{command}`", file=sys.stderr)
            return DATA_PROBLEM
        return OK
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: written", file=sys.stderr)
    return OK


@command("verify", "audit hashes, figures and citations against the source documents",
         arg("--documents", type=Path, required=True,
             help="folder holding copies of the source documents"),
         arg("--data", type=Path, default=None, group="what",
             help="audit these curated CSVs"),
         arg("--release", type=Path, default=None, group="what",
             help="audit this release folder (default: the bundled release)"),
         description="Check that every archived source's SHA-256 matches a file in DOCUMENTS, "
         "that every figure's wording and value stand in its cited paragraph, and that every "
         "cited paragraph exists. Audits the bundled release unless --data or --release says "
         "otherwise.",
         epilog="examples: strikeledger verify --documents ../shared/sources --data datasets\n"
         "          strikeledger verify --documents my-copies/ --release build/1.1.0")
def cmd_verify(args: argparse.Namespace) -> int:
    from .tools.verify import audit

    if not args.documents.is_dir():
        raise UsageError(f"{args.documents} is not a folder of source documents")
    if args.data is not None:
        from .validate import validate

        checked = validate(_data_folder(args.data))
        if checked.tables is None:
            return _report(checked.problems, "the data does not validate; fix it before "
                           "auditing ({count} problem(s))")
        tables = checked.tables
    else:
        from .reader import open_release

        release = open_release(args.release)
        tables = {name: release.load(name) for name in ("sources", "figures", "event_sources")}
    result = audit(args.documents, tables["sources"], tables["figures"], tables["event_sources"])
    counts = ", ".join(f"{n} {what}" for what, n in result.checked.items())
    if _report(result.problems, f"{{count}} problem(s); checked {counts}"):
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
    for spec in COMMANDS:
        # Keep the line breaks of multi-line examples.
        multiline = spec.epilog is not None and "\n" in spec.epilog
        p = sub.add_parser(spec.name, help=spec.help, description=spec.description,
                           epilog=spec.epilog,
                           formatter_class=argparse.RawDescriptionHelpFormatter if multiline
                           else argparse.HelpFormatter)
        groups: dict[str, Any] = {}
        for argument in spec.arguments:
            target = p
            if argument.group is not None:
                target = groups.setdefault(argument.group, p.add_mutually_exclusive_group())
            target.add_argument(*argument.flags, **argument.options)
        p.set_defaults(func=spec.run)
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
