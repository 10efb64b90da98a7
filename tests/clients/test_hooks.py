"""catalog.hooks in the real clients: each raises the error from_response finds for the
response the server sent, lets a success through untouched, and leaves streams alone."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import aiohttp
import httpx
import pytest
import requests

import catalog
import catalog.hooks
from catalog import CatalogError, InternalError, TuyaError
from tests.clients import cases
from tests.clients.fetch import TIMEOUT
from tests.clients.server import Server


def reading(error: BaseException | None) -> tuple[Any, ...] | None:
    if not isinstance(error, CatalogError):
        return None
    return type(error), error.args, error.http_status


def expected(vendor: str, case: dict[str, Any]) -> tuple[Any, ...] | None:
    return reading(cases.read_as_sent(vendor, case))


def raised(call: Any) -> CatalogError | None:
    try:
        call()
    except CatalogError as error:
        return error
    return None


async def raised_async(call: Any) -> CatalogError | None:
    try:
        await call()
    except CatalogError as error:
        return error
    return None


@pytest.fixture(scope="module")
def sessions() -> Iterator[dict[str, Any]]:
    """A requests session and an httpx client per vendor, each with the vendor's hook."""
    made: dict[str, Any] = {}
    for vendor in catalog.vendors():
        session = requests.Session()
        session.hooks["response"].append(catalog.hooks.requests(vendor))
        made[f"requests-{vendor}"] = session
        made[f"httpx-{vendor}"] = httpx.Client(
            event_hooks={"response": [catalog.hooks.httpx(vendor)]},
            timeout=TIMEOUT,
        )
    yield made
    for session in made.values():
        session.close()


@pytest.mark.parametrize(("vendor", "case"), cases.CASES, ids=cases.IDS)
def test_requests_hook(server: Server, sessions: dict[str, Any], vendor: str, case: Any) -> None:
    url = server.url(cases.path(vendor, case))
    error = raised(lambda: sessions[f"requests-{vendor}"].get(url, timeout=TIMEOUT))
    assert reading(error) == expected(vendor, case)
    assert error is None or isinstance(error.response, requests.Response)


@pytest.mark.parametrize(("vendor", "case"), cases.CASES, ids=cases.IDS)
def test_httpx_hook(server: Server, sessions: dict[str, Any], vendor: str, case: Any) -> None:
    url = server.url(cases.path(vendor, case))
    error = raised(lambda: sessions[f"httpx-{vendor}"].get(url))
    assert reading(error) == expected(vendor, case)
    assert error is None or isinstance(error.response, httpx.Response)


@pytest.mark.parametrize(("vendor", "case"), cases.CASES, ids=cases.IDS)
def test_httpx_async_hook(server: Server, vendor: str, case: Any) -> None:
    url = server.url(cases.path(vendor, case))

    async def run() -> CatalogError | None:
        hooks = {"response": [catalog.hooks.httpx_async(vendor)]}
        async with httpx.AsyncClient(event_hooks=hooks, timeout=TIMEOUT) as client:
            return await raised_async(lambda: client.get(url))

    assert reading(asyncio.run(run())) == expected(vendor, case)


@pytest.mark.parametrize(("vendor", "case"), cases.CASES, ids=cases.IDS)
def test_aiohttp_hook(server: Server, vendor: str, case: Any) -> None:
    url = server.url(cases.path(vendor, case))

    async def run() -> tuple[CatalogError | None, bytes | None]:
        hook = catalog.hooks.aiohttp(vendor)
        async with aiohttp.ClientSession(raise_for_status=hook) as session:
            try:
                async with session.get(url) as response:
                    return None, await response.read()
            except CatalogError as error:
                return error, None

    error, body = asyncio.run(run())
    assert reading(error) == expected(vendor, case)
    if error is None:  # a success's body is there for the caller, whole
        assert body == cases.body(case)


def test_a_success_passes_untouched(server: Server, sessions: dict[str, Any]) -> None:
    response = sessions["requests-tuya"].get(server.url("/success"), timeout=TIMEOUT)
    assert response.json()["result"]["uid"] == "bay1671210199361OQS3"
    response = sessions["httpx-tuya"].get(server.url("/success"))
    assert response.json()["result"]["uid"] == "bay1671210199361OQS3"


@pytest.mark.parametrize("path", ["/stream/file", "/stream/events"])
def test_a_streamed_success_is_not_read(
    server: Server, sessions: dict[str, Any], path: str
) -> None:
    """The server holds back the end of the body: a hook that read it would wait (and fail
    the test with the client's read timeout); each hook returns at once, the body unsent."""
    url = server.url(path)
    with server.held():
        with sessions["requests-tuya"].get(url, stream=True, timeout=TIMEOUT):
            assert path not in server.served
        with sessions["httpx-tuya"].stream("GET", url) as streamed:
            assert not streamed.is_stream_consumed and path not in server.served

        async def run() -> None:
            hooks = {"response": [catalog.hooks.httpx_async("tuya")]}
            async with httpx.AsyncClient(event_hooks=hooks, timeout=TIMEOUT) as client:
                async with client.stream("GET", url) as streamed:
                    assert not streamed.is_stream_consumed and path not in server.served
            async with aiohttp.ClientSession(raise_for_status=catalog.hooks.aiohttp("tuya")) as s:
                async with s.get(url) as answer:
                    assert path not in server.served and answer.status == 200

        asyncio.run(run())


def test_a_streamed_body_once_released_is_the_callers(
    server: Server, sessions: dict[str, Any]
) -> None:
    with sessions["httpx-tuya"].stream("GET", server.url("/stream/file")) as streamed:
        assert streamed.read() == b"x" * 64


@pytest.mark.parametrize("path", ["/stream/failure", "/stream/json-failure"])
def test_a_streamed_failure_is_read_and_raised(
    server: Server, sessions: dict[str, Any], path: str
) -> None:
    url = server.url(path)
    errors = [raised(lambda: sessions["requests-tuya"].get(url, stream=True, timeout=TIMEOUT))]

    def stream() -> None:
        with sessions["httpx-tuya"].stream("GET", url):
            pass

    errors.append(raised(stream))

    async def run() -> list[CatalogError | None]:
        found = []
        hooks = {"response": [catalog.hooks.httpx_async("tuya")]}
        async with httpx.AsyncClient(event_hooks=hooks, timeout=TIMEOUT) as client:

            async def stream() -> None:
                async with client.stream("GET", url):
                    pass

            found.append(await raised_async(stream))
        async with aiohttp.ClientSession(raise_for_status=catalog.hooks.aiohttp("tuya")) as s:
            found.append(await raised_async(lambda: s.get(url)))
        return found

    errors += asyncio.run(run())
    for error in errors:
        assert isinstance(error, TuyaError)
        if path == "/stream/failure":
            assert isinstance(error, InternalError) and error.message == "busy"
        else:
            assert error.raw_code == 1010 and error.message == "token invalid"


@pytest.mark.parametrize("make", ["requests", "httpx", "httpx_async", "aiohttp"])
def test_a_hook_for_an_unknown_vendor_fails_when_made(make: str) -> None:
    with pytest.raises(ValueError, match="unknown vendor id 'nope'.*'tuya'"):
        getattr(catalog.hooks, make)("nope")


def test_catalog_hooks_is_reachable_from_catalog() -> None:
    import subprocess
    import sys

    code = "import catalog, sys; catalog.hooks.httpx('iam'); print('catalog.hooks' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "True", result.stderr
