"""Responses as they arrive at the HTTP boundary, for every vendor the schemas declare.

Raw bodies (bytes, text, HTML error pages, nothing), HTTP statuses, headers in any case; a
failure without a known code is an error of the kind its status gives; codes follow one rule
everywhere. The reference is each schema's `vendor.response` envelopes, read here with plain
ruamel.yaml.
"""

from __future__ import annotations

import copy
import email.message
import json
import pickle
import re
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

import catalog
from catalog import CatalogError, Kind
from tests.conftest import GENERATED, ROOT, SCHEMAS, VENDORS, run_python

# The kind of a failure without a known code, by HTTP status: the table of the README.
STATUS_KINDS = {
    400: Kind.INVALID_ARGUMENT,
    401: Kind.UNAUTHENTICATED,
    403: Kind.PERMISSION_DENIED,
    404: Kind.NOT_FOUND,
    405: Kind.UNIMPLEMENTED,
    408: Kind.DEADLINE_EXCEEDED,
    409: Kind.ABORTED,
    410: Kind.NOT_FOUND,
    412: Kind.FAILED_PRECONDITION,
    413: Kind.OUT_OF_RANGE,
    414: Kind.OUT_OF_RANGE,
    416: Kind.OUT_OF_RANGE,
    418: Kind.INVALID_ARGUMENT,  # any other 4xx
    422: Kind.INVALID_ARGUMENT,
    429: Kind.RESOURCE_EXHAUSTED,
    500: Kind.INTERNAL,
    501: Kind.UNIMPLEMENTED,
    502: Kind.UNAVAILABLE,
    503: Kind.UNAVAILABLE,
    504: Kind.DEADLINE_EXCEEDED,
    507: Kind.INTERNAL,  # any other 5xx
}
HTML_STATUSES = (400, 401, 403, 404, 409, 429, 500, 502, 503, 504)
PHRASES = {
    400: "Bad Request",
    401: "Unauthorized",
    429: "Too Many Requests",
    503: "Service Unavailable",
}


