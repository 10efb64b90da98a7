"""The short way `from_response` reads the usual response gives what the whole way gives.

For a JSON object read without headers, when a vendor's first deciding envelope reads
top-level keys only, `from_response` takes a shorter path. For every vendor, random bodies
built from its envelopes' keys, its codes (as ints and as text), blank and odd values, with
random statuses, are read both ways (the short way turned off for the second) and must give
the same error: class, arguments, response, status and Retry-After.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog import _responses
from tests.conftest import VENDORS

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def error_class(vendor_id: str) -> Any:
    module = importlib.import_module(f"catalog.{vendor_id}")
    return getattr(module, module.__all__[1])


def body_keys(cls: Any) -> list[str]:
    """Every top-level key any of the vendor's envelopes reads, and one none reads."""
    keys = {"unrelated"}
    for envelope in cls._codes._vendor.envelopes:
        for path in (envelope.code, envelope.message, envelope.success, envelope.error):
            if path:
                keys.add(path[0])
        keys.update(path[0] for _, path in envelope.details)
        keys.update(path[0] for path in envelope.request_id)
    return sorted(keys)


def values(cls: Any) -> st.SearchStrategy[Any]:
    codes = [member.value for member in cls._codes]
    success = list(cls._codes._vendor.success)
    code_like = st.sampled_from(codes + success) | st.sampled_from(codes).map(str)
    return st.one_of(
        code_like,
        st.sampled_from(["", "  ", "x", "unknown-code", " 1 "]),
        st.text(max_size=8),
        st.integers(-5, 70000),
        st.booleans(),
        st.none(),
        st.lists(st.text(max_size=4), max_size=2),
        st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2),
    )


def outcome(error: Any) -> Any:
    if error is None:
        return None
    return (type(error), error.args, error.response, error._status, error._retry_after)


@pytest.mark.parametrize("vendor_id", VENDORS)
def test_the_short_way_reads_as_the_whole_way(vendor_id: str) -> None:
    cls = error_class(vendor_id)
    vendor = cls._codes._vendor
    cls.from_response({})  # loads the reader
    short_way = _responses._plain_envelope(vendor)

    @SETTINGS
    @given(
        body=st.dictionaries(st.sampled_from(body_keys(cls)), values(cls), max_size=6),
        status=st.none() | st.integers(100, 599),
        raw=st.booleans(),
    )
    def reads_alike(body: dict[str, Any], status: int | None, raw: bool) -> None:
        payload: Any = json.dumps(body).encode() if raw else body
        try:
            _responses._PLAIN[cls] = short_way
            short = outcome(cls.from_response(payload, status=status))
            _responses._PLAIN[cls] = False
            whole = outcome(cls.from_response(payload, status=status))
        finally:
            _responses._PLAIN.pop(cls, None)
        assert short == whole

    reads_alike()


def test_the_usual_vendors_take_the_short_way() -> None:
    plain = [v for v in VENDORS if _responses._plain_envelope(error_class(v)._codes._vendor)]
    assert "iam" in plain


@SETTINGS
@given(st.binary(max_size=12).map(lambda tail: b"{" + tail))
def test_bytes_opening_an_object_decode_as_json_loads_decodes_them(raw: bytes) -> None:
    # The short way decodes such bytes as UTF-8 itself, when the second byte is not NUL.
    if raw[1:2] == b"\0":
        return
    try:
        expected: Any = ("ok", json.loads(raw))
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError alike
        expected = ("error", type(exc))
    try:
        got: Any = ("ok", json.loads(raw.decode("utf-8", "surrogatepass")))
    except ValueError as exc:
        got = ("error", type(exc))
    assert got == expected
