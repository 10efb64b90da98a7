"""How envelopes decide, on a vendor that declares every kind of envelope: a status in the
body, an error list, request ids from the body and from headers, a message-only envelope; and
what is kept of a body that is not JSON. Generated from a schema and read in a fresh process,
as a user's application would."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import MINIMAL, run_codegen, run_python

ENVELOPES = """\
  request_id_headers: [X-Request-Id, X-Trace-Id]
  response:
    - {code: errors.0.code, message: errors.0.message, error: errors}
    - {code: apiCode, status: statusCode, message: message, request_id: [requestId, uniqueId]}
    - {code: code, message: msg}
    - {message: detail}
"""

# name -> (payload, status, headers); the probe prints what each reads as.
CASES: dict[str, tuple[Any, int | None, dict[str, str] | None]] = {
    "v3 success with a code": ({"statusCode": 200, "apiCode": 1001, "message": "ok"}, 200, None),
    "v3 failure under 200": ({"statusCode": 403, "apiCode": 1001, "requestId": "r1"}, 200, None),
    "v3 unknown code under 200": (
        {"statusCode": "429", "apiCode": 9, "message": "slow"},
        200,
        None,
    ),
    "v3 no code": ({"statusCode": 400, "message": "bad", "uniqueId": "u1"}, None, None),
    "v3 status 602": ({"statusCode": 602, "message": "endpoint"}, 200, None),
    "v3 status 302": ({"statusCode": 302, "apiCode": 1600}, 200, None),
    "v3 3xx with a success code": ({"statusCode": 302, "apiCode": 0, "data": {"id": 7}}, 200, None),
    "v3 3xx with a success code as text": ({"statusCode": "301", "apiCode": "0"}, None, None),
    "v3 4xx with a success code": ({"statusCode": 403, "apiCode": 0, "message": "no"}, 200, None),
    "v3 not a status": ({"statusCode": "soon", "message": "?"}, 200, None),
    "v3 http wins": ({"statusCode": 403, "apiCode": 9, "requestId": 42}, 503, None),
    "v3 success under 502": ({"statusCode": 200, "apiCode": 0}, 502, None),
    "v3 blank id": ({"statusCode": 404, "requestId": " ", "uniqueId": "u2"}, 200, None),
    "error list": ({"errors": [{"message": "no"}], "data": None}, 200, None),
    "error list with code": ({"errors": [{"code": 1002, "message": "wait"}]}, 200, None),
    "empty error list": ({"errors": [], "data": {"id": 1}}, 200, None),
    "message only under 200": ({"detail": "fine"}, 200, None),
    "message only under 403": ({"detail": "csrf required"}, 403, {"x-trace-id": "t1"}),
    "header id": (b'{"code": 1001, "msg": "expired"}', 200, {"X-REQUEST-ID": "h1"}),
    "text body": (b"upstream connect error", 503, {"X-Request-Id": "h2"}),
    "html body": (b"  <html><body>Bad Gateway</body></html>\n", 502, None),
    "long text": (b"x" * 501, 500, None),
    "huge text": ("y" * 3000, 500, None),
    "not utf-8": (b"caf\xe9 ferm\xe9", 503, None),
    "json list": (b'["not", "an", "object"]', 400, None),
    "unknown code, no status": ({"code": 77, "msg": "?"}, None, None),
}

PROBE = """
import json, sys
from catalog import AcmeError
cases = json.loads(sys.stdin.read())
out = {}
for name, (payload, status, headers) in cases.items():
    if isinstance(payload, dict) and "__bytes__" in payload:
        payload = bytes.fromhex(payload["__bytes__"])
    error = AcmeError.from_response(payload, status=status, headers=headers)
    out[name] = None if error is None else {
        "class": type(error).__qualname__, "kind": str(error.kind), "code": error.raw_code,
        "message": error.message, "http_status": error.http_status,
        "request_id": error.request_id, "details": error.details,
        "problem": error.to_problem(),
    }
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def readings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("envelopes")
    (tmp / "schemas").mkdir()
    text = MINIMAL.replace("  response:\n    - {code: code, message: msg}\n", ENVELOPES)
    (tmp / "schemas" / "acme.yaml").write_text(text, encoding="utf-8")
    result = run_codegen("generate", "--schemas", tmp / "schemas", "--out", tmp / "out")
    assert result.status == 0, result.stderr
    cases = {
        name: (
            {"__bytes__": payload.hex()} if isinstance(payload, bytes) else payload,
            status,
            headers,
        )
        for name, (payload, status, headers) in CASES.items()
    }
    probe = run_python(
        f"import sys, io; sys.stdin = io.StringIO({json.dumps(json.dumps(cases))})\n" + PROBE,
        tmp / "out",
    )
    assert probe.status == 0, probe.stderr
    found: dict[str, Any] = json.loads(probe.stdout)
    return found


