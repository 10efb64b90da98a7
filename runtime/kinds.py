"""The cross-vendor taxonomy of failures: `Kind` and one exception class per kind.

After the gRPC canonical codes. Every per-code exception of every vendor also derives from the
exception of its kind, so `except UnauthenticatedError` catches that failure from any vendor.
Import these names from `catalog`. An error whose code the catalog does not know is of a class
made here too (`unknown_class`): its vendor's base and its kind's exception.
"""

# `unknown_class` is a friend of the classes of .base: it reads a code enum's vendor error.
# pyright: reportPrivateUsage=false

import enum
from typing import TYPE_CHECKING

from .base import CatalogError

if TYPE_CHECKING:
    from .base import Code, VendorError

__all__ = [
    "Kind",
    "InvalidArgumentError",
    "FailedPreconditionError",
    "OutOfRangeError",
    "UnauthenticatedError",
    "PermissionDeniedError",
    "NotFoundError",
    "AlreadyExistsError",
    "AbortedError",
    "ResourceExhaustedError",
    "DeadlineExceededError",
    "UnimplementedError",
    "UnavailableError",
    "InternalError",
    "UnknownError",
]


class Kind(enum.StrEnum):
    """What kind of failure an error is, the same across every vendor.

    After the gRPC canonical codes. Each kind has a default HTTP status (`.http_status`), a
    default retryability (`.retryable`) and an exception class (`.exception`) that every
    per-code exception of that kind also derives from.
    """

    INVALID_ARGUMENT = "invalid_argument"
    """The request is malformed: a parameter is missing, of the wrong type or invalid. (HTTP 400, not retryable)"""
    FAILED_PRECONDITION = "failed_precondition"
    """The system is not in a state that allows the operation. (HTTP 400, not retryable)"""
    OUT_OF_RANGE = "out_of_range"
    """A value is beyond a documented bound (a length, a size, a count). (HTTP 400, not retryable)"""
    UNAUTHENTICATED = "unauthenticated"
    """The caller is not authenticated: credentials, token or signature are missing, invalid or expired. (HTTP 401, not retryable)"""
    PERMISSION_DENIED = "permission_denied"
    """The caller is authenticated but not allowed to do this. (HTTP 403, not retryable)"""
    NOT_FOUND = "not_found"
    """Something the request names does not exist. (HTTP 404, not retryable)"""
    ALREADY_EXISTS = "already_exists"
    """Something the request would create already exists. (HTTP 409, not retryable)"""
    ABORTED = "aborted"
    """The operation was aborted, typically by a concurrency conflict. (HTTP 409, retryable)"""
    RESOURCE_EXHAUSTED = "resource_exhausted"
    """A rate limit or quota is exhausted. (HTTP 429, retryable)"""
    DEADLINE_EXCEEDED = "deadline_exceeded"
    """The operation did not finish in time. (HTTP 504, retryable)"""
    UNIMPLEMENTED = "unimplemented"
    """The operation or option is not supported. (HTTP 501, not retryable)"""
    UNAVAILABLE = "unavailable"
    """The service is busy or unreachable for now; retrying later may succeed. (HTTP 503, retryable)"""
    INTERNAL = "internal"
    """The vendor failed internally. (HTTP 500, not retryable)"""
    UNKNOWN = "unknown"
    """An error the vendor does not explain. (HTTP 500, not retryable)"""

    @property
    def http_status(self) -> int:
        """The HTTP status an error of this kind maps to when its vendor documents none."""
        return _KIND_DEFAULTS[self][0]

    @property
    def retryable(self) -> bool:
        """Whether retrying the same request later may succeed."""
        return _KIND_DEFAULTS[self][1]

    @property
    def exception(self) -> "type[CatalogError]":
        """The exception class of this kind, e.g. `Kind.NOT_FOUND.exception is NotFoundError`."""
        return _KIND_EXCEPTIONS[self]


_KIND_DEFAULTS: "dict[Kind, tuple[int, bool]]" = {
    Kind.INVALID_ARGUMENT: (400, False),
    Kind.FAILED_PRECONDITION: (400, False),
    Kind.OUT_OF_RANGE: (400, False),
    Kind.UNAUTHENTICATED: (401, False),
    Kind.PERMISSION_DENIED: (403, False),
    Kind.NOT_FOUND: (404, False),
    Kind.ALREADY_EXISTS: (409, False),
    Kind.ABORTED: (409, True),
    Kind.RESOURCE_EXHAUSTED: (429, True),
    Kind.DEADLINE_EXCEEDED: (504, True),
    Kind.UNIMPLEMENTED: (501, False),
    Kind.UNAVAILABLE: (503, True),
    Kind.INTERNAL: (500, False),
    Kind.UNKNOWN: (500, False),
}


class InvalidArgumentError(CatalogError):
    """The request is malformed: a parameter is missing, of the wrong type or invalid.

    Kind `invalid_argument`: HTTP 400 by default, not retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "invalid_argument"


class FailedPreconditionError(CatalogError):
    """The system is not in a state that allows the operation.

    Kind `failed_precondition`: HTTP 400 by default, not retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "failed_precondition"


