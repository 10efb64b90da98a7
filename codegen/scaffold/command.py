"""`init [DIR]`: a new project in DIR (default: the working directory).

It writes what is missing and leaves what is there: `schemas/example.yaml` (the example
vendor), `schemas/catalog.schema.json` (the JSON Schema editors validate against, from the
generator itself), and a `[tool.catalog-codegen]` table in `pyproject.toml` (a new file, or
appended to one that has no such table). Then `generate`, `check`, `lint` and `diff` work there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from codegen import data_dir
from codegen.diagnostics import display
from codegen.project import (
    DEFAULT_COMMAND,
    DEFAULT_OUT,
    DEFAULT_PACKAGE,
    DEFAULT_SCHEMAS,
    PYPROJECT,
    TABLE,
    SettingsError,
    table,
)

EXAMPLE = Path(__file__).resolve().parent / "example.yaml"
SETTINGS = f"""\
[tool.{TABLE}]
package = "{DEFAULT_PACKAGE}"  # the generated package: `import {DEFAULT_PACKAGE}`
schemas = "{DEFAULT_SCHEMAS}"  # one <vendor id>.yaml per vendor
out = "{DEFAULT_OUT}"  # the package is written to {DEFAULT_OUT}/{DEFAULT_PACKAGE}/
generate-command = "{DEFAULT_COMMAND}"  # what generated headers tell a person to run
"""


def init(args: argparse.Namespace) -> int:
    root: Path = args.directory
    if root.exists() and not root.is_dir():
        print(f"error: {display(root)} is not a directory", file=sys.stderr)
        return 2
    pyproject = root / PYPROJECT
    try:
        has_table = bool(table(pyproject)) or _names_table(pyproject)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    schemas = root / DEFAULT_SCHEMAS
    files = {
        schemas / "example.yaml": EXAMPLE.read_bytes(),
        schemas
        / "catalog.schema.json": Path(data_dir("schemas"), "catalog.schema.json").read_bytes(),
    }
    schemas.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        _create(path, data)
    if has_table:
        print(f"kept {display(pyproject)}: it has a [tool.{TABLE}] table already")
    else:
        _append_settings(pyproject)
    where = "" if root == Path(".") else f"cd {root} && "
    print(f"Next: {where}{DEFAULT_COMMAND}, then check, lint and diff in CI.")
    return 0


def _names_table(pyproject: Path) -> bool:
    """True if the file has the table's header, even an empty table (`table` returns {})."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return f"[tool.{TABLE}]" in text


def _create(path: Path, data: bytes) -> None:
    """Write a new file; an existing one is kept as it is."""
    try:
        with path.open("xb") as stream:
            stream.write(data)
    except FileExistsError:
        print(f"kept {display(path)}: it exists")
        return
    print(f"wrote {display(path)}")


def _append_settings(pyproject: Path) -> None:
    try:
        old = pyproject.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = None
    if old is None:
        _create(pyproject, SETTINGS.encode())
        return
    separator = "" if old.endswith("\n\n") or not old else ("\n" if old.endswith("\n") else "\n\n")
    with pyproject.open("a", encoding="utf-8") as stream:
        stream.write(separator + SETTINGS)
    print(f"added [tool.{TABLE}] to {display(pyproject)}")
