"""Every vendor's real responses read right: the cited corpus in tests/corpus/<vendor>.json.

Each case is a response as found (status, headers, body; `source` says where, `what` what it
is) and what a client needs from it: None for a success; for a failure the error's class, kind,
code as received, message, HTTP status, request id and details. Each file's `traffic` says how
real its cases are (captured, quoted by the vendor's SDKs or docs, or built from the server's
source where nothing public was captured).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import catalog
from catalog import CatalogError
from tests.clients.cases import CASES, FILES, IDS


def _raw(body: object) -> bytes:
    """The body as the wire carried it: JSON as UTF-8 bytes, text as its bytes."""
    if isinstance(body, str):
        return body.encode()
    return json.dumps(body, ensure_ascii=False).encode()


def _reading(error: CatalogError | None) -> dict[str, Any] | None:
    if error is None:
        return None
    return {
        "class": type(error).__qualname__,
        "kind": str(error.kind),
        "code": error.raw_code,
        "message": error.message,
        "http_status": error.http_status,
        "request_id": error.request_id,
        "details": error.details,
    }


def test_the_corpus_covers_every_vendor_and_cites_every_case() -> None:
    assert set(FILES) == set(catalog.vendors())
    assert len(CASES) >= 40
    for vendor, file in FILES.items():
        assert file["vendor"] == vendor and file["traffic"].strip()
        ids = [case["id"] for case in file["cases"]]
        assert len(ids) == len(set(ids)), vendor
        assert any(case["expect"] is None for case in file["cases"]), f"{vendor}: no success"
    for _, case in CASES:
        assert case["source"].strip() and case["what"].strip(), case["id"]


@pytest.mark.parametrize(("vendor", "case"), CASES, ids=IDS)
def test_a_real_response_reads_as_the_client_needs(vendor: str, case: dict[str, Any]) -> None:
    status, headers, body = case["status"], case["headers"], case["body"]
    vendor_error = _vendor_error(vendor)
    error = vendor_error.from_response(_raw(body), status=status, headers=headers)
    assert _reading(error) == case["expect"]
    # The same from the parsed body, and through the top-level function.
    if isinstance(body, dict):
        parsed = vendor_error.from_response(body, status=status, headers=headers)
        assert _reading(parsed) == case["expect"]
    top = catalog.from_response(vendor, _raw(body), status=status, headers=headers)
    assert _reading(top) == case["expect"]
    if error is None:
        vendor_error.raise_for_response(_raw(body), status=status, headers=headers)
        return
    with pytest.raises(vendor_error) as raised:
        vendor_error.raise_for_response(_raw(body), status=status, headers=headers)
    assert _reading(raised.value) == case["expect"]
    # What every failure promises: a received error status is its status, and its problem
    # never calls an error without a status a server error.
    if status >= 400:
        assert error.http_status == status
    problem = error.to_problem()
    assert problem.get("status") == error.http_status
    if error.http_status is None:
        assert problem["title"] != "Internal Server Error"


def _vendor_error(vendor: str) -> type[catalog.VendorError]:
    """The vendor's `<Prefix>Error`."""
    module = __import__(f"catalog.{vendor}", fromlist=["x"])
    found: type[catalog.VendorError] = next(
        value
        for value in vars(module).values()
        if isinstance(value, type) and value.__bases__ == (catalog.VendorError,)
    )
    return found
