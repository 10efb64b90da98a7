"""The runtime modules are copied into the package as they are, whatever it is called: each
one reaches the others only through relative imports, and imports nothing but the standard
library. (A module added to runtime/ is covered as soon as it is there.)"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

RUNTIME = sorted((ROOT / "runtime").glob("*.py"))


@pytest.mark.parametrize("path", RUNTIME, ids=lambda path: path.name)
def test_a_runtime_module_imports_the_package_only_relatively(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("__import__", "import_module")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names = [str(node.args[0].value)]
        else:
            continue
        for name in names:
            top = name.partition(".")[0]
            assert top in sys.stdlib_module_names, (
                f"{path.name}:{node.lineno}: imports {name!r}; reach the package's own "
                "modules with a relative import (from .base import ...), and nothing else "
                "than the standard library"
            )
