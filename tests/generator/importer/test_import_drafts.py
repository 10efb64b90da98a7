"""Drafts: the guessed names follow the naming rule, kinds come from the HTTP status or the
text, and a draft catalog generates, type-checks and imports before anyone reviews it, while
`lint --strict` names every entry still to review."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.importer.command import write_atomically
from codegen.importer.drafts import english_name, group_ids, guess_kind, guess_name
from tests.conftest import run_codegen, run_python
from tests.generator.importer.import_support import SEED_VENDORS, SEEDS, import_page, load

MEMBER = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\Z")
ABBREVIATIONS = {"PARAM", "PARAMS", "PARAMETERS", "PWD", "PASSWD", "MSG", "ACCT", "ERR"}
CONDITION_FIRST = set("INVALID ILLEGAL MISSING UNKNOWN DUPLICATE WRONG INCORRECT EMPTY".split())
CONDITION_FIRST |= {"UNSUPPORTED", "EXPIRED"}
SECRETS = {"PASSWORD", "SECRET", "CODE", "PIN", "SIGNATURE", "KEY", "TOKEN", "ANSWER", "CAPTCHA"}
SECRETS |= {"OTP"}
KIND_WORDS = {"UNAVAILABLE", "UNAUTHENTICATED", "UNIMPLEMENTED", "INTERNAL", "UNKNOWN", "ABORTED"}
KIND_WORDS |= {"EXHAUSTED"}
KIND_SEQUENCES = "DEADLINE_EXCEEDED FAILED_PRECONDITION INVALID_ARGUMENT PERMISSION_DENIED".split()
KIND_SEQUENCES += ["OUT_OF_RANGE"]


def naming_rule_breaches(name: str) -> list[str]:
    """The mechanical parts of the README's naming rule that `name` breaks."""
    words = name.split("_")
    breaches = []
    if not MEMBER.match(name):
        breaches.append("not UPPER_SNAKE")
    if ABBREVIATIONS & set(words):
        breaches.append("abbreviation")
    if words[0] in CONDITION_FIRST or "ILLEGAL" in words:
        breaches.append("condition first")
    if "INCORRECT" in words and not SECRETS & set(words):
        breaches.append("INCORRECT without a secret")
    if KIND_WORDS & set(words) or any(seq in f"_{name}_" for seq in KIND_SEQUENCES):
        breaches.append("kind word")
    if words[-1] in ("ERROR", "ERRORS"):
        breaches.append("ends in ERROR")
    return breaches


@pytest.mark.parametrize(
    "text, name",
    [
        ("User does not exist", "USER_NOT_FOUND"),
        ("The access_token has expired.", "ACCESS_TOKEN_EXPIRED"),
        ("Invalid username.", "USERNAME_INVALID"),
        ("Illegal application type", "APP_TYPE_INVALID"),
        ("Incorrect password", "PASSWORD_INCORRECT"),
        ("The parameter type is incorrect.", "PARAMETER_TYPE_INVALID"),
        ("param is empty", "PARAMETER_MISSING"),
        ("The system is busy, please try again later", "SYSTEM_BUSY"),
        ("Collaborator already exists", "COLLABORATOR_ALREADY_EXISTS"),
        ("your requests are too frequent", "REQUESTS_TOO_FREQUENT"),
        ("Failed to create order", "CREATE_ORDER_FAILED"),
        ("No permission to delete this user", "DELETE_USER_DENIED"),
        ("The root user cannot be deleted", "ROOT_USER_NOT_ALLOWED"),
        ("Monthly login quota has been used up", "MONTHLY_LOGIN_QUOTA_LIMIT_REACHED"),
        ("The length of the name exceeds 64 characters.", "LENGTH_NAME_CHARACTERS_OVER_LIMIT"),
        ("Mobile phone number has been bound", "PHONE_NUMBER_ALREADY_EXISTS"),
        ("The mailbox has been bound", "EMAIL_ALREADY_EXISTS"),
        ("system error, please contact the admin", "SYSTEM_FAILED"),
        ("An unexpected error prevented the server from fulfilling your request.", None),
    ],
)
def test_names_put_the_subject_first_and_the_condition_last(text: str, name: str | None) -> None:
    guessed = english_name(text)
    assert guessed is not None
    if name is not None:
        assert guessed == name
    assert naming_rule_breaches(guessed) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("template audit not passed", "TEMPLATE_AUDIT_NOT_PASSED"),
        ("does not have enough balance", "BALANCE_INSUFFICIENT"),
        ("Account balance is not enough", "ACCOUNT_BALANCE_INSUFFICIENT"),
        ("Insufficient balance", "BALANCE_INSUFFICIENT"),
        ("The signature has not been approved", "SIGNATURE_NOT_APPROVED"),
        ("The order is not yet paid", "ORDER_NOT_PAID"),
        ("User is not verified", "USER_NOT_VERIFIED"),
        ("The password must not exceed 20 characters", "PASSWORD_CHARACTERS_OVER_LIMIT"),
        ("Username cannot be empty", "USERNAME_MISSING"),
        ("no data", None),
        ("Sending without a signature", None),
        ("The template is not passed and not approved", None),
    ],
)
def test_a_drafted_name_keeps_the_negation_of_its_text_or_is_left_to_a_person(
    text: str, name: str | None
) -> None:
    assert english_name(text) == name
    assert guess_name(text, 1001, set(), set()) == (name or "CODE_1001")