class OutOfRangeError(CatalogError):
    """A value is beyond a documented bound (a length, a size, a count).

    Kind `out_of_range`: HTTP 400 by default, not retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "out_of_range"


class UnauthenticatedError(CatalogError):
    """The caller is not authenticated: credentials, token or signature are missing, invalid or expired.

    Kind `unauthenticated`: HTTP 401 by default, not retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "unauthenticated"


class PermissionDeniedError(CatalogError):
    """The caller is authenticated but not allowed to do this.

    Kind `permission_denied`: HTTP 403 by default, not retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "permission_denied"


class NotFoundError(CatalogError):
    """Something the request names does not exist.

    Kind `not_found`: HTTP 404 by default, not retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "not_found"


class AlreadyExistsError(CatalogError):
    """Something the request would create already exists.

    Kind `already_exists`: HTTP 409 by default, not retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "already_exists"


class AbortedError(CatalogError):
    """The operation was aborted, typically by a concurrency conflict.

    Kind `aborted`: HTTP 409 by default, retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "aborted"


class ResourceExhaustedError(CatalogError):
    """A rate limit or quota is exhausted.

    Kind `resource_exhausted`: HTTP 429 by default, retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "resource_exhausted"


class DeadlineExceededError(CatalogError):
    """The operation did not finish in time.

    Kind `deadline_exceeded`: HTTP 504 by default, retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "deadline_exceeded"


class UnimplementedError(CatalogError):
    """The operation or option is not supported.

    Kind `unimplemented`: HTTP 501 by default, not retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "unimplemented"


class UnavailableError(CatalogError):
    """The service is busy or unreachable for now; retrying later may succeed.

    Kind `unavailable`: HTTP 503 by default, retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "unavailable"


class InternalError(CatalogError):
    """The vendor failed internally.

    Kind `internal`: HTTP 500 by default, not retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "internal"


class UnknownError(CatalogError):
    """An error the vendor does not explain.

    Kind `unknown`: HTTP 500 by default, not retryable. Every
    per-code exception of this kind derives from this class.
    """

    _default_kind = "unknown"


_KIND_EXCEPTIONS: "dict[Kind, type[CatalogError]]" = {
    Kind.INVALID_ARGUMENT: InvalidArgumentError,
    Kind.FAILED_PRECONDITION: FailedPreconditionError,
    Kind.OUT_OF_RANGE: OutOfRangeError,
    Kind.UNAUTHENTICATED: UnauthenticatedError,
    Kind.PERMISSION_DENIED: PermissionDeniedError,
    Kind.NOT_FOUND: NotFoundError,
    Kind.ALREADY_EXISTS: AlreadyExistsError,
    Kind.ABORTED: AbortedError,
    Kind.RESOURCE_EXHAUSTED: ResourceExhaustedError,
    Kind.DEADLINE_EXCEEDED: DeadlineExceededError,
    Kind.UNIMPLEMENTED: UnimplementedError,
    Kind.UNAVAILABLE: UnavailableError,
    Kind.INTERNAL: InternalError,
    Kind.UNKNOWN: UnknownError,
}

# The kind of a failure from its HTTP status alone, when no code of the vendor says more (the
# runtime, for unknown codes; the importer, for a page's documented statuses).
STATUS_KINDS: "dict[int, str]" = {
    400: "invalid_argument",
    422: "invalid_argument",
    401: "unauthenticated",
    403: "permission_denied",
    404: "not_found",
    410: "not_found",
    405: "unimplemented",
    501: "unimplemented",
    408: "deadline_exceeded",
    504: "deadline_exceeded",
    409: "aborted",
    412: "failed_precondition",
    413: "out_of_range",
    414: "out_of_range",
    416: "out_of_range",
    429: "resource_exhausted",
    500: "internal",
    502: "unavailable",
    503: "unavailable",
}


def status_kind(status: int) -> str:
    """The kind id an HTTP error status implies: its own, else any other 4xx is the caller's
    invalid argument and anything else the vendor's internal failure."""
    return STATUS_KINDS.get(status) or ("invalid_argument" if 400 <= status < 500 else "internal")


# (vendor class, kind id) -> the class of its errors of that kind whose code is unknown
_UNKNOWN_CLASSES: "dict[tuple[type, str], type[VendorError]]" = {}


def unknown_class(cls: "type[VendorError]", kind_id: str) -> "type[VendorError]":
    """The class of an error without a known code: `cls` and the kind's exception.

    Made once per vendor class and kind, so that `except UnauthenticatedError` catches an
    upstream 401 whose code the catalog does not know.
    """
    base: type[VendorError] = cls.__dict__.get("_unknown_base") or cls
    member: Code | None = getattr(base, "code", None)  # the class's member, if any
    if member is not None:  # a per-code class: an unknown code is its vendor's
        base = type(member)._vendor_error
    made = _UNKNOWN_CLASSES.get((base, kind_id))
    if made is None:
        kind_exception = Kind(kind_id).exception
        namespace = {
            "__module__": base.__module__,
            "__qualname__": f"{base.__qualname__}[{kind_exception.__name__}]",
            "__doc__": f"{base.__name__} of a code the catalog does not know, kind {kind_id}.",
            "code": None,
            "_default_kind": kind_id,
            "_unknown_base": base,
        }
        made = type(base.__name__, (base, kind_exception), namespace)
        made = _UNKNOWN_CLASSES.setdefault((base, kind_id), made)
    return made
