"""One GET with each client, answering its response object (the one its users hold)."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import httpx
import requests

TIMEOUT = 10  # seconds: only a broken test waits this long, never a passing one


def with_requests(url: str) -> requests.Response:
    return requests.get(url, timeout=TIMEOUT)


def with_httpx(url: str) -> httpx.Response:
    return httpx.get(url, timeout=TIMEOUT)


def with_urllib(url: str) -> Any:
    """The response, or the HTTPError urllib raises for a status of 400 or more (a response
    too: status, headers and a body to read)."""
    try:
        return urllib.request.urlopen(url, timeout=TIMEOUT)
    except urllib.error.HTTPError as error:
        return error


def with_httpx_async(url: str, then: Callable[[httpx.Response], Awaitable[Any]]) -> Any:
    """`then(response)` on an AsyncClient's response, inside the client's lifetime."""

    async def run() -> Any:
        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            return await then(await client.get(url))

    return asyncio.run(run())


def with_aiohttp(url: str, then: Callable[[aiohttp.ClientResponse], Awaitable[Any]]) -> Any:
    """`then(response)` on an aiohttp response, before its body is read."""

    async def run() -> Any:
        timeout = aiohttp.ClientTimeout(total=TIMEOUT)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.get(url) as response:
                return await then(response)

    return asyncio.run(run())