@pytest.mark.parametrize("vendor", SEED_VENDORS)
def test_every_name_drafted_from_a_seed_page_follows_the_naming_rule(
    vendor: str, tmp_path: Path
) -> None:
    draft = load(import_page(SEEDS / f"{vendor}.txt", vendor, tmp_path).after)
    names = [entry["name"] for entry in draft["codes"]]
    assert len(set(names)) == len(names)
    assert {name: naming_rule_breaches(name) for name in names if naming_rule_breaches(name)} == {}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60), st.integers(0, 99999))
def test_any_text_gives_a_valid_unique_name(text: str, code: int) -> None:
    taken = {"USER_NOT_FOUND", f"CODE_{code}"}
    name = guess_name(text, code, set(taken), {"UserNotFoundError"})
    assert MEMBER.match(name) and name not in taken
    assert naming_rule_breaches(name) == []


def test_texts_that_are_not_english_are_named_from_their_code() -> None:
    assert guess_name("登录：密码错误", "1000", set(), set()) == "CODE_1000"
    assert guess_name("令牌已过期", "IAM.0007", set(), set()) == "CODE_IAM_0007"
    # a name whose class would shadow a builtin or a taken class gets the code as suffix
    assert guess_name("Permission", 7, set(), set()) == "PERMISSION_7"
    assert guess_name("User does not exist", 9, set(), {"UserNotFoundError"}) == (
        "USER_NOT_FOUND_9"
    )


@pytest.mark.parametrize(
    "text, status, kind",
    [
        ("anything", 404, "not_found"),
        ("anything", 429, "resource_exhausted"),
        ("anything", 503, "unavailable"),
        ("anything", 418, "invalid_argument"),
        ("The token has expired.", 400, "unauthenticated"),
        ("Something odd.", 400, "invalid_argument"),
        ("Something odd.", None, "unknown"),
        ("The system is busy, please try again later", None, "unavailable"),
        ("Registration is too frequent, please try again later", None, "resource_exhausted"),
        ("No permission to delete this user", None, "permission_denied"),
        ("Order does not exist", None, "not_found"),
        ("The user already exists", None, "already_exists"),
        ("Password length cannot be less than 6 digits", None, "out_of_range"),
        ("Invalid email address.", None, "invalid_argument"),
        ("Failed to create order", None, "internal"),
        ("找不到验证码", None, "not_found"),
        ("频繁操作，请等待", None, "resource_exhausted"),
    ],
)
def test_kinds_come_from_the_http_status_or_the_text(
    text: str, status: int | None, kind: str
) -> None:
    assert guess_kind(text, status) == kind


def test_group_ids_come_from_the_words_sections_do_not_share() -> None:
    assert group_ids(["mt-access", "mt-common"]) == ["access", "common"]
    assert group_ids(["System error codes", "Service error codes"]) == ["system", "service"]
    assert group_ids(["Order Errors", "Order / Payment Errors"]) == ["order", "payment"]
    assert group_ids(["Order", "Order"]) == ["order", "group_2"]
    assert group_ids(["模块一", "模块二"]) == ["group_1", "group_2"]


def test_a_draft_catalog_generates_type_checks_and_imports(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    for vendor in ("tuya", "mtauth"):
        result = import_page(SEEDS / f"{vendor}.txt", vendor, schemas)
        write_atomically(result.target, result.after)
    tuya = load((schemas / "tuya.yaml").read_text(encoding="utf-8"))
    first = tuya["codes"][0]
    exception = "".join(word.capitalize() for word in first["name"].split("_")) + "Error"

    strict = run_codegen("lint", "--strict", "--schemas", schemas)
    assert strict.status == 1
    drafts = [line for line in strict.stderr.splitlines() if "is a draft: review its" in line]
    mtauth = load((schemas / "mtauth.yaml").read_text(encoding="utf-8"))
    assert len(drafts) == len(tuya["codes"]) + len(mtauth["codes"])
    assert run_codegen("lint", "--schemas", schemas).status == 0

    out = tmp_path / "generated"
    generated = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert generated.status == 0, generated.stderr
    usage = f"""
        from catalog import TuyaCode, TuyaError, MtauthCode
        from catalog.tuya import TuyaSystemError, {exception}

        member: TuyaCode | None = TuyaCode.lookup({first["code"]})
        assert member is TuyaCode.{first["name"]}
        assert member.message == {first["message"]!r}
        assert issubclass({exception}, TuyaSystemError) and issubclass(TuyaSystemError, TuyaError)
        error = TuyaError.from_code({first["code"]})
        assert isinstance(error, {exception})
        zh = MtauthCode.lookup("0000")
        assert zh is not None and zh.name == "CODE_0000" and zh.message == "MQ连接失败"
        assert MtauthCode.lookup("0006") is zh
        print("ok")
        """
    ran = run_python(usage, out)
    assert ran.status == 0 and ran.stdout == "ok\n", ran.stderr
    (out / "usage.py").write_text(textwrap.dedent(usage), encoding="utf-8")
    checked = subprocess.run(
        [
            sys.executable, "-m", "mypy", "--strict", "--python-version", "3.11",
            "--cache-dir", os.devnull, "catalog", "usage.py",
        ],  # fmt: skip
        cwd=out,
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": str(out)},
        timeout=600,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
