"""mypy --strict and pyright (strict) on sample files, seeing `catalog` as a user's project does.

pyright reads the package as an installed library: a scratch environment whose site-packages
holds a `.pth` file naming the package's directory (as `make generate` sets up `.venv`), so the
rules for `py.typed` libraries apply. mypy finds it on MYPYPATH. Both run once per call over
every file given, and answer with their diagnostics: errors, and the notes `reveal_type` makes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

PYTHON_VERSION = "3.11"


@dataclass(frozen=True)
class Diagnostic:
    file: str  # the file's name
    line: int  # 1-based
    severity: str  # "error", or "note" for what reveal_type shows
    message: str


def mypy(directory: Path, files: list[str], package: Path) -> list[Diagnostic]:
    """`mypy --strict` on `files` (names in `directory`), with `package` on its path."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version",
            PYTHON_VERSION,
            "--no-error-summary",
            "--hide-error-context",
            "--no-color-output",
            "--no-pretty",
            "--cache-dir",
            str(ROOT / ".mypy_cache" / "samples"),
            *files,
        ],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "MYPYPATH": str(package)},
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr  # 1: it found errors
    found = []
    for line in proc.stdout.splitlines():
        match = re.match(
            r"(?P<file>[^:]+):(?P<line>\d+): (?P<severity>error|note): (?P<message>.*)", line
        )
        if match:
            found.append(
                Diagnostic(
                    Path(match["file"]).name,
                    int(match["line"]),
                    match["severity"],
                    match["message"],
                )
            )
    return found


def pyright(directory: Path, files: list[str], package: Path) -> list[Diagnostic]:
    """pyright, strict, on `files` (names in `directory`), `package` installed in its environment
    beside the running environment's libraries."""
    site = directory / "venv" / "lib" / f"python{PYTHON_VERSION}" / "site-packages"
    site.mkdir(parents=True, exist_ok=True)
    # The package, and the libraries of the running environment (the HTTP clients and retry
    # libraries the README's examples use, with their own types), as mypy sees them too.
    libraries = sysconfig.get_path("purelib")
    (site / "catalog-generated.pth").write_text(f"{package}\n{libraries}\n", encoding="utf-8")
    (directory / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (directory / "pyrightconfig.json").write_text(
        json.dumps(
            {
                "typeCheckingMode": "strict",
                "pythonVersion": PYTHON_VERSION,
                "venvPath": str(directory),
                "venv": "venv",
            }
        ),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pyright", "--outputjson", *files],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr  # 1: it found errors
    report = json.loads(proc.stdout)
    return [
        Diagnostic(
            Path(item["file"]).name,
            item["range"]["start"]["line"] + 1,
            "note" if item["severity"] == "information" else item["severity"],
            item["message"],
        )
        for item in report["generalDiagnostics"]
    ]


def revealed(diagnostics: list[Diagnostic]) -> dict[tuple[str, int], str]:
    """(file, line) -> the type `reveal_type` showed there, as the checker wrote it."""
    types = {}
    for diagnostic in diagnostics:
        match = re.fullmatch(
            r'Revealed type is "(.*)"|Type of ".*" is "(.*)"', diagnostic.message, flags=re.S
        )
        if diagnostic.severity == "note" and match:
            types[diagnostic.file, diagnostic.line] = match[1] or match[2]
    return types


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [diagnostic for diagnostic in diagnostics if diagnostic.severity != "note"]


def short(type_text: str) -> str:
    """A type as pyright writes it: mypy qualifies names with their module (`catalog.iam.IamCode`,
    `builtins.str`) and marks an inferred literal with `?`."""
    return re.sub(r"\b(?:[A-Za-z_][A-Za-z0-9_]*\.)+(?=[A-Za-z_])", "", type_text).replace("?", "")
