"""Retry timing (`exc.retry_after`, `catalog.is_retryable`, `catalog.retry_wait`) and log
fields (`exc.log_fields()`), from what real clients receive."""

from __future__ import annotations

import logging
import pickle
import time
from email.utils import formatdate
from pathlib import Path
from typing import Any

import httpx
import pytest

import catalog
from catalog import IamError, MtAuthError, TuyaError, UnavailableError
from tests.clients import fetch
from tests.clients.server import RETRY_AFTER_DATE_SECONDS, Server
from tests.conftest import MINIMAL, run_codegen, run_python


def every_client(server: Server, path: str) -> list[Any]:
    """The error each client's response gives, read by from_http_response(_async)."""
    url = server.url(path)
    errors: list[Any] = [
        TuyaError.from_http_response(fetch.with_requests(url)),
        TuyaError.from_http_response(fetch.with_httpx(url)),
        TuyaError.from_http_response(fetch.with_urllib(url)),
        fetch.with_aiohttp(url, TuyaError.from_http_response_async),
        fetch.with_httpx_async(url, TuyaError.from_http_response_async),
    ]
    assert all(isinstance(error, UnavailableError) for error in errors)
    return errors


def test_retry_after_in_seconds(server: Server) -> None:
    assert [e.retry_after for e in every_client(server, "/retry-after-seconds")] == [7.0] * 5


def test_retry_after_as_an_http_date(server: Server) -> None:
    for error in every_client(server, "/retry-after-date"):
        # The server made the date when it started (maybe minutes ago, on a busy machine), to a
        # second: the wait left is what remains of the hour since then.
        elapsed = time.time() - server.started
        assert error.retry_after is not None
        assert (
            RETRY_AFTER_DATE_SECONDS - elapsed - 2 < error.retry_after <= RETRY_AFTER_DATE_SECONDS
        )


def test_retry_after_a_date_in_the_past_is_zero(server: Server) -> None:
    assert [e.retry_after for e in every_client(server, "/retry-after-past-date")] == [0.0] * 5


def test_retry_after_garbage_is_none(server: Server) -> None:
    assert [e.retry_after for e in every_client(server, "/retry-after-garbage")] == [None] * 5


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("7", 7.0),
        (" 120 ", 120.0),
        ("0", 0.0),
        ("1.5", 1.5),
        (7, 7.0),
        (b"7", 7.0),
        ("-1", None),
        ("", None),
        ("7 seconds", None),
        ("1e3", None),
        ("nan", None),
        ("١٢", None),  # digits, but not ASCII ones
        ("9" * 30, None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
        ("Wednesday, 21-Oct-15 07:28:00 GMT", 0.0),  # RFC 850, obsolete but allowed
        ("Wed, 32 Oct 2015 07:28:00 GMT", None),
        (True, None),
    ],
)
def test_retry_after_values(value: object, seconds: float | None) -> None:
    error = IamError.from_response(None, status=503, headers={"Retry-After": value})
    assert error is not None and error.retry_after == seconds


def test_retry_after_is_read_by_from_response_with_any_headers() -> None:
    headers = httpx.Headers({"retry-after": formatdate(usegmt=True)})
    error = IamError.from_response(b"", status=429, headers=headers)
    assert error is not None and error.retry_after is not None and error.retry_after <= 1.0


def test_retry_after_only_on_a_failure_and_none_without_headers() -> None:
    assert IamError.from_response(None, status=200, headers={"Retry-After": "7"}) is None
    assert IamError.from_code("IAM.0061").retry_after is None
    error = IamError.from_response(None, status=503)
    assert error is not None and error.retry_after is None


def test_retry_after_survives_pickling() -> None:
    error = IamError.from_response(None, status=503, headers={"Retry-After": "7"})
    assert pickle.loads(pickle.dumps(error)).retry_after == 7.0


