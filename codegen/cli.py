"""`python -m codegen generate | check | lint | explain`: see README.md, "The command line".

Exit statuses: 0 ok; 1 stale (check), warnings under --strict (lint) or unknown code (explain);
2 invalid schemas or bad usage. Heavy imports (ruamel.yaml, jinja2, black) happen only when a
command needs them, so that `check` and `generate` on an unchanged tree stay quick.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from codegen.diagnostics import Problem
    from codegen.model import Catalog
    from codegen.pipeline import Built
    from codegen.sync import Plan

FIX_COMMAND = "make generate"


def _display(path: Path) -> str:
    """Paths in messages: relative to the working directory when below it."""
    try:
        return (
            os.path.relpath(path) if not Path(os.path.relpath(path)).parts[0] == ".." else str(path)
        )
    except ValueError:
        return str(path)


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _load(schemas: Path) -> tuple[Catalog, list[Problem]] | None:
    """The validated catalog and its warnings, or None after printing every error."""
    from codegen.diagnostics import SchemaError
    from codegen.loader import load_catalog

    try:
        return load_catalog(schemas, _display)
    except SchemaError as exc:
        _print_problems(exc.problems)
        errors = sum(problem.severity == "error" for problem in exc.problems)
        print(f"{errors} error(s) in the schemas; nothing was written.", file=sys.stderr)
        return None


def _build(schemas: Path) -> Built | None:
    """Every generated file's final text, by path under the output dir (None if invalid)."""
    from codegen.diagnostics import SchemaError
    from codegen.pipeline import build

    try:
        return build(schemas, _display)
    except SchemaError as exc:
        _print_problems(exc.problems)
        errors = sum(problem.severity == "error" for problem in exc.problems)
        print(f"{errors} error(s) in the schemas; nothing was written.", file=sys.stderr)
        return None


def _proved(args: argparse.Namespace) -> bool:
    """The fast path: header hashes prove the package current (read under a shared lock, so
    never halfway through another run's swap)."""
    from codegen.sync import lock, prove_current, unlock

    handle = lock(args.out, exclusive=False)
    try:
        return prove_current(args.schemas, args.out)
    finally:
        unlock(handle)


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds like an exception: a staged package is removed


def cmd_generate(args: argparse.Namespace) -> int:
    from codegen.sync import leftovers

    if not args.full and not leftovers(args.out) and _proved(args):
        print(f"{_display(args.out)} is up to date.")
        return 0
    import signal

    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: no handler to install
        return _generate(args)
    try:
        return _generate(args)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _generate(args: argparse.Namespace) -> int:
    built = _build(args.schemas)
    if built is None:
        return 2
    _print_problems(built.warnings)
    from codegen.swap import Refused, update

    try:
        outcome = update(args.out, built.files)
    except Refused as refused:
        _print_refusal(args.out, refused.plan)
        return 2
    result = outcome.plan
    for name in outcome.cleaned:
        print(f"removed {_display(args.out / name)} (left by an interrupted run)", file=sys.stderr)
    for path in result.foreign:
        print(
            f"left alone: {_display(args.out / path)} (not a generated file; remove it by hand)",
            file=sys.stderr,
        )
    for path in result.empty_dirs:
        print(
            f"left alone: {_display(args.out / path)} (an empty directory; remove it by hand)",
            file=sys.stderr,
        )
    if outcome.written:
        for path in sorted(result.write):
            print(f"wrote {_display(args.out / path)}")
        for path in result.extra:
            print(f"removed {_display(args.out / path)}")
    else:
        print(f"{_display(args.out)} is up to date.")
    if outcome.leftover is not None:
        print(
            f"error: the package is written, but the previous one could not be removed: {outcome.leftover}",
            file=sys.stderr,
        )
        return 2
    return 0


