"""One rule for what a status may be, and a status of 400 or more is a failure in every form.

A status is an int (not a bool) or an int subclass (`HTTPStatus`), ASCII digits as text or bytes
(surrounding whitespace allowed), or a number of integral value (503.0, `Decimal(503)`). 100-599
are HTTP statuses; a larger one (600, 999, 10**100) is still a failure, of kind `unknown` and
without an HTTP status of its own. A status that cannot be read is ignored for the kind, and
never turns a failing body into a success.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from http import HTTPStatus

import pytest

import catalog
from catalog import TuyaError, UnavailableError, UnknownError

FAILING_BODY = {"success": False, "code": 987654, "msg": "no such code"}


@pytest.mark.parametrize(
    "status",
    [503, HTTPStatus.SERVICE_UNAVAILABLE, "503", " 503 ", "503\n", b"503", b" 503\r\n",
     bytearray(b"503"), 503.0, Decimal(503), Decimal("503.000"), Fraction(503), "0503"],
    ids=repr,
)  # fmt: skip
def test_every_spelling_of_503_reads_as_503(status: object) -> None:
    error = TuyaError.from_response(b"", status=status)  # type: ignore[arg-type]

    assert isinstance(error, UnavailableError)
    assert error.http_status == 503
    assert catalog.from_response("tuya", b"", status=status) is not None


@pytest.mark.parametrize(
    "status", [600, 999, 1000, 10**100, "999", b"600", "1" + "0" * 100, 999.0, Decimal(10**100)],
    ids=lambda status: repr(status)[:20],
)  # fmt: skip
def test_a_failing_status_that_is_no_http_status_still_fails(status: object) -> None:
    error = TuyaError.from_response(b"", status=status)  # type: ignore[arg-type]

    assert isinstance(error, UnknownError)
    assert error.code is None
    assert error.kind == "unknown"
    assert error.http_status is None or error.http_status < 600  # never the status received
    with pytest.raises(TuyaError):
        catalog.raise_for_response("tuya", b"", status=status)


@pytest.mark.parametrize(
    "status",
    [None, True, False, "", " ", b" ", "5O3", "503.0", "+503", "-503", "٥٠٣", 503.5, float("nan"),
     float("inf"), Decimal("NaN"), Decimal("503.5"), [503], {"status": 503}, object()],
    ids=lambda status: "object()" if type(status) is object else repr(status),  # stable for xdist
)  # fmt: skip
def test_an_unreadable_status_never_turns_a_failing_body_into_a_success(status: object) -> None:
    error = TuyaError.from_response(FAILING_BODY, status=status)  # type: ignore[arg-type]

    assert isinstance(error, UnknownError) and error.raw_code == 987654
    assert error.kind == "unknown"  # the status was ignored for the kind


@pytest.mark.parametrize("status", [200, "200", b"204", 201.0, Decimal(200), -1, 0, 399])
def test_a_status_below_400_with_a_successful_body_is_a_success(status: object) -> None:
    assert TuyaError.from_response({"success": True}, status=status) is None  # type: ignore[arg-type]


class Hostile:
    def __float__(self) -> float:
        raise RuntimeError("no")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no")

    __hash__ = object.__hash__


def test_a_status_that_refuses_to_be_read_is_ignored() -> None:
    assert TuyaError.from_response({"success": True}, status=Hostile()) is None  # type: ignore[arg-type]
    error = TuyaError.from_response(FAILING_BODY, status=Hostile())  # type: ignore[arg-type]
    assert isinstance(error, UnknownError)


@pytest.mark.parametrize("body", [{}, b"{}", "{}"], ids=["mapping", "bytes", "text"])
@pytest.mark.parametrize("status", [600, 999, 10**100])
def test_a_status_past_599_fails_without_an_http_status_on_every_path(
    body: object, status: int
) -> None:
    # An empty JSON object takes the short path of every vendor whose first envelope reads
    # top-level keys; it must read a status as the general path does.
    for vendor_id in catalog.vendors():
        error = catalog.from_response(vendor_id, body, status=status)
        assert error is not None and error.http_status is None, vendor_id
        assert error.kind == "unknown" and "status" not in error.to_problem(), vendor_id
