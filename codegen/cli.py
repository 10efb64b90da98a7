"""`python -m codegen COMMAND`: the arguments of every command (docs/cli.md has the table).

Argument parsing only: each command's work lives in its subsystem (`generate` and `check` in
codegen.generate, `lint` and `explain` in codegen.schema, `diff` in codegen.diff, `import` in
codegen.importer, `replay` in codegen.replay, `init` in codegen.scaffold), imported only when
that command runs, so that a quick `check` loads little.

Exit statuses: 0 ok; 1 stale (check), warnings under --strict (lint), unknown code (explain) or
responses flagged (replay); 2 invalid schemas, an input that cannot be read (not a regular
file, too large, not what it should be) or bad usage.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~2 ms)
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence


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
        schemas=args.project.schemas,
        locale=args.locale,
        columns=args.columns,
        row_pattern=args.row_pattern,
        dry_run=args.dry_run,
    )
    return main(options)


def _init(args: argparse.Namespace) -> int:
    from codegen.scaffold.command import init

    return init(args)


def parser(prog: str = "python -m codegen") -> argparse.ArgumentParser:
    import argparse  # here, not at the top: a `check` with nothing to do skips its cost
    from pathlib import Path

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--schemas",
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="where the schemas are (default: pyproject.toml's [tool.catalog-codegen] "
        "schemas, else schemas)",
    )
    common.add_argument(
        "--out",
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="where the package is generated (default: [tool.catalog-codegen] out, "
        "else generated)",
    )
    common.add_argument(
        "--package",
        default=argparse.SUPPRESS,
        metavar="NAME",
        help="the generated package's name (default: [tool.catalog-codegen] package, "
        "else catalog)",
    )
    common.add_argument(
        "--docs",
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="where the reference pages go (default: docs/vendors beside the output directory)",
    )
    main = argparse.ArgumentParser(
        prog=prog,
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
    init = commands.add_parser(
        "init",
        help="start a project: schemas/ with an example vendor, and pyproject.toml's "
        "[tool.catalog-codegen] table",
    )
    init.add_argument(
        "directory", metavar="DIR", nargs="?", type=Path, default=Path("."), help="(default: .)"
    )
    init.set_defaults(handler=_init)
    return main


# What a plain `check` or `generate` may say, read without argparse: its import and its
# parser cost such a run about 6 ms. Anything else (help, errors, other commands,
# abbreviations, options before the command) is argparse's. The options are parser()'s, and a
# test holds the two readings equal.
_QUICK_COMMANDS = {"check": _check, "generate": _generate}
_QUICK_OPTIONS = ("--schemas", "--out", "--package", "--docs")


def quick_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of `check` or `generate` with --full and options of the forms `--out DIR`
    and `--out=DIR`, as argparse would give them; None for any other command line (then
    argparse parses it)."""
    if not argv or argv[0] not in _QUICK_COMMANDS:
        return None
    values: dict[str, str | bool] = {"full": False}
    rest = iter(argv[1:])
    for word in rest:
        if word == "--full":
            values["full"] = True
            continue
        option, equals, value = word.partition("=")
        if not equals:
            value = next(rest, "")
        # A value that is empty or starts with "-" is one argparse may read otherwise.
        if option not in _QUICK_OPTIONS or not value or value.startswith("-"):
            return None
        values[option[2:]] = value
    from types import SimpleNamespace  # argparse.Namespace's interface, without argparse

    arguments = SimpleNamespace(command=argv[0], handler=_QUICK_COMMANDS[argv[0]], **values)
    return arguments  # type: ignore[return-value]


def main(argv: Sequence[str] | None = None, prog: str = "python -m codegen") -> int:
    if argv is None:
        argv = sys.argv[1:]
    args = quick_arguments(argv)
    if args is None:
        args = parser(prog).parse_args(argv)
    args.prog = prog
    from codegen.project import SettingsError, clean_path, default_docs, resolve

    try:
        args.project = resolve(
            getattr(args, "package", None),
            getattr(args, "schemas", None),
            getattr(args, "out", None),
        )
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # The project owns the resolved names and folders: the options are read through it only.
    for option in ("package", "schemas", "out"):
        if hasattr(args, option):
            delattr(args, option)
    docs = getattr(args, "docs", None)
    args.docs = clean_path(docs) if docs is not None else default_docs(args.project.out)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except ImportError as exc:
        from codegen.diagnostics import missing_dependency

        missing = missing_dependency(exc)
        if missing is None:
            raise
        print(f"error: {missing}", file=sys.stderr)
        return 2
    except Exception as exc:  # a clear line, not a traceback: but keep the type for bug reports
        formatter = sys.modules.get("codegen.generate.formatter")  # loaded if it raised
        from codegen.input_files import InputError

        if isinstance(exc, (OSError, InputError)) or (
            formatter is not None and isinstance(exc, formatter.FormatError)
        ):
            print(f"error: {exc}", file=sys.stderr)
            return 2
        raise


def console_script() -> int:
    """The `catalog-codegen` command of the installed distribution."""
    return main(prog="catalog-codegen")
