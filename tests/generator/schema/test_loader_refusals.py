"""Every refusal of the loader: exact location and message; a few runs of the CLI for exit 2.

Each case edits the valid MINIMAL schema (see conftest; its line numbers are the reference)
and names the `LINE:COL: message` the loader must report. A user fixes the file from that line
alone, so the location and the wording are the behaviour under test. The cases call the loader
in-process; the tests at the end run the generator as a user does, for the exit status, the
absence of a traceback and "nothing written".
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINIMAL, run_codegen
from tests.generator.schema.loading import edit, errors, lines, load, load_text, load_texts

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
        ['6:3: YAML syntax error: while constructing a mapping found duplicate key "name"'],
    ),
    "a date that does not exist": (
        edit('  version: "1.0"', "  version: 2024-13-45"),
        [
            "7:12: '2024-13-45' cannot be read as YAML: month must be in 1..12; "
            "quote it if it is meant as text"
        ],
    ),
    "an unknown key brought in by a merge key": (
        edit("  id: acme\n", "  id: acme\n  <<: {colour: blue}\n"),
        ["4:3: unknown key 'colour' in the vendor; allowed keys are: id, name, prefix"],
    ),
    "not a mapping": ("- just\n- a list\n", ["1:1: the schema must be a mapping, not a list"]),
    "unknown key with did-you-mean": (
        edit("    group: auth", "    gruop: auth"),
        ["21:5: unknown key 'gruop' in a code; did you mean 'group'?"],
    ),
    "unknown key, no close match": (
        edit('  version: "1.0"', '  version: "1.0"\n  colour: blue'),
        ["8:3: unknown key 'colour' in the vendor; allowed keys are: id, name, prefix"],
    ),
    "missing required key": (
        edit('    message: "token is expired"\n', ""),
        ["17:5: a code is missing the required key 'message'"],
    ),
    "required key without a value": (
        edit('    message: "token is expired"', "    message:"),
        ["20:5: 'message' of a code has no value; it must be a string"],
    ),
    "mistyped field": (
        edit('  version: "1.0"', "  version: 1.0"),
        ["7:12: 'version' of the vendor must be a string, not a number (quote it: \"...\")"],
    ),
    "a date where text is expected": (
        edit('  version: "1.0"', "  version: 2024-05-01"),
        ["7:12: 'version' of the vendor must be a string, not a date (quote it: \"...\")"],
    ),
    "mistyped list": (
        edit("  success: [0]", "  success: 0"),
        ["11:12: 'success' of the vendor must be a list, not an integer"],
    ),
    "code of the wrong type": (
        edit("  - code: 1001", '  - code: "A1001"'),
        ["17:11: code 'A1001' must be an integer (code_type is int)"],
    ),
    "a code that is a number with a fraction": (
        edit("  - code: 1001", "  - code: 1.0"),
        ["17:11: code 1.0 must be an integer (code_type is int)"],
    ),
    "code written with a thousands separator": (
        edit("  - code: 1001", "  - code: 1,001"),
        ["17:11: code '1,001' must be an integer (code_type is int); write it as the integer 1001"],
    ),
    "integer code in a str catalog": (
        edit("  code_type: int", "  code_type: str").replace("  success: [0]\n", ""),
        ['16:11: code 1001 must be a string (code_type is str); quote it: "1001"'],
    ),
    "success code of the wrong type": (
        edit("  success: [0]", '  success: ["ok"]'),
        ["11:13: success code 'ok' must be an integer (code_type is int)"],
    ),
    "unknown code_type": (
        edit("  code_type: int", "  code_type: itn"),
        ["8:14: unknown code_type 'itn'; did you mean 'int'?"],
    ),
    "duplicate code": (
        edit("  - code: 1002", "  - code: 1001"),
        ["22:11: duplicate code 1001; first used at line 17 as the code of TOKEN_EXPIRED"],
    ),
    "alias duplicating a code": (
        edit(
            "    kind: resource_exhausted",
            "    kind: resource_exhausted\n    aliases: [1003, 1001]",
        ),
        ["26:21: duplicate code 1001; first used at line 17 as the code of TOKEN_EXPIRED"],
    ),
    "a success code that is also an error code": (
        edit("  - code: 1001", "  - code: 0"),
        ["17:11: code 0 is also a success code (line 11): a code cannot mean success and an error"],
    ),
    "an alias that is a success code": (
        edit("    kind: resource_exhausted", "    kind: resource_exhausted\n    aliases: [0]"),
        ["26:15: code 0 is also a success code (line 11)"],
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
        edit(
            "    kind: resource_exhausted",
            "    kind: resource_exhausted\n    exception: AcmeAuthError",
        ),
        [
            "26:16: duplicate class name 'AcmeAuthError' of code 1002; "
            "already used at line 14 by group 'auth'"
        ],
    ),
    "name that is not UPPER_SNAKE": (
        edit("    name: TOKEN_EXPIRED", "    name: token expired"),
        ["18:11: 'name' of a code is 'token expired': use UPPER_SNAKE_CASE like 'ACCOUNT_LOCKED'"],
    ),
    "name ending with a newline": (
        edit("    name: TOKEN_EXPIRED", '    name: "TOKEN_EXPIRED\\n"'),
        ["18:11: 'name' of a code is 'TOKEN_EXPIRED\\n': use UPPER_SNAKE_CASE"],
    ),
    "class name that is not an identifier": (
        edit(
            "    kind: resource_exhausted", "    kind: resource_exhausted\n    exception: Too-Many"
        ),
        ["26:16: 'exception' of a code is 'Too-Many': use a CamelCase class name"],
    ),
    "class name that is a keyword": (
        edit("    kind: resource_exhausted", "    kind: resource_exhausted\n    exception: None"),
        ["26:16: class name 'None' of code 1002 is a Python keyword"],
    ),
    "name shadowing a builtin": (
        edit("    name: TOO_MANY_REQUESTS", "    name: CONNECTION_ERROR"),
        ["23:11: class name 'ConnectionError' of code 1002 would shadow the Python builtin"],
    ),
    "name shadowing a kind exception": (
        edit("    name: TOO_MANY_REQUESTS", "    name: NOT_FOUND"),
        ["23:11: class name 'NotFoundError' of code 1002 would shadow a name catalog generates"],
    ),
    "name shadowing the vendor base class": (
        edit(
            "    kind: resource_exhausted", "    kind: resource_exhausted\n    exception: AcmeError"
        ),
        ["26:16: class name 'AcmeError' of code 1002 would shadow a name catalog generates"],
    ),
    "class named like the package's public base": (
        edit(
            "    kind: resource_exhausted",
            "    kind: resource_exhausted\n    exception: VendorError",
        ),
        ["26:16: class name 'VendorError' of code 1002 would shadow a name catalog generates"],
    ),
    "vendor id shadowing a builtin": (
        edit("  id: acme", "  id: sorted"),
        [
            "4:7: vendor 'id' 'sorted' would shadow the Python builtin 'sorted' inside catalog; "
            "choose another module name, e.g. 'sorted_api'"
        ],
    ),
    "vendor id naming a function of the package": (
        edit("  id: acme", "  id: from_response"),
        ["4:7: vendor 'id' 'from_response' is reserved"],
    ),
    "prefix making a builtin's name": (
        edit("  prefix: Acme", "  prefix: Lookup"),
        [
            "6:11: prefix 'Lookup' would make LookupError shadow the Python builtin of that "
            "name; choose another prefix"
        ],
    ),
    "prefix making the package's public base": (
        edit("  prefix: Acme", "  prefix: Vendor"),
        ["6:11: prefix 'Vendor' would make VendorError clash with a name catalog defines"],
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
        edit(
            "    description: Authentication failures.\n",
            "    description: Authentication failures.\n    parent: nowhere\n",
        ),
        ["16:13: unknown parent group 'nowhere'"],
    ),
    "duplicate group id": (
        edit(
            "    description: Authentication failures.\n",
            "    description: Authentication failures.\n  - id: auth\n    name: AcmeOtherError\n",
        ),
        ["16:9: duplicate group id 'auth'; first defined at line 13"],
    ),
    "unsupported format": (
        edit("format: 1", "format: 2"),
        ["2:9: format 2 is not supported; this generator reads format 1"],
    ),
    "HTTP status out of range": (
        edit("    group: auth", "    group: auth\n    http_status: 99"),
        ["22:18: 'http_status' of a code is 99: use an HTTP status from 100 to 599"],
    ),
    "retryable that is not a boolean": (
        edit("    group: auth", '    group: auth\n    retryable: "yes"'),
        ["22:16: 'retryable' of a code must be true or false, not a string"],
    ),
    "blank message": (
        edit('    message: "token is expired"', '    message: " "'),
        ["19:14: 'message' of a code is ' ': write some text, not only spaces"],
    ),
    "no codes": (
        edit("codes:\n", "codes: []\nold_codes:\n"),
        ["16:8: 'codes' of the schema is empty; list at least one code"],
    ),
    "bad translation locale": (
        edit("    group: auth", '    group: auth\n    translations: {english: "x"}'),
        ["22:20: key 'english' in 'translations': use a BCP 47 tag like 'en' or 'zh-CN'"],
    ),
    "translation locales that differ only in case": (
        edit("    group: auth", "    group: auth\n    translations: {zh-CN: a, fr: b, zh-cn: c}"),
        ["22:37: translation locale 'zh-cn' differs from 'zh-CN' (line 22) only in case"],
    ),
    "a translation in the vendor's own locale": (
        edit("    group: auth", "    group: auth\n    translations: {EN: a}"),
        ["22:20: translation 'EN' is in the vendor's own locale 'en'"],
    ),
    "an envelope with nothing to read": (
        edit("    - {code: code, message: msg}", "    - {details: {rid: rid}}"),
        ["10:7: a 'response' envelope needs one of the keys 'code', 'header', 'error', 'status'"],
    ),
    "an envelope header that is not a header name": (
        edit("    - {code: code, message: msg}", "    - {header: 'error code'}"),
        ["10:16: 'header' of a 'response' envelope is 'error code': use an HTTP header name"],
    ),
    "envelope details that are not paths": (
        edit("    - {code: code, message: msg}", "    - {code: code, details: {1x: a, ok: 'b c'}}"),
        [
            "10:30: key '1x' in 'details': use an identifier like 'request_id'",
            "10:41: 'ok' of 'details' is 'b c': use a key or a dotted path of keys",
        ],
    ),
    "an unknown field under review": (
        edit("    group: auth", "    group: auth\n    review: [nmae, kind, kind]"),
        [
            "22:14: unknown 'review' item 'nmae'; did you mean 'name'?",
            "22:26: 'review' of a code lists 'kind' twice",
        ],
    ),
    "a former name that is a current name": (
        edit(
            "    group: auth",
            "    group: auth\n    renamed_from: [TOO_MANY_REQUESTS, AcmeAuthError]",
        ),
        [
            "22:20: former name 'TOO_MANY_REQUESTS' of code 1001 is the current name of "
            "code 1002 (line 24)",
            "22:20: former name 'TooManyRequestsError' (the class of TOO_MANY_REQUESTS) of "
            "code 1001 is the current name of code 1002 (line 24)",
            "22:39: former name 'AcmeAuthError' of code 1001 is the current name of group 'auth' "
            "(line 14)",
        ],
    ),
    "a former name used twice": (
        edit("    group: auth", "    group: auth\n    renamed_from: [OLD_NAME]").replace(
            "    kind: resource_exhausted",
            "    kind: resource_exhausted\n    renamed_from: [OldNameError]",
        ),
        [
            "27:20: former name 'OldNameError' of code 1002 is already a former name of "
            "code 1001 (line 22)"
        ],
    ),
    "a former name that is not a name": (
        edit("    group: auth", "    group: auth\n    renamed_from: [old name, ValueError]"),
        [
            "22:20: an item of 'renamed_from' is 'old name': use a former member name like "
            "'OLD_NAME' or a former class name like 'OldNameError'",
            "22:30: class name 'ValueError' of a former name of code 1001 would shadow the "
            "Python builtin",
        ],
    ),
    "a lone surrogate in a text": (
        edit('    message: "token is expired"', '    message: "token\\ud800expired"'),
        [
            "19:14: 'message' of a code contains U+D800, a lone surrogate that cannot be "
            "encoded as UTF-8"
        ],
    ),
    "a lone surrogate in a key": (
        edit("    group: auth", '    group: auth\n    translations: {"f\\udfffr": x}'),
        ["22:20: key 'f\\udfffr' in 'translations' contains U+DFFF, a lone surrogate"],
    ),
    "a NUL byte": (
        edit("    kind: resource_exhausted", "    kind: resource\x00_exhausted"),
        ["25:19: the character U+0000 is not allowed in YAML"],
    ),
    "nesting too deep (flow)": (
        MINIMAL + "extra: " + "[" * 600 + "]" * 600 + "\n",
        ["26:71: the YAML is nested more than 64 levels deep"],
    ),
    "nesting too deep (block)": (
        MINIMAL + "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v: 1\n",
        ["89:127: the YAML is nested more than 64 levels deep"],
    ),
    "aliases that expand a billion times": (
        MINIMAL
        + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10)),
        ["31:5: aliases expand this to more than 250000 values"],
    ),
    "an alias used as a key": (
        MINIMAL + "big: &b {" + ", ".join(f"k{i}: {i}" for i in range(50)) + "}\n? *b\n: 1\n",
        ["27:3: a key must be a single value, not a list or a mapping"],
    ),
    "an alias to the list that contains it": (
        MINIMAL + "loop: &c [1, *c]\n",
        ["26:14: an alias refers to a value that contains it"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_refusal(case: str) -> None:
    text, expected = CASES[case]
    catalog, problems = load_text(text)
    assert catalog is None
    shown = lines(problems)
    for message in expected:
        assert any(line.startswith(f"acme.yaml:{message}") for line in shown), shown
    assert all(len(line) < 600 for line in shown), "a message embeds an unbounded value"


def test_every_problem_is_listed_at_once() -> None:
    text = (
        edit("    group: auth", "    gruop: auth")
        .replace("    kind: resource_exhausted", "    kind: exhausted")
        .replace("  - code: 1002", '  - code: "x"')
    )
    _, problems = load_text(text)
    assert [problem.line for problem in errors(problems)] == [21, 22, 25]


def test_a_problem_hides_nothing_else_in_its_entry() -> None:
    """A malformed field leaves the entry's other fields checked: here its duplicate code."""
    text = edit("  - code: 1002", "  - code: 1001").replace(
        "    kind: resource_exhausted", "    kind: exhausted\n    colour: blue"
    )
    _, problems = load_text(text)
    assert [(p.line, p.message.split(";")[0]) for p in errors(problems)] == [
        (22, "duplicate code 1001"),
        (25, "unknown kind 'exhausted'"),
        (26, "unknown key 'colour' in a code"),
    ]


