"""Codes seen in the vendors' real traffic but not on their pages, and the kinds real traffic
decided: each is marked, explained, and read by the package as a client needs it."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from ruamel.yaml import YAML

import catalog
from catalog.authing import AuthingError, AuthingVerificationError
from catalog.edu import EduError
from catalog.iam import IamError
from catalog.mtauth import MtAuthCode
from catalog.tuya import TuyaError
from tests.conftest import SCHEMAS, VENDORS


def entries(vendor: str) -> list[dict[str, Any]]:
    data = YAML(typ="safe").load((SCHEMAS / f"{vendor}.yaml").read_text("utf-8"))
    codes: list[dict[str, Any]] = data["codes"]
    return codes


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_code_from_traffic_says_where_it_was_seen_and_has_no_page_columns(vendor: str) -> None:
    for entry in entries(vendor):
        if entry.get("origin") == "traffic":
            assert entry.get("note", "").strip(), entry["code"]
            # description and remedy are columns of the vendor's page: nothing to copy them from
            assert "description" not in entry and "remedy" not in entry, entry["code"]


def test_codes_real_responses_carry_are_known_and_caught_by_kind() -> None:
    # Tuya's 28841xxx "No permissions." family, as its servers send it (code 200, success false)
    body = {
        "code": 28841101,
        "msg": "No permissions. This API is not subscribed.",
        "success": False,
    }
    error = TuyaError.from_response(body, status=200)
    assert isinstance(error, catalog.PermissionDeniedError) and error.code is not None
    assert TuyaError.from_code(28841106).code is error.code  # the same text under a second code
    # the device-sharing gateway's catch-all, sent as a string
    body = {"code": "-9999999", "msg": "Remote api run unknown failed", "success": False}
    shared = TuyaError.from_response(body, status=200)
    assert isinstance(shared, catalog.UnavailableError) and shared.retryable
    # Huawei's API gateway in front of IAM: its throttling is a throttling, not an unknown code
    body = {"error_code": "APIGW.0308", "error_msg": "The throttling threshold has been reached"}
    throttled = IamError.from_response(body, status=429)
    assert isinstance(throttled, catalog.ResourceExhaustedError) and throttled.code is not None


@pytest.mark.parametrize(
    ("error_class", "code"),
    [(AuthingError, 2203), (EduError, 20010), (IamError, "IAM.1061"), (AuthingError, 2000)],
)
def test_a_wrong_value_inside_a_signed_in_call_does_not_end_the_session(
    error_class: Any, code: object
) -> None:
    # An old password in a change, a TOTP passcode in an MFA bind, a captcha demanded at sign-in:
    # a handler that signs out on UnauthenticatedError would throw a valid session away.
    error = error_class.from_code(code)
    assert error.code is not None and not isinstance(error, catalog.UnauthenticatedError)


def test_a_stale_request_timestamp_has_one_kind_in_every_catalog() -> None:
    stale = [TuyaError.from_code(1013), EduError.from_code(10020), AuthingError.from_code(1305)]
    assert all(isinstance(error, catalog.FailedPreconditionError) for error in stale)
    assert not any(error.retryable for error in stale)


def test_a_locked_account_is_not_a_reason_to_sign_in_again() -> None:
    for error in (IamError.from_code("IAM.0061"), AuthingError.from_code(2005)):
        assert isinstance(error, catalog.FailedPreconditionError) and not error.retryable


def test_a_step_a_sign_in_continues_with_is_not_a_reason_to_sign_in_again() -> None:
    # Authing's V3 sign-in answers an MFA step, a password reset, an identity to bind, a profile
    # to complete or an account to unlock with a code of its own: the client takes that step,
    # and a handler that signs in again on UnauthenticatedError would only meet it once more.
    steps = [1635, 1636, 1639, 1640, 1641, 1642, 1643, 2058]
    for error in map(AuthingError.from_code, steps):
        assert isinstance(error, catalog.FailedPreconditionError) and not error.retryable
    # The flow ended early is the one that sends the user back to signing in.
    assert isinstance(AuthingError.from_code(1699), catalog.UnauthenticatedError)


def test_a_face_the_second_factor_did_not_accept_is_caught_like_a_wrong_totp_code() -> None:
    # Authing's login UI takes the photos again on 1700-1702, as it asks again for a TOTP code:
    # one handler for a second factor not given or not accepted, whichever factor it is.
    for code in (1700, 1701, 1702, 6001, 6003):
        error = AuthingError.from_code(code)
        assert isinstance(error, AuthingVerificationError), code
        assert isinstance(error, catalog.UnauthenticatedError), code


def test_a_user_refused_into_an_app_or_tenant_is_denied_not_unauthenticated() -> None:
    for code in (1576, 2120008, 2130010):
        assert isinstance(AuthingError.from_code(code), catalog.PermissionDeniedError)


def test_a_renamed_code_keeps_its_old_name_as_a_deprecated_alias() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert MtAuthCode.OPERATION_NOT_PERMITTED is MtAuthCode.OPERATION_DENIED
    assert [warning.category for warning in caught] == [DeprecationWarning]
