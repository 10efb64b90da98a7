"""`lint` and `explain`: validate the schemas, or print one entry as the loader reads it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from codegen.diagnostics import SchemaError, display, print_problems, print_refusal

if TYPE_CHECKING:
    from codegen.diagnostics import Problem
    from codegen.schema.model import Catalog


def _load(schemas: Path) -> tuple[Catalog, list[Problem]] | None:
    """The validated catalog and its warnings, or None after printing every error."""
    from codegen.schema.loader import load_catalog

    try:
        return load_catalog(schemas, display)
    except SchemaError as exc:
        print_refusal(exc)
        return None


def lint(args: argparse.Namespace) -> int:
    loaded = _load(Path(args.project.schemas))
    if loaded is None:
        return 2
    catalog, warnings = loaded
    print_problems(warnings)
    codes = sum(len(vendor.entries) for vendor in catalog.vendors)
    print(f"{len(catalog.vendors)} vendors, {codes} codes: {len(warnings)} warning(s).")
    return 1 if warnings and args.strict else 0


def explain(args: argparse.Namespace) -> int:
    loaded = _load(Path(args.project.schemas))
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
    rows: list[tuple[str, object]] = [
        ("code", entry.code),
        ("member", f"{args.project.package}.{vendor.id}.{vendor.code_class}.{entry.name}"),
        ("exception", f"{args.project.package}.{vendor.id}.{entry.exception}"),
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
        ("retryable", "yes" if entry.effective_retryable else "no"),
        ("group", entry.group),
        ("aliases", ", ".join(map(str, entry.aliases)) or None),
        ("deprecated", entry.deprecated),
    ]
    print(f"{vendor.name} ({vendor.id}) {entry.code}: {entry.name}")
    for label, value in rows:
        if value is not None:
            print(f"  {label + ':':<14}{value}")
    return 0
