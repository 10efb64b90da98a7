"""Hostile schemas: property tests that no schema text can break the generated code.

(a) Arbitrary text in every text field is generated, imported and read back exactly; a text
    that Python cannot encode (a lone surrogate) is refused where it is written.
(b) Arbitrary junk in every identifier field is either refused with `file:LINE:COL: message`
    and exit status 2, or, when it happens to be a valid name, generates a package that
    imports and in which that name means what the schema says.

The loader's verdicts are checked in-process, at hundreds of examples. The end-to-end examples
run the generator in a child process (`run_codegen`), so they are few (profile below) and each
one packs many hostile values into one run. Raise their count for a deeper local run with
CATALOG_HOSTILE_EXAMPLES=200.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import io
import json
import keyword
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from codegen.schema.names import default_exception_name
from tests.conftest import MINIMAL, run_codegen, run_python
from tests.generator.schema.loading import errors, load_texts

MODELINE = "# yaml-language-server: $schema=catalog.schema.json\n"

settings.register_profile(
    "catalog-subprocess",
    max_examples=int(os.environ.get("CATALOG_HOSTILE_EXAMPLES", "12")),
    deadline=None,  # every example starts the generator in a child process
    # Shrinking a failure re-runs the generator hundreds of times (minutes): off unless asked
    # for with CATALOG_HOSTILE_SHRINK=1. The unshrunk failing example is still printed.
    phases=(
        tuple(Phase)
        if os.environ.get("CATALOG_HOSTILE_SHRINK")
        else (Phase.explicit, Phase.reuse, Phase.generate)
    ),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SUBPROCESS = settings(settings.get_profile("catalog-subprocess"))


def dump_schema(data: dict[str, Any]) -> str:
    """A schema as ruamel.yaml's dumper writes it: any string, quoted and escaped as needed.

    Lines are never folded: ruamel.yaml 0.19.1 folds a long double-quoted scalar right after an
    escape such as `\\x19` without a `\\` continuation, and reading it back then inserts a space
    (a dumper bug, not the generator's). The round trip of the YAML itself is asserted.
    """
    yaml = YAML()
    yaml.width = 1 << 30
    stream = io.StringIO()
    yaml.dump(data, stream)
    text = MODELINE + stream.getvalue()
    assert YAML(typ="rt").load(text) == data, "the YAML dumper itself lost something"
    return text


def generate(schemas: dict[str, str], root: Path) -> tuple[Path, Path, Any]:
    directory = root / "schemas"
    directory.mkdir(parents=True)
    for name, text in schemas.items():
        (directory / name).write_text(text, encoding="utf-8")
    out = root / "out"
    return directory, out, run_codegen("generate", "--schemas", directory, "--out", out)


def normalized(text: str) -> str:
    """What a docstring shows of a text: one line, whitespace runs as one space."""
    return " ".join(text.split())


def paragraphs(docstring: str) -> list[str]:
    """A docstring's paragraphs, normalized (black may add a space before closing quotes)."""
    return [normalized(paragraph) for paragraph in docstring.split("\n\n")]


# -- (a) arbitrary text --------------------------------------------------------------------

# Any surrogate-free character, controls included, except U+0085 (NEL): ruamel.yaml's emitter
# writes NEL unescaped and YAML then reads it as a line break, so a dumped NEL comes back as a
# space before the generator sees it. NEL written as the YAML escape "\N" is tested below.
ALPHABET = st.characters(exclude_categories=["Cs"], exclude_characters="\x85")
FRAGMENTS = [
    '"',
    "'",
    '"""',
    "'''",
    '\\"',
    "\\",
    "\\\\",
    "\\x00",
    "\\u2028",
    "\\N{BULLET}",
    "\\n",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\x0b\x0c",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u200b",
    "\u00a0",
    "\U0001f600",
    "登录：密码错误",
    "مرحبا",
    "e\u0301",
    "{{ vendor.name }}",
    "{% if x %}",
    "{% endif %}",
    "{# c #}",
    "{%- raw %}",
    "{{",
    "}}",
    "%(key)s",
    "%s",
    "%d",
    "%%",
    "{}",
    "{0}",
    "{name}",
    "[input length]",
    "# not a comment",
    "- item",
    "key: value",
    "? ",
    "&anchor",
    "*alias",
    "!!python/object",
    "---",
    "...",
    "|",
    ">-",
    "@",
    "`",
    "#",
    ": ",
    " ",
    "  ",
    "\\\n",
    "x" * 3000,
    "word " * 600,
    "長" * 1500,
    "'''\"\"\"; import os; os.system('false') #",
    '")\nraise SystemExit(3)\n("',
]
TEXT = (
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(ALPHABET, max_size=16)),
        min_size=1,
        max_size=6,
    )
    .map("".join)
    .filter(lambda text: text.strip() != "")  # a blank text is refused by the loader, by design
)
NOTE_MARK = "NOTE-NOT-GENERATED-7f3a9c"  # notes are curation only: never in the package
CODE_NAMES = ["FIRST", "SECOND", "THIRD", "FOURTH"]