@dataclass(frozen=True)
class Vendor:
    id: str
    data: dict[str, Any]

    @property
    def error(self) -> Any:
        prefix = self.data["vendor"].get("prefix") or self.id.capitalize()
        return getattr(catalog, f"{prefix}Error")

    @property
    def codes(self) -> Any:
        return self.error._codes

    @property
    def envelopes(self) -> list[dict[str, Any]]:
        return list(self.data["vendor"].get("response") or [])

    @property
    def success(self) -> list[int | str]:
        return list(self.data["vendor"].get("success") or [])

    @property
    def int_codes(self) -> bool:
        return bool(self.data["vendor"]["code_type"] == "int")

    def entry(self, **wanted: Any) -> dict[str, Any]:
        """The first entry with these field values (and no deprecation)."""
        for entry in self.data["codes"]:
            if not entry.get("deprecated") and all(entry.get(k) == v for k, v in wanted.items()):
                return dict(entry)
        pytest.skip(f"{self.id} has no entry with {wanted}")

    def respond(
        self, envelope: dict[str, Any], code: object = None, message: object = None, **extra: Any
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """A response body and headers in `envelope`'s shape."""
        body: dict[str, Any] = {}
        headers: dict[str, str] = {}
        if code is not None:
            if envelope.get("header"):
                headers[envelope["header"]] = str(code)
            else:
                _put(body, envelope["code"], code)
        if message is not None and envelope.get("message"):
            _put(body, envelope["message"], message)
        for path, value in extra.items():
            _put(body, path, value)
        return body, headers


def _put(body: dict[str, Any], path: str, value: object) -> None:
    *parents, last = path.split(".")
    for key in parents:
        body = body.setdefault(key, {})
    body[last] = value


@cache
def _vendor(vendor_id: str) -> Vendor:
    with (SCHEMAS / f"{vendor_id}.yaml").open(encoding="utf-8") as stream:
        return Vendor(vendor_id, YAML(typ="safe").load(stream))


@pytest.fixture(params=VENDORS)
def vendor(request: pytest.FixtureRequest) -> Vendor:
    return _vendor(request.param)


def _code_envelope(vendor: Vendor) -> dict[str, Any]:
    """The first envelope decided by its code alone (an error list or a body status decides
    on its own)."""
    for envelope in vendor.envelopes:
        if (envelope.get("code") or envelope.get("header")) and not (
            envelope.get("error") or envelope.get("status")
        ):
            return envelope
    pytest.skip(f"{vendor.id} has no envelope decided by its code alone")


def _is_unknown_of(error: object, vendor: Vendor, kind: Kind) -> None:
    assert isinstance(error, vendor.error) and isinstance(error, kind.exception), repr(error)
    assert isinstance(error, CatalogError) and error.code is None and error.kind is kind


# -- raw bodies --------------------------------------------------------------------------------


def test_a_raw_body_reads_as_its_json(vendor: Vendor) -> None:
    envelope = _code_envelope(vendor)
    entry = vendor.entry()
    body, headers = vendor.respond(envelope, entry["code"], "as sent")
    text = json.dumps(body, ensure_ascii=False)
    expected = vendor.codes.lookup(entry["code"]).exception
    for payload in (body, text, text.encode(), bytearray(text.encode()), "\ufeff" + text):
        error = vendor.error.from_response(payload, headers=headers)
        assert type(error) is expected, payload
        assert error.raw_code == entry["code"] and error.response == body
        assert error.message == ("as sent" if envelope.get("message") else entry["message"])
    for encoding in ("utf-8-sig", "utf-16", "utf-32"):
        error = vendor.error.from_response(text.encode(encoding), headers=headers)
        assert type(error) is expected, encoding


@pytest.mark.parametrize("status", HTML_STATUSES)
def test_an_html_error_page_is_an_error_of_its_status_kind(vendor: Vendor, status: int) -> None:
    page = f"<html><head><title>{status}</title></head><body><h1>{status}</h1></body></html>"
    kind = STATUS_KINDS[status]
    for payload in (page.encode(), page):
        error = vendor.error.from_response(payload, status=status)
        _is_unknown_of(error, vendor, kind)
        assert error.raw_code is None and error.response is None
        assert error.http_status == status and error.retryable is kind.retryable
        problem = error.to_problem()
        assert problem["status"] == status and problem["type"] == "about:blank"
        assert problem["kind"] == kind.value and problem["vendor"] == vendor.id
        if status in PHRASES:
            assert problem["title"] == PHRASES[status] and str(error) == PHRASES[status]
        with pytest.raises(kind.exception):
            vendor.error.raise_for_response(payload, status=status)
        with pytest.raises(vendor.error):
            catalog.raise_for_response(vendor.id, payload, status=status)


@pytest.mark.parametrize("status", sorted(STATUS_KINDS))
def test_every_error_status_gives_its_kind(vendor: Vendor, status: int) -> None:
    for payload in (None, b"", "", b"[]", [1, 2], b"null", b"\xff\xfe garbage", 42):
        _is_unknown_of(
            vendor.error.from_response(payload, status=status), vendor, STATUS_KINDS[status]
        )


def test_no_error_below_400_without_an_envelope_saying_so(vendor: Vendor) -> None:
    for status in (None, 200, 201, 204, 301, 399, -1, True):  # 600 and above fail
        for payload in (None, b"", b"<html>ok</html>", b"[]", {}, {"data": {"id": 1}}, [1]):
            assert vendor.error.from_response(payload, status=status) is None, (payload, status)
            assert vendor.error.raise_for_response(payload, status=status) is None


def test_a_status_as_text_or_an_http_status_member_counts() -> None:
    from http import HTTPStatus

    vendor = _vendor(VENDORS[0])
    for status in ("503", HTTPStatus.SERVICE_UNAVAILABLE):
        error = vendor.error.from_response(b"", status=status)
        _is_unknown_of(error, vendor, Kind.UNAVAILABLE)
        assert error.http_status == 503


# -- what an envelope says ---------------------------------------------------------------------


def test_a_known_code_gives_its_class_whatever_the_status(vendor: Vendor) -> None:
    envelope = _code_envelope(vendor)
    entry = vendor.entry()
    member = vendor.codes.lookup(entry["code"])
    body, headers = vendor.respond(envelope, entry["code"])
    for status in (None, 200, 400, 503):
        error = vendor.error.from_response(body, status=status, headers=headers)
        assert type(error) is member.exception and error.kind is member.kind
        documented = entry.get("http_status") or member.kind.http_status
        assert error.http_status == (status if status and status >= 400 else documented)
        assert error.to_problem()["status"] == error.http_status


def test_a_false_success_flag_fails_even_without_a_code(vendor: Vendor) -> None:
    envelopes = [e for e in vendor.envelopes if e.get("success")]
    if not envelopes:
        pytest.skip(f"{vendor.id} has no success flag")
    for envelope in envelopes:
        body, headers = vendor.respond(envelope, None, "oops", **{envelope["success"]: False})
        error = vendor.error.from_response(body, headers=headers)
        _is_unknown_of(error, vendor, Kind.UNKNOWN)
        assert error.message == "oops" and str(error) == "oops"
        _is_unknown_of(
            vendor.error.from_response(body, status=429), vendor, Kind.RESOURCE_EXHAUSTED
        )
        ok, _ = vendor.respond(envelope, None, None, **{envelope["success"]: True})
        assert vendor.error.from_response(ok) is None
        # A true flag wins over a code; an error status wins over a true flag.
        ok_with_code, _ = vendor.respond(
            envelope, vendor.entry()["code"], None, **{envelope["success"]: True}
        )
        assert vendor.error.from_response(ok_with_code) is None
        _is_unknown_of(vendor.error.from_response(ok, status=500), vendor, Kind.INTERNAL)


def test_a_code_that_is_not_a_success_code_fails(vendor: Vendor) -> None:
    envelope = _code_envelope(vendor)
    for raw in ("no-such-code", 987654321, False, True, 0.0, [], {"nested": 1}):
        body, headers = vendor.respond(envelope, raw)
        if envelope.get("header"):
            raw = str(raw)
        if vendor.codes.lookup(raw) is not None or raw in vendor.success:
            continue
        error = vendor.error.from_response(body, headers=headers)
        _is_unknown_of(error, vendor, Kind.UNKNOWN)
        assert error.raw_code == raw and type(error.raw_code) is type(raw)
    for success in vendor.success:
        for spelled in {success, str(success)}:
            body, headers = vendor.respond(envelope, spelled)
            assert vendor.error.from_response(body, headers=headers) is None, spelled
    for nothing in (None, "", "  "):
        body, headers = vendor.respond(envelope, nothing)
        assert vendor.error.from_response(body, headers=headers) is None, nothing


def test_a_declared_error_object_fails_even_without_a_code(vendor: Vendor) -> None:
    envelopes = [e for e in vendor.envelopes if e.get("error")]
    if not envelopes:
        pytest.skip(f"{vendor.id} declares no error object")
    for envelope in envelopes:
        body: dict[str, Any] = {}
        _put(body, envelope["error"], {"title": "Unauthorized"})
        if envelope.get("message"):
            _put(body, envelope["message"], "The request you have made requires authentication.")
        error = vendor.error.from_response(body, status=401)
        _is_unknown_of(error, vendor, Kind.UNAUTHENTICATED)
        assert error.http_status == 401 and error.to_problem()["status"] == 401
        if envelope.get("message"):
            assert error.message == "The request you have made requires authentication."
        _is_unknown_of(vendor.error.from_response(body), vendor, Kind.UNKNOWN)
        for not_an_error in ({}, "text", [], None):
            empty: dict[str, Any] = {}
            _put(empty, envelope["error"], not_an_error)
            assert vendor.error.from_response(empty) is None, not_an_error


def test_declared_details_are_copied(vendor: Vendor) -> None:
    for envelope in vendor.envelopes:
        fields = dict(envelope.get("details") or {})
        ids = envelope.get("request_id") or []
        if ids:  # the request id is a detail too, read from the first of its paths present
            fields["request_id"] = ids if isinstance(ids, str) else ids[0]
        if not fields or not (envelope.get("code") or envelope.get("header")):
            continue
        extra = {path: f"value of {path}" for path in fields.values()}
        body, headers = vendor.respond(envelope, vendor.entry()["code"], None, **extra)
        error = vendor.error.from_response(body, headers=headers)
        assert error.details == {name: f"value of {path}" for name, path in fields.items()}
        assert pickle.loads(pickle.dumps(error)).details == error.details


def test_blank_received_messages_give_the_catalogs(vendor: Vendor) -> None:
    envelope = _code_envelope(vendor)
    if not envelope.get("message"):
        pytest.skip(f"{vendor.id}'s envelope has no message")
    entry = vendor.entry()
    for blank in ("", "   ", "\n", None, [], ["", " "], {"text": "x"}, 12):
        body, headers = vendor.respond(envelope, entry["code"], blank)
        error = vendor.error.from_response(body, headers=headers)
        assert error.message == entry["message"], blank
        assert str(error) == f"[{entry['code']}] {entry['message']}"
    body, headers = vendor.respond(envelope, entry["code"], ["first line", "", "second line"])
    assert vendor.error.from_response(body, headers=headers).message == "first line\nsecond line"


# -- headers -----------------------------------------------------------------------------------


def _header_envelopes() -> list[tuple[str, dict[str, Any]]]:
    return [
        (vendor_id, envelope)
        for vendor_id in VENDORS
        for envelope in _vendor(vendor_id).envelopes
        if envelope.get("header")
    ]


@pytest.mark.parametrize("vendor_id, envelope", _header_envelopes())
def test_a_header_code_is_read_case_insensitively_from_any_headers(
    vendor_id: str, envelope: dict[str, Any]
) -> None:
    vendor = _vendor(vendor_id)
    entry = vendor.entry()
    member = vendor.codes.lookup(entry["code"])
    name = envelope["header"]
    code = str(entry["code"])
    message = email.message.Message()  # what urllib's responses carry
    message[name.upper()] = code
    for headers in (
        {name: code},
        {name.upper(): code},
        {name.title(): f"  {code} "},
        {name: [code, "ignored"]},
        {name.encode(): code.encode()},
        [(name.title().encode(), code.encode())],  # raw pairs, as ASGI servers give them
        message,
    ):
        error = vendor.error.from_response(b"", status=400, headers=headers)
        assert type(error) is member.exception, headers
        assert error.http_status == 400
    assert vendor.error.from_response(b"", headers={f"x-{name}": code}) is None


def test_mtauth_errors_as_its_exception_handler_sends_them() -> None:
    """mt-common's GlobalExceptionHandler: the code in the error-code header, an error id in
    x-mt-error-id, a body of message lines and the error id, and the exception's status."""
    vendor = _vendor("mtauth")
    member = vendor.codes.lookup("0061")
    body = b'{"errors":["value not match"],"errorId":"2b1e9f0c-5d2a-4c47-9e0a-1f3f1c1b2a10"}'
    headers = {"Error-Code": "0061", "X-Mt-Error-Id": "2b1e9f0c-5d2a-4c47-9e0a-1f3f1c1b2a10"}
    error = vendor.error.from_response(body, status=400, headers=headers)
    assert type(error) is member.exception and error.raw_code == "0061"
    assert error.message == "value not match" and str(error) == "[0061] value not match"
    assert error.details == {
        "error_id": "2b1e9f0c-5d2a-4c47-9e0a-1f3f1c1b2a10",
        "request_id": "2b1e9f0c-5d2a-4c47-9e0a-1f3f1c1b2a10",
    }
    assert error.request_id == "2b1e9f0c-5d2a-4c47-9e0a-1f3f1c1b2a10"
    assert error.http_status == 400
    english = dict(vendor.entry(code="0061").get("translations") or {}).get("en")
    assert english and error.to_problem(locale="en")["title"] == english
    assert error.to_problem()["title"] == member.message  # the vendor's language by default
    assert error.message_for("en") == english
    # A failure the handler sends without a code (a 500): an error of the status's kind.
    internal = vendor.error.from_response(b'{"errors":["boom"],"errorId":"e-1"}', status=500)
    _is_unknown_of(internal, vendor, Kind.INTERNAL)
    assert internal.message == "boom" and internal.details == {
        "error_id": "e-1",
        "request_id": "e-1",
    }


def test_iam_keystone_errors_and_request_ids() -> None:
    vendor = _vendor("iam")
    keystone = {
        "error": {
            "code": 401,
            "title": "Unauthorized",
            "message": "The request you have made requires authentication.",
        }
    }
    error = vendor.error.from_response(json.dumps(keystone).encode(), status=401)
    _is_unknown_of(error, vendor, Kind.UNAUTHENTICATED)
    assert error.raw_code == 401 and error.http_status == 401
    assert error.to_problem()["status"] == 401
    with pytest.raises(catalog.UnauthenticatedError):
        catalog.raise_for_response("iam", keystone, status=401)
    gateway = {
        "error_msg": "Incorrect IAM authentication information",
        "error_code": "IAM.0061",
        "request_id": "7775eaa6b4bbe5934e565349bd27c298",
    }
    error = vendor.error.from_response(gateway, status=401)
    assert error.code is vendor.codes.lookup("IAM.0061")
    assert error.details == {"request_id": "7775eaa6b4bbe5934e565349bd27c298"}


@pytest.mark.parametrize("status", [200, 201, 204, None])
def test_iam_successes_with_a_top_level_message_are_successes(status: int | None) -> None:
    # Two IAM responses carry a top-level `message` on success (CreateMetadataResponse and
    # DeleteCustomPolicyResponse in huaweicloud-sdk-python-v3's huaweicloudsdkiam v3 models):
    # a message without a code decides nothing, so they read as successes.
    body = {"message": "success"}
    assert catalog.from_response("iam", body, status=status) is None
    assert catalog.from_response("iam", json.dumps(body).encode(), status=status) is None
    catalog.raise_for_response("iam", body, status=status)


def test_authing_v3_sign_in_flow_end_is_a_success_and_its_steps_are_not() -> None:
    # Authing's login UI ends the flow on statusCode 3xx with apiCode 1600 and opens a step for
    # any other 3xx apiCode (Authing/Guard packages/guard-core-v4/src/_utils/responseManagement/
    # index.ts errorCodeInterceptor).
    end = {"statusCode": 302, "apiCode": 1600, "message": "ok", "data": {"user": {"id": "u1"}}}
    assert catalog.from_response("authing", end, status=200) is None
    step = {"statusCode": 301, "apiCode": 1636, "message": "需要进行二次认证", "data": {}}
    error = catalog.from_response("authing", step, status=200)
    assert isinstance(error, catalog.FailedPreconditionError) and error.raw_code == 1636
    for status in (400, 403, 500):  # a failing status in the body fails, whatever the code
        failed = catalog.from_response("authing", {"statusCode": status, "apiCode": 1600})
        assert failed is not None and failed.http_status == status


def test_tuya_failures_without_a_known_code() -> None:
    vendor = _vendor("tuya")
    oops = vendor.error.from_response({"success": False, "msg": "oops", "tid": "t-1"})
    _is_unknown_of(oops, vendor, Kind.UNKNOWN)
    assert oops.message == "oops" and oops.details == {"request_id": "t-1"}
    busy = vendor.error.from_response(
        b"<html>503 Service Temporarily Unavailable</html>", status=503
    )
    _is_unknown_of(busy, vendor, Kind.UNAVAILABLE)
    assert busy.retryable
    empty = vendor.error.from_response({"success": False, "code": 1010, "msg": ""})
    assert str(empty) == "[1010] token is expired"


# -- one rule for codes ------------------------------------------------------------------------


def _other_digits(text: str, zero: str) -> str:
    return "".join(chr(ord(zero) + int(char)) for char in text)


def _not_codes(code: int | str) -> list[object]:
    text = str(code)
    values: list[object] = [
        True,
        False,
        "²",
        "①",
        "1" * 5000,
        10**5000,
        float("nan"),
        b"1010",
        [code],
        {"code": code},
        None,
    ]
    if isinstance(code, int):
        values += [float(code), Decimal(code), complex(code), f"{code}.0", f"{code}e0"]
        values += [_other_digits(text, zero) for zero in ("０", "٠", "०", "𝟎")]
        values += ["".join("⁰¹²³⁴⁵⁶⁷⁸⁹"[int(c)] for c in text)]
    return values


def test_one_rule_for_codes_in_every_function(vendor: Vendor) -> None:
    entry = vendor.entry()
    member = vendor.codes.lookup(entry["code"])
    code = entry["code"]
    same = [code, str(code), f" {code} ", f"{code}\n"]
    if vendor.int_codes:
        same += [f"+{code}", f"0{code}"]
    elif str(code).isdigit() and not str(code).startswith("0"):
        same += [int(code)]
    envelope = _code_envelope(vendor)
    for spelled in same:
        assert vendor.codes.lookup(spelled) is member, spelled
        assert catalog.lookup(vendor.id, spelled) is member, spelled
        error = vendor.error.from_code(spelled)
        assert type(error) is member.exception and error.raw_code == spelled
        body, headers = vendor.respond(envelope, spelled)
        assert type(vendor.error.from_response(body, headers=headers)) is member.exception
    for value in _not_codes(code):
        assert vendor.codes.lookup(value) is None, value
        assert catalog.lookup(vendor.id, value) is None, value
        error = vendor.error.from_code(value)
        _is_unknown_of(error, vendor, Kind.UNKNOWN)
        assert error.raw_code is value
        str(error), repr(error), error.to_problem(), pickle.dumps(error)


def test_one_rule_before_and_after_the_per_code_classes_load() -> None:
    """The first from_code goes through lookup(); later ones through the class table."""
    result = run_python(
        """
        import sys
        from decimal import Decimal
        from catalog import TuyaError
        values = (1010, "1010", " 1010 ", 1400, "1400", True, 1010.0, Decimal(1010), "¹⁰¹⁰", "1" * 5000)
        def answers():
            return [(type(e).__name__, e.code and e.code.name) for e in map(TuyaError.from_code, values)]
        first = answers()
        assert "catalog.tuya.errors" in sys.modules
        assert answers() == first, (answers(), first)
        print(first)
        """,
        GENERATED,
    )
    assert result.status == 0, result.stderr
    expected = [("TokenExpiredError", "TOKEN_EXPIRED")] * 3 + [
        ("TokenInvalidError", "TOKEN_INVALID")
    ] * 2
    assert result.stdout.strip() == str(expected + [("TuyaError", None)] * 5)


def test_from_code_keywords_mean_what_they_say(vendor: Vendor) -> None:
    entry = vendor.entry()
    payload = {"code": entry["code"]}
    for code in (entry["code"], "no-such-code"):
        error = vendor.error.from_code(code, response=payload)
        assert error.response is payload and "response" not in error.details
        kept = vendor.error.from_code(code, raw_code=5)  # type: ignore[arg-type]
        assert kept.raw_code == code and kept.details == {"raw_code": 5}
        detailed = vendor.error.from_code(code, "text", request_id="r-1")
        assert detailed.details == {"request_id": "r-1"} and detailed.message == "text"


# -- the top level, pickling -------------------------------------------------------------------


def test_the_top_level_functions_by_vendor_id(vendor: Vendor) -> None:
    envelope = _code_envelope(vendor)
    entry = vendor.entry()
    body, headers = vendor.respond(envelope, entry["code"])
    error = catalog.from_response(vendor.id, json.dumps(body), headers=headers)
    assert type(error) is vendor.codes.lookup(entry["code"]).exception
    assert catalog.from_response(vendor.id, None) is None
    with pytest.raises(vendor.error):
        catalog.raise_for_response(vendor.id, body, headers=headers)
    assert catalog.raise_for_response(vendor.id, {}) is None


def test_an_unknown_vendor_id_is_refused() -> None:
    for vendor_id in ("no-such-vendor", "", None, ["iam"], 1):
        with pytest.raises(ValueError, match="unknown vendor id"):
            catalog.from_response(vendor_id, b"", status=500)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="unknown vendor id"):
            catalog.raise_for_response(vendor_id, b"", status=500)  # type: ignore[arg-type]


