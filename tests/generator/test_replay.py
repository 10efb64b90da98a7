"""`codegen replay`: captured responses read by the generated package, and what it flags for a
maintainer (unknown codes with drafts, failures read from the status alone, successes carrying
keys no envelope decides by); unreadable input exits 2 at its line."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, VENDORS, run_codegen

CORPUS = ROOT / "tests" / "corpus"


def _line(status: int, body: object = None, **extra: Any) -> str:
    record: dict[str, Any] = {"status": status, **extra}
    if body is not None:
        record["body"] = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    return json.dumps(record, ensure_ascii=False)


def _captures(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "captures.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _corpus_lines(vendor: str) -> list[str]:
    cases = json.loads((CORPUS / f"{vendor}.json").read_text(encoding="utf-8"))["cases"]
    return [_line(case["status"], case["body"], headers=case["headers"]) for case in cases]


def test_responses_the_catalog_reads_flag_nothing(tmp_path: Path) -> None:
    known = _captures(
        tmp_path,
        _line(200, {"success": True, "result": {"id": 1}, "t": 1}),
        _line(200, {"code": 1010, "msg": "token invalid", "success": False, "tid": "7f3a"}),
        "",  # blank lines are skipped
        _line(200, {"code": "1106", "msg": "permission deny", "success": False}),
    )
    result = run_codegen("replay", known, "--vendor", "tuya")
    assert result.status == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{known}:1: HTTP 200: success"
    assert lines[1] == (
        f'{known}:2: HTTP 200: TokenExpiredError, unauthenticated, code 1010, request id 7f3a: "token invalid"'
    )
    assert lines[2].startswith(f"{known}:4: HTTP 200: AccessDeniedError, permission_denied")
    assert lines[-1] == "0 of 3 response(s) flagged."


def test_unknown_codes_are_grouped_counted_and_drafted(tmp_path: Path) -> None:
    # A code the catalog does not list (made up for the test), in three texts.
    not_subscribed = {"code": 28849999, "msg": "No permissions. This API is not subscribed."}
    captures = _captures(
        tmp_path,
        _line(200, {**not_subscribed, "success": False, "tid": "a1"}),
        _line(200, {"code": 1010, "msg": "token invalid", "success": False}),
        _line(200, {**not_subscribed, "success": False}),
        _line(200, {"code": 28849999, "msg": "無權限", "success": False}),
    )
    result = run_codegen("replay", captures, "--vendor", "tuya")
    assert result.status == 1
    out = result.stdout
    assert "unknown codes: 1 code(s) in 3 response(s); drafts for schemas/tuya.yaml" in out
    draft = out[out.index("  - code: 28849999") :]
    assert '    message: "No permissions. This API is not subscribed."' in draft  # most seen
    assert "    kind: permission_denied" in draft and "    review: [name, kind]" in draft
    assert "    # seen 3x (HTTP 200 x3), lines 1, 3, 4" in draft
    assert '    #   2x "No permissions. This API is not subscribed."' in draft
    assert '    #   1x "無權限"' in draft
    assert out.endswith("3 of 4 response(s) flagged.\n")


def test_failures_from_the_status_alone_and_suspect_successes_are_flagged(tmp_path: Path) -> None:
    captures = _captures(
        tmp_path,
        _line(502, "<html><body>502 Bad Gateway</body></html>", headers={"X-Request-Id": "r-9"}),
        _line(200, {"errcode": 40001, "errmsg": "invalid credential"}),
        _line(200, {"data": {"code": "ok"}, "success": True}),  # nested keys are not suspect
        _line(503, "upstream connect error"),
    )
    result = run_codegen("replay", captures, "--vendor", "iam")
    assert result.status == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"{captures}:1: HTTP 502: IamError[UnavailableError], unavailable, no code (read from the"
        ' status), request id r-9: "Bad Gateway"'
    )
    assert lines[1] == f"{captures}:2: HTTP 200: success (but carries errcode, errmsg)"
    assert lines[2] == f"{captures}:3: HTTP 200: success"
    assert lines[3].endswith(': "upstream connect error"')  # plain text is the message
    out = result.stdout
    assert "failures read from the status alone (no code found): 2 response(s)" in out
    assert "  HTTP 502 x1: lines 1\n  HTTP 503 x1: lines 4" in out
    assert "  errcode, errmsg x1: lines 2" in out


# Codes the corpus carries that are deliberately not in the catalogs: Authing's V2 servers put
# 500 on unrelated failures (a bound phone, a blacklisted token: no one meaning to catalog);
# Keystone-style IAM answers put the HTTP status in error.code; XXX.0001 is the Huawei SDK's
# own test placeholder.
NOT_LISTED: dict[str, set[object]] = {"authing": {500}, "iam": {"XXX.0001", 400, 401, 403}}


@pytest.mark.parametrize("vendor", sorted(path.stem for path in CORPUS.glob("*.json")))
def test_the_vendors_real_responses_as_json(tmp_path: Path, vendor: str) -> None:
    lines = _corpus_lines(vendor)
    result = run_codegen("replay", _captures(tmp_path, *lines), "--vendor", vendor, "--json")
    report = json.loads(result.stdout)
    assert result.status == (1 if report["flagged"] else 0)
    assert report["vendor"] == vendor and len(report["responses"]) == len(lines)
    # Every code real traffic carries is in the catalog, but for those it should not list.
    assert {group["code"] for group in report["unknown_codes"]} == NOT_LISTED.get(vendor, set())
    if vendor == "authing":
        v3 = next(
            r for r in report["responses"] if r.get("request_id") == "xxxxxx-xxxxxx-xxxxxx-xxxxxx"
        )
        # Authing V3 answers HTTP 200: its statusCode says it failed.
        assert v3["status"] == 200 and v3["outcome"] == "failure" and v3["http_status"] == 403
        assert v3["code"] == 2333 and v3["known"]


def test_a_body_in_base64(tmp_path: Path) -> None:
    raw = json.dumps({"error_code": "IAM.0061", "error_msg": "Account locked."}).encode()
    captures = _captures(
        tmp_path, json.dumps({"status": 401, "body_base64": base64.b64encode(raw).decode()})
    )
    result = run_codegen("replay", captures, "--vendor", "iam", "--json")
    assert result.status == 0, result.stderr
    (reading,) = json.loads(result.stdout)["responses"]
    assert reading["code"] == "IAM.0061" and reading["known"] and reading["http_status"] == 401


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"status": 400, "body": "x"', ":1:28: not JSON: Expecting ',' delimiter"),
        ('[400, "x"]', ':1:1: a line is one JSON object: {"status": 400, "body": "..."}'),
        ('{"status": 400, "bdy": "x"}', ":1:1: unknown key 'bdy'; the keys are status, headers"),
        ('{"status": 42}', ":1:1: 'status' must be an HTTP status (100-599), not 42"),
        ('{"status": "400"}', ":1:1: 'status' must be an HTTP status (100-599), not '400'"),
        ('{"status": 400, "body": {"code": 1}}', ":1:1: 'body' must be the body as text"),
        ('{"status": 400, "body_base64": "%%%"}', ":1:1: 'body_base64' is not valid base64"),
        ('{"status": 400, "body": "a", "body_base64": "YQ=="}', ":1:1: give 'body' (text) or"),
        ('{"status": 400, "headers": {"X-Id": 7}}', ":1:1: header 'X-Id' must be a string"),
        ('{"status": 400, "body": "\\ud800"}', ":1:1: 'body' is not valid Unicode text"),
    ],
)
def test_unreadable_input_exits_2_at_its_line(tmp_path: Path, line: str, problem: str) -> None:
    captures = _captures(tmp_path, _line(200, {"success": True}), line)
    result = run_codegen("replay", captures, "--vendor", "tuya")
    assert result.status == 2 and result.stdout == ""
    shown = problem.replace(":1:", ":2:", 1)
    assert result.stderr.startswith(f"{captures}{shown}"), result.stderr
    assert "Traceback" not in result.stderr


def test_files_that_are_not_captures_exit_2(tmp_path: Path) -> None:
    not_utf8 = tmp_path / "latin1.jsonl"
    not_utf8.write_bytes(b'{"status": 400, "body": "caf\xe9"}\n')
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path, problem in (
        (not_utf8, ":1:29: the capture file is not UTF-8 (invalid continuation byte at byte 28)"),
        (tmp_path, ":1:1: the capture file is a directory, not a regular file"),
        (fifo, ":1:1: the capture file is a FIFO, not a regular file"),
        (
            tmp_path / "missing.jsonl",
            ":1:1: cannot read the capture file: No such file or directory",
        ),
    ):
        result = run_codegen("replay", path, "--vendor", "tuya")
        assert result.status == 2 and result.stderr.startswith(f"{path}{problem}"), result.stderr
        assert "Traceback" not in result.stderr


def test_an_unknown_vendor_exits_2_naming_the_vendors(tmp_path: Path) -> None:
    captures = _captures(tmp_path, _line(200, {}))
    result = run_codegen("replay", captures, "--vendor", "Tuya")
    assert result.status == 2
    assert result.stderr == f"error: unknown vendor 'Tuya'; the vendors are {', '.join(VENDORS)}\n"
