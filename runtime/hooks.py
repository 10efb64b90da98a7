"""One line per HTTP client: the hook each library calls on every response, raising the error
of the vendor's catalog for a failed one and letting a success through untouched.

    session = requests.Session()
    session.hooks["response"].append(catalog.hooks.requests("tuya"))

    client = httpx.Client(event_hooks={"response": [catalog.hooks.httpx("tuya")]})
    client = httpx.AsyncClient(event_hooks={"response": [catalog.hooks.httpx_async("tuya")]})

    session = aiohttp.ClientSession(raise_for_status=catalog.hooks.aiohttp("tuya"))

A hook is made for one vendor; an unknown vendor id raises ValueError when it is made, not on
the first response. It raises what `<Prefix>Error.raise_for_http_response` raises, nothing
else (besides what the client itself raises for a body it cannot deliver).

Bodies, streamed or not. httpx and aiohttp call their hooks before they read the body, and
requests before it reads one that is not streamed. A hook reads the body only where it can
tell whether the response failed: when the status is 400 or more, or when the body is JSON
(or of no declared type), the form every vendor's envelope takes, since a vendor may report a
failure under HTTP 200. The client keeps the body it read, as if it had read it itself, so a
JSON body streamed under a success status is read in full before the hook returns (and with
aiohttp, `response.content` then has nothing left to give: read it with `await
response.read()`, `text()` or `json()`). Any other success (a file, an event stream) is
left unread, and so is not checked for an error in its body: check it with
`<Prefix>Error.raise_for_http_response` once you have read it. With requests, a response whose
body is not streamed is always read, as requests reads it right after its hooks.

Nothing here imports an HTTP library: the hooks read what the responses have.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from ._functions import vendor_error
from ._http import from_http_response, from_http_response_async, worth_reading

__all__ = ["aiohttp", "httpx", "httpx_async", "requests"]


def requests(vendor_id: str) -> Callable[..., None]:
    """A hook for `requests.Session().hooks["response"]` (or `hooks={"response": ...}` on one
    request) raising vendor `vendor_id`'s error for a failed response."""
    error_class = vendor_error(vendor_id)
    who = f"{__name__}.requests({vendor_id!r})"

    def raise_for_response(response: Any, *args: Any, **kwargs: Any) -> None:
        # requests passes the request's options: `stream` says whether it reads the body.
        if kwargs.get("stream") and not worth_reading(response, who):
            return
        error = from_http_response(error_class, response, who)
        if error is not None:
            raise error

    return raise_for_response


def httpx(vendor_id: str) -> Callable[[Any], None]:
    """A hook for `httpx.Client(event_hooks={"response": [...]})` raising vendor
    `vendor_id`'s error for a failed response."""
    error_class = vendor_error(vendor_id)
    who = f"{__name__}.httpx({vendor_id!r})"

    def raise_for_response(response: Any) -> None:
        if not worth_reading(response, who):
            return
        error = from_http_response(error_class, response, who)
        if error is not None:
            raise error

    return raise_for_response


def httpx_async(vendor_id: str) -> Callable[[Any], Coroutine[Any, Any, None]]:
    """A hook for `httpx.AsyncClient(event_hooks={"response": [...]})` raising vendor
    `vendor_id`'s error for a failed response."""
    return _async_hook(vendor_id, "httpx_async")


def aiohttp(vendor_id: str) -> Callable[[Any], Coroutine[Any, Any, None]]:
    """A callable for `aiohttp.ClientSession(raise_for_status=...)` (or `raise_for_status=` on
    one request) raising vendor `vendor_id`'s error for a failed response."""
    return _async_hook(vendor_id, "aiohttp")


def _async_hook(vendor_id: str, name: str) -> Callable[[Any], Coroutine[Any, Any, None]]:
    """The one coroutine hook both async clients call (their bodies are read the same way);
    `name` is the hook's, for messages."""
    error_class = vendor_error(vendor_id)
    who = f"{__name__}.{name}({vendor_id!r})"

    async def raise_for_response(response: Any) -> None:
        if not worth_reading(response, who):
            return
        error = await from_http_response_async(error_class, response, who)
        if error is not None:
            raise error

    return raise_for_response