def test_errors_of_unknown_codes_pickle_and_copy_with_their_kind(vendor: Vendor) -> None:
    error = vendor.error.from_response(b'{"x": 1}', status=503)
    for clone in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert type(clone) is type(error)
        assert isinstance(clone, catalog.UnavailableError) and isinstance(clone, vendor.error)
        assert (clone.http_status, clone.message, clone.response) == (503, error.message, {"x": 1})


# -- the README --------------------------------------------------------------------------------


def _readme_boundary_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## At the HTTP boundary", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^```python\n(.*?)^```", section, flags=re.M | re.S)


def test_the_readme_boundary_examples_pass_mypy_strict(tmp_path: Path) -> None:
    blocks = _readme_boundary_blocks()
    assert blocks, "README.md has no python block under 'At the HTTP boundary'"
    for index, block in enumerate(blocks):
        (tmp_path / f"block_{index}.py").write_text(block, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--warn-unreachable", "--no-incremental", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(GENERATED), "PATH": "/usr/bin:/bin"},
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


# -- declaring envelopes -----------------------------------------------------------------------

ENVELOPE = "    - {code: code, message: msg}\n"


@pytest.mark.parametrize(
    "envelope, problem",
    [
        (
            "    - {details: {rid: rid}}\n",
            "a 'response' envelope needs one of the keys 'code', 'header', 'error', 'status'",
        ),
        ("    - {code: code, request_id: []}\n", "'request_id' of a 'response' envelope"),
        ("    - {header: 'error code'}\n", "'header' of a 'response' envelope is 'error code'"),
        (
            "    - {code: code, details: {request-id: rid}}\n",
            "key 'request-id' in 'details': use an identifier",
        ),
        ("    - {code: code, details: {rid: 'a..b'}}\n", "'rid' of 'details' is 'a..b'"),
        ("    - {code: code, error: 3}\n", "'error' of a 'response' envelope must be a string"),
        ("    - {code: code, detials: {rid: rid}}\n", "did you mean 'details'?"),
    ],
)
def test_an_envelope_the_loader_and_the_json_schema_refuse(
    write_schema: Any, envelope: str, problem: str
) -> None:
    from jsonschema import Draft202012Validator
    from ruamel.yaml import YAML as Yaml

    from tests.conftest import MINIMAL, run_codegen

    text = MINIMAL.replace(ENVELOPE, envelope)
    result = run_codegen("lint", "--schemas", write_schema(text))
    assert result.status == 2 and problem in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    schema = json.loads((SCHEMAS / "catalog.schema.json").read_text(encoding="utf-8"))
    assert not Draft202012Validator(schema).is_valid(Yaml(typ="safe").load(text))


def test_envelopes_the_loader_and_the_json_schema_accept(write_schema: Any, tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator
    from ruamel.yaml import YAML as Yaml

    from tests.conftest import MINIMAL, run_codegen

    envelopes = (
        "    - {header: X-Error-Code, message: errors, details: {error_id: errorId}}\n"
        "    - {error: error, message: error.message, details: {rid: error.request_id}}\n"
        "    - {code: errors.0.code, message: errors.0.message}\n"
    )
    text = MINIMAL.replace(ENVELOPE, envelopes)
    schema = json.loads((SCHEMAS / "catalog.schema.json").read_text(encoding="utf-8"))
    assert Draft202012Validator(schema).is_valid(Yaml(typ="safe").load(text))
    result = run_codegen("generate", "--schemas", write_schema(text), "--out", tmp_path / "out")
    assert result.status == 0, result.stderr
    probe = run_python(
        """
        from catalog import AcmeError
        a = AcmeError.from_response(b'{"errors": ["no"], "errorId": "e"}', headers={"x-error-code": "1001"})
        b = AcmeError.from_response({"error": {"message": "gone", "request_id": "r"}}, status=404)
        c = AcmeError.from_response({"errors": [{"code": 1002, "message": "slow down"}]})
        print(type(a).__name__, a.details, type(b).__name__, b.message, b.details, type(c).__name__, c)
        """,
        tmp_path / "out",
    )
    assert probe.status == 0, probe.stderr
    assert probe.stdout.split() == [
        "TokenExpiredError",
        "{'error_id':",
        "'e'}",
        "AcmeError",
        "gone",
        "{'rid':",
        "'r'}",
        "TooManyRequestsError",
        "[1002]",
        "slow",
        "down",
    ]
