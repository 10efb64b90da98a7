"""A fresh clone, set up as the README says: `make generate`, then `.venv/bin/python` imports
`catalog` and runs the README's tour with no PYTHONPATH.

Slow (the venv is created from scratch, every dev tool installed), but part of `make test`. The
clone holds what is committed: run it after committing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, vendor_prefixes

pytestmark = pytest.mark.slow


def run(*command: str | Path, cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "MAKEFLAGS", "MAKELEVEL")
    }
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None or shutil.which("make") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git, make and a git checkout")
    target = tmp_path_factory.mktemp("fresh") / "repository"
    cloned = run("git", "clone", "--quiet", ROOT, target, cwd=target.parent)
    assert cloned.returncode == 0, cloned.stderr
    made = run("make", "generate", cwd=target, timeout=1800)
    assert made.returncode == 0, made.stdout + made.stderr
    return target


def test_make_generate_leaves_catalog_importable_from_the_venv(clone: Path) -> None:
    statement = "; ".join(
        ["import catalog"]
        + [
            f"from catalog import {prefix}Code, {prefix}Error"
            for prefix in vendor_prefixes(clone / "schemas").values()
        ]
        + ["print(catalog.__file__)"]
    )
    result = run(clone / ".venv/bin/python", "-c", statement, cwd=clone.parent)
    assert result.returncode == 0, result.stderr
    assert (
        Path(result.stdout.strip()).resolve() == (clone / "generated/catalog/__init__.py").resolve()
    )


def test_the_readme_tour_runs_with_the_venvs_python(clone: Path) -> None:
    readme = (clone / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", readme, flags=re.M | re.S)
    assert blocks
    for block in blocks:
        result = run(clone / ".venv/bin/python", "-c", block, cwd=clone.parent)
        assert result.returncode == 0, f"{block}\n{result.stderr}"
