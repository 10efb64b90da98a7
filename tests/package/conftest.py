"""The package as a user installs it: a wheel built once per test session, installed into a
fresh virtual environment that has no pip, no index and no other package.

The wheel is built as a user would (`python -m build --wheel`, whose isolated build environment
fetches the pinned setuptools), from a scratch copy of what the build reads (pyproject.toml,
README.md, the license and generated/), so that no build/ or *.egg-info lands in the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import GENERATED, ROOT


def run(*args: str | Path, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    proc = subprocess.run(
        [*map(str, args)], cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout
    )
    assert proc.returncode == 0, f"{args} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return proc


@dataclass(frozen=True)
class Install:
    wheel: Path
    python: Path  # the new environment's interpreter
    work: Path  # a directory with nothing importable in it


@pytest.fixture(scope="session")
def install(tmp_path_factory: pytest.TempPathFactory) -> Install:
    if not (GENERATED / "catalog/__init__.py").exists():
        pytest.skip("generated/catalog has not been generated yet (make generate)")
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", *(p.name for p in ROOT.glob("LICENSE*"))):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        GENERATED / "catalog",
        source / "generated/catalog",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    run(sys.executable, "-m", "build", "--wheel", "--outdir", root / "dist", source, cwd=root)
    (wheel,) = (root / "dist").glob("*.whl")

    venv = root / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=root)
    python = venv / "bin/python"
    # --isolated: no pip configuration or PIP_* variable (no find-links); --no-index: nothing
    # to fetch. Dependencies are not turned off: a declared one would make the install fail.
    run(
        sys.executable,
        "-m",
        "pip",
        "--isolated",
        "--python",
        python,
        "install",
        "--no-index",
        "--disable-pip-version-check",
        wheel,
        cwd=root,
    )
    work = root / "work"
    work.mkdir()
    return Install(wheel, python, work)


def run_installed(install: Install, code: str, *args: str) -> str:
    """Run `code` with the new environment's interpreter, isolated (-I: no PYTHON* variables,
    no user site, not the current directory)."""
    return run(install.python, "-I", "-c", code, *args, cwd=install.work).stdout


def run_module(
    install: Install, *args: str, stdin: str | bytes = b""
) -> subprocess.CompletedProcess[str]:
    """`python -I -m catalog ARGS` in the new environment, whatever its exit status, with its
    output decoded as UTF-8 (the command writes UTF-8 whatever the locale)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [str(install.python), "-I", "-m", "catalog", *args],
        cwd=install.work,
        input=data,
        capture_output=True,
        env=env,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    )
