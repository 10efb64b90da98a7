"""The generator as a distribution of its own: `catalog-codegen`, built and installed as a user
would, then run on a new project with no file of this repository around.

The wheel is built once for the module from a copy of codegen-dist/ with its links followed (as
`make dist` does), and installed with its dependencies into a fresh virtual environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

EXPECTED_FILES = (
    "codegen/cli.py",
    "codegen/templates/__init__.py.j2",
    "codegen/templates/vendor/errors.py.j2",
    "codegen/runtime/base.py",
    "codegen/runtime/py.typed",
    "codegen/schemas/catalog.schema.json",
    "codegen/scaffold/example.yaml",
)


@dataclass(frozen=True)
class Installed:
    wheel: Path
    bin: Path  # the environment's scripts


def run(*args: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["GIT_CONFIG_GLOBAL"] = os.devnull  # the user's git settings stay out of it
    proc = subprocess.run(
        [*map(str, args)], cwd=cwd, capture_output=True, text=True, env=env, timeout=600
    )
    if check:
        assert proc.returncode == 0, f"{args}: {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("codegen-dist")
    source = root / "source"
    shutil.copytree(
        ROOT / "codegen-dist", source, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    run(sys.executable, "-m", "build", "--wheel", "--outdir", root / "dist", source, cwd=root)
    (wheel,) = (root / "dist").glob("*.whl")
    venv = root / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=root)
    run(venv / "bin/python", "-m", "pip", "install", "--quiet", wheel, cwd=root)
    return Installed(wheel, venv / "bin")


def test_the_wheel_holds_the_generator_and_its_data(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        requires = [
            line.split(":", 1)[1].strip()
            for line in wheel.read(metadata).decode().splitlines()
            if line.startswith("Requires-Dist:")
        ]
    assert set(EXPECTED_FILES) <= names
    sources = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "codegen").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert sources - names == set()  # a new package of the generator is listed in codegen-dist
    assert not any(name.startswith("catalog/") for name in names)  # the runtime wheel's
    assert not any(name.endswith(".yaml") and "scaffold" not in name for name in names)
    assert {r.split("=")[0].split(">")[0].split("<")[0] for r in requires} >= {
        "black",
        "jinja2",
        "ruamel.yaml",
        "jsonschema",
        "html5lib",
        "packaging",
    }


def test_init_generate_check_lint_diff_in_a_new_project(
    installed: Installed, tmp_path: Path
) -> None:
    tool = installed.bin / "catalog-codegen"
    project = tmp_path / "acme"
    made = run(tool, "init", "acme", cwd=tmp_path)
    assert "wrote acme/schemas/example.yaml" in made.stdout
    assert (project / "schemas" / "catalog.schema.json").read_bytes() == (
        ROOT / "schemas" / "catalog.schema.json"
    ).read_bytes()
    assert "[tool.catalog-codegen]" in (project / "pyproject.toml").read_text()

    run(tool, "generate", cwd=project)
    assert (
        run(tool, "check", "--full", cwd=project).stdout
        == "generated is current, as are its pages in docs/vendors.\n"
    )
    assert run(tool, "lint", "--strict", cwd=project).returncode == 0
    used = run(
        installed.bin / "python",
        "-c",
        "from catalog import ExampleError, from_response;"
        "print(repr(from_response('example', {'code': 1001, 'message': 'gone'}).code))",
        cwd=project / "generated",
    )
    assert used.stdout == "<ExampleCode.TOKEN_EXPIRED: 1001>\n"

    run("git", "init", "--quiet", "--initial-branch", "main", cwd=project)
    run("git", "add", "-A", cwd=project)
    run("git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start", cwd=project)
    assert "No change to the public API" in run(tool, "diff", cwd=project).stdout
    example = project / "schemas" / "example.yaml"
    text = example.read_text(encoding="utf-8")
    example.write_text(text[: text.index("  - code: 2001")], encoding="utf-8")
    breaking = run(tool, "diff", cwd=project, check=False)
    assert breaking.returncode == 1, breaking.stdout + breaking.stderr
    assert "breaking: ExampleCode.TOO_MANY_REQUESTS" in breaking.stdout
    stale = run(tool, "check", cwd=project, check=False)
    assert stale.returncode == 1
    assert stale.stdout.rstrip().endswith("Fix: catalog-codegen generate")


def test_init_keeps_what_is_there(installed: Installed, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "acme"\n', encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "example.yaml").write_text("# mine\n", encoding="utf-8")
    made = run(installed.bin / "catalog-codegen", "init", cwd=tmp_path)
    assert "kept schemas/example.yaml: it exists" in made.stdout
    assert (tmp_path / "schemas" / "example.yaml").read_text() == "# mine\n"
    pyproject = (tmp_path / "pyproject.toml").read_text()
    assert pyproject.startswith('[project]\nname = "acme"\n\n[tool.catalog-codegen]\n')


def test_the_installed_generator_writes_what_the_repository_writes(
    installed: Installed, tmp_path: Path
) -> None:
    """The same project generated by the wheel and by this checkout: the same bytes (the
    headers' fingerprint names the generator's files by their place in it, not on disk)."""
    run(installed.bin / "catalog-codegen", "init", "wheel", cwd=tmp_path)
    run(installed.bin / "catalog-codegen", "generate", cwd=tmp_path / "wheel")
    shutil.copytree(tmp_path / "wheel" / "schemas", tmp_path / "checkout" / "schemas")
    shutil.copy(tmp_path / "wheel" / "pyproject.toml", tmp_path / "checkout")
    proc = subprocess.run(
        [sys.executable, "-m", "codegen", "generate"],
        cwd=tmp_path / "checkout",
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    files = {
        side: {
            path.relative_to(tmp_path / side).as_posix(): path.read_bytes()
            for path in sorted((tmp_path / side / "generated").rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts
        }
        for side in ("wheel", "checkout")
    }
    assert files["wheel"] == files["checkout"]


def test_the_documented_ci_step_prints_the_diff_and_fails_on_a_break(
    installed: Installed, tmp_path: Path
) -> None:
    """docs/ci.md's diff step, run as GitHub Actions would run it, on a pull request that
    removes a code."""
    from ruamel.yaml import YAML

    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    workflow = text.split("# .github/workflows/catalog.yml\n", 1)[1].split("\n```\n", 1)[0]
    steps = YAML(typ="safe").load(workflow)["jobs"]["catalog"]["steps"]
    (step,) = [step for step in steps if step.get("name") == "catalog-codegen diff"]
    tool = installed.bin / "catalog-codegen"
    project = tmp_path / "acme"
    run(tool, "init", "acme", cwd=tmp_path)
    run(tool, "generate", cwd=project)
    run("git", "init", "--quiet", "--initial-branch", "main", cwd=project)
    run("git", "add", "-A", cwd=project)
    run("git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start", cwd=project)
    run("git", "update-ref", "refs/remotes/origin/main", "HEAD", cwd=project)
    run("git", "checkout", "--quiet", "-b", "pull", cwd=project)
    example = project / "schemas" / "example.yaml"
    text = example.read_text(encoding="utf-8")
    example.write_text(text[: text.index("  - code: 2001")], encoding="utf-8")
    summary = tmp_path / "summary.md"
    proc = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "PATH": f"{installed.bin}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_BASE_REF": "main",
            "GITHUB_STEP_SUMMARY": str(summary),
            "GIT_CONFIG_GLOBAL": os.devnull,
        },
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "breaking: ExampleCode.TOO_MANY_REQUESTS" in proc.stdout
    report = summary.read_text(encoding="utf-8")
    assert report.startswith("```\nComparing schemas/ at origin/main") and report.endswith("```\n")
    assert proc.stdout in report
