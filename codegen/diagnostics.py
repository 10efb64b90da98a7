"""What every command reports with: problems found in schemas, as `path:LINE:COL: message`
(1-based, like compilers), and paths as messages show them."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~2 ms)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Literal

    Severity = Literal["error", "warning"]
MAX_MESSAGE = 500  # characters: a message never carries an unbounded value from a schema


def one_line(text: str) -> str:
    """`text` with every character that is not printable (newlines, carriage returns, line
    separators, control characters) written as its escape: a name from the file system can then
    go into a header comment, or a message, without starting a line of its own."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


class Problem:
    """One problem: where it is, and what. Immutable, equal and ordered by its fields in order.

    A plain class, not a dataclass: a `check` proved current by headers imports this module,
    and importing dataclasses would cost it ~10 ms.
    """

    __slots__ = ("path", "line", "column", "message", "severity")
    __match_args__ = ("path", "line", "column", "message", "severity")

    path: str
    line: int
    column: int
    message: str
    severity: Severity

    def __init__(
        self, path: str, line: int, column: int, message: str, severity: Severity = "error"
    ) -> None:
        if len(message) > MAX_MESSAGE:
            message = f"{message[: MAX_MESSAGE - 3]}..."
        for name, value in zip(
            self.__slots__, (path, line, column, message, severity), strict=True
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a Problem is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a Problem is immutable")

    def _fields(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.message, self.severity)

    def __eq__(self, other: object) -> bool:
        if type(other) is not Problem:
            return NotImplemented
        return self._fields() == other._fields()

    def __lt__(self, other: Problem) -> bool:
        if type(other) is not Problem:
            return NotImplemented
        return self._fields() < other._fields()

    def __le__(self, other: Problem) -> bool:
        if type(other) is not Problem:
            return NotImplemented
        return self._fields() <= other._fields()

    def __gt__(self, other: Problem) -> bool:
        if type(other) is not Problem:
            return NotImplemented
        return self._fields() > other._fields()

    def __ge__(self, other: Problem) -> bool:
        if type(other) is not Problem:
            return NotImplemented
        return self._fields() >= other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        path, line, column, message, severity = self._fields()
        return (
            f"Problem(path={path!r}, line={line!r}, column={column!r}, message={message!r}, "
            f"severity={severity!r})"
        )

    def moved(self, path: str) -> Problem:
        """The same problem, shown at `path`."""
        return Problem(path, self.line, self.column, self.message, self.severity)

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{one_line(self.path)}:{self.line}:{self.column}: {prefix}{self.message}"


class SchemaError(Exception):
    """Raised by the loader with every error found, so that all are reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the schemas")
        self.problems = sorted(problems)


def short(value: object, limit: int = 60) -> str:
    """`repr(value)`, cut to about `limit` characters: messages never embed unbounded values
    (a mapping or a list is named, not shown)."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return clip(repr(value), limit)


def clip(text: str, limit: int = 300) -> str:
    """`text`, cut to about `limit` characters, keeping its last two (a closing quote)."""
    return text if len(text) <= limit else f"{text[: limit - 5]}...{text[-2:]}"


def display(path: str | os.PathLike[str]) -> str:
    """A path in messages: relative to the working directory when below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return os.fspath(path)
    return os.fspath(path) if relative == ".." or relative.startswith(".." + os.sep) else relative


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def print_refusal(error: SchemaError) -> None:
    """Every problem of invalid schemas, and that a command stops there."""
    print_problems(error.problems)
    errors = sum(problem.severity == "error" for problem in error.problems)
    print(f"{errors} error(s) in the schemas; nothing was written.", file=sys.stderr)


# The generator's third-party dependencies: import name -> distribution name.
DEPENDENCIES = {
    "black": "black",
    "jinja2": "jinja2",
    "ruamel": "ruamel.yaml",
    "jsonschema": "jsonschema",
    "html5lib": "html5lib",
    "packaging": "packaging",
}


def missing_dependency(error: ImportError) -> str | None:
    """What to tell a person whose environment lacks one of the generator's dependencies (the
    command needed it), or None if `error` is something else: a bug, reported as one."""
    name = (error.name or "").partition(".")[0]
    if name not in DEPENDENCIES:
        return None
    return f"{DEPENDENCIES[name]} is not installed ({error}); {setup_hint()}"


def setup_hint() -> str:
    """How to get the generator's dependencies where this copy of the generator runs: from a
    checkout of its repository (a Makefile beside codegen/), or installed."""
    root = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    if os.path.isfile(os.path.join(root, "Makefile")):
        return "run `make generate` to set up .venv, then use .venv/bin/python -m codegen"
    return "install the generator with its dependencies: pip install catalog-codegen"
