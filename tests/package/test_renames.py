"""Catalog evolution at run time: renamed members and classes keep working, and warn;
deprecated codes keep working, and warn once.

A member renamed with `renamed_from` in a schema of our own, regenerated: code written
against the old names (`AcmeCode.TOKEN_EXPIRED`, `from catalog.acme import TokenExpiredError`,
`except TokenExpiredError`) still runs, warns naming the new name, and type-checks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, run_codegen, run_python

RENAMED = MINIMAL.replace(
    """  - code: 1001
    name: TOKEN_EXPIRED
""",
    """  - code: 1001
    name: ACCESS_TOKEN_EXPIRED
    renamed_from: [TOKEN_EXPIRED, StaleTokenError]
""",
).replace(
    """    kind: resource_exhausted
""",
    """    kind: resource_exhausted
    deprecated: "the vendor answers 429 instead"
""",
)

OLD_CODE = """\
from catalog import AcmeCode, AcmeError
from catalog.acme import AccessTokenExpiredError, TokenExpiredError


def handle(payload: dict[str, object]) -> str:
    try:
        AcmeError.raise_for_response(payload)
    except TokenExpiredError as exc:  # the old class name still catches
        return f"expired: {exc.code is AcmeCode.TOKEN_EXPIRED}"
    return "ok"


assert AcmeCode.TOKEN_EXPIRED is AcmeCode.ACCESS_TOKEN_EXPIRED
assert TokenExpiredError is AccessTokenExpiredError
print(handle({"code": 1001, "msg": "token is expired"}))
"""


@pytest.fixture(scope="module")
def renamed_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("renamed")
    (root / "schemas").mkdir()
    (root / "schemas" / "acme.yaml").write_text(RENAMED, encoding="utf-8")
    result = run_codegen("generate", "--schemas", root / "schemas", "--out", root / "out")
    assert result.status == 0, result.stderr
    (root / "old_code.py").write_text(OLD_CODE, encoding="utf-8")
    return root


def _warnings_of(code: str, package: Path) -> tuple[str, list[str]]:
    """Run `code` with every warning shown once per occurrence; its output and warnings."""
    result = run_python(code, package / "out", env={"PYTHONWARNINGS": "always"})
    assert result.status == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "DeprecationWarning" in line]
    return result.stdout, lines


def test_old_code_runs_and_every_old_name_warns_naming_the_new_one(renamed_package: Path) -> None:
    stdout, warned = _warnings_of(OLD_CODE, renamed_package)
    assert stdout.strip() == "expired: True"
    assert any(
        "catalog.acme.TokenExpiredError is deprecated: renamed to AccessTokenExpiredError" in w
        for w in warned
    ), warned
    old_member = [w for w in warned if "AcmeCode.TOKEN_EXPIRED is deprecated" in w]
    assert len(old_member) == 2  # each read of the old member name warns
    assert all("renamed to AcmeCode.ACCESS_TOKEN_EXPIRED" in w for w in old_member)


def test_an_import_of_an_old_class_warns_once_and_points_at_the_import(
    renamed_package: Path,
) -> None:
    result = run_python(
        "from catalog.acme import StaleTokenError\n",
        renamed_package / "out",
        env={"PYTHONWARNINGS": "always"},
    )
    assert result.status == 0, result.stderr
    assert result.stderr.count("DeprecationWarning") == 1, result.stderr
    assert "<string>:1: DeprecationWarning: catalog.acme.StaleTokenError is deprecated" in (
        result.stderr
    )


def test_new_names_do_not_warn_and_old_names_stay_out_of_listings(renamed_package: Path) -> None:
    stdout, warned = _warnings_of(
        """
        import catalog.acme
        from catalog import AcmeCode, AcmeError
        from catalog.acme import AccessTokenExpiredError
        AcmeCode.ACCESS_TOKEN_EXPIRED, AcmeCode.lookup(1001), AcmeError.from_code(1001)
        print([m.name for m in AcmeCode], sorted(AcmeCode.__members__))
        print("TokenExpiredError" in catalog.acme.__all__, AcmeCode["TOKEN_EXPIRED"].name)
        """,
        renamed_package,
    )
    assert warned == []
    assert stdout.splitlines() == [
        "['ACCESS_TOKEN_EXPIRED', 'TOO_MANY_REQUESTS']"
        " ['ACCESS_TOKEN_EXPIRED', 'TOKEN_EXPIRED', 'TOO_MANY_REQUESTS']",
        "False ACCESS_TOKEN_EXPIRED",
    ]


def test_a_deprecated_code_works_and_warns_once_per_process_with_its_reason(
    renamed_package: Path,
) -> None:
    stdout, warned = _warnings_of(
        """
        import pickle
        from catalog import AcmeCode, AcmeError, ResourceExhaustedError
        for _ in range(3):
            error = AcmeError.from_code(1002)
            assert isinstance(error, ResourceExhaustedError), error
            assert AcmeCode.lookup("1002") is AcmeCode.TOO_MANY_REQUESTS
            assert pickle.loads(pickle.dumps(error)).code is AcmeCode.TOO_MANY_REQUESTS
        print(AcmeCode.TOO_MANY_REQUESTS.deprecated)
        """,
        renamed_package,
    )
    assert stdout.strip() == "the vendor answers 429 instead"
    assert len(warned) == 1, warned
    assert "AcmeCode.TOO_MANY_REQUESTS is deprecated: the vendor answers 429 instead" in warned[0]


@pytest.mark.parametrize(
    "use",
    ["AcmeCode.TOO_MANY_REQUESTS", "AcmeCode.lookup(1002)", "AcmeError.from_code(1002)"],
)
def test_each_way_to_a_deprecated_code_warns(renamed_package: Path, use: str) -> None:
    _, warned = _warnings_of(f"from catalog import AcmeCode, AcmeError\n{use}\n", renamed_package)
    assert len(warned) == 1 and "the vendor answers 429 instead" in warned[0], warned


def test_old_names_type_check_with_a_deprecation_report(renamed_package: Path) -> None:
    """mypy --strict and pyright (strict) accept the old names; both report the old class."""
    env = {**os.environ, "MYPYPATH": str(renamed_package / "out")}
    mypy = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--enable-error-code",
            "deprecated",
            "--report-deprecated-as-note",
            "old_code.py",
        ],
        cwd=renamed_package,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert mypy.returncode == 0, mypy.stdout
    assert "TokenExpiredError is deprecated: renamed to AccessTokenExpiredError" in mypy.stdout
    config = {
        "typeCheckingMode": "strict",
        "reportDeprecated": "warning",
        "extraPaths": ["out"],
        "pythonVersion": "3.11",
    }
    (renamed_package / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
    pyright = subprocess.run(
        [sys.executable, "-m", "pyright", "old_code.py", "out/catalog"],
        cwd=renamed_package,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert pyright.returncode == 0, pyright.stdout
    assert "0 errors" in pyright.stdout
    assert 'The class "TokenExpiredError" is deprecated' in pyright.stdout


def test_an_old_name_may_not_clash_with_a_current_one(
    write_schema: Callable[..., Path], tmp_path: Path
) -> None:
    clash = MINIMAL.replace(
        """    name: TOO_MANY_REQUESTS
