"""The package's functions that take a vendor id or an error: `catalog.lookup`,
`catalog.from_response`, `catalog.from_http_response`, `catalog.is_retryable`...

Import them from `catalog`: this module loads the first time one of them is used, so that
`from catalog import IamError` reads none of them.
"""

from typing import TYPE_CHECKING

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


def lookup(vendor_id: "VendorId", code: object) -> "Code | None":
    """The member of vendor `vendor_id`'s code enum for `code` or one of its aliases.

    `1000` and `"1000"` are alike; None for an unknown code. An id that is not a vendor's
    raises ValueError naming the vendors.
    """
    from .base import vendor_codes

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
    from .base import vendor_response

    return vendor_response(vendor_id, payload, status, headers)


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
    from ._http import vendor_error

    return vendor_error(vendor_id).from_http_response(response)


def raise_for_http_response(vendor_id: "VendorId", response: object) -> None:
    """Raise the error an HTTP client's response reports (see `from_http_response`)."""
    from ._http import vendor_error

    vendor_error(vendor_id).raise_for_http_response(response)


async def from_http_response_async(vendor_id: "VendorId", response: object) -> "VendorError | None":
    """`from_http_response` for a body that is awaited (aiohttp, httpx's `AsyncClient`)."""
    from ._http import vendor_error

    return await vendor_error(vendor_id).from_http_response_async(response)


async def raise_for_http_response_async(vendor_id: "VendorId", response: object) -> None:
    """Raise the error a response reports (see `from_http_response_async`)."""
    from ._http import vendor_error

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
