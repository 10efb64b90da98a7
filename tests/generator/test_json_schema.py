"""schemas/catalog.schema.json: every catalog validates, editors get the modeline, and the
JSON Schema agrees with the loader on what is valid."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from codegen.kinds import KINDS
from codegen.loader import MODELINE
from tests.conftest import MINIMAL, SCHEMAS, VENDORS

SCHEMA = json.loads((SCHEMAS / "catalog.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def load(text: str) -> Any:
    return YAML(typ="safe").load(text)


def test_the_json_schema_is_a_valid_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("vendor", VENDORS)
def test_every_catalog_validates_and_starts_with_the_modeline(vendor: str) -> None:
    text = (SCHEMAS / f"{vendor}.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(load(text))]
    assert errors == []


def test_kinds_are_the_generators_kinds() -> None:
    kinds = SCHEMA["properties"]["codes"]["items"]["properties"]["kind"]["enum"]
    assert kinds == [kind.id for kind in KINDS]


@pytest.mark.parametrize(
    "old, new",
    [
        ("    group: auth", "    gruop: auth"),  # unknown key
        ("  - code: 1001", '  - code: "1001"'),  # a string code where code_type is int
        ("    kind: unauthenticated", "    kind: nope"),  # unknown kind
        ("    name: TOKEN_EXPIRED", "    name: token_expired"),  # not UPPER_SNAKE
        ('    message: "token is expired"\n', ""),  # a required key missing
        ("format: 1", "format: 2"),
    ],
)
def test_the_json_schema_refuses_what_the_loader_refuses(old: str, new: str) -> None:
    assert VALIDATOR.is_valid(load(MINIMAL))
    assert not VALIDATOR.is_valid(load(MINIMAL.replace(old, new)))
