"""HTTP as the client libraries hand it over: their response objects, and `Retry-After`.

Loaded on first use (the first `from_http_response`, a hook, a `Retry-After` received), so that
importing a vendor costs none of it. Nothing here imports an HTTP library: a response is read
by what it has (duck typing), which is what requests, httpx, aiohttp and urllib have in common:

- its status: `status_code` (requests, httpx), else `status` (urllib, aiohttp);
- its headers: `headers`, when it has them (each library's mapping reads case-insensitively);
- its body: `read()` where there is one (httpx, whose `read()` returns the body it already
  holds or reads it now; urllib, whose response is a stream read once), else `content`
  (requests). For a body that must be awaited (aiohttp's `read()`, httpx's `aread()`), the
  `_async` reader.

What the client raises for a body it cannot deliver (a dropped connection, a stream already
consumed) is the client's to raise: it goes through as it is.
"""

# The functions here are friends of the classes of .base: they read their private state.
# pyright: reportPrivateUsage=false

from __future__ import annotations

from collections.abc import Awaitable
from datetime import UTC
from typing import TYPE_CHECKING, Any

from .base import require_same_package

if TYPE_CHECKING:
    from .base import VendorError

require_same_package(__name__)  # never read with the modules of another generation

_NEEDS = (
    "a response with a status (`status_code` or `status`), `headers`, and a body "
    "(`content`, or a `read()` method)"
)


class _Missing:
    """No such attribute (None is a value a response may hold)."""


_MISSING: Any = _Missing()


def _status(response: object, who: str) -> object:
    status = getattr(response, "status_code", _MISSING)
    if status is _MISSING:
        status = getattr(response, "status", _MISSING)
    if status is _MISSING:
        raise TypeError(f"{who} needs {_NEEDS}; {type(response).__qualname__} has no status")
    return status


def _no_body(response: object, who: str) -> TypeError:
    return TypeError(f"{who} needs {_NEEDS}; {type(response).__qualname__} has no body")


def _awaitable(value: object) -> bool:
    # A test that does not narrow: the body stays `Any` for the type checkers.
    return isinstance(value, Awaitable)


def read(response: object, who: str) -> tuple[object, object, object]:
    """The (body, status, headers) of a client's response whose body can be read without
    awaiting it; TypeError when the response has no status or no body, or one that must be
    awaited (its `read()` returns an awaitable: aiohttp's)."""
    status = _status(response, who)
    headers = getattr(response, "headers", None)
    reader = getattr(response, "read", None)
    body: Any
    if callable(reader):
        body = reader()
        if _awaitable(body):
            close = getattr(body, "close", None)
            if callable(close):  # a coroutine never awaited would warn when collected
                close()
            raise TypeError(
                f"{who}: the body of a {type(response).__qualname__} must be awaited; "
                f"use `await {who}_async(...)`"
            )
        return body, status, headers
    body = getattr(response, "content", _MISSING)
    if body is _MISSING:
        raise _no_body(response, who)
    return body, status, headers


async def read_async(response: object, who: str) -> tuple[object, object, object]:
    """As `read`, for a response whose body may have to be awaited: httpx's `aread()` (an
    `AsyncClient` response), else a `read()` whose result is awaited when it is awaitable
    (aiohttp's), else `content`."""
    status = _status(response, who)
    headers = getattr(response, "headers", None)
    reader = getattr(response, "aread", None)
    if not callable(reader):
        reader = getattr(response, "read", None)
    body: Any
    if callable(reader):
        body = reader()
        if _awaitable(body):
            body = await body
        return body, status, headers
    body = getattr(response, "content", _MISSING)
    if body is _MISSING:
        raise _no_body(response, who)
    return body, status, headers


def from_http_response(cls: type[VendorError], response: object, who: str) -> VendorError | None:
    """`cls.from_http_response(response)`: the response read as `from_response` reads a body,
    status and headers, the error keeping `response` itself as its `.response`."""
    body, status, headers = read(response, who)
    return _kept(cls, response, body, status, headers)


async def from_http_response_async(
    cls: type[VendorError], response: object, who: str
) -> VendorError | None:
    """`await cls.from_http_response_async(response)`."""
    body, status, headers = await read_async(response, who)
    return _kept(cls, response, body, status, headers)


def _kept(
    cls: type[VendorError], response: object, body: Any, status: Any, headers: Any
) -> VendorError | None:
    error = cls.from_response(body, status=status, headers=headers)
    if error is not None:
        error.response = response  # the client's object, rather than the body read from it
    return error


# -- what a hook reads ------------------------------------------------------------------------


def worth_reading(response: object, who: str) -> bool:
    """Whether a hook reads the body of `response` to learn whether it failed: when its status
    says failure (or is no HTTP status at all), or when its body is JSON (or of no declared
    type), which is where every vendor's envelope is. A success of any other type (a file, an
    event stream) is left unread: reading it could buffer a download or wait for ever."""
    from ._responses import header, http_status

    status = http_status(_status(response, who))
    if status is None or status >= 400:
        return True
    headers = getattr(response, "headers", None)
    if headers is None:
        return True
    return is_json(header(headers, "content-type"))


def is_json(content_type: object) -> bool:
    """Whether a Content-Type names JSON (`application/json`, `application/problem+json`...),
    or is missing."""
    if content_type is None:
        return True
    if type(content_type) is not str:
        return False
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


# -- Retry-After -------------------------------------------------------------------------------


def retry_after(value: object, now: float | None = None) -> float | None:
    """The seconds a `Retry-After` header value asks to wait: delta-seconds, or an HTTP date
    (0 for one in the past); None for anything else. `now` is the POSIX time it is read at."""
    seconds_ = seconds(value)
    if seconds_ is not None or type(value) is not str:
        return seconds_
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000": UTC, as HTTP dates are
        when = when.replace(tzinfo=UTC)
    if now is None:
        import time

        now = time.time()
    try:
        return max(0.0, when.timestamp() - now)
    except (OverflowError, ValueError, OSError):
        return None


def seconds(value: object) -> float | None:
    """A number of seconds to wait, from a non-negative number or its decimal digits (a
    vendor's field, the delta-seconds of `Retry-After`); None for anything else."""
    kind = type(value)
    number: float
    if (kind is int or kind is float) and isinstance(value, (int, float)):
        number = value
    elif kind is str and isinstance(value, str):
        text = value.strip()
        digits = text.replace(".", "", 1)
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 20:
            return None
        number = float(text)
    else:
        return None  # bools, bytes, containers...
    if number != number or number < 0 or number == float("inf"):  # NaN, negative, infinite
        return None
    return float(number)
