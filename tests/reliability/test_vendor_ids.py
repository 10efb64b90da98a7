"""A vendor id that is not a vendor's is refused: a typo must not read every failure as a success.

`catalog.from_response`, `raise_for_response`, `lookup` and `from_http_response` raise
ValueError naming the vendor ids; their parameter is typed `catalog.VendorId`, a Literal of the ids, so that mypy and pyright
flag a typo before it runs. Only the exact text of an id is compared: a `str` subclass is read
as its text and never asked to compare itself.
"""

from __future__ import annotations

import re
import textwrap
from enum import StrEnum
from pathlib import Path
from typing import Any, get_args

import pytest

import catalog
from catalog import TuyaCode, TuyaError
from tests.conftest import GENERATED, VENDORS
from tests.package import checkers

NOT_VENDORS = ["mt-auth", "Tuya", "huawei", "tuya ", "", "tuya\x00", None, 1, ["tuya"], b"tuya"]
KNOWN = ", ".join(map(repr, VENDORS))


class Response:  # what an HTTP client's response has
    status_code = 400
    headers: dict[str, str] = {}
    content = b"{}"


def _calls(vendor_id: Any) -> list[Any]:
    return [
        lambda: catalog.from_response(vendor_id, b"{}", status=400),
        lambda: catalog.raise_for_response(vendor_id, b"{}", status=400),
        lambda: catalog.lookup(vendor_id, 1010),
        lambda: catalog.from_http_response(vendor_id, Response()),
        lambda: catalog.raise_for_http_response(vendor_id, Response()),
        *([lambda: catalog.export(vendor_id)] if vendor_id is not None else []),  # None: all
    ]


@pytest.mark.parametrize("vendor_id", NOT_VENDORS, ids=repr)
def test_an_id_that_is_not_a_vendor_is_refused_naming_the_vendors(vendor_id: Any) -> None:
    for call in _calls(vendor_id):
        with pytest.raises(ValueError, match=re.escape(f"the vendors are {KNOWN}")) as raised:
            call()
        assert "unknown vendor id" in str(raised.value)


def test_the_literal_lists_exactly_the_vendors() -> None:
    assert get_args(catalog.VendorId) == VENDORS == tuple(catalog.vendors())
    assert "VendorId" in catalog.__all__


class Raising(str):
    """A str subclass that refuses every comparison, and even to be shown."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("compared")

    def __ne__(self, other: object) -> bool:
        raise RuntimeError("compared")

    def __hash__(self) -> int:
        raise RuntimeError("hashed")

    def __repr__(self) -> str:
        raise RuntimeError("shown")


class Vendor(StrEnum):
    TUYA = "tuya"


@pytest.mark.parametrize("vendor_id", [Raising("tuya"), Vendor.TUYA], ids=["raising", "strenum"])
def test_a_str_subclass_is_read_as_its_text(vendor_id: str) -> None:
    assert catalog.lookup(vendor_id, 1010) is TuyaCode.lookup(1010)  # type: ignore[arg-type]
    error = catalog.from_response(vendor_id, {"success": False, "code": 1010})  # type: ignore[arg-type]
    assert isinstance(error, TuyaError) and error.code is TuyaCode.lookup(1010)
    with pytest.raises(TuyaError):
        catalog.raise_for_response(vendor_id, {"success": False, "code": 1010})  # type: ignore[arg-type]


def test_a_str_subclass_that_is_no_vendor_is_refused_without_comparing() -> None:
    for call in _calls(Raising("mt-auth")):
        with pytest.raises(ValueError, match="unknown vendor id"):
            call()


SAMPLE = textwrap.dedent("""\
    import catalog

    catalog.lookup("tuya", 1010)
    catalog.from_response("iam", b"{}", status=400)
    catalog.lookup("Tuya", 1010)
    catalog.from_response("mt-auth", b"{}", status=400)
    catalog.raise_for_response("huawei", b"{}", status=400)
    catalog.from_http_response("iam ", object())
    vendor_id: catalog.VendorId = "edu"
    catalog.lookup(vendor_id, 1)
    """)
TYPOS = {5, 6, 7, 8}  # the lines of the mistyped ids


def test_both_type_checkers_flag_a_mistyped_vendor_id(tmp_path: Path) -> None:
    (tmp_path / "sample.py").write_text(SAMPLE, encoding="utf-8")

    for checker in (checkers.mypy, checkers.pyright):
        found = checkers.errors(checker(tmp_path, ["sample.py"], GENERATED))
        assert {error.line for error in found} == TYPOS, (checker.__name__, found)