def test_vendor_id_used_twice() -> None:
    _, problems = load_texts({"acme.yaml": MINIMAL, "zeta.yaml": MINIMAL.replace("Acme", "Zeta")})
    assert "zeta.yaml:4:7: vendor id 'acme' is already used by acme.yaml:4:7" in lines(problems)


def test_prefix_used_twice() -> None:
    second = MINIMAL.replace("id: acme", "id: acme2").replace("AcmeAuthError", "Acme2AuthError")
    _, problems = load_texts({"acme.yaml": MINIMAL, "acme2.yaml": second})
    assert lines(errors(problems)) == [
        "acme2.yaml:6:11: prefix 'Acme' is already used by acme.yaml:6:11; set a distinct 'prefix'"
    ]


def test_a_default_prefix_used_twice_points_at_the_id() -> None:
    first = MINIMAL.replace("  prefix: Acme\n", "")
    second = first.replace("id: acme", "id: acme_").replace("AcmeAuth", "OtherAuth")  # Acme too
    _, problems = load_texts({"a.yaml": first, "b.yaml": second})
    assert "b.yaml:4:7: prefix 'Acme' is already used by a.yaml:4:7; set a distinct 'prefix'" in (
        lines(problems)
    )


def test_not_utf8_is_reported_where_the_byte_is() -> None:
    raw = MINIMAL.replace("Acme Cloud", "Acme \xe9").encode("latin-1")
    _, problems = load_texts({"acme.yaml": raw})
    assert lines(problems) == [
        "acme.yaml:5:14: the schema is not UTF-8 (invalid continuation byte at byte 94)"
    ]


