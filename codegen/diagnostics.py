"""Problems found in schemas, reported as `path:LINE:COL: message` (1-based, like compilers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from codegen.stamp import one_line

Severity = Literal["error", "warning"]
MAX_MESSAGE = 500  # characters: a message never carries an unbounded value from a schema


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    severity: Severity = "error"

    def __post_init__(self) -> None:
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", f"{self.message[: MAX_MESSAGE - 3]}...")

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{one_line(self.path)}:{self.line}:{self.column}: {prefix}{self.message}"


class SchemaError(Exception):
    """Raised by the loader with every error found, so that all are reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the schemas")
        self.problems = sorted(problems)
