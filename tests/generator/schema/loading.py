"""Helpers for the loader tests: load schemas in-process and read the problems as a user does."""

from __future__ import annotations

import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from codegen.diagnostics import Problem, SchemaError
from codegen.schema.loader import load_catalog
from codegen.schema.model import Catalog
from tests.conftest import MINIMAL


def edit(old: str, new: str, text: str = MINIMAL) -> str:
    """`text` (MINIMAL by default) with the first `old` replaced by `new`."""
    assert old in text, old
    return text.replace(old, new, 1)


def load(directory: Path) -> tuple[Catalog | None, list[Problem]]:
    """The catalog (None if refused) and every problem, as `lint` would list them."""
    try:
        catalog, warnings = load_catalog(directory, lambda path: path.name)
    except SchemaError as exc:
        return None, exc.problems
    return catalog, warnings


def lines(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


def errors(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == "error"]


@contextmanager
def schema_dir(files: dict[str, str | bytes]) -> Iterator[Path]:
    """A temporary schemas directory holding `files` (text is dedented, bytes written as is)."""
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        for name, content in files.items():
            if isinstance(content, bytes):
                (directory / name).write_bytes(content)
            else:
                (directory / name).write_text(textwrap.dedent(content), encoding="utf-8")
        yield directory


def load_texts(files: dict[str, str | bytes]) -> tuple[Catalog | None, list[Problem]]:
    with schema_dir(files) as directory:
        return load(directory)


def load_text(text: str) -> tuple[Catalog | None, list[Problem]]:
    return load_texts({"acme.yaml": text})
