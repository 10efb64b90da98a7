"""Reading `[tool.catalog-codegen]` from pyproject.toml: the table in its simple form is read line
by line, and what that reads is what tomllib reads; anything else is tomllib's."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.project import SettingsError, simple_table, table, toml_table
from codegen.scaffold.command import SETTINGS
from tests.conftest import ROOT

WHERE = Path("pyproject.toml")

# Valid TOML around the table (two different ones make a valid document). These leave the
# table in its simple form...
PLAIN_AROUND = [
    "",
    '[project]\nname = "acme"\ndependencies = [\n  "a",  # why\n]\n',
    "[tool.black]\nline-length = 100\n",
    '[[tool.mypy.overrides]]\nmodule = "a"\n',
    "[tool]\nother = 1\n",
    "[tool.x]\nregex = '^a\\.py$'  # a backslash, no escape\n",
]
# ... and these may not: they name the table, hide a header in a string, escape, or hold an
# inline table.
TRICKY_AROUND = [
    '[tool.other]\ntitle = "catalog-codegen"\n',
    'x = """\n[tool.catalog-codegen]\npackage = "hidden"\n"""\n',
    "x = '''\n[tool.catalog-codegen]\n'''\n",
    'k = "\\u0041"\n',
    '[tool."catalog-codegen".extra]\nkey = "v"\n',
    '[tool.setuptools]\npackage-dir = { "" = "generated" }\n',
]
AROUND = PLAIN_AROUND + TRICKY_AROUND
SIMPLE_HEADERS = [
    *["[tool.catalog-codegen]"] * 4,
    *["  [tool.catalog-codegen]\t# the generator's settings"] * 4,
]
HEADERS = [
    *SIMPLE_HEADERS,
    "[ tool.catalog-codegen ]",
    "[tool.'catalog-codegen']",
    '[tool."catalog-codegen"]',
    "[tool.catalog-codegen] x",
]
KEYS = st.sampled_from(
    ["package", "schemas", "out", "generate-command", "pakage", "1"] * 3
    + ["a.b", '"package"', "p q", ""]
)
# Mostly what settings hold, sometimes what strings and comments may not hold.
SETTING_TEXT = st.text("abc _-./#é\t", max_size=12)
TEXT = st.one_of(
    SETTING_TEXT,
    SETTING_TEXT,
    SETTING_TEXT,
    st.text("ab\"'\\\x00\x7f\r", max_size=4),
    st.text(st.characters(codec="utf-8"), max_size=12),
)
VALUES = st.one_of(
    TEXT.map(lambda text: f'"{text}"'),
    TEXT.map(lambda text: f"'{text}'"),
    st.sampled_from(["3", "true", '"""x"""', "[]", '"a" "b"', '"']),
)
SPACE = st.sampled_from(["", " ", "\t", "  "])
COMMENT = st.one_of(st.just(""), TEXT.map(lambda text: f"#{text}"))
SETTING_LINES = st.builds(
    lambda indent, key, before, after, value, end, comment: (
        f"{indent}{key}{before}={after}{value}{end}{comment}"
    ),
    SPACE,
    KEYS,
    SPACE,
    SPACE,
    VALUES,
    SPACE,
    COMMENT,
)
LINES = st.one_of(
    SETTING_LINES, SETTING_LINES, SPACE, st.builds(lambda s, c: s + c, SPACE, COMMENT)
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    body = draw(st.lists(LINES, max_size=5))
    lines = [draw(st.sampled_from(HEADERS)), *body]
    text = newline.join(lines) + newline
    before, after = draw(st.lists(st.sampled_from(AROUND), min_size=2, max_size=2, unique=True))
    return before + text + after


def tomllib_reading(text: str) -> object:
    try:
        return toml_table(text, WHERE)
    except SettingsError as exc:
        return exc


@settings(max_examples=200, deadline=None)
@given(documents())
def test_what_is_read_line_by_line_is_what_tomllib_reads(text: str) -> None:
    direct = simple_table(text)
    if direct is not None:
        assert direct == tomllib_reading(text)


@st.composite
def simple_tables(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """A table in the simple form (settings, comments, blank lines) in a document, and what it
    holds."""
    keys = draw(st.lists(st.from_regex(r"[A-Za-z0-9_-]+", fullmatch=True), unique=True))
    lines, settings = [draw(st.sampled_from(SIMPLE_HEADERS))], {}
    for key in keys:
        value = draw(SETTING_TEXT)
        quote = draw(st.sampled_from(["'", '"']))
        lines.append(f"{draw(SPACE)}{key}{draw(SPACE)}={draw(SPACE)}{quote}{value}{quote}")
        lines.append(draw(st.sampled_from(["", "# a comment", "  "])))
        settings[key] = value
    before, after = draw(
        st.lists(st.sampled_from(PLAIN_AROUND), min_size=2, max_size=2, unique=True)
    )
    return before + "\n".join(lines) + "\n" + after, settings


@settings(max_examples=100, deadline=None)
@given(simple_tables())
def test_a_table_in_the_simple_form_is_read_line_by_line(
    document: tuple[str, dict[str, str]],
) -> None:
    text, expected = document
    assert toml_table(text, WHERE) == expected  # the strategy makes what it means to
    assert simple_table(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        SETTINGS,
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
        "[tool.catalog-codegen]\r\npackage = \"acme\"  # a comment\r\n\r\nout = 'src'\r\n",
        "[tool.black]\nline-length = 100\n",  # no table: the defaults
    ],
)
def test_the_simple_form_is_read_without_tomllib(text: str) -> None:
    direct = simple_table(text)
    assert direct is not None
    assert direct == toml_table(text, WHERE)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[tool.catalog-codegen]\npackage = "a"\npackage = "b"\n', "not valid TOML"),
        ('[tool.catalog-codegen]\npackage = "a\n', "not valid TOML"),
        ("[tool.catalog-codegen]\nout = 3\n", "out must be a non-empty string"),
        ('[tool.catalog-codegen]\nout = ""\n', "out must be a non-empty string"),
        ('[tool.catalog-codegen]\npakage = "acme"\n', "unknown key(s) 'pakage'"),
        ("[tool.catalog-codegen\n", "not valid TOML"),
        ('[tool]\ncatalog-codegen = "x"\n', "must be a table"),
    ],
)
def test_errors_are_tomllibs_and_the_settings(tmp_path: Path, text: str, message: str) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        table(pyproject)
    assert message in str(raised.value)
