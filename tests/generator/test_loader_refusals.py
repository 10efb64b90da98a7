"""Every refusal of SPEC section 3: exact location and message, exit 2, nothing written.

Each case edits the valid MINIMAL schema (see conftest; its line numbers are the reference)
and names the `LINE:COL: message` the generator must print. A user fixes the file from that
line alone, so the location and the wording are the behaviour under test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, run_codegen


def edit(old: str, new: str) -> str:
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, 1)


CASES: dict[str, tuple[str, list[str]]] = {
    "empty file": ("", ["1:1: the file is empty; a schema needs 'format', 'vendor' and 'codes'"]),
    "only a comment": (
        "# yaml-language-server: $schema=catalog.schema.json\n",
        ["1:1: the file is empty"],
    ),
    "YAML syntax error": (
        edit("    - {code: code, message: msg}", "    - {code: code, message: msg"),
        [
            "11:10: YAML syntax error: while parsing a flow mapping expected ',' or '}', "
            "but got ':' (the construct began at line 10, column 7)"
        ],
    ),
    "duplicate YAML key": (
        edit("  name: Acme Cloud\n", "  name: Acme Cloud\n  name: Acme Again\n"),
        ["6:3: YAML syntax error: while constructing a mapping found duplicate key \"name\""],
    ),
    "a date that does not exist": (
        edit('  version: "1.0"', "  version: 2024-13-45"),
        ["7:12: '2024-13-45' cannot be read as YAML: month must be in 1..12; quote it if it is meant as text"],
    ),
    "an unknown key brought in by a merge key": (
        edit("  id: acme\n", "  id: acme\n  <<: {colour: blue}\n"),
        ["4:3: unknown key 'colour' in 'vendor'; allowed keys are: id, name, prefix"],
    ),
    "not a mapping": ("- just\n- a list\n", ["1:1: the schema must be a mapping, not a list"]),
    "unknown key with did-you-mean": (
        edit("    group: auth", "    gruop: auth"),
        ["21:5: unknown key 'gruop' in a code; did you mean 'group'?"],
    ),
    "unknown key, no close match": (
        edit("  version: \"1.0\"", "  version: \"1.0\"\n  colour: blue"),
        ["8:3: unknown key 'colour' in 'vendor'; allowed keys are: id, name, prefix"],
    ),
    "missing required key": (
        edit('    message: "token is expired"\n', ""),
        ["17:5: a code is missing the required key 'message'"],
    ),
    "mistyped field": (
        edit('  version: "1.0"', "  version: 1.0"),
        ["7:12: 'version' of the vendor must be a string, not a number (quote it: \"...\")"],
    ),
    "mistyped list": (
        edit("  success: [0]", "  success: 0"),
        ["11:12: 'success' of the vendor must be a list, not an integer"],
    ),
    "code of the wrong type": (
        edit("  - code: 1001", '  - code: "A1001"'),
        ["17:11: code 'A1001' must be an integer (code_type is int)"],
    ),
    "code written with a thousands separator": (
        edit("  - code: 1001", "  - code: 1,001"),
        ["17:11: code '1,001' must be an integer (code_type is int); write it as the integer 1001"],
    ),
    "integer code in a str catalog": (
        edit("  code_type: int", "  code_type: str").replace("  success: [0]\n", ""),
        ["16:11: code 1001 must be a string (code_type is str); quote it: \"1001\""],
    ),
    "duplicate code": (
        edit("  - code: 1002", "  - code: 1001"),
        ["22:11: duplicate code 1001; first used at line 17 as the code of TOKEN_EXPIRED"],
    ),
    "alias duplicating a code": (
        edit("    kind: resource_exhausted", "    kind: resource_exhausted\n    aliases: [1003, 1001]"),
        ["26:21: duplicate code 1001; first used at line 17 as the code of TOKEN_EXPIRED"],
    ),
    "duplicate member name": (
        edit("    name: TOO_MANY_REQUESTS", "    name: TOKEN_EXPIRED"),
        [
            "23:11: duplicate name 'TOKEN_EXPIRED'; already used at line 18 by code 1001",
            "23:11: duplicate class name 'TokenExpiredError' of code 1002; "
            "already used at line 18 by code 1001",
        ],
    ),
    "duplicate class name": (
        edit("    kind: resource_exhausted", "    kind: resource_exhausted\n    exception: AcmeAuthError"),
        ["26:16: duplicate class name 'AcmeAuthError' of code 1002; already used at line 14 by group 'auth'"],
    ),
    "name that is not UPPER_SNAKE": (
        edit("    name: TOKEN_EXPIRED", "    name: token expired"),
        ["18:11: 'name' of the code is 'token expired': use UPPER_SNAKE_CASE like 'ACCOUNT_LOCKED'"],
    ),
    "class name that is not an identifier": (
        edit("    kind: resource_exhausted", "    kind: resource_exhausted\n    exception: Too-Many"),
        ["26:16: 'exception' of the code is 'Too-Many': use a CamelCase class name"],
    ),
    "class name that is a keyword": (
        edit("    kind: resource_exhausted", "    kind: resource_exhausted\n    exception: None"),
        ["26:16: class name 'None' of code 1002 is a Python keyword"],
    ),
    "name shadowing a builtin": (
        edit("    name: TOO_MANY_REQUESTS", "    name: CONNECTION_ERROR"),
        ["23:11: class name 'ConnectionError' of code 1002 would shadow the Python builtin ConnectionError"],
    ),
    "name shadowing a kind exception": (
        edit("    name: TOO_MANY_REQUESTS", "    name: NOT_FOUND"),
        ["23:11: class name 'NotFoundError' of code 1002 would shadow a name catalog generates"],
    ),
    "name shadowing the vendor base class": (
        edit("    kind: resource_exhausted", "    kind: resource_exhausted\n    exception: AcmeError"),
        ["26:16: class name 'AcmeError' of code 1002 would shadow a name catalog generates"],
    ),
    "vendor id shadowing a builtin": (
        edit("  id: acme", "  id: sorted"),
        ["4:7: vendor 'id' 'sorted' would shadow the Python builtin 'sorted' inside catalog; "
         "choose another module name, e.g. 'sorted_api'"],
    ),
    "prefix making a builtin's name": (
        edit("  prefix: Acme", "  prefix: Lookup"),
        ["6:11: prefix 'Lookup' would make LookupError shadow the Python builtin of that name; "
         "choose another prefix"],
    ),
    "unknown group": (
        edit("    group: auth", "    group: auht"),
        ["21:12: unknown group 'auht'; did you mean 'auth'?"],
    ),
    "unknown kind": (
        edit("    kind: unauthenticated", "    kind: unauthenticate"),
        ["20:11: unknown kind 'unauthenticate'; did you mean 'unauthenticated'?"],
    ),
    "group cycle": (
        edit(
            "    description: Authentication failures.\n",
            "    description: Authentication failures.\n    parent: token\n"
            "  - id: token\n    name: AcmeTokenError\n    parent: auth\n",
        ),
        ["16:13: group cycle: auth -> token -> auth", "19:13: group cycle: token -> auth -> token"],
    ),
    "unknown parent group": (
        edit("    description: Authentication failures.\n", "    description: Authentication failures.\n    parent: nowhere\n"),
        ["16:13: unknown parent group 'nowhere'"],
    ),
    "unsupported format": (edit("format: 1", "format: 2"), ["2:9: format 2 is not supported; this generator reads format 1"]),
    "HTTP status out of range": (
        edit("    group: auth", "    group: auth\n    http_status: 99"),
        ["22:18: http_status 99 is not an HTTP status (100-599)"],
    ),
    "retryable that is not a boolean": (
        edit("    group: auth", "    group: auth\n    retryable: \"yes\""),
        ["22:16: 'retryable' of the code must be true or false, not a string"],
    ),
    "empty message": (
        edit('    message: "token is expired"', '    message: " "'),
        ["19:14: 'message' of the code must not be empty"],
    ),
    "bad translation locale": (
        edit("    group: auth", "    group: auth\n    translations: {english: \"x\"}"),
        ["22:20: translation locale 'english' is not a BCP 47 tag"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_refusal(case: str, write_schema: Callable[..., Path], tmp_path: Path) -> None:
    text, expected = CASES[case]
    schemas = write_schema(text)
    out = tmp_path / "out"
    result = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert result.status == 2, result
    assert "Traceback" not in result.stderr
    for message in expected:
        assert f"{schemas}/acme.yaml:{message}" in result.stderr, result.stderr
    assert "nothing was written" in result.stderr
    assert not out.exists()


def test_every_problem_is_listed_at_once(write_schema: Callable[..., Path], tmp_path: Path) -> None:
    text = (
        edit("    group: auth", "    gruop: auth")
        .replace("    kind: resource_exhausted", "    kind: exhausted")
        .replace("  - code: 1002", '  - code: "x"')
    )
    schemas = write_schema(text)
    result = run_codegen("lint", "--schemas", schemas)
    assert result.status == 2
    errors = [line for line in result.stderr.splitlines() if ": warning:" not in line and "acme.yaml:" in line]
    assert [line.split("acme.yaml:")[1].split(":")[0] for line in errors] == ["21", "22", "25"]


def test_vendor_id_used_twice(write_schema: Callable[..., Path], tmp_path: Path) -> None:
    write_schema(MINIMAL, "acme.yaml")
    schemas = write_schema(MINIMAL, "zeta.yaml")
    result = run_codegen("generate", "--schemas", schemas, "--out", tmp_path / "out")
    assert result.status == 2
    assert f"{schemas}/zeta.yaml:4:7: vendor id 'acme' is already used by {schemas}/acme.yaml:4:7" in result.stderr
    assert not (tmp_path / "out").exists()


def test_prefix_used_twice(write_schema: Callable[..., Path], tmp_path: Path) -> None:
    write_schema(MINIMAL, "acme.yaml")
    schemas = write_schema(MINIMAL.replace("id: acme", "id: acme2"), "acme2.yaml")
    result = run_codegen("lint", "--schemas", schemas)
    assert result.status == 2
    assert f"{schemas}/acme2.yaml:4:7: prefix 'Acme' is already used by {schemas}/acme.yaml:4:7" in result.stderr


def test_not_utf8(write_schema: Callable[..., Path], tmp_path: Path) -> None:
    schemas = write_schema(raw=MINIMAL.replace("Acme Cloud", "Acme \xe9").encode("latin-1"))
    result = run_codegen("generate", "--schemas", schemas, "--out", tmp_path / "out")
    assert result.status == 2
    assert f"{schemas}/acme.yaml:1:1: the file is not UTF-8" in result.stderr
    assert not (tmp_path / "out").exists()


def test_invalid_schema_leaves_an_existing_tree_untouched(write_schema: Callable[..., Path], tmp_path: Path) -> None:
    schemas = write_schema()
    out = tmp_path / "out"
    assert run_codegen("generate", "--schemas", schemas, "--out", out).status == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write_schema(edit("    kind: unauthenticated", "    kind: nope"))
    assert run_codegen("generate", "--schemas", schemas, "--out", out).status == 2
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_minimal_schema_is_valid(write_schema: Callable[..., Path]) -> None:
    result = run_codegen("lint", "--strict", "--schemas", write_schema())
    assert result.status == 0, result.stderr
    assert "1 vendors, 2 codes: 0 warning(s)." in result.stdout
