"""The cross-vendor taxonomy of failures (SPEC section 5), after the gRPC canonical codes.

This table is the single source of truth: the loader validates `kind:` against it and the
`_base` template renders `catalog.Kind` and the kind exceptions from it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KindSpec:
    """One kind: its id, exception class name, default HTTP status and retryability."""

    id: str
    exception: str
    http_status: int
    retryable: bool
    summary: str


KINDS: tuple[KindSpec, ...] = (
    KindSpec("invalid_argument", "InvalidArgumentError", 400, False,
             "The request is malformed: a parameter is missing, of the wrong type or invalid."),
    KindSpec("failed_precondition", "FailedPreconditionError", 400, False,
             "The system is not in a state that allows the operation."),
    KindSpec("out_of_range", "OutOfRangeError", 400, False,
             "A value is beyond a documented bound (a length, a size, a count)."),
    KindSpec("unauthenticated", "UnauthenticatedError", 401, False,
             "The caller is not authenticated: credentials, token or signature are missing, "
             "invalid or expired."),
    KindSpec("permission_denied", "PermissionDeniedError", 403, False,
             "The caller is authenticated but not allowed to do this."),
    KindSpec("not_found", "NotFoundError", 404, False,
             "Something the request names does not exist."),
    KindSpec("already_exists", "AlreadyExistsError", 409, False,
             "Something the request would create already exists."),
    KindSpec("aborted", "AbortedError", 409, True,
             "The operation was aborted, typically by a concurrency conflict."),
    KindSpec("resource_exhausted", "ResourceExhaustedError", 429, True,
             "A rate limit or quota is exhausted."),
    KindSpec("deadline_exceeded", "DeadlineExceededError", 504, True,
             "The operation did not finish in time."),
    KindSpec("unimplemented", "UnimplementedError", 501, False,
             "The operation or option is not supported."),
    KindSpec("unavailable", "UnavailableError", 503, True,
             "The service is busy or unreachable for now; retrying later may succeed."),
    KindSpec("internal", "InternalError", 500, False,
             "The vendor failed internally."),
    KindSpec("unknown", "UnknownError", 500, False,
             "An error the vendor does not explain."),
)

KINDS_BY_ID: dict[str, KindSpec] = {kind.id: kind for kind in KINDS}
