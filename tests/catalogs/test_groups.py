"""Large catalogs are catchable by subject: every vendor with more than 30 codes has groups, and
every one of its codes is in a group whose exception class it derives from."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import SCHEMAS, VENDORS

LARGE = 30  # more codes than this and a flat list is no longer catchable by subject


def load(vendor: str) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load((SCHEMAS / f"{vendor}.yaml").read_text("utf-8"))
    return data


LARGE_VENDORS = [vendor for vendor in VENDORS if len(load(vendor)["codes"]) > LARGE]


def test_the_large_vendors_are_derived_from_the_schemas() -> None:
    # A new vendor joins the checks below by being added to schemas/; the list is never empty
    # (Authing, a flat page of 99 codes, is the case these checks were written for).
    assert "authing" in LARGE_VENDORS and set(LARGE_VENDORS) <= set(VENDORS)
    small = [vendor for vendor in VENDORS if vendor not in LARGE_VENDORS]
    assert all(len(load(vendor)["codes"]) <= LARGE for vendor in small)


@pytest.mark.parametrize("vendor", LARGE_VENDORS)
def test_a_vendor_with_more_than_30_codes_has_groups_covering_every_code(vendor: str) -> None:
    data = load(vendor)
    groups = {group["id"]: group for group in data.get("groups") or []}
    assert groups, f"{vendor}: {len(data['codes'])} codes and no groups"
    ungrouped = [entry["code"] for entry in data["codes"] if not entry.get("group")]
    assert ungrouped == [], f"{vendor}: codes in no group: {ungrouped}"
    assert {entry["group"] for entry in data["codes"]} <= set(groups)
    used = {entry["group"] for entry in data["codes"]}
    parents = {group.get("parent") for group in groups.values()} - {None}
    assert set(groups) - used - parents == set(), f"{vendor}: groups no code is in"


@pytest.mark.parametrize("vendor", LARGE_VENDORS)
def test_every_code_is_caught_by_its_group_class(vendor: str) -> None:
    data = load(vendor)
    module = importlib.import_module(f"catalog.{vendor}")
    group_class = {group["id"]: getattr(module, group["name"]) for group in data["groups"]}
    prefix = data["vendor"].get("prefix") or vendor.capitalize()
    codes = getattr(module, f"{prefix}Code")
    for entry in data["codes"]:
        member = codes.lookup(entry["code"])
        assert member is not None and member.group == entry["group"], entry["code"]
        error = getattr(module, f"{prefix}Error").from_code(entry["code"])
        assert isinstance(error, group_class[entry["group"]]), entry["code"]
        with pytest.raises(group_class[entry["group"]]):
            raise error