@dataclass
class HostileCatalog:
    schema: dict[str, Any]
    locales: list[str] = field(default_factory=list)

    @property
    def codes(self) -> list[dict[str, Any]]:
        codes: list[dict[str, Any]] = self.schema["codes"]
        return codes


@st.composite
def hostile_catalogs(draw: st.DrawFn) -> HostileCatalog:
    code_type = draw(st.sampled_from(["int", "str"]))
    locale = draw(st.sampled_from(["en", "ja"]))  # "ja": hover also shows the English text
    count = draw(st.integers(min_value=2, max_value=len(CODE_NAMES)))
    if code_type == "int":
        values: list[Any] = draw(
            st.lists(
                st.integers(-(10**20), 10**20), min_size=2 * count, max_size=2 * count, unique=True
            )
        )
    else:  # a str code is text too, and so is each alias
        values = draw(st.lists(TEXT, min_size=2 * count, max_size=2 * count, unique=True))
    locales = ["zh-CN", "fr"] + (["en"] if locale != "en" else [])
    codes: list[dict[str, Any]] = []
    for index in range(count):
        code: dict[str, Any] = {
            "code": values[index],
            "name": CODE_NAMES[index],
            "message": draw(TEXT),
            "kind": "unavailable",
            "description": draw(TEXT),
            "remedy": draw(TEXT),
            "aliases": [values[count + index]],
            "deprecated": draw(TEXT),
            "translations": {tag: draw(TEXT) for tag in locales},
            "note": NOTE_MARK + draw(TEXT),
        }
        if index % 2 == 0:
            code["group"] = "hostile"
        codes.append(code)
    schema = {
        "format": 1,
        "vendor": {
            "id": "hostile",
            "name": draw(TEXT),
            "prefix": "Hostile",
            "version": draw(TEXT),
            "source": draw(TEXT),
            "code_type": code_type,
            "locale": locale,
            "response": [{"code": "code", "message": "msg"}],
            "note": NOTE_MARK + draw(TEXT),
        },
        "groups": [
            {
                "id": "hostile",
                "name": "HostileGroupError",
                "description": draw(TEXT),
                "note": NOTE_MARK + draw(TEXT),
            }
        ],
        "codes": codes,
    }
    return HostileCatalog(schema, locales)


PROBE_TEXTS = """
import inspect, json, os
import catalog
from catalog import hostile
from catalog.hostile import __catalog_vendor__ as VENDOR, HostileCode, HostileError, HostileGroupError

locales = json.loads(os.environ["LOCALES"])
codes = []
for member in HostileCode:
    error = HostileError.from_code(member.code)
    codes.append({
        "code": member.code,
        "message": member.message,
        "description": member.description,
        "remedy": member.remedy,
        "deprecated": member.deprecated,
        "translations": {tag: member.message_for(tag) for tag in locales},
        "aliases": list(member.aliases),
        "found": [HostileCode.lookup(code) is member and catalog.lookup("hostile", code) is member
                  for code in (member.code, *member.aliases)],
        "error": [type(error) is member.exception, error.message, str(error)],
        "class_doc": inspect.getdoc(member.exception),
    })
print(json.dumps({
    "name": VENDOR.name,
    "version": hostile.__catalog_version__,
    "source": VENDOR.source,
    "group_doc": inspect.getdoc(HostileGroupError),
    "codes": codes,
}))
"""


