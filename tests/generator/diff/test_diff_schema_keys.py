"""The schema keys a catalog evolves with (`renamed_from`, `breaking_ok`, `review`, envelope
`header`, `error` and `details`) and the lines `codegen diff` reports: the loader reads them
into the model, refuses them when malformed, and the JSON Schema agrees."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from codegen.schema.loader import load_catalog
from tests.conftest import MINIMAL, SCHEMAS, run_codegen

VALIDATOR = Draft202012Validator(
    json.loads((SCHEMAS / "catalog.schema.json").read_text(encoding="utf-8"))
)

EVOLVED = (
    MINIMAL.replace(
        "  success: [0]",
        '  success: [0]\n  breaking_ok: "prefix renamed for 2.0"',
    )
    .replace(
        "    - {code: code, message: msg}",
        "    - {code: code, message: msg, details: {request_id: meta.request_id}}\n"
        "    - {header: Error-Code}\n"
        "    - {error: error, message: error.message}",
    )
    .replace(
        "    group: auth\n",
        "    group: auth\n"
        "    renamed_from: [ACCESS_TOKEN_EXPIRED, OldTokenError]\n"
        "    review: [kind, group]\n"
        '    breaking_ok: "the vendor renamed it"\n',
    )
)


def test_the_new_keys_reach_the_model(write_schema: Callable[..., Path]) -> None:
    catalog, warnings = load_catalog(write_schema(EVOLVED))
    # the only warning: the entry marked `review` is a draft, which `lint --strict` refuses
    assert [w.message for w in warnings] == [
        "code 1001 is a draft: review its kind, group, then remove 'review'"
    ]
    (vendor,) = catalog.vendors
    assert vendor.breaking_ok == "prefix renamed for 2.0" and vendor.line == 3
    first, header, error = vendor.envelopes
    assert (first.code, first.details) == ("code", (("request_id", "meta.request_id"),))
    assert (header.code, header.header) == (None, "Error-Code")
    assert (error.code, error.error, error.message) == (None, "error", "error.message")
    (group,) = vendor.groups
    assert group.line == 16
    entry, other = vendor.entries
    assert entry.renamed_from == ("ACCESS_TOKEN_EXPIRED", "OldTokenError")
    assert entry.review == ("kind", "group")
    assert entry.breaking_ok == "the vendor renamed it"
    assert (entry.line, other.line) == (20, 28)
    assert (other.renamed_from, other.breaking_ok) == ((), None)
    assert VALIDATOR.is_valid(YAML(typ="safe").load(EVOLVED))


def test_malformed_new_keys_are_refused(write_schema: Callable[..., Path]) -> None:
    broken = (
        EVOLVED.replace("    - {header: Error-Code}", "    - {details: {rid: rid}}")
        .replace("ACCESS_TOKEN_EXPIRED, OldTokenError", "access_token, OldTokenError")
        .replace("review: [kind, group]", "review: [kind, colour]")
    )
    schemas = write_schema(broken)
    result = run_codegen("lint", "--schemas", schemas)
    assert result.status == 2
    path = f"{schemas}/acme.yaml"
    assert (
        f"{path}:11:7: a 'response' envelope needs one of the keys 'code', 'header', 'error',"
        " 'status', 'message'" in (result.stderr)
    )
    assert f"{path}:25:20: an item of 'renamed_from' is 'access_token'" in result.stderr
    assert f"{path}:26:20: unknown 'review' item 'colour'" in result.stderr
    assert not VALIDATOR.is_valid(YAML(typ="safe").load(broken))
    for one in (
        EVOLVED.replace("    - {header: Error-Code}", "    - {details: {rid: rid}}"),
        EVOLVED.replace("ACCESS_TOKEN_EXPIRED, OldTokenError", "access_token"),
        EVOLVED.replace("review: [kind, group]", "review: [kind, colour]"),
        EVOLVED.replace("{request_id: meta.request_id}", "{request id: meta}"),
    ):
        assert not VALIDATOR.is_valid(YAML(typ="safe").load(one))
