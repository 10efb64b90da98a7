"""`python -m codegen lint` and `explain` on the real catalogs; how command lines are read."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, VENDORS, run_codegen, run_python


def test_lint_is_clean_on_the_catalogs() -> None:
    result = run_codegen("lint", "--strict")
    assert result.status == 0, result.stderr
    assert result.stderr == ""
    assert f"{len(VENDORS)} vendors" in result.stdout and "0 warning(s)" in result.stdout


def test_lint_warns_about_two_codes_with_one_message(write_schema: Callable[..., Path]) -> None:
    schemas = write_schema(MINIMAL.replace("your requests are too frequent", "token is expired"))
    relaxed = run_codegen("lint", "--schemas", schemas)
    assert relaxed.status == 0
    assert (
        f"{schemas}/acme.yaml:24:14: warning: code 1002 has the same message as code 1001 (line 19); "
        "if the vendor really does this, say so in a 'note' on both"
    ) in relaxed.stderr
    assert run_codegen("lint", "--strict", "--schemas", schemas).status == 1
    noted = (
        MINIMAL.replace("your requests are too frequent", "token is expired")
        .replace("    group: auth", "    group: auth\n    note: the vendor reuses this text")
        .replace("    kind: resource_exhausted", "    kind: resource_exhausted\n    note: see 1001")
    )
    assert run_codegen("lint", "--strict", "--schemas", write_schema(noted)).status == 0


def test_lint_warns_about_a_missing_modeline(write_schema: Callable[..., Path]) -> None:
    schemas = write_schema(MINIMAL.split("\n", 1)[1])
    result = run_codegen("lint", "--strict", "--schemas", schemas)
    assert result.status == 1
    assert f"{schemas}/acme.yaml:1:1: warning: the file should start with the line" in result.stderr


def test_explain_prints_one_entry() -> None:
    result = run_codegen("explain", "iam", "IAM.0007")
    assert result.status == 0, result.stderr
    assert result.stdout.startswith("Huawei Cloud IAM (iam) IAM.0007: ")
    assert "message:      Request parameter %(key)s is invalid." in result.stdout
    assert "kind:         invalid_argument (InvalidArgumentError)" in result.stdout
    assert "http_status:  400" in result.stdout


def test_explain_accepts_an_alias_and_an_int_vendor(write_schema: Callable[..., Path]) -> None:
    schemas = write_schema(
        MINIMAL.replace("    group: auth", "    group: auth\n    aliases: [1401]")
    )
    result = run_codegen("explain", "acme", "1401", "--schemas", schemas)
    assert result.status == 0
    assert (
        "aliases:      1401" in result.stdout
        and "http_status:  401 (kind default)" in result.stdout
    )


def test_explain_unknown_code_or_vendor_exits_1() -> None:
    unknown_code = run_codegen("explain", "iam", "IAM.9999")
    assert unknown_code.status == 1
    assert "Huawei Cloud IAM (iam) has no code 'IAM.9999'" in unknown_code.stderr
    unknown_vendor = run_codegen("explain", "nope", "1")
    assert unknown_vendor.status == 1
    assert f"unknown vendor 'nope'; the vendors are: {', '.join(VENDORS)}" in unknown_vendor.stderr


def test_usage_errors_exit_2() -> None:
    assert run_codegen().status == 2
    assert run_codegen("frobnicate").status == 2


BLOCKED = (
    "import sys\n"
    "for name in ('black', 'jinja2', 'ruamel', 'ruamel.yaml', 'jsonschema', 'html5lib',"
    " 'packaging', 'packaging.version'):\n"
    "    sys.modules[name] = None  # as if not installed: importing it raises ImportError\n"
    "from codegen.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


@pytest.mark.parametrize(
    "command",
    [
        ["generate", "--full"],
        ["check", "--full"],
        ["lint"],
        ["explain", "iam", "IAM.0061"],
        ["diff", "--against", "HEAD"],
        ["import", "tests/seeds/iam.txt", "--vendor", "iam", "--dry-run"],
    ],
    ids=lambda command: command[0],
)
def test_a_missing_dependency_is_one_line_saying_how_to_set_up(command: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", BLOCKED, *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("error: ") and "is not installed" in proc.stderr
    assert "make generate" in proc.stderr


# What a `check` or `generate` proved current by header hashes must not import: each of these
# costs such a run a tenth of its time or more (pathlib alone a third, with re).
SLOW_IMPORTS = {"pathlib", "re", "argparse", "tomllib", "typing", "dataclasses", "difflib"}


@pytest.mark.parametrize(
    ("command", "answer"),
    [("check", "(proved by header hashes; --full re-renders)."), ("generate", "is up to date.")],
)
def test_a_run_with_nothing_to_do_imports_little(command: str, answer: str) -> None:
    probe = run_python(
        f"""
        import contextlib, io, sys
        before = set(sys.modules)
        from codegen.cli import main
        with contextlib.redirect_stdout(io.StringIO()) as said:
            status = main([{command!r}])
        print(status, said.getvalue().strip().endswith({answer!r}))
        print(" ".join(sorted(set(sys.modules) - before)))
        """,
        ROOT,
    )
    assert probe.status == 0, probe.stderr
    said, loaded = probe.stdout.splitlines()
    assert said == "0 True"
    assert {"codegen.generate.sync", "hashlib"} <= set(loaded.split())
    assert not SLOW_IMPORTS & set(loaded.split())
