"""A project of another team: its own package name and folders, from pyproject.toml or options.

The scratch project names its package `acme_errors`, keeps schemas in `specs/` and generates
into `src/`; what it gets passes the checks this repository's `catalog` passes: it imports,
answers, type-checks under mypy --strict and pyright strict, and `check` proves it current.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SCHEMAS, run_codegen
from tests.package.checkers import errors, mypy, pyright

SETTINGS = """\
[project]
name = "acme"
version = "0.1.0"

[tool.catalog-codegen]
package = "acme_errors"
schemas = "specs"
out = "src"
"""

USE = """\
from acme_errors import IamCode, IamError, UnauthenticatedError, from_response

error = from_response("iam", {"error_code": "IAM.0061", "error_msg": "Account locked."})
assert isinstance(error, IamError)
code: IamCode | None = error.code
assert code is IamCode.lookup("IAM.0061")
try:
    raise error
except UnauthenticatedError:
    pass
except IamError:
    pass
print(type(error).__module__, error.raw_code)
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("acme")
    (root / "pyproject.toml").write_text(SETTINGS, encoding="utf-8")
    (root / "specs").mkdir()
    for vendor in ("iam", "tuya"):
        shutil.copy(SCHEMAS / f"{vendor}.yaml", root / "specs")
    generated = run_codegen("generate", cwd=root)
    assert generated.status == 0, generated.stderr
    (root / "use.py").write_text(USE, encoding="utf-8")
    return root


def test_the_package_is_named_and_placed_as_pyproject_says(project: Path) -> None:
    assert sorted(path.name for path in (project / "src").iterdir()) == ["acme_errors"]
    assert (project / "src" / "acme_errors" / "iam" / "errors.py").is_file()
    assert not (project / "generated").exists()


def test_it_imports_and_answers(project: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "use.py"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(project / "src")},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "acme_errors.iam.errors IAM.0061\n"


def test_every_import_in_it_is_the_standard_library_or_its_own(project: Path) -> None:
    """At run time, that is: what only type checkers read (under `if TYPE_CHECKING:`) may
    name typing_extensions."""
    package = project / "src" / "acme_errors"
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        checkers_only = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
            for statement in node.body
            for inner in ast.walk(statement)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            allowed = {"acme_errors", *sys.stdlib_module_names}
            if id(node) in checkers_only:
                allowed.add("typing_extensions")
            for name in names:
                assert name.partition(".")[0] in allowed, (path, name)


def test_check_proves_it_current(project: Path) -> None:
    fast = run_codegen("check", cwd=project)
    assert (fast.status, fast.stdout) == (
        0,
        "src is current, as are its pages in docs/vendors (proved by header hashes; --full"
        " re-renders).\n",
    )
    full = run_codegen("check", "--full", cwd=project)
    assert (full.status, full.stdout) == (0, "src is current, as are its pages in docs/vendors.\n")
    assert run_codegen("lint", cwd=project).status == 0


def test_headers_name_the_projects_command(project: Path) -> None:
    header = (project / "src" / "acme_errors" / "base.py").read_text(encoding="utf-8")
    assert "then run `catalog-codegen generate`." in header.splitlines()[1]


def test_its_pages_name_its_package_folders_and_commands(project: Path) -> None:
    pages = project / "docs" / "vendors"
    vendor = (pages / "iam.md").read_text(encoding="utf-8")
    assert (
        "In Python: `from acme_errors import IamCode, IamError` (module `acme_errors.iam`); "
        "on the command line: `python -m acme_errors show iam CODE`." in vendor
    )
    index = (pages / "README.md").read_text(encoding="utf-8")
    assert (
        "generated from `specs/` with the package (`catalog-codegen generate`; "
        "`catalog-codegen check` reports a stale or edited page)" in index
    )
    assert "`python -m acme_errors show VENDOR CODE`, `python -m acme_errors search TEXT`" in index
    for text in (vendor, index):
        assert "then run `catalog-codegen generate`." in text.splitlines()[2]  # after `<!--`
        for literal in ("from catalog ", "`catalog.", "-m catalog ", "make "):
            assert literal not in text


@pytest.mark.parametrize(
    ("command", "check"),
    [
        ("uv run catalog-codegen generate", "uv run catalog-codegen check"),
        ("nox -s generate -- --full", "nox -s check -- --full"),
        ("./regenerate.sh", "catalog-codegen check"),
    ],
)
def test_pages_name_the_configured_command_and_check_proves_them(
    tmp_path: Path, write_schema: Callable[..., Path], command: str, check: str
) -> None:
    write_schema()
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f'[tool.catalog-codegen]\ngenerate-command = "{command}"\n')
    assert run_codegen("generate", cwd=tmp_path).status == 0
    pages = tmp_path / "docs" / "vendors"
    for name in ("acme.md", "README.md"):
        assert f"then run `{command}`." in (pages / name).read_text(encoding="utf-8")
    index = (pages / "README.md").read_text(encoding="utf-8")
    assert f"(`{command}`; `{check}` reports a stale or edited page)" in index
    quick, full = run_codegen("check", cwd=tmp_path), run_codegen("check", "--full", cwd=tmp_path)
    assert (quick.status, full.status) == (0, 0), quick.stdout + full.stdout
    assert "(proved by header hashes; --full re-renders)" in quick.stdout


