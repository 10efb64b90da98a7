"""schemas/catalog.schema.json is the one source of the format's structural rules.

Every catalog validates against it as an editor reads it; the loader follows it (change a
pattern, an enum or a required key there and the loader's verdict and message change with it);
and the fast yes/no check that spares valid documents jsonschema answers exactly as jsonschema.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from codegen.schema import structure
from codegen.schema.conformance import Unknown, compile_schema
from codegen.schema.kinds import KINDS
from codegen.schema.loader import MODELINE
from tests.conftest import MINIMAL, SCHEMAS, VENDORS
from tests.generator.schema.loading import edit, errors, lines, load_text, load_texts

SCHEMA = json.loads((SCHEMAS / "catalog.schema.json").read_text(encoding="utf-8"))
EDITOR = Draft202012Validator(SCHEMA)  # what an editor's language server applies


def load(text: str) -> Any:
    return YAML(typ="safe").load(text)


def test_the_json_schema_is_a_valid_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("vendor", VENDORS)
def test_every_catalog_validates_and_starts_with_the_modeline(vendor: str) -> None:
    text = (SCHEMAS / f"{vendor}.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in EDITOR.iter_errors(load(text))]
    assert problems == []
    assert structure.conforms(YAML(typ="rt").load(text))


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
def test_an_editor_refuses_what_the_loader_refuses(old: str, new: str) -> None:
    assert EDITOR.is_valid(load(MINIMAL))
    assert not EDITOR.is_valid(load(edit(old, new)))
    catalog, _ = load_text(edit(old, new))
    assert catalog is None


# -- the loader follows the JSON Schema -----------------------------------------------------


def _reload() -> None:
    for cached in (structure.json_schema, structure._fast_check, structure._validator):
        cached.cache_clear()


def use(data: dict[str, Any]) -> None:
    """Make the loader read `data` as its JSON Schema."""
    structure.SCHEMA_FILE.write_text(json.dumps(data), encoding="utf-8")
    _reload()


@pytest.fixture
def schema_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """A copy of the JSON Schema that the loader reads instead: edit it, then `use` it."""
    data = copy.deepcopy(SCHEMA)
    monkeypatch.setattr(structure, "SCHEMA_FILE", tmp_path / "catalog.schema.json")
    use(data)
    yield data
    _reload()  # the next load reads the real file again


def test_the_loader_follows_a_changed_pattern(schema_copy: dict[str, Any]) -> None:
    vendor_id = schema_copy["properties"]["vendor"]["properties"]["id"]
    vendor_id["pattern"] = "^[a-z]{1,3}$"
    vendor_id["patternErrorMessage"] = "use at most three letters"
    use(schema_copy)
    catalog, problems = load_text(MINIMAL)
    assert catalog is None
    assert lines(errors(problems)) == [
        "acme.yaml:4:7: 'id' of the vendor is 'acme': use at most three letters"
    ]
    catalog, problems = load_texts({"acm.yaml": MINIMAL.replace("id: acme", "id: acm")})
    assert catalog is not None and catalog.vendors[0].id == "acm"


def test_the_loader_follows_a_loosened_pattern(schema_copy: dict[str, Any]) -> None:
    text = edit("    group: auth", "    group: auth\n    renamed_from: [old_name]")
    assert load_text(text)[0] is None
    items = schema_copy["properties"]["codes"]["items"]["properties"]["renamed_from"]["items"]
    items["pattern"] = "^[A-Za-z_]+$"
    use(schema_copy)
    catalog, _ = load_text(text)
    assert catalog is not None and catalog.vendors[0].entries[0].renamed_from == ("old_name",)


def test_the_loader_follows_a_changed_enum_and_required_keys(schema_copy: dict[str, Any]) -> None:
    code = schema_copy["properties"]["codes"]["items"]
    code["properties"]["kind"]["enum"].remove("resource_exhausted")
    code["required"].append("description")
    use(schema_copy)
    _, problems = load_text(MINIMAL)
    shown = lines(errors(problems))
    assert shown[:2] == [
        "acme.yaml:17:5: a code is missing the required key 'description'",
        "acme.yaml:22:5: a code is missing the required key 'description'",
    ]
    assert shown[2].startswith("acme.yaml:25:11: unknown kind 'resource_exhausted'; use one of: ")
    assert len(shown) == 3


def test_the_loader_follows_a_new_key(schema_copy: dict[str, Any]) -> None:
    text = edit("    group: auth", "    group: auth\n    colour: blue")
    assert "unknown key 'colour' in a code" in lines(load_text(text)[1])[0]
    schema_copy["properties"]["codes"]["items"]["properties"]["colour"] = {"enum": ["blue"]}
    use(schema_copy)
    assert load_text(text)[0] is not None
    _, problems = load_text(text.replace("colour: blue", "colour: bleu"))
    assert lines(errors(problems)) == [
        "acme.yaml:22:13: unknown colour 'bleu'; did you mean 'blue'?"
    ]


# -- the fast check answers exactly as jsonschema -------------------------------------------

VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-3, 1000),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from(["", " ", "x", "acme", "Acme", "ACME_X", "int", "str", "en", "zh-CN"]),
        st.sampled_from(["a.b", "a..b", "OLD_NAME", "OldError", "name", "kind", "unknown"]),
        st.text(max_size=6),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.sampled_from(["code", "name", "x", "en", "id"]), children, max_size=3),
    ),
    max_leaves=6,
)


def paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*path, index))


@st.composite
def documents(draw: st.DrawFn) -> Any:
    """MINIMAL, with the new keys, and a few values replaced, removed or added anywhere."""
    data = load(
        edit("    group: auth", "    group: auth\n    renamed_from: [OLD]\n    review: [name]")
    )
    data["vendor"]["response"].append({"header": "error-code", "details": {"request_id": "a.b"}})
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(paths(data))))
        if not path:
            continue
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "remove":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["note", "colour", "header", "error", "details"]))] = draw(
                VALUES
            )
        else:
            parent[path[-1]] = draw(VALUES)
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_fast_check_agrees_with_jsonschema(document: Any) -> None:
    check = compile_schema(structure.json_schema())
    try:
        fast = check(document)
    except Unknown:
        return  # jsonschema decides alone
    assert fast == structure._validator().is_valid(document)
    assert not fast or EDITOR.is_valid(document)  # and what it accepts, an editor accepts


def test_the_fast_check_covers_the_schema() -> None:
    """Every keyword the catalog schema uses is one the fast check interprets."""
    compile_schema(structure.json_schema())
