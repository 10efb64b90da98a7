"""The generator's layout: one package per job, arrows one way, modules a reader can hold.

    cli -> generate, diff, importer, scaffold, replay -> schema, project -> input_files, diagnostics
    cli -> replay -> importer (its guesses for drafts), schema (its bounded reader)

Read from the sources with `ast`, so that a new import that breaks the layering fails here
rather than in a reviewer's head.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

CODEGEN = ROOT / "codegen"
SUBSYSTEMS = ("schema", "generate", "diff", "importer", "replay")
# Which of codegen's parts each part may import (besides itself and the package root).
ALLOWED = {
    "cli": {
        "generate",
        "schema",
        "diff",
        "importer",
        "replay",
        "scaffold",
        "project",
        "diagnostics",
        "input_files",
    },
    "__main__": {"cli"},
    "generate": {"schema", "project", "diagnostics", "input_files"},
    "diff": {"schema", "project", "diagnostics", "input_files"},
    "importer": {"schema", "diagnostics", "input_files"},
    "scaffold": {"project", "diagnostics"},
    "replay": {"importer", "schema", "diagnostics", "input_files"},
    "schema": {"diagnostics", "input_files"},
    "project": set(),
    "input_files": {"diagnostics"},
    "diagnostics": set(),
}
MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The codegen modules `path` imports, at any depth (including under TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("codegen"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "codegen" or node.module.startswith("codegen."):
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    known = CODEGEN.parent.joinpath(*submodule.split("."))
                    is_module = known.with_suffix(".py").is_file() or known.is_dir()
                    found.add(submodule if is_module else node.module)
    return found - {"codegen"}


SOURCES = sorted(CODEGEN.rglob("*.py"))
GRAPH = {module_name(path): imports(path) for path in SOURCES}


def part(module: str) -> str:
    return module.split(".")[1]


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: module_name(path))
def test_imports_run_one_way(path: Path) -> None:
    module = module_name(path)
    if module == "codegen":
        return
    here = part(module)
    wrong = {m for m in GRAPH[module] if part(m) != here and part(m) not in ALLOWED[here]}
    assert not wrong, f"{module} imports {sorted(wrong)}"


def test_no_import_cycles() -> None:
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(GRAPH.get(module, ())):
            if state.get(target) == "open":
                cycle = trail[trail.index(target) :] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])


def test_the_change_record_imports_nothing_else_from_diff() -> None:
    assert {m for m in GRAPH["codegen.diff.record"] if m.startswith("codegen.diff")} == set()


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: module_name(path))
def test_modules_stay_small(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module_name(path)} has {lines} lines; split it by what it holds"


@pytest.mark.parametrize("name", SUBSYSTEMS)
def test_each_package_says_what_it_owns(name: str) -> None:
    docstring = ast.get_docstring(ast.parse((CODEGEN / name / "__init__.py").read_text()))
    assert docstring and len(docstring.split()) > 20
    for path in sorted((CODEGEN / name).glob("*.py")):
        if path.stem != "__init__":
            assert f"`{path.stem}`" in docstring, f"{name}/__init__.py does not name {path.stem}"


def test_the_cli_only_parses_arguments() -> None:
    """Each command's work lives in its subsystem: the cli defines no function but the
    parsers (argparse's, and the quick reading of a plain `check` or `generate`), main and
    one handler per command that hands the arguments on."""
    tree = ast.parse((CODEGEN / "cli.py").read_text(encoding="utf-8"))
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    for function in functions:
        if function.name in ("parser", "quick_arguments", "main", "console_script"):
            continue
        assert len(function.body) <= 3, f"cli.{function.name} does a command's work"
