"""from_http_response reads each client's response object as from_response reads the body,
status and headers the server sent: every vendor's real responses, over real HTTP."""

from __future__ import annotations

import asyncio
import urllib.request
from typing import Any

import httpx
import pytest
import requests

import catalog
from catalog import CatalogError, IamError, TuyaError, UnavailableError
from tests.clients import cases, fetch
from tests.clients.server import Server


def reading(error: CatalogError | None) -> tuple[Any, ...] | None:
    """What a reader tells about a response: its class, message, code, details and status."""
    if error is None:
        return None
    return type(error), error.args, error.http_status, error.retry_after


def expected(vendor: str, case: dict[str, Any]) -> tuple[Any, ...] | None:
    return reading(cases.read_as_sent(vendor, case))


@pytest.mark.parametrize(("vendor", "case"), cases.CASES, ids=cases.IDS)
def test_requests(server: Server, vendor: str, case: dict[str, Any]) -> None:
    response = fetch.with_requests(server.url(cases.path(vendor, case)))
    error = catalog.from_http_response(vendor, response)
    assert reading(error) == expected(vendor, case)
    assert error is None or error.response is response


@pytest.mark.parametrize(("vendor", "case"), cases.CASES, ids=cases.IDS)
def test_httpx(server: Server, vendor: str, case: dict[str, Any]) -> None:
    response = fetch.with_httpx(server.url(cases.path(vendor, case)))
    error = catalog.from_http_response(vendor, response)
    assert reading(error) == expected(vendor, case)
    assert error is None or error.response is response


@pytest.mark.parametrize(("vendor", "case"), cases.CASES, ids=cases.IDS)
def test_urllib(server: Server, vendor: str, case: dict[str, Any]) -> None:
    response = fetch.with_urllib(server.url(cases.path(vendor, case)))
    with response:
        error = catalog.from_http_response(vendor, response)
    assert reading(error) == expected(vendor, case)
    assert error is None or error.response is response


@pytest.mark.parametrize(("vendor", "case"), cases.CASES, ids=cases.IDS)
def test_httpx_async(server: Server, vendor: str, case: dict[str, Any]) -> None:
    async def read(response: httpx.Response) -> CatalogError | None:
        return await catalog.from_http_response_async(vendor, response)

    error = fetch.with_httpx_async(server.url(cases.path(vendor, case)), read)
    assert reading(error) == expected(vendor, case)


@pytest.mark.parametrize(("vendor", "case"), cases.CASES, ids=cases.IDS)
def test_aiohttp(server: Server, vendor: str, case: dict[str, Any]) -> None:
    async def read(response: Any) -> tuple[Any, ...]:
        error = await catalog.from_http_response_async(vendor, response)
        return reading(error), error is None or error.response is response, await response.read()

    result, kept, body = fetch.with_aiohttp(server.url(cases.path(vendor, case)), read)
    assert result == expected(vendor, case)
    assert kept
    assert body == cases.body(case)


def test_a_success_is_none_and_its_body_stays_readable(server: Server) -> None:
    response = fetch.with_requests(server.url("/success"))
    assert TuyaError.from_http_response(response) is None
    TuyaError.raise_for_http_response(response)
    assert response.json()["success"] is True
    streamed = httpx.get(server.url("/success"))
    assert TuyaError.from_http_response(streamed) is None
    assert streamed.json()["success"] is True


def test_an_html_502_is_unavailable_with_the_status_phrase(server: Server) -> None:
    for response in (
        fetch.with_requests(server.url("/html-502")),
        fetch.with_httpx(server.url("/html-502")),
        fetch.with_urllib(server.url("/html-502")),
    ):
        error = IamError.from_http_response(response)
        assert isinstance(error, IamError) and isinstance(error, UnavailableError)
        assert error.code is None and error.http_status == 502
        assert error.response is response
        with pytest.raises(UnavailableError):
            IamError.raise_for_http_response(response)


def test_raise_for_http_response_raises_what_from_http_response_returns(server: Server) -> None:
    response = fetch.with_requests(server.url("/corpus/tuya/token-invalid-1010"))
    error = TuyaError.from_http_response(response)
    assert error is not None
    with pytest.raises(TuyaError) as raised:
        catalog.raise_for_http_response("tuya", response)
    assert reading(raised.value) == reading(error)

    async def raise_async(response: Any) -> None:
        await catalog.raise_for_http_response_async("tuya", response)

    with pytest.raises(TuyaError) as raised:
        fetch.with_aiohttp(server.url("/corpus/tuya/token-invalid-1010"), raise_async)
    assert reading(raised.value) == reading(error)
    with pytest.raises(TuyaError) as raised:
        fetch.with_httpx_async(
            server.url("/corpus/tuya/token-invalid-1010"),
            TuyaError.raise_for_http_response_async,
        )
    assert reading(raised.value) == reading(error)


def test_a_urllib_success_is_read(server: Server) -> None:
    with urllib.request.urlopen(server.url("/corpus/tuya/token-invalid-1010")) as response:
        error = TuyaError.from_http_response(response)
    assert error is not None and error.raw_code == 1010


def test_an_unread_httpx_response_is_read(server: Server) -> None:
    with httpx.Client() as client:
        with client.stream("GET", server.url("/corpus/tuya/token-invalid-1010")) as response:
            error = TuyaError.from_http_response(response)
            assert error is not None and error.raw_code == 1010
            assert response.json()["code"] == 1010  # the client keeps the body it read


def test_an_aiohttp_response_must_be_awaited(server: Server) -> None:
    async def read_sync(response: Any) -> None:
        TuyaError.from_http_response(response)

    with pytest.raises(TypeError, match="from_http_response_async"):
        fetch.with_aiohttp(server.url("/success"), read_sync)


class Bare:
    """Something that is no response."""


@pytest.mark.parametrize("response", [Bare(), None, b"{}", {"status_code": 400}])
def test_an_object_that_is_no_response_is_a_type_error(response: object) -> None:
    needs = r"`status_code` or `status`.*`content`.*`read\(\)`"
    with pytest.raises(TypeError, match=needs):
        IamError.from_http_response(response)
    with pytest.raises(TypeError, match=needs):
        asyncio.run(IamError.from_http_response_async(response))


def test_a_response_with_a_status_but_no_body_is_a_type_error() -> None:
    class StatusOnly:
        status_code = 500
        headers: dict[str, str] = {}

    with pytest.raises(TypeError, match="StatusOnly has no body"):
        IamError.from_http_response(StatusOnly())


def test_any_object_with_a_status_headers_and_a_body_is_a_response() -> None:
    class Minimal:
        status = 429
        headers = {"retry-after": "3"}
        content = b'{"error_code": "APIGW.0308", "error_msg": "throttled"}'

    error = IamError.from_http_response(Minimal())
    assert error is not None and error.raw_code == "APIGW.0308" and error.retry_after == 3.0


def test_an_unknown_vendor_id_is_a_value_error(server: Server) -> None:
    response = fetch.with_requests(server.url("/success"))
    with pytest.raises(ValueError, match="'tuya'"):
        catalog.from_http_response("nope", response)
    with pytest.raises(ValueError, match="'tuya'"):
        asyncio.run(catalog.from_http_response_async("nope", response))


def test_requests_own_status_check_agrees(server: Server) -> None:
    response = fetch.with_requests(server.url("/corpus/iam/apigw-0301-ak-not-exist"))
    with pytest.raises(requests.HTTPError):
        response.raise_for_status()
    error = IamError.from_http_response(response)
    assert error is not None and error.http_status == response.status_code == 401
