"""`catalog.export()`: the catalogs as plain JSON data, valid against the JSON Schema the
package ships beside it (export.schema.json)."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest

import catalog
from catalog import Kind
from tests.conftest import GENERATED, VENDORS

SCHEMA = json.loads((GENERATED / "catalog/export.schema.json").read_text(encoding="utf-8"))


def validate(data: Any) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_export_of_every_vendor_is_valid_and_plain_json() -> None:
    data = catalog.export()
    validate(data)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data  # nothing but JSON types
    assert [vendor["id"] for vendor in data["vendors"]] == catalog.vendors() == list(VENDORS)
    assert [kind["id"] for kind in data["kinds"]] == [kind.value for kind in Kind]
    assert data["package_version"] == catalog.__version__


@pytest.mark.parametrize("vendor_id", VENDORS)
def test_a_vendors_export_says_what_its_package_does(vendor_id: str) -> None:
    data = catalog.export(vendor_id)
    validate(data)
    (vendor,) = data["vendors"]
    codes = type(catalog.lookup(vendor_id, vendor["codes"][0]["code"]))
    assert [record["name"] for record in vendor["codes"]] == [member.name for member in codes]
    for record in vendor["codes"]:
        member = catalog.lookup(vendor_id, record["code"])
        assert member is not None and member.name == record["name"]
        assert record["exception"] == f"catalog.{vendor_id}.{member.exception.__name__}"
        assert record["message"] == member.message and record["kind"] == member.kind.value
        assert record["retryable"] == member.retryable
        assert record["http_status"] == member.http_status and record["group"] == member.group
        assert record["translations"] == dict(member.translations)
        for alias in record["aliases"]:
            assert catalog.lookup(vendor_id, alias) is member
    groups = {group["id"]: group for group in vendor["groups"]}
    for record in vendor["codes"]:
        if record["group"] is not None:
            assert groups[record["group"]]["class"] in {
                f"catalog.{vendor_id}.{base.__name__}"
                for base in catalog.lookup(vendor_id, record["code"]).exception.__mro__  # type: ignore[union-attr]
            }
    classes = [group["class"] for group in vendor["groups"]]
    for group in vendor["groups"]:  # outermost first: a parent comes before its children
        assert group["parent"] is None or classes.index(group["parent"]) < classes.index(
            group["class"]
        )


def test_an_envelope_is_exported_as_written() -> None:
    (tuya,) = catalog.export("tuya")["vendors"]
    assert tuya["envelopes"] == [
        {
            "code": "code",
            "message": "msg",
            "success": "success",
            "header": None,
            "error": None,
            "status": None,
            "request_id": ["tid"],
            "details": {"server_time": "t"},
            "retry_after": None,
        }
    ]
    (mtauth,) = catalog.export("mtauth")["vendors"]
    assert any(envelope["header"] == "error-code" for envelope in mtauth["envelopes"])


def test_an_unknown_vendor_is_a_value_error_naming_the_known_ones() -> None:
    # The rule and the message of every function that takes a vendor id.
    known = ", ".join(map(repr, catalog.vendors()))
    with pytest.raises(ValueError, match=re.escape(f"'aws': the vendors are {known}")):
        catalog.export("aws")


def test_a_schema_violation_is_caught() -> None:
    data = catalog.export("tuya")
    data["vendors"][0]["codes"][0]["kind"] = "no_such_kind"
    with pytest.raises(jsonschema.ValidationError):
        validate(data)