def _print_refusal(out: Path, result: Plan) -> None:
    for path, target in result.links.items():
        print(
            f"error: {_display(out / path)} is a symbolic link (to {target}): generate neither writes "
            "through links nor replaces them; remove it by hand",
            file=sys.stderr,
        )
    for path in result.special:
        print(
            f"error: {_display(out / path)} is not a regular file or directory; remove it by hand",
            file=sys.stderr,
        )
    for path in result.blocked:
        what = "a directory" if path in result.tree.dirs else "a file"
        print(
            f"error: {_display(out / path)} is {what} where generate must write a {'file' if what == 'a directory' else 'directory'}; remove it by hand",
            file=sys.stderr,
        )
    print("nothing was written.", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    from codegen.sync import leftovers

    for name in leftovers(args.out):
        print(
            f"note: {_display(args.out / name)} was left by an interrupted run; the next generate removes it",
            file=sys.stderr,
        )
    if not args.full and _proved(args):
        print(f"{_display(args.out)} is current (proved by header hashes; --full re-renders).")
        return 0
    built = _build(args.schemas)
    if built is None:
        return 2
    from codegen.sync import lock, plan, unlock

    handle = lock(args.out, exclusive=False)
    try:
        result = plan(args.out, built.files)
    finally:
        unlock(handle)
    if result.current:
        print(f"{_display(args.out)} is current.")
        return 0
    out = _display(args.out)
    for label, paths in (
        ("stale (the schemas or templates changed)", result.stale),
        ("hand-edited (a generated file was changed by hand)", result.edited),
        ("missing", result.missing),
        ("extra (no schema produces it any more)", result.extra),
        ("extra (not a generated file)", result.foreign),
        ("extra (an empty directory)", result.empty_dirs),
        ("in the way (where generate must write)", result.blocked),
        ("not a regular file", result.special),
    ):
        for path in paths:
            print(f"{label}: {out}/{path}")
    for path, belongs in result.misplaced.items():
        print(f"misplaced (it holds what belongs at {out}/{belongs}): {out}/{path}")
    for path, target in result.links.items():
        print(f"symbolic link (to {target}; generate never follows one): {out}/{path}")
    for path in sorted(result.diffs):
        print(result.diffs[path], end="")
    fix = f"python -m codegen generate --schemas {args.schemas} --out {args.out}"
    default = args.schemas == Path("schemas") and args.out == Path("generated")
    print(f"\n{out} is not what the schemas produce. Fix: {FIX_COMMAND if default else fix}")
    if result.foreign or result.empty_dirs or result.refused:
        print(
            "What generate did not make is never deleted, and links are never followed: remove those by hand."
        )
    return 1


def cmd_lint(args: argparse.Namespace) -> int:
    loaded = _load(args.schemas)
    if loaded is None:
        return 2
    catalog, warnings = loaded
    _print_problems(warnings)
    codes = sum(len(vendor.entries) for vendor in catalog.vendors)
    print(f"{len(catalog.vendors)} vendors, {codes} codes: {len(warnings)} warning(s).")
    return 1 if warnings and args.strict else 0


def cmd_explain(args: argparse.Namespace) -> int:
    loaded = _load(args.schemas)
    if loaded is None:
        return 2
    catalog, _ = loaded
    vendor = next((v for v in catalog.vendors if v.id == args.vendor), None)
    if vendor is None:
        known = ", ".join(v.id for v in catalog.vendors)
        print(f"unknown vendor {args.vendor!r}; the vendors are: {known}", file=sys.stderr)
        return 1
    wanted = args.code.strip()
    for entry in vendor.entries:
        if any(str(code) == wanted for code in (entry.code, *entry.aliases)):
            break
    else:
        print(f"{vendor.name} ({vendor.id}) has no code {args.code!r}", file=sys.stderr)
        return 1
    retryable = entry.kind.retryable if entry.retryable is None else entry.retryable
    rows: list[tuple[str, object]] = [
        ("code", entry.code),
        ("member", f"catalog.{vendor.id}.{vendor.code_class}.{entry.name}"),
        ("exception", f"catalog.{vendor.id}.{entry.exception}"),
        ("message", entry.message),
        *((f"message[{tag}]", text) for tag, text in entry.translations),
        ("description", entry.description),
        ("remedy", entry.remedy),
        ("kind", f"{entry.kind.id} ({entry.kind.exception})"),
        (
            "http_status",
            (
                entry.http_status
                if entry.http_status is not None
                else f"{entry.kind.http_status} (kind default)"
            ),
        ),
        ("retryable", "yes" if retryable else "no"),
        ("group", entry.group),
        ("aliases", ", ".join(map(str, entry.aliases)) or None),
        ("deprecated", entry.deprecated),
    ]
    print(f"{vendor.name} ({vendor.id}) {entry.code}: {entry.name}")
    for label, value in rows:
        if value is not None:
            print(f"  {label + ':':<14}{value}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from codegen.diff_command import run

    return run(args)


def cmd_import(args: argparse.Namespace) -> int:
    from codegen.importer import Options
    from codegen.importer import main as run_import

    options = Options(
        page=args.page,
        vendor=args.vendor,
        schemas=args.schemas,
        locale=args.locale,
        columns=args.columns,
        row_pattern=args.row_pattern,
        dry_run=args.dry_run,
    )
    return run_import(options)


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
    generate.set_defaults(handler=cmd_generate)
    check = commands.add_parser(
        "check",
        parents=[common],
        help="compare the generated package with the schemas; never writes",
    )
    check.add_argument(
        "--full", action="store_true", help="always re-render everything in memory and compare"
    )
    check.set_defaults(handler=cmd_check)
    lint = commands.add_parser("lint", parents=[common], help="validate the schemas only")
    lint.add_argument("--strict", action="store_true", help="exit 1 on warnings")
    lint.set_defaults(handler=cmd_lint)
    explain = commands.add_parser("explain", parents=[common], help="print one catalog entry")
    explain.add_argument("vendor")
    explain.add_argument("code")
    explain.set_defaults(handler=cmd_explain)
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
    diff.set_defaults(handler=cmd_diff)
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
    imports.set_defaults(handler=cmd_import)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.schemas = getattr(args, "schemas", Path("schemas"))
    args.out = getattr(args, "out", Path("generated"))
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a clear line, not a traceback: but keep the type for bug reports
        from codegen.formatter import FormatError

        if isinstance(exc, (FormatError, OSError)):
            print(f"error: {exc}", file=sys.stderr)
            return 2
        raise
