"""Nothing that reads a code or a response raises, whatever it is given.

Arbitrary JSON values, arbitrary bytes and hostile Python objects (raising __eq__, __hash__,
__str__ or __class__; a mapping whose get raises; deep nesting; huge ints; NaN) as payloads,
statuses and headers of every vendor's `from_response` and as codes of `from_code`, arbitrary
JSON to `lookup`: every result is None or an instance of that vendor's error, and str(),
repr(), to_problem() and pickling of every result raise nothing either.
"""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import catalog
from tests.conftest import SCHEMAS, VENDORS

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


class Boom(Exception):
    """What every hostile method raises."""


class RaisingEquality:
    def __eq__(self, other: object) -> bool:
        raise Boom("__eq__")

    def __hash__(self) -> int:
        raise Boom("__hash__")


class CollidingKey:
    """Hashes like the envelope's keys, then refuses to compare."""

    def __init__(self, like: object) -> None:
        self.like = like

    def __hash__(self) -> int:
        return hash(self.like)

    def __eq__(self, other: object) -> bool:
        raise Boom("__eq__")


class RaisingText:
    def __str__(self) -> str:
        raise Boom("__str__")

    def __repr__(self) -> str:
        raise Boom("__repr__")

    def __format__(self, spec: str) -> str:
        raise Boom("__format__")


class RaisingClass:
    @property  # type: ignore[misc]
    def __class__(self) -> type:  # type: ignore[override]
        raise Boom("__class__")


class RaisingMapping(Mapping[str, Any]):
    def __getitem__(self, key: str) -> Any:
        raise Boom("__getitem__")

    def get(self, key: str, default: Any = None) -> Any:
        raise Boom("get")

    def __iter__(self) -> Iterator[str]:
        raise Boom("__iter__")

    def __len__(self) -> int:
        raise Boom("__len__")

    def items(self) -> Any:
        raise Boom("items")


class Hostile(RaisingEquality):
    """Refuses to hash, compare or show itself: put before int or str in a class's bases."""

    def __str__(self) -> str:
        raise Boom("__str__")

    def __repr__(self) -> str:
        raise Boom("__repr__")


class HostileInt(Hostile, int):
    def __int__(self) -> int:
        raise Boom("__int__")

    def __index__(self) -> int:
        raise Boom("__index__")


class HostileStr(Hostile, str):
    def strip(self, chars: str | None = None) -> str:
        raise Boom("strip")

    def lower(self) -> str:
        raise Boom("lower")


class LyingHeaders:
    """A headers object whose get answers with hostile values and whose items raise."""

    def get(self, name: str) -> Any:
        return RaisingText()

    def items(self) -> Any:
        raise Boom("items")


def _deep(depth: int, leaf: object) -> object:
    value = leaf
    for index in range(depth):
        value = {"error": value, "code": value} if index % 2 else [value]
    return value


HOSTILE: list[object] = [
    RaisingEquality(),
    CollidingKey("code"),
    CollidingKey(1010),
    RaisingText(),
    RaisingClass(),
    RaisingMapping(),
    HostileInt(1010),
    HostileInt(400),
    HostileStr("1010"),
    HostileStr("error-code"),
    LyingHeaders(),
    {CollidingKey("code"): 1, CollidingKey("success"): False, "msg": RaisingText()},
    {"code": RaisingEquality(), "success": False, "error": RaisingMapping()},
    {"error": {"code": HostileInt(401), "message": HostileStr("x")}},
    _deep(100_000, 1010),
    b"[" * 100_000,
    "{" * 50_000,
    10**5000,
    -(10**5000),
    "9" * 5000,
    float("nan"),
    float("inf"),
    b'{"code": ' + b"9" * 5000 + b"}",
    b'{"code": NaN, "success": false}',
    "\ud800",
    b"\xff\xfe\x00",
]

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
# Hypothesis hashes what sampled_from() samples: hostile objects are picked by index.
HOSTILE_OBJECTS = st.integers(0, len(HOSTILE) - 1).map(HOSTILE.__getitem__)
ANYTHING = JSON | st.binary(max_size=64) | HOSTILE_OBJECTS


