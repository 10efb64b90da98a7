"""`python -m catalog`, run from the installed wheel in a fresh environment (the `install`
fixture): the package answers by itself, with no repository and no dev tool."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import catalog
from tests.package.conftest import Install, run_module

TUYA_EXPIRED = '{"success": false, "code": 1010, "msg": "token is expired", "tid": "7f3a"}'


def ok(install: Install, *args: str, stdin: str = "") -> str:
    proc = run_module(install, *args, stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return proc.stdout


def as_json(install: Install, *args: str, stdin: str = "") -> Any:
    return json.loads(ok(install, *args, "--json", stdin=stdin))


def refused(install: Install, *args: str, status: int = 2, stdin: str = "") -> str:
    """Run a command that must fail with `status`: its message, never a traceback."""
    proc = run_module(install, *args, stdin=stdin)
    assert proc.returncode == status, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and proc.stderr.strip()
    return proc.stderr


# -- vendors ---------------------------------------------------------------------------------


def test_vendors_lists_every_vendor_with_its_name_version_and_size(install: Install) -> None:
    rows = as_json(install, "vendors")
    assert [row["id"] for row in rows] == catalog.vendors()
    for row in rows:
        (vendor,) = catalog.export(row["id"])["vendors"]
        assert (row["name"], row["version"]) == (vendor["name"], vendor["version"])
        assert row["codes"] == len(vendor["codes"])
    text = ok(install, "vendors")
    assert "Huawei Cloud IAM" in text and "Tuya IoT Cloud" in text
    assert len(text.splitlines()) == 1 + len(rows)


# -- show ------------------------------------------------------------------------------------


def test_show_prints_the_entry(install: Install) -> None:
    text = ok(install, "show", "iam", "IAM.0061")
    assert text.splitlines()[0] == "iam IAM.0061: ACCOUNT_LOCKED"
    for expected in (
        "catalog.iam.IamCode.ACCOUNT_LOCKED",
        "catalog.iam.AccountLockedError",
        "failed_precondition",
        "Account locked.",
        "Wait until the user is unlocked.",
    ):
        assert expected in text


def test_show_json_has_every_field(install: Install) -> None:
    entry = as_json(install, "show", "mtauth", "0061")
    member = catalog.lookup("mtauth", "0061")
    assert member is not None
    assert entry["matched"] == {"query": "0061", "by": "code"}
    assert entry["code"] == "0061" and entry["name"] == member.name
    assert entry["exception"] == f"catalog.mtauth.{member.exception.__name__}"
    assert entry["kind"] == member.kind.value and entry["retryable"] == member.retryable
    assert entry["http_status"] == member.http_status and entry["group"] == member.group
    assert entry["message"] == member.message and entry["locale"] == "zh-CN"
    assert entry["translations"] == dict(member.translations) and "en" in entry["translations"]
    assert entry["translations"]["en"] in ok(install, "show", "mtauth", "0061")


@pytest.mark.parametrize(
    ("vendor", "query", "name", "by"),
    [
        ("tuya", "1010", "TOKEN_EXPIRED", "code"),
        ("tuya", " 1010 ", "TOKEN_EXPIRED", "code"),
        ("tuya", "1400", "TOKEN_INVALID", "alias"),
        ("tuya", "TOKEN_EXPIRED", "TOKEN_EXPIRED", "name"),
        ("tuya", "token expired", "TOKEN_EXPIRED", "name"),
        ("iam", "accountlockederror", "ACCOUNT_LOCKED", "class"),
    ],
)
def test_show_finds_an_entry_by_code_alias_or_name(
    install: Install, vendor: str, query: str, name: str, by: str
) -> None:
    entry = as_json(install, "show", vendor, query)
    assert (entry["name"], entry["matched"]["by"]) == (name, by)
    first = ok(install, "show", vendor, query).splitlines()[0]
    if by in ("code", "name"):
        assert first.endswith(f": {name}")
    else:  # an alias or another name says what it found
        assert first == f"{query!r} is the {by} of {name} ({entry['code']})"


def test_show_an_unknown_code_is_not_found(install: Install) -> None:
    message = refused(install, "show", "iam", "IAM.9999", status=1)
    assert "IAM.9999" in message and "search" in message


def test_an_unknown_vendor_names_the_known_ones(install: Install) -> None:
    for args in (["show", "aws", "1"], ["search", "x", "--vendor", "aws"], ["export", "aws"]):
        message = refused(install, *args)
        assert "'aws'" in message and ", ".join(catalog.vendors()) in message


def test_bad_usage_exits_2(install: Install) -> None:
    refused(install)  # no command
    refused(install, "show", "iam")  # no code
    refused(install, "frobnicate")
    refused(install, "search", "x", "--limit", "many")
    assert "show" in ok(install, "--help")


# -- search ----------------------------------------------------------------------------------


def searched(install: Install, *args: str) -> list[tuple[str, object, str]]:
    return [(hit["vendor"], hit["code"], hit["name"]) for hit in as_json(install, "search", *args)]


def test_search_finds_every_vendors_expired_token_best_first(install: Install) -> None:
    hits = searched(install, "token expired")
    # The entries named so first (rank 1), in vendor order; then the others.
    assert hits[:2] == [("iam", "IAM.0066", "TOKEN_EXPIRED"), ("tuya", 1010, "TOKEN_EXPIRED")]
    assert {"edu", "iam", "mtauth", "tuya"} <= {vendor for vendor, _, _ in hits}
    assert ("mtauth", "1090", "REFRESH_TOKEN_EXPIRED") in hits  # by its English translation
    text = ok(install, "search", "token expired").splitlines()
    assert text[0].split("\t") == ["iam", "IAM.0066", "TOKEN_EXPIRED", "The token has expired."]


def test_search_reads_any_script_and_case(install: Install) -> None:
    assert searched(install, "Refresh Token已过期")[0] == (
        "mtauth",
        "1090",
        "REFRESH_TOKEN_EXPIRED",
    )
    assert ("mtauth", "1090", "REFRESH_TOKEN_EXPIRED") in searched(install, "已过期")
    assert searched(install, "TOKEN IS EXPIRED")[0] == ("tuya", 1010, "TOKEN_EXPIRED")
    # A catalog in English is found by its Chinese translation.
    assert searched(install, "用户不存在")[0] == ("authing", 2004, "USER_NOT_FOUND")
    # Full-width letters read as their ASCII forms (Unicode NFKC).
    assert searched(install, "ｔｏｋｅｎ ｉｓ ｅｘｐｉｒｅｄ")[0] == ("tuya", 1010, "TOKEN_EXPIRED")


def test_search_by_code_ranks_the_code_first(install: Install) -> None:
    # Two vendors have a code 1010: both come first, in vendor order, then IAM.1010.
    assert searched(install, "1010")[:3] == [
        ("mtauth", "1010", "ENDPOINT_PROJECT_MISMATCH"),
        ("tuya", 1010, "TOKEN_EXPIRED"),
        ("iam", "IAM.1010", "CATALOG_NOT_STRING"),
    ]
    assert searched(install, "1010", "--vendor", "tuya")[0] == ("tuya", 1010, "TOKEN_EXPIRED")
    assert searched(install, "1400")[0] == ("tuya", 1011, "TOKEN_INVALID")  # an alias
    assert searched(install, "iam.0061")[0] == ("iam", "IAM.0061", "ACCOUNT_LOCKED")


def test_search_one_vendor_and_a_limit(install: Install) -> None:
    hits = searched(install, "token", "--vendor", "tuya", "--limit", "2")
    assert len(hits) == 2 and {vendor for vendor, _, _ in hits} == {"tuya"}


def test_search_without_a_match_exits_1(install: Install) -> None:
    refused(install, "search", "no entry says this", status=1)


# -- decode ----------------------------------------------------------------------------------


def test_decode_reads_a_body_from_stdin(install: Install) -> None:
    result = as_json(install, "decode", "tuya", stdin=TUYA_EXPIRED)
    assert result == {
        "success": False,
        "class": "catalog.tuya.TokenExpiredError",
        "kind": "unauthenticated",
        "code": "TOKEN_EXPIRED",
        "raw_code": 1010,
        "message": "token is expired",
        "http_status": 401,
        "retryable": False,
        "details": {"request_id": "7f3a"},
        "retry_after": None,
    }
    text = ok(install, "decode", "tuya", "-", stdin=TUYA_EXPIRED)
    assert "catalog.tuya.TokenExpiredError" in text and '{"request_id": "7f3a"}' in text


def test_decode_reads_a_file_status_and_headers(install: Install, tmp_path: Path) -> None:
    body = tmp_path / "body.json"
    body.write_text('{"errors": ["value not match"], "errorId": "c0ffee"}')
    args = ["decode", "mtauth", "--status", "400", "--header", "Error-Code: 0061", str(body)]
    result = as_json(install, *args)
    assert (result["code"], result["raw_code"], result["http_status"]) == (
        "EXPECTED_VALUE_MISMATCH",
        "0061",
        400,
    )
    assert result["message"] == "value not match"
    assert as_json(install, "decode", "mtauth", "-", "--status", "400", stdin="{}")["kind"] == (
        "invalid_argument"
    )
    refused(install, "decode", "mtauth", str(body), "extra.json")


def test_decode_without_a_code_takes_the_kind_of_the_status(install: Install) -> None:
    page = "<html><h1>503 Service Temporarily Unavailable</h1></html>"
    result = as_json(install, "decode", "tuya", "--status", "503", stdin=page)
    assert result["class"] == "catalog.tuya.TuyaError" and result["code"] is None
    assert (result["kind"], result["retryable"], result["http_status"]) == (
        "unavailable",
        True,
        503,
    )


def test_decode_a_success_exits_1(install: Install) -> None:
    proc = run_module(install, "decode", "tuya", "--json", stdin='{"success": true, "result": 1}')
    assert proc.returncode == 1 and json.loads(proc.stdout) == {"success": True}
    proc = run_module(install, "decode", "tuya", stdin='{"success": true, "result": 1}')
    assert proc.returncode == 1 and proc.stdout.startswith("success")


def test_decode_refuses_bad_input(install: Install, tmp_path: Path) -> None:
    assert "no-such-file" in refused(install, "decode", "tuya", str(tmp_path / "no-such-file"))
    assert "'Name: value'" in refused(install, "decode", "tuya", "--header", "no colon")
    refused(install, "decode", "tuya", "--status", "five hundred")


# -- export ----------------------------------------------------------------------------------


def test_export_prints_what_catalog_export_returns(install: Install) -> None:
    assert json.loads(ok(install, "export")) == catalog.export()
    assert json.loads(ok(install, "export", "tuya")) == catalog.export("tuya")
    assert json.loads(ok(install, "export", "--json")) == catalog.export()
