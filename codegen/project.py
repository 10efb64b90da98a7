"""A project's settings: what the generated package is called and where its folders are.

They come from the `[tool.catalog-codegen]` table of `pyproject.toml` in the working directory,
and the command-line options `--package`, `--schemas` and `--out` win over it (even over a
setting it would refuse):

    [tool.catalog-codegen]
    package = "acme_errors"        # the generated package (default "catalog")
    schemas = "schemas"            # the folder of <vendor>.yaml files (default "schemas")
    out = "src"                    # where the package folder is generated (default "generated")
    generate-command = "make generate"   # what headers, pages and `check` tell a person to
                                         # run (default "catalog-codegen generate")

Relative folders are relative to the working directory, which is the project's root.

Folders are plain strings, spelled as pathlib spells them (`clean_path`): a `check` or
`generate` with nothing to do reads the project through this module and codegen.generate.sync,
which use `os.path` only, because importing pathlib (and with it re) would cost such a run
about a quarter of its time.
"""

from __future__ import annotations

import keyword
import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~2 ms)
if TYPE_CHECKING:
    from typing import Any

PYPROJECT = "pyproject.toml"
TABLE = "catalog-codegen"
DEFAULT_PACKAGE = "catalog"
DEFAULT_SCHEMAS = "schemas"
DEFAULT_OUT = "generated"
DEFAULT_COMMAND = "catalog-codegen generate"
_KEYS = ("package", "schemas", "out", "generate-command")


class SettingsError(Exception):
    """pyproject.toml's table, or an option, cannot be used: the message says what and how."""


class Project:
    """A project's settings; equal when every field is. (A plain class: a NamedTuple would
    cost a quick `check` the import of typing.)"""

    __slots__ = ("package", "schemas", "out", "generate_command")

    def __init__(
        self,
        package: str,
        schemas: str | os.PathLike[str],
        out: str | os.PathLike[str],
        generate_command: str,
    ) -> None:
        self.package = package  # the generated package's import name
        self.schemas = clean_path(schemas)  # the folder of schemas
        self.out = clean_path(out)  # the folder the package folder is generated in
        # What regenerates, as headers, pages and `check` say.
        self.generate_command = generate_command

    @property
    def check_command(self) -> str:
        """What checks the generated files, as the reference pages say: the generate command
        with its word `generate` (the last one) made `check`, else the generator's own."""
        words = self.generate_command.split(" ")
        if "generate" not in words:  # a script of the project's: the generator checks
            words = DEFAULT_COMMAND.split(" ")
        last = len(words) - 1 - words[::-1].index("generate")
        return " ".join([*words[:last], "check", *words[last + 1 :]])

    def _fields(self) -> tuple[str, str, str, str]:
        return (self.package, self.schemas, self.out, self.generate_command)

    def __eq__(self, other: object) -> bool:
        if type(other) is not Project:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        package, schemas, out, command = self._fields()
        return (
            f"Project(package={package!r}, schemas={schemas!r}, out={out!r}, "
            f"generate_command={command!r})"
        )


def clean_path(path: str | os.PathLike[str]) -> str:
    """`path` as `str(pathlib.Path(path))` spells it on this system: separators collapsed,
    `.` parts and a trailing separator dropped (`..` is kept: it may follow a link)."""
    text = os.fspath(path)
    if os.altsep:
        text = text.replace(os.altsep, os.sep)
    drive, rest = os.path.splitdrive(text)
    # POSIX keeps exactly two leading separators; pathlib, like it, does.
    two = rest.startswith(os.sep * 2) and not rest.startswith(os.sep * 3) and os.sep == "/"
    root = os.sep * 2 if two else os.sep if rest.startswith(os.sep) else ""
    parts = [part for part in rest.split(os.sep) if part and part != "."]
    return drive + root + os.sep.join(parts) or "."


def absolute_path(path: str | os.PathLike[str]) -> str:
    """`path` made absolute without resolving links, as `pathlib.Path.absolute` makes it."""
    return clean_path(os.path.join(os.getcwd(), os.fspath(path)))


def default_docs(out: str) -> str:
    """Where the reference pages go when no --docs is given: docs/vendors beside the output
    folder."""
    return clean_path(os.path.join(os.path.dirname(clean_path(out)), "docs", "vendors"))


def package_name_problem(name: str) -> str | None:
    """Why `name` cannot name the generated package, or None if it can."""
    if not (name.isidentifier() and name.isascii()) or keyword.iskeyword(name):
        suggestion = "_".join("".join(c if c.isalnum() else " " for c in name).split()).lower()
        hint = f", e.g. {suggestion!r}" if suggestion.isidentifier() else ""
        return f"{name!r} is not a Python package name (letters, digits and _){hint}"
    if name != name.lower():
        return f"{name!r}: a package name is lowercase (PEP 8), e.g. {name.lower()!r}"
    return None


def table(pyproject: str | os.PathLike[str]) -> dict[str, Any]:
    """The `[tool.catalog-codegen]` table of `pyproject` ({} if there is no file or no table)."""
    try:
        with open(pyproject, "rb") as stream:
            data = stream.read()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise SettingsError(f"{pyproject}: cannot read it: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{pyproject}: not valid TOML: {exc}") from None
    found = simple_table(text)
    return checked(found if found is not None else toml_table(text, pyproject), pyproject)


# The lines of a table in its simple form, as `init` writes it, are read by hand: importing re
# would cost a quick `check` a sixth of its time. Control characters other than tab are
# refused, as TOML refuses them in comments and strings.
_CONTROL = frozenset([*map(chr, range(0x09)), *map(chr, range(0x0A, 0x20)), "\x7f"])
_BARE_KEY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_HEADER = f"[tool.{TABLE}]"


