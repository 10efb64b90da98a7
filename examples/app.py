"""How an application uses catalog: a small client wrapper for two vendors.

This file is type-checked by `make test` (mypy --strict, pyright strict) and run by the tests.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from catalog import (
    CatalogError,
    IamCode,
    IamError,
    Kind,
    ResourceExhaustedError,
    TuyaCode,
    TuyaError,
    UnauthenticatedError,
    UnavailableError,
    VendorId,
)

log = logging.getLogger("example")


def check_iam(payload: Mapping[str, Any]) -> Mapping[str, Any]:
    """Raise the IAM error a response reports, else return the payload."""
    IamError.raise_for_response(payload)
    return payload


def call_tuya(payload: Mapping[str, Any], attempts: int = 3) -> str:
    """What an application does with a Tuya response, by kind of failure."""
    for attempt in range(attempts):
        try:
            TuyaError.raise_for_response(payload)
            return "ok"
        except (ResourceExhaustedError, UnavailableError) as exc:  # every vendor's "try later"
            log.info("attempt %d: %s, retrying", attempt, exc)
        except UnauthenticatedError as exc:
            return f"log in again ({exc.raw_code})"
        except TuyaError as exc:
            match exc.kind:
                case Kind.INVALID_ARGUMENT | Kind.OUT_OF_RANGE:
                    return f"fix the request: {exc.message}"
                case Kind.NOT_FOUND:
                    return "gone"
                case _:
                    return exc.to_problem()["title"] if exc.code is not None else str(exc)
    return "gave up"


def describe(vendor: VendorId, code: int | str) -> str:
    """A line for a log or a support ticket, from any vendor's bare code."""
    import catalog

    member = catalog.lookup(vendor, code)
    if member is None:
        return f"{vendor} {code}: not in the catalog"
    status = member.http_status or member.kind.http_status
    return f"{vendor} {member.code} {member.name}: {member.message} [{member.kind}, HTTP {status}]"


def iam_message(code: str, **params: object) -> str:
    """The vendor's message with its placeholders filled in."""
    member = IamCode.lookup(code)
    return member.format(**params) if member is not None else code


def is_token_problem(error: CatalogError) -> bool:
    return isinstance(error, UnauthenticatedError) or error.code in (TuyaCode.lookup(1010),)


def main() -> None:
    print(describe("tuya", 1010))
    print(describe("iam", "IAM.0007"))
    print(iam_message("IAM.0007", key="user_id"))
    print(call_tuya({"success": False, "code": 1010, "msg": "token is expired", "t": 1}))
    print(call_tuya({"success": True, "result": {}, "t": 1}))
    try:
        check_iam({"error": {"code": "IAM.0007", "message": "Request parameter name is invalid."}})
    except IamError as exc:
        print(exc, exc.kind, exc.http_status, is_token_problem(exc))


if __name__ == "__main__":
    main()
