"""What the headers depend on: only what shapes the output bytes, and per vendor.

Each test edits a scratch copy of the repository and runs the generator there.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_codegen, run_python


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of what the generator reads and writes, current as committed."""
    copy = tmp_path_factory.mktemp("repository")
    for name in ("codegen", "templates", "runtime", "schemas", "generated", "docs/vendors"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy)  # the project's settings: its header command
    return copy


@pytest.fixture
def scratch(repository: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "repository"
    shutil.copytree(repository, copy, symlinks=True)
    return copy


def package(repository: Path) -> dict[str, bytes]:
    root = repository / "generated"
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def append_comment(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "# a comment that changes no output\n")


@pytest.mark.parametrize(
    "module",
    [
        "cli.py",
        "__main__.py",
        "generate/command.py",
        "generate/sync.py",
        "generate/swap.py",
        "schema/command.py",
        "diff/command.py",
        "importer/command.py",
    ],
)
def test_a_comment_in_a_command_module_leaves_check_green(scratch: Path, module: str) -> None:
    append_comment(scratch / "codegen" / module)
    fast = run_codegen("check", cwd=scratch)
    assert fast.status == 0 and "proved by header hashes" in fast.stdout, fast.stdout
    assert run_codegen("generate", cwd=scratch).stdout == "generated is up to date.\n"


@pytest.mark.parametrize(
    "edited",
    [
        "codegen/generate/render.py",
        "codegen/schema/loader.py",
        "templates/vendor/errors.py.j2",
        "runtime/base.py",
    ],
)
def test_what_shapes_the_output_is_in_the_fingerprint(scratch: Path, edited: str) -> None:
    """A change there may change any output: the fast check cannot prove the package current,
    and the full one sees every header's inputs digest change."""
    target = scratch / edited
    if edited.endswith(".j2"):
        target.write_text(target.read_text(encoding="utf-8") + "{# a template comment #}\n")
    else:
        append_comment(target)
    result = run_codegen("check", cwd=scratch)
    assert result.status == 1
    assert "stale (the schemas or templates changed): generated/catalog/" in result.stdout


def test_editing_one_vendor_changes_only_its_files(scratch: Path) -> None:
    before = package(scratch)
    schema = scratch / "schemas/tuya.yaml"
    text = schema.read_text(encoding="utf-8")
    message = next(line for line in text.splitlines() if line.strip().startswith('message: "'))
    schema.write_text(text.replace(message, message[:-1] + ' (edited)"', 1), encoding="utf-8")
    result = run_codegen("generate", cwd=scratch)
    assert result.status == 0, result.stderr
    after = package(scratch)
    changed = sorted(path for path in before if before[path] != after.get(path))
    assert changed == ["catalog/tuya/__init__.py", "catalog/tuya/errors.py"]
    assert sorted(after) == sorted(before)
    assert run_codegen("check", cwd=scratch).status == 0


def test_the_fingerprint_follows_the_pipeline_imports(write_schema: Callable[..., Path]) -> None:
    """The modules named in the fingerprint are every codegen module that generating loads
    (codegen.generate.outputs finds them by reading the imports of codegen.generate.pipeline)."""
    schemas = write_schema()
    probe = run_python(
        "import sys; from pathlib import Path; from codegen.generate.pipeline import build; "
        f"build(Path({str(schemas)!r})); "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('codegen.'))))",
        ROOT,
    )
    assert probe.status == 0, probe.stderr
    from codegen.generate.outputs import shaping_modules

    loaded = set(probe.stdout.split())
    named = {
        name.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        for name in shaping_modules()
    }
    assert loaded <= named
    assert {
        "codegen.generate.pipeline",
        "codegen.schema.loader",
        "codegen.generate.render",
        "codegen.generate.formatter",
        "codegen.generate.stamp",
        "codegen.generate.outputs",
    } <= named
    assert (
        not {
            "codegen.cli",
            "codegen.generate.sync",
            "codegen.generate.swap",
            "codegen.generate.command",
            "codegen.diff",
            "codegen.importer",
        }
        & named
    )