@cache
def _data(vendor_id: str) -> dict[str, Any]:
    with (SCHEMAS / f"{vendor_id}.yaml").open(encoding="utf-8") as stream:
        data: dict[str, Any] = YAML(typ="safe").load(stream)
    return data


def _error_class(vendor_id: str) -> Any:
    vendor = _data(vendor_id)["vendor"]
    return getattr(catalog, f"{vendor.get('prefix') or vendor_id.capitalize()}Error")


def _paths(vendor_id: str) -> list[str]:
    """Every body path the vendor's envelopes read."""
    paths: list[str] = []
    for envelope in _data(vendor_id)["vendor"].get("response") or []:
        paths += [
            envelope[key] for key in ("code", "message", "success", "error") if envelope.get(key)
        ]
        paths += list((envelope.get("details") or {}).values())
    return paths


def _header_names(vendor_id: str) -> list[str]:
    envelopes = _data(vendor_id)["vendor"].get("response") or []
    return [envelope["header"] for envelope in envelopes if envelope.get("header")] or ["x"]


def _codes(vendor_id: str) -> list[object]:
    """Known codes, success codes and their spellings: values that reach deep paths."""
    data = _data(vendor_id)
    codes: list[object] = [entry["code"] for entry in data["codes"][:5]]
    codes += list(data["vendor"].get("success") or [])
    return codes + [str(code) for code in codes] + [f" {code} " for code in codes]


def _put(body: dict[str, Any], path: str, value: object) -> None:
    *parents, last = path.split(".")
    for key in parents:
        child = body.setdefault(key, {})
        if type(child) is not dict:  # not isinstance: a hostile object's __class__ raises
            return
        body = child
    body[last] = value


@st.composite
def shaped(draw: st.DrawFn, vendor_id: str) -> dict[str, Any]:
    """A body with some of the vendor's envelope paths set to anything."""
    # A fresh {} each time (st.builds): a shared one would be filled in by _put, and later
    # examples would draw a different value than they recorded.
    values = ANYTHING | st.sampled_from(_codes(vendor_id)) | st.sampled_from([True, False])
    values |= st.builds(dict)
    body: dict[str, Any] = draw(st.dictionaries(st.text(max_size=6), JSON, max_size=2))
    for path in draw(st.lists(st.sampled_from(_paths(vendor_id)), max_size=4)):
        _put(body, path, draw(values))
    return body


def _raw(body: object) -> bytes:
    """The body as a client receives it (what JSON cannot write is left out)."""
    try:
        return json.dumps(body, default=lambda value: None).encode()
    except Exception:  # keys JSON cannot write, too deep, past the int limit
        return b"{}"


def payloads(vendor_id: str) -> st.SearchStrategy[object]:
    return st.one_of(
        ANYTHING,
        shaped(vendor_id),
        shaped(vendor_id).map(_raw),
        JSON.map(json.dumps),
        st.sampled_from([b"<html><body>502 Bad Gateway</body></html>", b"", "", None]),
    )


def statuses() -> st.SearchStrategy[object]:
    return st.one_of(
        st.none(),
        st.integers(),
        st.sampled_from([200, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504, "503", True]),
        ANYTHING,
    )


def headers(vendor_id: str) -> st.SearchStrategy[object]:
    names = st.sampled_from(_header_names(vendor_id)).flatmap(
        lambda name: st.sampled_from([name, name.upper(), name.title(), name.encode()])
    )
    values = (
        ANYTHING | st.sampled_from(_codes(vendor_id)) | st.lists(st.text(max_size=5), max_size=2)
    )
    return st.one_of(
        st.none(),
        st.dictionaries(names | st.text(max_size=8), values, max_size=3),
        st.lists(st.tuples(names, values), max_size=2),
        ANYTHING,
    )


