"""Shared fixtures: run the generator as a user would, on schemas written by a test."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
GENERATED = ROOT / "generated"
# Every vendor the repository has: adding a schema adds it to every test that loops over vendors.
VENDORS = tuple(sorted(path.stem for path in SCHEMAS.glob("*.yaml")))


def vendor_prefixes(schemas: Path = SCHEMAS) -> dict[str, str]:
    """Vendor id -> class prefix, as the schemas in `schemas` (the repository's) declare them."""
    from codegen.schema.loader import load_catalog

    catalog, _ = load_catalog(schemas, str)
    return {vendor.id: vendor.prefix for vendor in catalog.vendors}


@dataclass(frozen=True)
class Run:
    status: int
    stdout: str
    stderr: str


def run_codegen(
    *args: str | Path, env: dict[str, str] | None = None, cwd: Path = ROOT, timeout: float = 300
) -> Run:
    """`python -m codegen ARGS` in a child process, run from `cwd` (the repository root by
    default; a copy of the repository there runs its own codegen, first on the path); a
    command still running after `timeout` seconds fails the test."""
    proc = subprocess.run(
        [sys.executable, "-m", "codegen", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=timeout,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def run_python(code: str, path: Path, env: dict[str, str] | None = None) -> Run:
    """Run `code` in a fresh interpreter that imports catalog from `path`."""
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(path), **(env or {})},
        timeout=300,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def page_entries(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries of a catalog copied from the vendor's page: all but `origin: traffic`."""
    return [entry for entry in entries if entry.get("origin", "page") == "page"]


MINIMAL = """\
# yaml-language-server: $schema=catalog.schema.json
format: 1
vendor:
  id: acme
  name: Acme Cloud
  prefix: Acme
  version: "1.0"
  code_type: int
  response:
    - {code: code, message: msg}
  success: [0]
groups:
  - id: auth
    name: AcmeAuthError
    description: Authentication failures.
codes:
  - code: 1001
    name: TOKEN_EXPIRED
    message: "token is expired"
    kind: unauthenticated
    group: auth
  - code: 1002
    name: TOO_MANY_REQUESTS
    message: "your requests are too frequent"
    kind: resource_exhausted
"""


@pytest.fixture
def write_schema(tmp_path: Path) -> Callable[..., Path]:
    """Write schemas into tmp_path/schemas and return that directory."""

    def write(text: str = MINIMAL, name: str = "acme.yaml", *, raw: bytes | None = None) -> Path:
        directory = tmp_path / "schemas"
        directory.mkdir(exist_ok=True)
        target = directory / name
        if raw is not None:
            target.write_bytes(raw)
        else:
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        return directory

    return write
