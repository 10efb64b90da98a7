"""`python -m codegen COMMAND`: the arguments of every command (docs/cli.md has the table).

Argument parsing only: each command's work lives in its subsystem (`generate` and `check` in
codegen.generate, `lint` and `explain` in codegen.schema, `diff` in codegen.diff, `import` in
codegen.importer, `replay` in codegen.replay), imported only when that command runs, so that a
quick `check` loads little.

Exit statuses: 0 ok; 1 stale (check), warnings under --strict (lint), unknown code (explain) or
responses flagged (replay); 2 invalid schemas, an input that cannot be read (not a regular
file, too large, not what it should be) or bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def _generate(args: argparse.Namespace) -> int:
    from codegen.generate.command import generate

    return generate(args)


def _check(args: argparse.Namespace) -> int:
    from codegen.generate.command import check

    return check(args)


def _lint(args: argparse.Namespace) -> int:
    from codegen.schema.command import lint

    return lint(args)


def _explain(args: argparse.Namespace) -> int:
    from codegen.schema.command import explain

    return explain(args)


def _diff(args: argparse.Namespace) -> int:
    from codegen.diff.command import run

    return run(args)


def _replay(args: argparse.Namespace) -> int:
    from codegen.replay.command import run

    return run(args)


def _import(args: argparse.Namespace) -> int:
    from codegen.importer.command import Options, main

    options = Options(
        page=args.page,
        vendor=args.vendor,
        schemas=args.schemas,
        locale=args.locale,
        columns=args.columns,
        row_pattern=args.row_pattern,
        dry_run=args.dry_run,
    )
    return main(options)


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--schemas",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="where the schemas are (default: schemas)",
    )
    common.add_argument(
        "--out",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="where the package is generated (default: generated)",
    )
    common.add_argument(
        "--docs",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="where the reference pages go (default: docs/vendors beside the output directory)",
    )
    main = argparse.ArgumentParser(
        prog="python -m codegen",
        parents=[common],
        description="Generate the catalog package from schemas/*.yaml.",
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="command")
    generate = commands.add_parser(
        "generate", parents=[common], help="validate, render, write what changed"
    )
    generate.add_argument(
        "--full",
        action="store_true",
        help="re-render even if the header hashes say nothing changed",
    )
    generate.set_defaults(handler=_generate)
    check = commands.add_parser(
        "check",
        parents=[common],
        help="compare the generated package with the schemas; never writes",
    )
    check.add_argument(
        "--full", action="store_true", help="always re-render everything in memory and compare"
    )
    check.set_defaults(handler=_check)
    lint = commands.add_parser("lint", parents=[common], help="validate the schemas only")
    lint.add_argument("--strict", action="store_true", help="exit 1 on warnings")
    lint.set_defaults(handler=_lint)
    explain = commands.add_parser("explain", parents=[common], help="print one catalog entry")
    explain.add_argument("vendor")
    explain.add_argument("code")
    explain.set_defaults(handler=_explain)
    diff = commands.add_parser(
        "diff",
        parents=[common],
        help="public API and behaviour changes since a git ref: breaking, compatible or patch",
    )
    diff.add_argument(
        "--against",
        metavar="REF",
        help="the git ref to compare with (default: the merge-base with main, else HEAD)",
    )
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.add_argument(
        "--breaking-ok",
        metavar="REASON",
        help="acknowledge every breaking change of this diff (for what no schema can carry, "
        "such as a removed vendor)",
    )
    diff.set_defaults(handler=_diff)
    imports = commands.add_parser(
        "import", parents=[common], help="draft or update a vendor's catalog from its error page"
    )
    imports.add_argument(
        "page", metavar="PAGE", help="the page (Markdown, HTML or CSV), or - for standard input"
    )
    imports.add_argument(
        "--vendor", required=True, metavar="ID", help="the vendor id (the catalog schemas/ID.yaml)"
    )
    imports.add_argument(
        "--locale",
        metavar="TAG",
        help="the page's language, when it is not the catalog's: its texts become "
        "translations[TAG] of the existing codes",
    )
    imports.add_argument(
        "--columns",
        metavar="FIELD=HEADER,...",
        help="which column is which, by header or number "
        "(fields: code, message, description, remedy, http_status)",
    )
    imports.add_argument(
        "--row-pattern",
        metavar="REGEX",
        help="read rows line by line with this regular expression (named groups code, "
        "message, description, remedy, http_status), for tables that lost their borders",
    )
    imports.add_argument(
        "--dry-run", action="store_true", help="report only; exit 1 if the catalog would change"
    )
    imports.set_defaults(handler=_import)
    replay = commands.add_parser(
        "replay",
        parents=[common],
        help="read captured responses with the generated package; flag what needs a maintainer",
    )
    replay.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help='JSON Lines, one response a line: {"status": 400, "headers": {...}, "body": "..."}'
        ' (or "body_base64")',
    )
    replay.add_argument(
        "--vendor", required=True, metavar="ID", help="the vendor whose responses these are"
    )
    replay.add_argument("--json", action="store_true", help="print the report as JSON")
    replay.set_defaults(handler=_replay)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.schemas = getattr(args, "schemas", Path("schemas"))
    args.out = getattr(args, "out", Path("generated"))
    args.docs = getattr(args, "docs", args.out.parent / "docs" / "vendors")
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a clear line, not a traceback: but keep the type for bug reports
        from codegen.generate.formatter import FormatError
        from codegen.input_files import InputError

        if isinstance(exc, (FormatError, InputError, OSError)):
            print(f"error: {exc}", file=sys.stderr)
            return 2
        raise
