"""`review: [...]` on a code: the fields `codegen import` guessed. The schema accepts it, `lint`
warns naming the entry, `lint --strict` refuses, and the package still generates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from codegen.schema.loader import check_text
from tests.conftest import MINIMAL, run_codegen

DRAFT = MINIMAL.replace(
    "    kind: resource_exhausted\n",
    "    kind: resource_exhausted\n    review: [name, kind]\n",
)
REVIEW_LINE = DRAFT.splitlines().index("    review: [name, kind]") + 1


def test_review_is_read_into_the_model_and_warned_about() -> None:
    vendor, _, problems = check_text("schemas/acme.yaml", DRAFT)
    assert vendor is not None
    assert [entry.review for entry in vendor.entries] == [(), ("name", "kind")]
    warnings = [str(p) for p in problems if p.severity == "warning"]
    assert len(warnings) == 1
    assert f"schemas/acme.yaml:{REVIEW_LINE}:" in warnings[0]
    assert "code 1002 is a draft: review its name, kind" in warnings[0]


def test_lint_warns_and_strict_lint_refuses_naming_each_draft(
    write_schema: Callable[..., Path],
) -> None:
    schemas = write_schema(DRAFT)
    relaxed = run_codegen("lint", "--schemas", schemas)
    assert relaxed.status == 0, relaxed.stderr
    assert "code 1002 is a draft" in relaxed.stderr
    strict = run_codegen("lint", "--strict", "--schemas", schemas)
    assert strict.status == 1
    assert "code 1002 is a draft: review its name, kind" in strict.stderr
    assert "code 1001" not in strict.stderr


def test_review_items_must_be_field_names() -> None:
    bad = DRAFT.replace("review: [name, kind]", "review: [name, 3]")
    vendor, _, problems = check_text("schemas/acme.yaml", bad)
    assert vendor is None
    assert any("unknown 'review' item 3; use one of: name, kind" in str(p) for p in problems)
    not_a_list = DRAFT.replace("review: [name, kind]", "review: name")
    vendor, _, problems = check_text("schemas/acme.yaml", not_a_list)
    assert vendor is None
    assert any("'review' of a code must be a list" in str(p) for p in problems)


def test_the_json_schema_accepts_review_lists_of_field_names() -> None:
    import json

    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
    from ruamel.yaml import YAML

    from tests.conftest import SCHEMAS

    validator = Draft202012Validator(
        json.loads((SCHEMAS / "catalog.schema.json").read_text(encoding="utf-8"))
    )
    assert validator.is_valid(YAML(typ="safe").load(DRAFT))
    assert not validator.is_valid(YAML(typ="safe").load(DRAFT.replace("[name, kind]", "[3]")))