def test_a_large_file_is_refused_unread(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(b"a: " + b"x" * (4 * 1024 * 1024))
    _, problems = load(tmp_path)
    assert lines(problems) == [
        "big.yaml:1:1: the file has 4194307 bytes; a schema may have at most 4194304 (4 MiB)"
    ]


@pytest.mark.parametrize(
    "make, kind",
    [
        (lambda path: path.mkdir(), "a directory"),
        (os.mkfifo, "a FIFO"),
        (lambda path: path.symlink_to("/dev/zero"), "a character device"),
    ],
    ids=["directory", "fifo", "dev-zero"],
)
def test_a_file_that_is_not_regular_is_refused_unread(
    tmp_path: Path, make: Callable[[Path], None], kind: str
) -> None:
    make(tmp_path / "x.yaml")
    (tmp_path / "acme.yaml").write_text(MINIMAL)
    catalog, problems = load(tmp_path)
    assert catalog is None
    assert lines(problems) == [
        f"x.yaml:1:1: the schema is {kind}, not a regular file; it was not read"
    ]


def test_messages_never_carry_an_unbounded_value() -> None:
    long_name = "A_" * 50_000 + "B"
    text = MINIMAL.replace("TOO_MANY_REQUESTS", long_name).replace("TOKEN_EXPIRED", long_name)
    text += "? " + "x" * 100_000 + "\n: 1\n"  # an explicit key may be that long
    _, problems = load_text(text)
    assert len(problems) >= 3
    assert all(len(problem.message) <= 500 for problem in problems)


# -- any text at all: a SchemaError with in-range positions, or a catalog; never anything else


def _check_outcome(text: str) -> None:
    catalog, problems = load_text(text)
    last_line = text.count("\n") + 1
    for problem in problems:
        assert 1 <= problem.line <= last_line + 1, problem
        assert problem.column >= 1, problem
        assert len(problem.message) < 600, problem
    if catalog is None:
        assert errors(problems)


EDITS = st.tuples(
    st.integers(0, len(MINIMAL)),
    st.integers(0, 12),
    st.one_of(
        st.text(max_size=8),
        st.sampled_from(["&a ", "*a", "<<: *a\n", "- ", ": ", "[", "{", "\n  ", "\t", "!!set "]),
        st.sampled_from(['"\\ud800"', "\x00", "\ufeff", "? ", "%TAG ! x\n", "---\n", "..."]),
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(EDITS, min_size=1, max_size=4))
def test_any_edit_of_a_schema_is_loaded_or_refused_with_positions(
    edits: list[tuple[int, int, str]],
) -> None:
    text = MINIMAL
    for start, length, insert in edits:
        start = min(start, len(text))
        text = text[:start] + insert + text[start + length :]
    _check_outcome(text)


NESTING = st.builds(
    lambda depth, opener, body: "x: "
    + opener * depth
    + body
    + {"[": "]", "{": "}"}[opener] * depth,
    st.integers(1, 3000),
    st.sampled_from(["[", "{"]),
    st.sampled_from(["", "1", "a: 1"]),
)
ALIASES = st.builds(
    lambda fan, levels: "a0: &a0 [x]\n"
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * fan)}]\n" for i in range(1, levels)),
    st.integers(1, 12),
    st.integers(1, 12),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(NESTING, ALIASES), st.sampled_from(["", MINIMAL]))
