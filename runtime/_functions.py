"""The package's functions that take a vendor id or an error: `catalog.lookup`,
`catalog.from_response`, `catalog.from_http_response`, `catalog.is_retryable`...

Import them from `catalog`: this module loads the first time one of them is used, so that
`from catalog import IamError` reads none of them. `vendor_codes` is the one rule for a
vendor id, which the hooks and the JSON export follow too (`vendor_error`).
"""

# The functions here are friends of .base: they read the registry `describe` fills.
# pyright: reportPrivateUsage=false

import sys
from typing import TYPE_CHECKING, Any

from .base import _PACKAGE, _VENDOR_CODES, _safe_repr

if TYPE_CHECKING:
    from . import VendorId
    from .base import Code, VendorError

__all__ = [
    "from_http_response",
    "from_http_response_async",
    "from_response",
    "is_retryable",
    "lookup",
    "raise_for_http_response",
    "raise_for_http_response_async",
    "raise_for_response",
    "retry_wait",
]


def vendor_codes(vendor_id: object) -> "type[Code]":
    """The code enum of vendor `vendor_id`, its module loaded on first use.

    ValueError naming the vendors for anything else: a mistyped id must not read every
    response as a success. Only the exact text is compared (a `str` subclass is read as its
    text, never asked to compare itself).
    """
    known: list[str] = sys.modules[_PACKAGE].vendors()
    try:
        text = str.__str__(vendor_id) if isinstance(vendor_id, str) else None
    except Exception:  # an object whose __class__ raises
        text = None
    if text is None or text not in known:
        raise ValueError(
            f"unknown vendor id {_safe_repr(vendor_id)}: the vendors are "
            f"{', '.join(map(repr, known))}"
        ) from None
    # Imported every time, not looked up: the import waits while another thread is still
    # running the vendor's module, whose error class is not defined yet.
    __import__(f"{_PACKAGE}.{text}")
    return _VENDOR_CODES[text]


def vendor_error(vendor_id: object) -> "type[VendorError]":
    """The base error class of vendor `vendor_id` (`IamError`), by the rule of `vendor_codes`."""
    codes: Any = vendor_codes(vendor_id)  # Any: pyright misreads Code's ClassVars from here
    error_class: type[VendorError] = codes._vendor_error
    return error_class


def lookup(vendor_id: "VendorId", code: object) -> "Code | None":
    """The member of vendor `vendor_id`'s code enum for `code` or one of its aliases.

    `1000` and `"1000"` are alike; None for an unknown code. An id that is not a vendor's
    raises ValueError naming the vendors.
    """
    return vendor_codes(vendor_id).lookup(code)


def from_response(
    vendor_id: "VendorId", payload: object, *, status: object = None, headers: object = None
) -> "VendorError | None":
    """The error a response of vendor `vendor_id` reports, or None when it reports none.

    As `<Prefix>Error.from_response`: `payload` is the parsed body, the raw body (bytes or
    text) or None; `status` the HTTP status; `headers` any mapping. An id that is not a
    vendor's raises ValueError naming the vendors (a typo must not read failures as
    successes); nothing else raises.
    """
    read: Any = vendor_error(vendor_id).from_response  # it takes anything, and never raises
    error: VendorError | None = read(payload, status=status, headers=headers)
    return error


def raise_for_response(
    vendor_id: "VendorId", payload: object, *, status: object = None, headers: object = None
) -> None:
    """Raise the error a response of vendor `vendor_id` reports (see `from_response`)."""
    error = from_response(vendor_id, payload, status=status, headers=headers)
    if error is not None:
        raise error


def from_http_response(vendor_id: "VendorId", response: object) -> "VendorError | None":
    """The error an HTTP client's response from vendor `vendor_id` reports, or None.

    As `<Prefix>Error.from_http_response`: a requests, httpx or urllib response (or anything
    with a status, `headers` and a body); the error keeps it as `.response`. ValueError for an
    unknown vendor id.
    """
    return vendor_error(vendor_id).from_http_response(response)


def raise_for_http_response(vendor_id: "VendorId", response: object) -> None:
    """Raise the error an HTTP client's response reports (see `from_http_response`)."""
    vendor_error(vendor_id).raise_for_http_response(response)


async def from_http_response_async(vendor_id: "VendorId", response: object) -> "VendorError | None":
    """`from_http_response` for a body that is awaited (aiohttp, httpx's `AsyncClient`)."""
    return await vendor_error(vendor_id).from_http_response_async(response)


async def raise_for_http_response_async(vendor_id: "VendorId", response: object) -> None:
    """Raise the error a response reports (see `from_http_response_async`)."""
    await vendor_error(vendor_id).raise_for_http_response_async(response)


def is_retryable(exc: BaseException) -> bool:
    """Whether `exc` is a vendor's error that retrying later may cure; False for anything
    else. The predicate retry libraries take as it is: tenacity's `retry_if_exception`,
    stamina's `on=`, google-api-core's `Retry(predicate=...)`."""
    from .base import VendorError

    return isinstance(exc, VendorError) and exc.retryable


def retry_wait(exc: BaseException, default: float) -> float:
    """The seconds to wait before retrying after `exc`: the `retry_after` its response asked
    for, else `default` (for any other exception too)."""
    from .base import CatalogError

    wait = exc.retry_after if isinstance(exc, CatalogError) else None
    return float(default) if wait is None else wait
