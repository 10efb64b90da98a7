"""The pre-commit hooks this repository offers: each runs a real command of catalog-codegen,
installed from codegen-dist/, on the whole project."""

from __future__ import annotations

from typing import Any

import pytest
from ruamel.yaml import YAML

from codegen.cli import parser
from tests.conftest import ROOT

HOOKS: list[dict[str, Any]] = YAML(typ="safe").load(ROOT / ".pre-commit-hooks.yaml")


def test_the_hooks_are_check_lint_and_diff() -> None:
    assert [hook["id"] for hook in HOOKS] == ["catalog-check", "catalog-lint", "catalog-diff"]


@pytest.mark.parametrize("hook", HOOKS, ids=lambda hook: hook["id"])
def test_a_hook_runs_a_command_of_the_installed_generator(hook: dict[str, Any]) -> None:
    program, *arguments = hook["entry"].split()
    assert program == "catalog-codegen"
    assert parser(program).parse_args(arguments).command == hook["id"].removeprefix("catalog-")
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    (requirement,) = hook["additional_dependencies"]
    assert (ROOT / requirement / "pyproject.toml").is_file()  # pre-commit installs it from here