def simple_table(text: str) -> dict[str, str] | None:
    """The table read line by line, when pyproject.toml holds it in its simple form (as `init`
    writes it): the header `[tool.catalog-codegen]` on a line of its own, then up to the next
    table only comments, blank lines and `key = "text"` lines (a bare key, a string without
    escapes); the table's name on no other line, no escape that could spell it, no multi-line
    string that could hide the header. {} if the name is nowhere. None for anything else:
    then tomllib reads the file (its import alone costs a quick `check` about 6 ms).

    On a valid file, what it reads is what tomllib reads. The rest is not checked as TOML:
    a file broken elsewhere is left to the tools that read all of it (pip, build) to report.
    """
    if "\\u" in text or "\\U" in text:
        return None
    if TABLE not in text:
        return {}
    if '"""' in text or "'''" in text:
        return None
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    mentions = [number for number, line in enumerate(lines) if TABLE in line]
    start = mentions[0] + 1
    header = lines[start - 1].lstrip(" \t")
    if not (header.startswith(_HEADER) and _is_comment(header[len(_HEADER) :])) or any(
        "[[" in line and _opens_tool_array(line) for line in lines
    ):
        return None
    end = start
    found: dict[str, str] = {}
    for line in lines[start:]:
        if line.lstrip(" \t").startswith("["):
            break
        setting = _setting(line)
        if setting is None or setting[0] in found:
            return None
        if setting[0] is not None:
            found[setting[0]] = setting[1]
        end += 1
    if mentions[-1] >= end:
        return None  # the name after the table's own lines: perhaps a key that adds to it
    return found


def _is_comment(text: str) -> bool:
    """True if `text` is blanks (spaces and tabs), then nothing or a comment."""
    text = text.lstrip(" \t")
    return not text or (text[0] == "#" and _CONTROL.isdisjoint(text))


def _setting(line: str) -> tuple[str | None, str] | None:
    """A line of the table in its simple form: (key, text) for `key = "text"` or `key = 'text'`
    (a comment may follow), (None, "") for a blank or comment line, None for anything else."""
    text = line.lstrip(" \t")
    if _is_comment(text):
        return None, ""
    length = 0
    while length < len(text) and text[length] in _BARE_KEY:
        length += 1
    key, rest = text[:length], text[length:].lstrip(" \t")
    if not key or not rest.startswith("="):
        return None
    rest = rest[1:].lstrip(" \t")
    quote = rest[:1]
    close = rest.find(quote, 1) if quote in ('"', "'") else -1
    if close < 0:
        return None
    value = rest[1:close]
    if not _CONTROL.isdisjoint(value) or (quote == '"' and "\\" in value):
        return None
    return (key, value) if _is_comment(rest[close + 1 :]) else None


def _opens_tool_array(line: str) -> bool:
    """True if `line` starts an array of tables `[[tool]]` (which could add to the table)."""
    text = line.lstrip(" \t")
    if not text.startswith("[["):
        return False
    text = text[2:].lstrip(" \t")
    name = next((name for name in ("tool", '"tool"', "'tool'") if text.startswith(name)), None)
    return name is not None and text[len(name) :].lstrip(" \t").startswith("]]")


def toml_table(text: str, pyproject: str | os.PathLike[str]) -> Any:
    """The table as tomllib reads it from the text of `pyproject` ({} if there is none)."""
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{pyproject}: not valid TOML: {exc}") from None
    tool = document.get("tool", {})
    return tool.get(TABLE, {}) if isinstance(tool, dict) else {}


def checked(found: object, pyproject: str | os.PathLike[str]) -> dict[str, Any]:
    """The table `found` in `pyproject`, if its keys and values are settings."""
    if not isinstance(found, dict):
        raise SettingsError(f"{pyproject}: [tool.{TABLE}] must be a table")
    unknown = sorted(set(found) - set(_KEYS))
    if unknown:
        raise SettingsError(
            f"{pyproject}: [tool.{TABLE}] has unknown key(s) {', '.join(map(repr, unknown))}; "
            f"the keys are {', '.join(_KEYS)}"
        )
    for key, value in found.items():
        if not isinstance(value, str) or not value.strip():
            raise SettingsError(f"{pyproject}: [tool.{TABLE}] {key} must be a non-empty string")
    return found


def resolve(
    package: str | None = None,
    schemas: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    pyproject: str | os.PathLike[str] = PYPROJECT,
) -> Project:
    """The project's settings: each option given, else pyproject.toml's, else the default."""
    settings = table(pyproject)
    name = package if package is not None else settings.get("package", DEFAULT_PACKAGE)
    problem = package_name_problem(name)
    if problem is not None:
        where = "--package" if package is not None else f"{pyproject}: [tool.{TABLE}] package"
        raise SettingsError(f"{where}: {problem}")
    return Project(
        package=name,
        schemas=schemas if schemas is not None else settings.get("schemas", DEFAULT_SCHEMAS),
        out=out if out is not None else settings.get("out", DEFAULT_OUT),
        generate_command=settings.get("generate-command", DEFAULT_COMMAND),
    )


# This repository's own settings (its pyproject.toml's table): the defaults of the functions
# that tests and benchmarks call without naming a project.
REPOSITORY = Project(DEFAULT_PACKAGE, DEFAULT_SCHEMAS, DEFAULT_OUT, "make generate")