def _survives(result: object, error_class: Any) -> None:
    """Every way a user looks at an error works."""
    assert result is None or isinstance(result, error_class), repr(type(result))
    if result is None:
        return
    error: Any = result
    assert isinstance(str(error), str) and isinstance(repr(error), str)
    assert isinstance(error.message, str) and isinstance(error.message_for("en"), str)
    for locale in (None, "en", "zh-CN", RaisingText()):
        problem = error.to_problem(locale)
        assert isinstance(problem["title"], str) and isinstance(problem["detail"], str)
        assert problem.get("status") == error.http_status and problem["vendor"] == error.vendor
        json.dumps({key: value for key, value in problem.items()})  # JSON-ready
    assert error.kind.exception in type(error).__mro__ or error.code is not None
    status = error.http_status
    assert (status is None or 100 <= status <= 599) and isinstance(error.retryable, bool)
    assert error.request_id is None or isinstance(error.request_id, str)
    clone = pickle.loads(pickle.dumps(error))
    assert type(clone) is type(error) and clone.code is error.code
    assert str(clone) == str(error) or " object at 0x" in str(error)  # a hostile object, shown
    copy.copy(error)


@pytest.mark.parametrize("vendor_id", VENDORS)
@SETTINGS
@given(data=st.data())
def test_from_response_takes_anything(vendor_id: str, data: st.DataObject) -> None:
    error_class = _error_class(vendor_id)
    payload = data.draw(payloads(vendor_id), label="payload")
    status = data.draw(statuses(), label="status")
    header_map = data.draw(headers(vendor_id), label="headers")
    result = error_class.from_response(payload, status=status, headers=header_map)
    _survives(result, error_class)
    top = catalog.from_response(vendor_id, payload, status=status, headers=header_map)
    assert type(top) is type(result)
    try:
        error_class.raise_for_response(payload, status=status, headers=header_map)
    except error_class as raised:
        assert type(raised) is type(result)
    else:
        assert result is None


@pytest.mark.parametrize("vendor_id", VENDORS)
@SETTINGS
@given(code=ANYTHING | st.sampled_from([1010, "1010", "IAM.0061", "0061", 2004, 10001]))
def test_from_code_takes_anything(vendor_id: str, code: Any) -> None:
    error_class = _error_class(vendor_id)
    for message in (None, "as received", "", RaisingText()):
        result = error_class.from_code(code, message)
        assert isinstance(result, error_class)
        _survives(result, error_class)
    assert isinstance(
        error_class.from_code(code, response=RaisingMapping(), raw_code=code), error_class
    )


@pytest.mark.parametrize("vendor_id", VENDORS)
@SETTINGS
@given(code=JSON | HOSTILE_OBJECTS)
def test_lookup_takes_anything(vendor_id: str, code: Any) -> None:
    codes = _error_class(vendor_id)._codes
    member = codes.lookup(code)
    assert member is None or isinstance(member, codes)
    assert catalog.lookup(vendor_id, code) is member


@pytest.mark.parametrize("vendor_id", VENDORS)
def test_from_code_finds_only_codes(vendor_id: str) -> None:
    """Something equal to a code that is not the code's exact type finds no class by equality:
    True and 1.0 are not code 1; a key that hashes like a real code and then refuses to compare
    is an unknown code, not an exception escaping from_code."""
    error_class = _error_class(vendor_id)
    member = next(iter(error_class._codes))
    known = error_class.from_code(member.code)
    assert known.code is member
    for lookalike in (CollidingKey(member.code), CollidingKey(str(member.code))):
        error = error_class.from_code(lookalike)
        assert error.code is None and isinstance(error, error_class)
    if isinstance(member.code, int):
        for equal in (True, 1.0, float(member.code)):
            assert error_class.from_code(equal).code is None
    assert error_class.from_code(member).code is member  # the member itself is the code