def test_deep_or_aliased_yaml_is_bounded(hostile: str, before: str) -> None:
    _check_outcome(before + hostile + "\n")


# -- as a user runs it: exit status, no traceback, nothing written ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        edit("    kind: unauthenticated", "    kind: unauthenticate"),
        MINIMAL
        + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10)),
        MINIMAL + "extra: " + "[" * 5000 + "]" * 5000 + "\n",
    ],
    ids=["unknown kind", "billion laughs", "deep nesting"],
)
def test_generate_refuses_with_exit_2_and_writes_nothing(
    text: str, write_schema: Callable[..., Path], tmp_path: Path
) -> None:
    schemas = write_schema(text)
    out = tmp_path / "out"
    result = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert result.status == 2, result
    assert "Traceback" not in result.stderr
    assert re.search(rf"{re.escape(str(schemas))}/acme\.yaml:\d+:\d+: ", result.stderr)
    assert "nothing was written" in result.stderr
    assert len(result.stderr) < 2000
    assert not out.exists()


def test_a_fifo_does_not_hang_the_generator(write_schema: Callable[..., Path]) -> None:
    schemas = write_schema()
    os.mkfifo(schemas / "x.yaml")
    result = run_codegen("lint", "--schemas", schemas)
    assert result.status == 2
    assert f"{schemas}/x.yaml:1:1: the schema is a FIFO, not a regular file" in result.stderr


def test_invalid_schema_leaves_an_existing_tree_untouched(
    write_schema: Callable[..., Path], tmp_path: Path
) -> None:
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