def member_docstrings(source: str, class_name: str) -> dict[str, str]:
    """The docstring under each enum member, as an IDE reads it from the source."""
    tree = ast.parse(source)
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name)
    docs: dict[str, str] = {}
    for stmt, following in zip(cls.body, cls.body[1:], strict=False):
        if (
            isinstance(stmt, ast.Assign)
            and isinstance(stmt.targets[0], ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[stmt.targets[0].id] = inspect.cleandoc(following.value.value)
    return docs


@SUBPROCESS
@given(hostile_catalogs())
def test_any_text_in_any_text_field_round_trips_exactly(hostile: HostileCatalog) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        name = f"{hostile.schema['vendor']['id']}.yaml"
        _, out, result = generate({name: dump_schema(hostile.schema)}, Path(tmp))
        assert result.status == 0, result.stderr
        assert "Traceback" not in result.stderr
        probe = run_python(PROBE_TEXTS, out, env={"LOCALES": json.dumps(hostile.locales)})
        assert probe.status == 0, probe.stderr
        seen = json.loads(probe.stdout)
        sources = {
            p.name: p.read_text(encoding="utf-8") for p in (out / "catalog/hostile").glob("*.py")
        }

    vendor = hostile.schema["vendor"]
    assert (seen["name"], seen["version"], seen["source"]) == (
        vendor["name"],
        vendor["version"],
        vendor["source"],
    )
    group = hostile.schema["groups"][0]
    assert paragraphs(seen["group_doc"]) == [normalized(group["description"])]
    assert not any(NOTE_MARK in text for text in sources.values())

    member_docs = member_docstrings(sources["__init__.py"], "HostileCode")
    assert len(seen["codes"]) == len(hostile.codes)
    for got, want in zip(seen["codes"], hostile.codes, strict=False):
        assert got["code"] == want["code"]
        assert got["message"] == want["message"]
        assert got["description"] == want["description"]
        assert got["remedy"] == want["remedy"]
        assert got["deprecated"] == want["deprecated"]
        assert got["translations"] == want["translations"]
        assert got["aliases"] == want["aliases"]
        assert got["found"] == [True, True]
        assert got["error"] == [True, want["message"], f"[{want['code']}] {want['message']}"]
        # Hover text: the message first, on one line, whatever it contains.
        class_doc = paragraphs(got["class_doc"])
        assert class_doc[0] == normalized(f"{want['code']}: {want['message']}")
        assert f"Remedy: {normalized(want['remedy'])}" in class_doc
        member_doc = paragraphs(member_docs[want["name"]])
        assert member_doc[0] == normalized(want["message"])
        assert f"Deprecated: {normalized(want['deprecated'])}" in member_doc
        if "en" in want["translations"]:
            assert f"(en) {normalized(want['translations']['en'])}" in member_doc


def test_nel_written_as_a_yaml_escape_round_trips(write_schema: Any, tmp_path: Path) -> None:
    """U+0085, which the property above cannot dump (see ALPHABET), written as YAML's "\\N"."""
    schemas = write_schema(MINIMAL.replace('"token is expired"', '"token\\Nis\\x85expired\\N"'))
    out = tmp_path / "out"
    result = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert result.status == 0, result.stderr
    probe = run_python(
        "from catalog.acme import AcmeCode; print(ascii(AcmeCode.TOKEN_EXPIRED.message))", out
    )
    assert probe.status == 0, probe.stderr
    assert probe.stdout.strip() == ascii("token\x85is\x85expired\x85")


TEXT_FIELDS = {  # a text field of MINIMAL: the line it is on, and the text there
    "vendor name": (5, "Acme Cloud"),
    "version": (7, '"1.0"'),
    "group description": (15, "Authentication failures."),
    "message": (19, '"token is expired"'),
    "translation": (21, None),
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(TEXT_FIELDS)),
    st.text(ALPHABET, max_size=20),
    st.integers(0xD800, 0xDFFF),
    st.text(ALPHABET, max_size=20),
)
def test_a_lone_surrogate_in_any_text_field_is_refused_where_it_is(
    field_name: str, before: str, surrogate: int, after: str
) -> None:
    """YAML's escapes can write a text that is not Unicode: refused, never generated."""
    line, old = TEXT_FIELDS[field_name]
    escaped = json.dumps(before + chr(surrogate) + after)  # a YAML double-quoted scalar
    if old is None:
        text = MINIMAL.replace(
            "    group: auth", f"    group: auth\n    translations: {{fr: {escaped}}}"
        )
    else:
        text = MINIMAL.replace(old, escaped, 1)
    catalog, problems = load_texts({"acme.yaml": text})
    assert catalog is None
    assert [p.line for p in errors(problems)] == [line + (old is None)]
    assert f"contains U+{surrogate:04X}, a lone surrogate" in errors(problems)[0].message


def test_a_surrogate_pair_written_as_two_escapes_is_the_character_it_means() -> None:
    """JSON writes U+1F600 as "\\ud83d\\ude00"; YAML read as JSON means the same."""
    catalog, problems = load_texts(
        {"acme.yaml": MINIMAL.replace('"token is expired"', '"a\\ud83d\\ude00b"')}
    )
    assert catalog is not None, [str(p) for p in problems]
    assert catalog.vendors[0].entries[0].message == "a\U0001f600b"


# -- (b) junk in identifier fields ---------------------------------------------------------

IDENTIFIER_FIELDS = ("vendor id", "prefix", "group id", "group name", "code name", "exception")
# Names the generated modules themselves define or import (a schema must not take them).
GENERATED_NAMES = [
    "VENDOR",
    "Vendor",
    "Entry",
    "Any",
    "TYPE_CHECKING",
    "CatalogError",
    "VendorError",
    "Kind",
    "IntCode",
    "StrCode",
    "Code",
    "lookup",
    "vendors",
    "errors",
    "annotations",
    "catalog",
    "base",
    "kinds",
    "_base",
    "_entries",
    "__getattr__",
    "__dir__",
    "__init__",
    "__all__",
    "py",
    "typed",
]
BUILTIN_NAMES = sorted(name for name in dir(builtins) if not name.startswith("_"))


def upper_snake(name: str) -> str:
    """`ValueError` -> `VALUE_ERROR`: a member name whose default exception is `ValueError`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


JUNK = st.one_of(
    st.text(ALPHABET, max_size=24),  # anything at all (but NEL: see ALPHABET)
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True),  # identifier-shaped
    st.from_regex(
        r"[a-z][a-z0-9_]{0,8}|[A-Z][A-Za-z0-9]{0,10}|[A-Z][A-Z0-9]{0,5}(_[A-Z0-9]{1,4}){0,2}",
        fullmatch=True,
    ),
    st.text(
        st.characters(categories=["L", "Nl", "Mn", "Nd", "Pc"]), min_size=1, max_size=6
    ),  # unicode identifiers
    st.sampled_from(sorted([*keyword.kwlist, *keyword.softkwlist])),
    st.sampled_from(BUILTIN_NAMES),
    st.sampled_from(BUILTIN_NAMES).map(upper_snake),
    st.sampled_from(
        [name.removesuffix("Error") for name in BUILTIN_NAMES if name.endswith("Error")]
    ),
    st.sampled_from(GENERATED_NAMES),
    st.sampled_from(
        ["TokenExpired", "TOO_MANY_REQUESTS", "TokenExpiredError", "auth", "Auth", "AUTH_ERROR"]
    ),
    st.sampled_from(
        ["a", "A", "_", "A_", "A__B", "_A", "ÄB", "Ａ", "ℌ", "A\n", " A", "A-B", "1A", "ok\x00"]
    ),
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.lists(st.sampled_from(["A", "b", 1]), max_size=2),
    st.dictionaries(st.sampled_from(["a", "B"]), st.integers(), max_size=1),
)


# The builtins generated/catalog/__init__.py calls at run time; a submodule of that name, once
# imported, replaces the builtin in the package's namespace.
BUILTINS_CATALOG_CALLS = {"globals", "getattr", "sorted", "set"}


def base_schema(index: int) -> dict[str, Any]:
    """MINIMAL, with a vendor id and prefix of its own so that several can be loaded at once."""
    data: dict[str, Any] = YAML(typ="safe").load(MINIMAL)
    data["vendor"]["id"] = f"base{index}"
    data["vendor"]["prefix"] = f"Base{index}"
    data["groups"][0]["name"] = f"Base{index}AuthError"
    return data


def put_junk(data: dict[str, Any], field_name: str, junk: object) -> None:
    if field_name == "vendor id":
        data["vendor"]["id"] = junk
    elif field_name == "prefix":
        data["vendor"]["prefix"] = junk
    elif field_name == "group id":  # renamed where it is defined and where it is used
        data["groups"][0]["id"] = junk
        data["codes"][0]["group"] = junk
    elif field_name == "group name":
        data["groups"][0]["name"] = junk
    elif field_name == "code name":
        data["codes"][0]["name"] = junk
    else:
        data["codes"][1]["exception"] = junk


def junk_lines(text: str, field_name: str) -> set[int]:
    """The 1-based lines where the junk value (and its key) were written."""
    data = YAML(typ="rt").load(text)
    places = {
        "vendor id": [(data["vendor"], "id")],
        "prefix": [(data["vendor"], "prefix")],
        "group id": [(data["groups"][0], "id"), (data["codes"][0], "group")],
        "group name": [(data["groups"][0], "name")],
        "code name": [(data["codes"][0], "name")],
        "exception": [(data["codes"][1], "exception")],
    }[field_name]
    lines = set()
    for node, key in places:
        lines.add(node.lc.key(key)[0] + 1)
        lines.add(node.lc.value(key)[0] + 1)
        value = node[key]
        if hasattr(value, "lc") and value.lc.line is not None:
            lines.add(value.lc.line + 1)
    return lines


PROBLEM = re.compile(r"(?P<path>.+?\.yaml):(?P<line>\d+):(?P<col>\d+): (?P<message>.*)")
SUMMARY = re.compile(r"\d+ error\(s\) in the schemas; nothing was written\.")

PROBE_NAMES = """
import builtins, importlib, json, keyword, os
import catalog

for name in catalog.__all__:
    assert not hasattr(builtins, name) and not keyword.iskeyword(name), f"catalog.{name} shadows a builtin"
    getattr(catalog, name)
for case in json.loads(os.environ["CASES"]):
    vid, prefix, field, junk = case["vendor"], case["prefix"], case["field"], case["junk"]
    module = importlib.import_module(f"catalog.{vid}")
    codes, error = getattr(catalog, prefix + "Code"), getattr(catalog, prefix + "Error")
    assert vid in catalog.vendors() and getattr(module, prefix + "Code") is codes
    assert issubclass(error, catalog.CatalogError)
    first, second = list(codes)
    assert catalog.lookup(vid, 1001) is first and codes.lookup("1002") is second
    for name in module.__all__:
        value = getattr(module, name)
        assert isinstance(value, type), f"catalog.{vid}.{name} is {value!r}, not a class"
        assert not hasattr(builtins, name) and not keyword.iskeyword(name), name
    for member in codes:
        assert getattr(module, member.exception.__name__) is member.exception
        assert member.exception.code is member and type(error.from_code(member.code)) is member.exception
        assert issubclass(member.exception, error)
    try:
        error.raise_for_response({"code": 1001, "msg": "expired"})
    except catalog.UnauthenticatedError as exc:
        assert exc.code is first and exc.message == "expired"
    if field == "group id":
        assert first.group == junk and second.group is None
    elif field == "group name":
        group = getattr(module, junk)
        assert issubclass(first.exception, group) and issubclass(group, error)
        assert not issubclass(second.exception, group)
    elif field == "code name":
        assert codes[junk] is first and getattr(codes, junk) is first
    elif field == "exception":
        assert second.exception.__name__ == junk and getattr(module, junk) is second.exception
print("ok")
"""


@dataclass
class JunkCase:
    field: str
    junk: object
    file: str
    text: str
    vendor: str
    prefix: str


@st.composite
def junk_batches(draw: st.DrawFn) -> list[JunkCase]:
    """One schema file per identifier field, each with junk in that field."""
    cases = []
    for index, field_name in enumerate(IDENTIFIER_FIELDS):
        junk = draw(JUNK)
        if (
            field_name in ("vendor id", "prefix")
            and isinstance(junk, str)
            and junk.lower().startswith("base")
        ):
            junk = "x" + junk  # another file's id or prefix would blame that other file
        data = base_schema(index)
        put_junk(data, field_name, junk)
        vendor, prefix = data["vendor"]["id"], data["vendor"]["prefix"]
        # A schema file is named after its vendor id; a junk id is refused on its own.
        valid_id = re.fullmatch(r"[a-z][a-z0-9_]*", str(vendor)) is not None
        file = f"{vendor}.yaml" if valid_id else f"v{index}.yaml"
        cases.append(JunkCase(field_name, junk, file, dump_schema(data), str(vendor), str(prefix)))
    return cases


@SUBPROCESS
@given(junk_batches())
def test_junk_identifiers_are_refused_with_a_location_or_work(batch: list[JunkCase]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        schemas, out, result = generate({case.file: case.text for case in batch}, root / "all")
        assert result.status in (0, 2), result.stderr
        assert "Traceback" not in result.stderr, result.stderr
        problems: dict[str, list[re.Match[str]]] = {case.file: [] for case in batch}
        for line in result.stderr.splitlines():
            match = PROBLEM.fullmatch(line)
            assert match or SUMMARY.fullmatch(
                line
            ), f"not a `file:line:col: message` line: {line!r}"
            if match and not match["message"].startswith("warning: "):
                problems[Path(match["path"]).name].append(match)
        refused = [case for case in batch if problems[case.file]]
        assert (result.status == 2) == bool(refused), result.stderr
        if refused:
            assert not out.exists(), "nothing may be written when a schema is refused"

        for case in refused:
            lines = junk_lines(case.text, case.field)
            count = case.text.count("\n")
            for problem in problems[case.file]:
                assert 1 <= int(problem["line"]) <= count + 1 and int(problem["col"]) >= 1, problem[
                    0
                ]
            assert any(
                int(problem["line"]) in lines
                or str(case.junk) in problem["message"]
                or repr(case.junk) in problem["message"]
                for problem in problems[case.file]
            ), f"{case.field}={case.junk!r}: no problem points at it:\n{result.stderr}"

        accepted = [case for case in batch if not problems[case.file]]
        for case in batch:  # shown by pytest --hypothesis-show-statistics
            event(f"{case.field}: {'accepted' if case in accepted else 'refused'}")
        if accepted and refused:  # generate the valid ones on their own
            _, out, result = generate({case.file: case.text for case in accepted}, root / "valid")
        assert result.status == 0 or not accepted, result.stderr
        if accepted:
            cases = [
                {"vendor": c.vendor, "prefix": c.prefix, "field": c.field, "junk": c.junk}
                for c in accepted
            ]
            probe = run_python(PROBE_NAMES, out, env={"CASES": json.dumps(cases)})
            assert probe.status == 0 and probe.stdout.strip() == "ok", (cases, probe.stderr)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(junk_batches())
def test_junk_identifiers_are_refused_where_they_are_or_mean_what_they_say(
    batch: list[JunkCase],
) -> None:
    """The loader's verdict on junk names, in-process: many more examples than end to end."""
    catalog, problems = load_texts({case.file: case.text for case in batch})
    found = {case.file: [p for p in errors(problems) if p.path == case.file] for case in batch}
    refused = [case for case in batch if found[case.file]]
    assert (catalog is None) == bool(refused)
    for case in refused:
        lines, count = junk_lines(case.text, case.field), case.text.count("\n")
        assert all(1 <= p.line <= count + 1 and p.column >= 1 for p in found[case.file])
        assert any(
            p.line in lines or str(case.junk) in p.message or repr(case.junk) in p.message
            for p in found[case.file]
        ), (case.field, case.junk, [str(p) for p in found[case.file]])
    accepted = [case for case in batch if not found[case.file]]
    if not accepted:
        return
    catalog, problems = load_texts({case.file: case.text for case in accepted})
    assert catalog is not None, [str(p) for p in problems]
    vendors = {vendor.id: vendor for vendor in catalog.vendors}
    for case in accepted:
        vendor = vendors[case.vendor]
        group, (first, second) = vendor.groups[0], vendor.entries
        if case.field == "vendor id":
            assert vendor.prefix == case.prefix
        elif case.field == "prefix":
            assert vendor.prefix == case.junk and vendor.error_class == f"{case.junk}Error"
        elif case.field == "group id":
            assert group.id == case.junk == first.group and second.group is None
        elif case.field == "group name":
            assert group.name == case.junk and vendor.group_class(first.group) == case.junk
        elif case.field == "code name":
            assert first.name == case.junk and first.exception == default_exception_name(first.name)
        else:
            assert second.exception == case.junk


# -- junk that once slipped through: names that shadow what the package itself uses -------


@pytest.mark.parametrize("vendor_id", sorted(BUILTINS_CATALOG_CALLS))
def test_a_vendor_id_that_shadows_a_builtin_is_refused_or_harmless(
    write_schema: Any, tmp_path: Path, vendor_id: str
) -> None:
    schemas = write_schema(MINIMAL.replace("id: acme", f"id: {vendor_id}"))
    out = tmp_path / "out"
    result = run_codegen("generate", "--schemas", schemas, "--out", out)
    if result.status == 2:
        assert f"{schemas}/acme.yaml:4:7: " in result.stderr
        return
    assert result.status == 0, result.stderr
    probe = run_python(
        f"""
        import catalog
        from catalog import AcmeCode, UnauthenticatedError
        assert "AcmeError" in dir(catalog)
        assert catalog.lookup({vendor_id!r}, 1001) is AcmeCode.TOKEN_EXPIRED
        print("ok")
        """,
        out,
    )
    assert probe.stdout.strip() == "ok", probe.stderr


@pytest.mark.parametrize("prefix", ["Lookup", "Runtime", "Value"])
def test_a_prefix_that_shadows_a_builtin_is_refused(
    write_schema: Any, tmp_path: Path, prefix: str
) -> None:
    schemas = write_schema(MINIMAL.replace("prefix: Acme", f"prefix: {prefix}"))
    result = run_codegen("generate", "--schemas", schemas, "--out", tmp_path / "out")
    assert result.status == 2
    assert f"{schemas}/acme.yaml:6:11: " in result.stderr


@pytest.mark.parametrize("where", ["group name", "exception"])
def test_a_class_named_VENDOR_is_refused_or_importable(
    write_schema: Any, tmp_path: Path, where: str
) -> None:
    if where == "group name":
        text = MINIMAL.replace("name: AcmeAuthError", "name: VENDOR")
    else:
        text = MINIMAL.replace(
            "    kind: resource_exhausted", "    kind: resource_exhausted\n    exception: VENDOR"
        )
    schemas = write_schema(text)
    out = tmp_path / "out"
    result = run_codegen("generate", "--schemas", schemas, "--out", out)
    if result.status == 2:
        assert re.search(rf"{re.escape(str(schemas))}/acme\.yaml:\d+:\d+: .*VENDOR", result.stderr)
        return
    assert result.status == 0, result.stderr
    probe = run_python("from catalog.acme import VENDOR; print(isinstance(VENDOR, type))", out)
    assert probe.stdout.strip() == "True", probe.stderr
