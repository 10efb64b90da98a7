"""`python -m codegen replay FILE --vendor ID [--json]`: exit 0 when nothing needs a maintainer,
1 when anything is flagged, 2 on input that cannot be read (`FILE:LINE:COL: what is wrong`) or a
vendor the generated package does not have."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Any

from codegen.diagnostics import display
from codegen.replay.captures import CaptureError, read_captures
from codegen.replay.report import as_json, replay, text


def run(args: argparse.Namespace) -> int:
    shown = display(args.file)
    catalog = _package(Path(args.project.out), args.project.package)
    if catalog is None:
        print(
            f"error: no generated package {args.project.package} in {display(args.project.out)}: run "
            f"`{args.project.generate_command}` first",
            file=sys.stderr,
        )
        return 2
    vendors = list(catalog.vendors())
    if args.vendor not in vendors:
        print(
            f"error: unknown vendor {args.vendor!r}; the vendors are {', '.join(vendors)}",
            file=sys.stderr,
        )
        return 2
    try:
        captures = read_captures(Path(args.file))
    except CaptureError as exc:
        print(f"{shown}:{exc.line}:{exc.column}: {exc.message}", file=sys.stderr)
        return 2
    report = replay(catalog, args.vendor, shown, captures)
    codes = _code_enum(catalog, args.vendor)
    # The names the vendor uses already, so that the drafts' guessed names are new ones.
    names = set(codes.__members__)
    classes = {member.exception.__name__ for member in codes}
    code_type = "int" if issubclass(codes, int) else "str"
    render = as_json if args.json else text
    sys.stdout.write(render(report, code_type, names, classes))
    return 1 if report.flagged else 0


def _package(out: Path, name: str) -> Any:
    """The generated package `name` from `out` (first on the path), or None."""
    if name not in sys.modules and (out / name / "__init__.py").is_file():
        sys.path.insert(0, str(out.resolve()))
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _code_enum(catalog: Any, vendor_id: str) -> Any:
    module = importlib.import_module(f"{catalog.__name__}.{vendor_id}")
    return next(
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, catalog.Code) and value is not catalog.Code
    )
