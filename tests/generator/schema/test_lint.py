"""`lint`: every problem of every kind in every file from one run; the naming rule; the keys
for evolution and import (`renamed_from`, `review`, `breaking_ok`, envelope `header`, `error`,
`details`) and what the model holds of them."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

from codegen.schema.model import Envelope
from codegen.schema.names import naming_warnings
from tests.conftest import MINIMAL, ROOT, run_codegen
from tests.generator.schema.loading import edit, errors, lines, load_text, load_texts


def test_one_lint_run_lists_every_problem_of_every_kind_in_every_file(
    write_schema: Callable[..., Path],
) -> None:
    write_schema(
        edit("    group: auth", "    gruop: auth")  # unknown key
        .replace('  version: "1.0"', "  version: 1.0")  # wrong type
        .replace("  - code: 1002", "  - code: 1001"),  # duplicate code
        "acme.yaml",
    )
    schemas = write_schema(
        MINIMAL.replace("id: acme", "id: zeta")  # but the prefix is still Acme
        .replace("    kind: unauthenticated", "    kind: unauthenticate")  # unknown kind
        .replace("    group: auth", "    group: atuh"),  # unknown group
        "zeta.yaml",
    )
    result = run_codegen("lint", "--schemas", schemas)
    assert result.status == 2
    acme, zeta = f"{schemas}/acme.yaml", f"{schemas}/zeta.yaml"
    for expected in [
        f"{acme}:7:12: 'version' of the vendor must be a string, not a number",
        f"{acme}:21:5: unknown key 'gruop' in a code; did you mean 'group'?",
        f"{acme}:22:11: duplicate code 1001; first used at line 17 as the code of TOKEN_EXPIRED",
        f"{zeta}:6:11: prefix 'Acme' is already used by {acme}:6:11; set a distinct 'prefix'",
        f"{zeta}:20:11: unknown kind 'unauthenticate'; did you mean 'unauthenticated'?",
        f"{zeta}:21:12: unknown group 'atuh'; did you mean 'auth'?",
    ]:
        assert expected in result.stderr, result.stderr
    assert "6 error(s) in the schemas; nothing was written." in result.stderr


def test_a_file_that_does_not_parse_hides_nothing_in_the_others() -> None:
    _, problems = load_texts(
        {
            "acme.yaml": MINIMAL + "  - [\n",
            "zeta.yaml": MINIMAL.replace("id: acme", "id: zeta").replace("Acme", "Zeta")
            + "  - code: 1001\n    name: AGAIN\n    message: again\n    kind: unknown\n",
        }
    )
    shown = lines(errors(problems))
    assert len(shown) == 2
    assert shown[0].startswith("acme.yaml:27:1: YAML syntax error")
    assert shown[1].startswith("zeta.yaml:26:11: duplicate code 1001; first used at line 17")


# -- the naming rule: one warning per rule ---------------------------------------------------


@pytest.mark.parametrize(
    "rule, name, warning",
    [
        ("N1", "PARAM_MISSING", "name 'PARAM_MISSING' abbreviates: write PARAMETER for PARAM "
         "('PARAMETER_MISSING')"),
        ("N1", "PWD_MSG_ERR_EXPIRED", "abbreviates: write PASSWORD for PWD, MESSAGE for MSG, "
         "ERROR for ERR"),
        ("N2", "INVALID_TOKEN", "name 'INVALID_TOKEN' puts the condition INVALID first: name the "
         "subject first, the condition last ('TOKEN_INVALID')"),
        ("N2", "QUERY_ILLEGAL", "name 'QUERY_ILLEGAL' says ILLEGAL: write INVALID ('QUERY_INVALID')"),
        ("N3", "TYPE_INCORRECT", "name 'TYPE_INCORRECT' says INCORRECT, which is for secrets that "
         "do not match (a password, a code, a signature): write INVALID ('TYPE_INVALID')"),
        ("N4", "SERVICE_UNAVAILABLE", "name 'SERVICE_UNAVAILABLE' contains UNAVAILABLE, which "
         "reads as a kind of failure"),
        ("N4", "COUNT_OUT_OF_RANGE", "contains OUT_OF_RANGE, which reads as a kind of failure"),
        ("N5", "SYSTEM_ERROR", "name 'SYSTEM_ERROR' makes the class SystemError, which reads like "
         "a base class: say what went wrong"),
        ("N5", "MACRO_ERRORS", "makes the class MacroErrorsError, which reads like a base class"),
    ],
)  # fmt: skip
def test_each_naming_rule_warns(rule: str, name: str, warning: str) -> None:
    text = edit("    name: TOO_MANY_REQUESTS", f"    name: {name}")
    text = text.replace(
        "    kind: resource_exhausted", "    kind: resource_exhausted\n    exception: Ok2Error"
    )
    catalog, problems = load_text(text)
    assert catalog is not None, lines(problems)
    assert any(
        line.startswith("acme.yaml:23:11: warning: ") and warning in line
        for line in lines(problems)
    ), lines(problems)


@pytest.mark.parametrize(
    "name",
    [
        "PARAMETER_INVALID", "QUERY_VALUE_UNRECOGNIZED", "ENDPOINT_ALREADY_EXISTS", "USER_NOT_FOUND",
        "TOKEN_EXPIRED", "PASSWORD_INCORRECT", "VERIFICATION_CODE_INCORRECT", "ERROR_COUNT_EXCEEDED",
        "SYSTEM_FAILED", "PARAMETERIZED_QUERY_INVALID", "INTERNALS_CHANGED",
    ],
)  # fmt: skip
def test_names_that_follow_the_rule_have_no_warning(name: str) -> None:
    assert naming_warnings(name) == []


def test_lint_strict_refuses_a_naming_warning(write_schema: Callable[..., Path]) -> None:
    schemas = write_schema(edit("    name: TOO_MANY_REQUESTS", "    name: INVALID_TOKEN"))
    result = run_codegen("lint", "--strict", "--schemas", schemas)
    assert result.status == 1
    assert f"{schemas}/acme.yaml:23:11: warning: name 'INVALID_TOKEN' puts" in result.stderr
    assert run_codegen("lint", "--schemas", schemas).status == 0


def test_lint_strict_refuses_a_catalog_without_an_envelope(
    write_schema: Callable[..., Path],
) -> None:
    declared = "  response:\n    - {code: code, message: msg}\n"
    assert run_codegen("lint", "--strict", "--schemas", write_schema(MINIMAL)).status == 0
    for missing in ("", "  response: []\n"):
        schemas = write_schema(edit(declared, missing))
        result = run_codegen("lint", "--strict", "--schemas", schemas)
        assert result.status == 1
        assert "warning: no 'response' envelope: from_response would read only" in result.stderr
        assert run_codegen("lint", "--schemas", schemas).status == 0


# -- review: guessed by `codegen import` -----------------------------------------------------


def test_review_is_a_warning_that_names_the_entry(write_schema: Callable[..., Path]) -> None:
    text = edit("    group: auth", "    group: auth\n    review: [name, kind]")
    catalog, problems = load_text(text)
    assert catalog is not None
    assert catalog.vendors[0].entries[0].review == ("name", "kind")
    assert lines(problems) == [
        "acme.yaml:22:5: warning: code 1001 is a draft: review its name, kind, then remove 'review'"
    ]
    schemas = write_schema(text)
    assert run_codegen("lint", "--strict", "--schemas", schemas).status == 1


# -- the new keys in the model ---------------------------------------------------------------


def test_the_new_keys_reach_the_model() -> None:
    text = edit(
        "    - {code: code, message: msg}",
        "    - {code: code, message: msg}\n"
        "    - {header: error-code, details: {request_id: meta.request_id, field: param}}\n"
        "    - {error: error, message: error.message}\n"
        '  breaking_ok: "codes renumbered in v2"',
    ).replace(
        "    group: auth",
        "    group: auth\n    renamed_from: [EXPIRED_TOKEN, OldTokenError]\n"
        "    breaking_ok: renamed\n    note: kept the vendor's wording",
    )
    catalog, problems = load_text(text)
    assert catalog is not None, lines(problems)
    vendor = catalog.vendors[0]
    assert vendor.envelopes == (
        Envelope(code="code", message="msg"),
        Envelope(
            header="error-code", details=(("request_id", "meta.request_id"), ("field", "param"))
        ),
        Envelope(error="error", message="error.message"),
    )
    assert (vendor.breaking_ok, vendor.line) == ("codes renumbered in v2", 3)
    assert [group.line for group in vendor.groups] == [16]
    first, second = vendor.entries
    assert first.renamed_from == ("EXPIRED_TOKEN", "OldTokenError")
    assert (first.breaking_ok, first.note, first.line) == (
        "renamed",
        "kept the vendor's wording",
        20,
    )
    assert (second.renamed_from, second.breaking_ok, second.note, second.line) == (
        (),
        None,
        None,
        28,
    )


def test_generated_output_ignores_what_it_does_not_render() -> None:
    """Lines and notes are metadata: they do not make two entries or vendors differ."""
    plain, _ = load_text(MINIMAL)
    moved, _ = load_text(MINIMAL.replace("codes:\n", "\n\ncodes:\n"))
    assert plain is not None and moved is not None
    assert plain.vendors[0].entries == moved.vendors[0].entries
    assert plain.vendors[0] == moved.vendors[0]


# -- the shape of the generator's code -------------------------------------------------------


def test_the_loader_is_short_and_no_generator_class_is_long() -> None:
    assert len((ROOT / "codegen/schema/loader.py").read_text().splitlines()) < 300
    long = []
    for path in sorted((ROOT / "codegen").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > 150:
                long.append(f"{path.name}: {node.name}")
    assert long == []


# -- codes from traffic and large catalogs ---------------------------------------------------


def test_origin_is_page_by_default_and_traffic_when_marked() -> None:
    marked = MINIMAL.replace(
        "    kind: resource_exhausted\n",
        '    kind: resource_exhausted\n    origin: traffic\n    note: "seen in acme/sdk client.py send"\n',
    )
    catalog, problems = load_text(marked)
    assert catalog is not None and problems == []
    assert [entry.origin for entry in catalog.vendors[0].entries] == ["page", "traffic"]


def test_a_code_from_traffic_without_a_note_is_refused_by_lint_strict(
    write_schema: Callable[..., Path],
) -> None:
    schemas = write_schema(MINIMAL + "    origin: traffic\n")
    result = run_codegen("lint", "--strict", "--schemas", schemas)
    assert result.status == 1
    assert (
        f"{schemas}/acme.yaml:26:5: warning: code 1002 is not on the vendor's page: say in a "
        "'note' where it was seen" in result.stderr
    ), result.stderr


def test_an_origin_other_than_page_or_traffic_is_an_error() -> None:
    _, problems = load_text(MINIMAL + "    origin: docs\n")
    assert lines(errors(problems)) == [
        "acme.yaml:26:13: unknown origin 'docs'; use one of: page, traffic"
    ]


def large(count: int, *, grouped: bool) -> str:
    head = MINIMAL.split("groups:\n")[0]
    if grouped:
        head += "groups:\n  - id: auth\n    name: AcmeAuthError\n"
    codes = "".join(
        f"  - code: {2000 + number}\n    name: CASE_{number}_FAILED\n"
        f'    message: "case {number}"\n    kind: internal\n'
        + ("    group: auth\n" if grouped else "")
        for number in range(count)
    )
    return head + "codes:\n" + codes


def test_lint_strict_refuses_more_than_30_codes_without_groups(
    write_schema: Callable[..., Path],
) -> None:
    schemas = write_schema(large(31, grouped=False))
    result = run_codegen("lint", "--strict", "--schemas", schemas)
    assert result.status == 1
    line = next(
        number
        for number, text in enumerate(large(31, grouped=False).splitlines(), 1)
        if text == "codes:"
    )
    assert (
        f"{schemas}/acme.yaml:{line}:1: warning: 31 codes and no groups: a catalog of more than "
        "30 codes groups them by subject" in result.stderr
    ), result.stderr


@pytest.mark.parametrize("count, grouped", [(30, False), (31, True)])
def test_thirty_codes_or_grouped_codes_need_no_groups_warning(count: int, grouped: bool) -> None:
    catalog, problems = load_text(large(count, grouped=grouped))
    assert catalog is not None and problems == [], lines(problems)