def test_a_vendor_field_declared_for_retry_after(write_schema: Any, tmp_path: Path) -> None:
    envelope = "    - {code: code, message: msg}\n"
    assert envelope in MINIMAL
    text = MINIMAL.replace(envelope, "    - {code: code, message: msg, retry_after: wait.s}\n")
    result = run_codegen("generate", "--schemas", write_schema(text), "--out", tmp_path / "out")
    assert result.status == 0, result.stderr
    probe = run_python(
        """
        from catalog import AcmeError
        field = AcmeError.from_response({"code": 1002, "wait": {"s": 30}})
        both = AcmeError.from_response({"code": 1002, "wait": {"s": "2.5"}}, headers={"Retry-After": "9"})
        header = AcmeError.from_response({"code": 1002}, headers={"Retry-After": "9"})
        garbage = AcmeError.from_response({"code": 1002, "wait": {"s": "later"}}, headers={"Retry-After": "9"})
        print(field.retry_after, both.retry_after, header.retry_after, garbage.retry_after)
        """,
        tmp_path / "out",
    )
    assert probe.status == 0, probe.stderr
    assert probe.stdout.split() == ["30.0", "2.5", "9.0", "9.0"]


def test_is_retryable() -> None:
    busy = IamError.from_response(None, status=503)
    assert busy is not None and catalog.is_retryable(busy)
    assert not catalog.is_retryable(IamError.from_code("IAM.0061"))  # account locked
    assert catalog.is_retryable(TuyaError.from_code(500))  # "system error, please retry"
    assert not catalog.is_retryable(UnavailableError())  # not a vendor's error
    assert not catalog.is_retryable(ValueError("no"))
    assert not catalog.is_retryable(KeyboardInterrupt())


def test_retry_wait() -> None:
    error = IamError.from_response(None, status=503, headers={"Retry-After": "7"})
    assert error is not None and catalog.retry_wait(error, 1.5) == 7.0
    assert catalog.retry_wait(IamError.from_code("IAM.0061"), 1.5) == 1.5
    assert catalog.retry_wait(ValueError("no"), 2) == 2.0


def test_log_fields_of_a_known_code(server: Server) -> None:
    response = fetch.with_requests(server.url("/corpus/tuya/token-invalid-1010"))
    error = TuyaError.from_http_response(response)
    assert error is not None
    fields = error.log_fields()
    assert fields["error.type"] == f"catalog.tuya.{type(error).__name__}"
    assert fields["catalog.vendor"] == "tuya"
    assert fields["catalog.code"] == 1010
    assert fields["catalog.kind"] == "unauthenticated"
    assert fields["catalog.retryable"] is False
    # The type is importable from where it says.
    module, _, name = str(fields["error.type"]).rpartition(".")
    assert getattr(__import__(module, fromlist=[name]), name) is type(error)


def test_log_fields_of_an_unknown_code_name_the_vendors_public_class() -> None:
    error = IamError.from_response({"error_code": "IAM.9999", "error_msg": "?"}, status=502)
    assert error is not None
    assert error.log_fields() == {
        "error.type": "catalog.iam.IamError",
        "catalog.vendor": "iam",
        "catalog.code": "IAM.9999",
        "catalog.kind": "unavailable",
        "catalog.retryable": True,
        "http.response.status_code": 502,
    }


def test_log_fields_carry_the_request_id(server: Server) -> None:
    response = fetch.with_httpx(server.url("/corpus/iam/sdk-core-flat-error-code-msg"))
    error = IamError.from_http_response(response)
    assert error is not None
    request_id = error.details.get("request_id")
    fields = error.log_fields()
    if request_id is None:
        assert "catalog.request_id" not in fields
    else:
        assert fields["catalog.request_id"] == str(request_id)
    assert fields["http.response.status_code"] == 400
    coded = MtAuthError.from_code("1000", request_id=12)
    assert coded.log_fields()["catalog.request_id"] == "12"


def test_log_fields_go_into_a_log_record(caplog: pytest.LogCaptureFixture) -> None:
    error = IamError.from_code("IAM.0061")
    with caplog.at_level(logging.ERROR):
        logging.getLogger("app").error("IAM refused", extra=error.log_fields())
    (record,) = caplog.records
    assert record.__dict__["catalog.code"] == "IAM.0061"
    assert record.__dict__["error.type"] == "catalog.iam.AccountLockedError"
