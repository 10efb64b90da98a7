"""The examples of the README and of docs/ run as written, say what they print, and pass both
type checkers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GENERATED, ROOT
from tests.package import checkers

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def python_blocks(page: Path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", page.read_text(encoding="utf-8"), flags=re.M | re.S)


# Every ```python block of every page, by "page:index" (README.md:0, docs/api.md:1...).
PYTHON_BLOCKS = {
    f"{page.relative_to(ROOT).as_posix()}:{index}": block
    for page in PAGES
    for index, block in enumerate(python_blocks(page))
}


def run_as_written(block: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The block run by this interpreter with no PYTHONPATH, from a directory that holds no
    `catalog`: it imports the package the way the README's reader does, through the path
    `make generate` gives the venv."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run(
        [sys.executable, "-c", block], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )


def printed(block: str) -> list[str]:
    """What the block's comments say its `print` calls print, in order."""
    return [
        line.split("# ", 1)[1].strip()
        for line in block.splitlines()
        if line.lstrip().startswith("print(") and "# " in line
    ]


def test_the_readme_has_a_tour() -> None:
    readme = python_blocks(ROOT / "README.md")
    assert readme, "README.md has no ```python block"
    assert any(printed(block) for block in readme)


@pytest.mark.parametrize("name", PYTHON_BLOCKS)
def test_a_python_block_runs_with_the_venvs_python(name: str, tmp_path: Path) -> None:
    result = run_as_written(PYTHON_BLOCKS[name], tmp_path)
    assert result.returncode == 0, f"{PYTHON_BLOCKS[name]}\n{result.stderr}"


@pytest.mark.parametrize("name", PYTHON_BLOCKS)
def test_a_python_block_prints_what_its_comments_say(name: str, tmp_path: Path) -> None:
    block = PYTHON_BLOCKS[name]
    result = run_as_written(block, tmp_path)
    assert result.stdout.splitlines() == printed(block), result.stderr


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    directory = tmp_path_factory.mktemp("readme")
    files = []
    for index, block in enumerate(PYTHON_BLOCKS.values()):
        name = f"block_{index}.py"
        (directory / name).write_text(block, encoding="utf-8")
        files.append(name)
    return directory, files


def test_the_python_blocks_pass_mypy_strict(checked: tuple[Path, list[str]]) -> None:
    directory, files = checked
    assert checkers.errors(checkers.mypy(directory, files, GENERATED)) == []


def test_the_python_blocks_pass_pyright_strict(checked: tuple[Path, list[str]]) -> None:
    directory, files = checked
    assert checkers.errors(checkers.pyright(directory, files, GENERATED)) == []