""",
        """    name: TOO_MANY_REQUESTS
    renamed_from: [TOKEN_EXPIRED]
""",
    )
    result = run_codegen("lint", "--schemas", write_schema(clash))
    assert result.status == 2
    assert "former name 'TOKEN_EXPIRED'" in result.stderr
    assert "Traceback" not in result.stderr


def _python_m_catalog(package: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m catalog ARGS` on the renamed package, every warning an error."""
    env = {**os.environ, "PYTHONPATH": str(package / "out"), "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "catalog", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("query", "by"),
    [("TOKEN_EXPIRED", "old name"), ("StaleTokenError", "old class name"), ("1001", "code")],
)
def test_python_m_catalog_finds_an_old_name_and_says_so(
    renamed_package: Path, query: str, by: str
) -> None:
    shown = _python_m_catalog(renamed_package, "show", "acme", query, "--json")
    assert shown.returncode == 0, shown.stderr
    entry = json.loads(shown.stdout)
    assert entry["name"] == "ACCESS_TOKEN_EXPIRED" and entry["matched"]["by"] == by


def test_python_m_catalog_shows_a_deprecation_without_warning(renamed_package: Path) -> None:
    shown = _python_m_catalog(renamed_package, "show", "acme", "TOO_MANY_REQUESTS")
    assert shown.returncode == 0 and shown.stderr == "", shown.stderr
    assert "deprecated:  the vendor answers 429 instead" in shown.stdout
    found = _python_m_catalog(renamed_package, "search", "too frequent", "--json")
    assert found.returncode == 0 and shown.stderr == "", found.stderr
    assert json.loads(found.stdout)[0]["deprecated"] == "the vendor answers 429 instead"
