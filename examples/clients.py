"""catalog at the client's side: a hook per HTTP library, retries that honour Retry-After,
and log fields. The README shows the same lines.

This file is type-checked by `make test` (mypy --strict, pyright strict) with the libraries'
own types; nothing in it opens a connection until a function is called.
"""

from __future__ import annotations

import logging

import aiohttp
import httpx
import requests
import stamina
import tenacity

import catalog
from catalog import TuyaError

log = logging.getLogger("example")

# One line per client: each raises the vendor's error for a failed response.
session = requests.Session()
session.hooks["response"].append(catalog.hooks.requests("tuya"))
client = httpx.Client(event_hooks={"response": [catalog.hooks.httpx("tuya")]})
async_client = httpx.AsyncClient(event_hooks={"response": [catalog.hooks.httpx_async("tuya")]})


async def devices_aiohttp(url: str) -> object:
    async with aiohttp.ClientSession(raise_for_status=catalog.hooks.aiohttp("tuya")) as s:
        async with s.get(url) as response:
            return await response.json()


# Without a hook: read any client's response yourself.
def devices_urllib(url: str) -> bytes:
    import urllib.request

    with urllib.request.urlopen(url) as response:
        body: bytes = response.read()
    TuyaError.raise_for_response(body, status=response.status, headers=response.headers)
    return body


def devices_requests(url: str) -> object:
    response = requests.get(url, timeout=10)
    TuyaError.raise_for_http_response(response)
    return response.json()


# Retries: retryable errors only, waiting what the server asked (Retry-After) or 1 s.
@tenacity.retry(
    retry=tenacity.retry_if_exception(catalog.is_retryable),
    wait=tenacity.wait_exception(lambda exc: catalog.retry_wait(exc, 1.0)),
    stop=tenacity.stop_after_attempt(3),
)
def devices_tenacity(url: str) -> object:
    return session.get(url, timeout=10).json()


@stamina.retry(on=catalog.is_retryable, attempts=3)
def devices_stamina(url: str) -> object:
    return session.get(url, timeout=10).json()


# Logs and traces: the same fields for every vendor.
def devices_logged(url: str) -> object:
    try:
        return session.get(url, timeout=10).json()
    except TuyaError as exc:
        log.error("Tuya refused: %s", exc, extra=exc.log_fields())
        raise