def test_a_body_status_decides_whatever_the_code(readings: dict[str, Any]) -> None:
    assert readings["v3 success with a code"] is None
    failed = readings["v3 failure under 200"]
    assert failed["class"] == "TokenExpiredError" and failed["http_status"] == 403
    assert failed["request_id"] == "r1" and failed["details"] == {"request_id": "r1"}
    unknown = readings["v3 unknown code under 200"]  # a status as digits counts too
    assert (unknown["kind"], unknown["code"], unknown["http_status"]) == (
        "resource_exhausted",
        9,
        429,
    )
    no_code = readings["v3 no code"]
    assert (no_code["code"], no_code["kind"], no_code["message"]) == (
        None,
        "invalid_argument",
        "bad",
    )
    assert no_code["request_id"] == "u1"  # the second path, the first being absent


@pytest.mark.parametrize("case", ["v3 status 602", "v3 status 302", "v3 not a status"])
def test_a_body_status_that_is_not_2xx_fails_without_inventing_a_status(
    readings: dict[str, Any], case: str
) -> None:
    error = readings[case]
    assert error is not None and error["http_status"] is None
    assert error["problem"]["title"] != "Internal Server Error" and "status" not in error["problem"]
    if error["code"] is None:
        assert error["kind"] == "unknown" and error["problem"]["title"] == "Unknown error"


def test_a_3xx_body_status_with_a_success_code_is_a_success(readings: dict[str, Any]) -> None:
    # A step that ends a flow (Authing V3 ends its sign-in flow with statusCode 3xx and apiCode
    # 1600, one of its success codes); a 4xx body status fails whatever the code.
    assert readings["v3 3xx with a success code"] is None
    assert readings["v3 3xx with a success code as text"] is None
    failed = readings["v3 4xx with a success code"]
    assert (failed["code"], failed["http_status"], failed["message"]) == (0, 403, "no")


def test_an_http_error_status_wins_over_the_body(readings: dict[str, Any]) -> None:
    error = readings["v3 http wins"]
    assert (error["http_status"], error["kind"]) == (503, "unavailable")
    assert error["request_id"] == "42" and error["details"]["request_id"] == 42
    success_body = readings["v3 success under 502"]
    assert success_body["http_status"] == 502 and success_body["code"] is None
    assert readings["v3 blank id"]["request_id"] == "u2"


def test_a_non_empty_error_list_fails(readings: dict[str, Any]) -> None:
    listed = readings["error list"]
    assert listed["code"] is None and listed["kind"] == "unknown" and listed["http_status"] is None
    assert readings["error list with code"]["class"] == "TooManyRequestsError"
    assert readings["empty error list"] is None


def test_a_message_only_envelope_decides_nothing(readings: dict[str, Any]) -> None:
    assert readings["message only under 200"] is None
    error = readings["message only under 403"]
    assert (error["message"], error["kind"], error["request_id"]) == (
        "csrf required",
        "permission_denied",
        "t1",
    )


def test_the_request_id_from_the_vendors_headers(readings: dict[str, Any]) -> None:
    assert readings["header id"]["request_id"] == "h1"
    assert readings["text body"]["request_id"] == "h2"


def test_a_body_that_is_not_json_is_kept(readings: dict[str, Any]) -> None:
    text = readings["text body"]
    assert text["message"] == "upstream connect error"
    assert text["details"] == {"request_id": "h2", "body": "upstream connect error"}
    html = readings["html body"]  # a page is kept, not taken as the message
    assert html["message"] == "Bad Gateway"
    assert html["details"] == {"body": "<html><body>Bad Gateway</body></html>"}
    long = readings["long text"]
    assert long["message"] == "Internal Server Error" and long["details"]["body"] == "x" * 501
    assert readings["huge text"]["details"]["body"] == "y" * 2000
    assert readings["not utf-8"]["message"] == "caf\ufffd ferm\ufffd"
    assert readings["json list"]["details"] == {"body": '["not", "an", "object"]'}


def test_an_unknown_code_without_a_failing_status_is_no_server_error(
    readings: dict[str, Any],
) -> None:
    error = readings["unknown code, no status"]
    assert (error["kind"], error["http_status"], error["code"]) == ("unknown", None, 77)
    assert error["problem"] == {
        "type": "about:blank",
        "title": "Unknown error",
        "detail": "?",
        "code": 77,
        "vendor": "acme",
        "kind": "unknown",
    }
