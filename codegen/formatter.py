"""Format rendered Python with black, in-process, at the exact version the project pins."""

from __future__ import annotations

from importlib.metadata import version

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

from codegen.render import Rendered
from codegen.stamp import BLACK_VERSION

MODE = Mode(target_versions={TargetVersion.PY311}, line_length=100)


class FormatError(Exception):
    """A template produced text black cannot parse: a bug in a template, not in a schema."""


def check_black_version() -> None:
    installed = version("black")
    if installed != BLACK_VERSION:
        raise FormatError(
            f"black {installed} is installed but catalog pins black {BLACK_VERSION}; "
            "run `make generate` to set up .venv from pyproject.toml"
        )


def format_file(file: Rendered) -> str:
    if not file.python:
        return file.text
    try:
        return black.format_str(file.text, mode=MODE)
    except InvalidInput as exc:
        raise FormatError(f"{file.path}: the rendered source is not valid Python: {exc}") from exc
