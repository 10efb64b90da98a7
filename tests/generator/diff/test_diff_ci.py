""".ci/run: on a fresh clone it compares the schemas with the previous commit, fails on an
unacknowledged breaking change, and skips the comparison, saying so, when there is no previous
commit (a first commit, a shallow clone). `make` is replaced by a stub that records its targets,
so that the suite itself does not run again inside the test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.generator.diff.diff_scratch import GIT_ENV, git

FAKE_MAKE = """#!/bin/sh
echo "make $*" >> "$MAKE_LOG"
case "$*" in
  *.venv/.ready*)
    mkdir -p .venv/bin
    printf '#!/bin/sh\\nexec "%s" "$@"\\n' "$REAL_PYTHON" > .venv/bin/python
    chmod +x .venv/bin/python ;;
esac
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository with the generator, its runtime, the schemas and .ci/run, one commit."""
    root = tmp_path / "project"
    for name in ("codegen", "runtime", "schemas", ".ci"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "generated" / "catalog").mkdir(parents=True)
    (root / "generated" / "catalog" / "__init__.py").write_text('__version__ = "0.4.2"\n')
    (root / ".gitignore").write_text(".venv/\n")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "first")
    return root


def ci(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    bin_dir = root.parent / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "make").write_text(FAKE_MAKE)
    (bin_dir / "make").chmod(0o755)
    return subprocess.run(
        [str(root / ".ci" / "run")],
        cwd=root,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            **GIT_ENV,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "MAKE_LOG": str(root.parent / "make.log"),
            "REAL_PYTHON": sys.executable,
            **env,
        },
        timeout=300,
    )


def made(root: Path) -> list[str]:
    log = root.parent / "make.log"
    targets = log.read_text().splitlines() if log.exists() else []
    log.unlink(missing_ok=True)
    return targets


def edit(root: Path, old: str, new: str) -> None:
    path = root / "schemas" / "tuya.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    git(root, "commit", "--quiet", "--all", "-m", "edit")


def test_first_commit_skips_the_diff_and_runs_the_suite(project: Path) -> None:
    result = ci(project)
    assert result.returncode == 0, result.stderr
    assert ".ci/run: no previous commit" in result.stderr
    assert made(project) == ["make --no-print-directory .venv/.ready", "make test"]


def test_a_compatible_change_passes_and_a_breaking_one_fails(project: Path) -> None:
    edit(project, 'version: "2021-12-21"', 'version: "2030-01-01"')
    passed = ci(project)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "patch: catalog.tuya: __catalog_version__ changed" in passed.stdout
    assert made(project)[-1] == "make test"

    edit(project, "prefix: Tuya", "prefix: TuyaCloud")
    failed = ci(project)
    assert failed.returncode == 1
    assert "breaking: catalog.tuya: prefix changed from Tuya to TuyaCloud" in failed.stdout
    assert "make test" not in made(project)  # stops at the break

    acknowledged = ci(project, CATALOG_BREAKING_OK="renamed in the 2.0 plan")
    assert acknowledged.returncode == 0
    assert "breaking (acknowledged: renamed in the 2.0 plan)" in acknowledged.stdout
    assert made(project)[-1] == "make test"


def test_a_shallow_clone_skips_the_diff(project: Path, tmp_path: Path) -> None:
    edit(project, "prefix: Tuya", "prefix: TuyaCloud")  # breaking, but invisible at depth 1
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", project.as_uri(), str(clone))
    result = ci(clone)
    assert result.returncode == 0, result.stderr
    assert (
        ".ci/run: shallow clone without the previous commit; codegen diff skipped" in result.stderr
    )
    assert made(clone)[-1] == "make test"
