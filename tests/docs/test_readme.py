"""The README's examples run, and say what they do: a user copies them first."""

from __future__ import annotations

import re

from tests.conftest import GENERATED, ROOT, run_python

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"^```python\n(.*?)^```", README, flags=re.M | re.S)


def test_the_readme_has_a_tour() -> None:
    assert PYTHON_BLOCKS, "README.md has no ```python block"


def test_every_python_block_of_the_readme_runs() -> None:
    for block in PYTHON_BLOCKS:
        result = run_python(block, GENERATED)
        assert result.status == 0, f"{block}\n{result.stderr}"


def test_the_tour_shows_what_the_package_answers() -> None:
    """The values the tour's comments promise, checked against the package."""
    result = run_python(
        """
        from catalog import IamCode, Kind, TuyaCode, TuyaError, UnauthenticatedError

        member = IamCode.lookup("IAM.0007")
        assert member is IamCode("IAM.0007") and IamCode.lookup("no such code") is None
        assert member.kind is Kind.INVALID_ARGUMENT
        assert member.format(key="user_id") == "Request parameter user_id is invalid."
        try:
            TuyaError.raise_for_response({"success": False, "code": 1010, "msg": "token is expired"})
        except UnauthenticatedError as exc:
            assert (exc.code, exc.raw_code, exc.retryable) == (TuyaCode.TOKEN_EXPIRED, 1010, False)
            assert exc.to_problem()["status"] == 401
        print("ok")
        """,
        GENERATED,
    )
    assert result.stdout.strip() == "ok", result.stderr