def test_pages_made_for_another_command_are_stale(
    tmp_path: Path, write_schema: Callable[..., Path]
) -> None:
    write_schema()
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.catalog-codegen]\ngenerate-command = "./regenerate.sh"\n')
    assert run_codegen("generate", cwd=tmp_path).status == 0
    # Another command: the package follows it, the pages go elsewhere, so these stay as they were.
    pyproject.write_text('[tool.catalog-codegen]\ngenerate-command = "make codes"\n')
    assert run_codegen("generate", "--docs", str(tmp_path / "elsewhere"), cwd=tmp_path).status == 0
    for flags in ((), ("--full",)):
        stale = run_codegen("check", *flags, cwd=tmp_path)
        assert stale.status == 1
        assert "generated/" not in stale.stdout  # the package is current
        assert "stale (the schemas or templates changed): docs/vendors/acme.md" in stale.stdout
        assert "stale (the schemas or templates changed): docs/vendors/README.md" in stale.stdout
        assert stale.stdout.rstrip().endswith("Fix: make codes")


def test_an_option_wins_over_an_invalid_package_in_pyproject(
    tmp_path: Path, write_schema: Callable[..., Path]
) -> None:
    write_schema()
    (tmp_path / "pyproject.toml").write_text('[tool.catalog-codegen]\npackage = "Acme"\n')
    made = run_codegen("generate", "--package", "acme_errors", cwd=tmp_path)
    assert made.status == 0, made.stderr
    (tmp_path / "generated" / "acme_errors" / "kinds.py").write_text("# edited\n")
    stale = run_codegen("check", "--package", "acme_errors", cwd=tmp_path)
    assert (stale.status, stale.stderr) == (1, "")
    assert stale.stdout.rstrip().endswith(
        "Fix: python -m codegen generate --schemas schemas --out generated --package acme_errors"
    )
    assert (
        run_codegen("lint", cwd=tmp_path).status == 2
    )  # without the option, the setting is refused


def test_it_type_checks_strictly(project: Path) -> None:
    package = project / "src"
    found = mypy(project, ["use.py", "src/acme_errors"], package)
    assert errors(found) == []
    assert errors(pyright(project, ["use.py", "src/acme_errors"], package)) == []


def test_options_win_over_pyproject(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    made = run_codegen("generate", "--package", "billing_codes", "--out", str(out), cwd=project)
    assert made.status == 0, made.stderr
    assert sorted(path.name for path in out.iterdir()) == ["billing_codes"]
    stale = run_codegen("check", "--package", "billing_codes", "--out", str(out), cwd=project)
    assert stale.status == 0, stale.stdout
    (out / "billing_codes" / "kinds.py").write_text("# edited\n", encoding="utf-8")
    stale = run_codegen("check", "--package", "billing_codes", "--out", str(out), cwd=project)
    assert stale.status == 1
    assert stale.stdout.rstrip().endswith(
        f"Fix: python -m codegen generate --schemas specs --out {out} --package billing_codes"
    )


@pytest.mark.parametrize(
    ("setting", "option", "message"),
    [
        ('package = "acme-errors"', (), "'acme-errors' is not a Python package name"),
        ('package = "Acme"', (), "a package name is lowercase"),
        ('pakage = "acme"', (), "unknown key(s) 'pakage'"),
        ("out = 3", (), "out must be a non-empty string"),
        ("", ("--package", "class"), "--package: 'class' is not a Python package name"),
    ],
)
def test_a_bad_setting_is_one_line_and_exit_2(
    tmp_path: Path, setting: str, option: tuple[str, ...], message: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.catalog-codegen]\n{setting}\n")
    result = run_codegen("lint", *option, cwd=tmp_path)
    assert result.status == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_broken_toml_is_reported_with_its_place(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.catalog-codegen\n")
    result = run_codegen("check", cwd=tmp_path)
    assert result.status == 2
    assert "pyproject.toml: not valid TOML" in result.stderr and "line 1" in result.stderr


def test_explain_names_the_projects_package(project: Path) -> None:
    explained = run_codegen("explain", "iam", "IAM.0061", cwd=project)
    assert "acme_errors.iam.IamCode.ACCOUNT_LOCKED" in explained.stdout


def test_replay_reads_responses_through_the_projects_package(project: Path) -> None:
    captured = project / "captured.jsonl"
    body = '{"error_code": "IAM.0061", "error_msg": "Account locked."}'
    captured.write_text(
        json.dumps({"status": 401, "headers": {}, "body": body}) + "\n", encoding="utf-8"
    )
    result = run_codegen("replay", "captured.jsonl", "--vendor", "iam", cwd=project)
    assert result.status == 0, result.stdout + result.stderr
    assert "HTTP 401: AccountLockedError, " in result.stdout
    assert "0 of 1 response(s) flagged." in result.stdout
