"""Captured responses: a JSON Lines file, one response per line, read within bounds.

Each line is an object `{"status": 400, "headers": {...}, "body": "..."}`: `status` an HTTP
status (100-599), `headers` optional (names to a value or a list of values), and the body as
text (`body`) or as base64 (`body_base64`), or neither for an empty body. Blank lines are
skipped. Anything else is a `CaptureError` at its line and column.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codegen.input_files import InputError, read_text

MAX_BYTES = 64 * 1024 * 1024  # a day of one service's failures, or a sample of a larger log
KEYS = ("status", "headers", "body", "body_base64")


@dataclass(frozen=True)
class Capture:
    """One captured response, as the client received it."""

    line: int  # 1-based
    status: int
    headers: dict[str, str | list[str]]
    body: bytes


class CaptureError(Exception):
    """The file cannot be read as captured responses, at `line` and `column` (1-based)."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def read_captures(path: Path) -> list[Capture]:
    """Every response of the file, in order; CaptureError at the first line that is not one."""
    try:
        text = read_text(path, MAX_BYTES, "capture file")
    except InputError as exc:
        raise CaptureError(exc.pos[0] + 1, exc.pos[1] + 1, exc.message) from None
    captures = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            captures.append(_capture(number, line))
    return captures


def _capture(number: int, line: str) -> Capture:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CaptureError(number, exc.colno, f"not JSON: {exc.msg}") from None
    except (ValueError, RecursionError):  # an int past the conversion limit, deep nesting
        raise CaptureError(
            number, 1, "not JSON this reader accepts (too deep or too large)"
        ) from None
    if type(record) is not dict:
        raise CaptureError(number, 1, 'a line is one JSON object: {"status": 400, "body": "..."}')
    unknown = sorted(key for key in record if key not in KEYS)
    if unknown:
        raise CaptureError(number, 1, f"unknown key {unknown[0]!r}; the keys are {', '.join(KEYS)}")
    status = record.get("status")
    if type(status) is not int or not 100 <= status <= 599:
        raise CaptureError(number, 1, f"'status' must be an HTTP status (100-599), not {status!r}")
    return Capture(number, status, _headers(number, record.get("headers")), _body(number, record))


def _headers(number: int, headers: Any) -> dict[str, str | list[str]]:
    if headers is None:
        return {}
    if type(headers) is not dict:
        raise CaptureError(number, 1, "'headers' must be an object of header names to values")
    for name, value in headers.items():
        if not (type(value) is str or (type(value) is list and all(type(v) is str for v in value))):
            raise CaptureError(number, 1, f"header {name!r} must be a string or a list of strings")
    return headers


def _body(number: int, record: dict[str, Any]) -> bytes:
    text, encoded = record.get("body"), record.get("body_base64")
    if text is not None and encoded is not None:
        raise CaptureError(number, 1, "give 'body' (text) or 'body_base64', not both")
    if encoded is not None:
        if type(encoded) is not str:
            raise CaptureError(number, 1, "'body_base64' must be a string of base64")
        try:
            return base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise CaptureError(number, 1, "'body_base64' is not valid base64") from None
    if text is None:
        return b""
    if type(text) is not str:
        raise CaptureError(
            number, 1, "'body' must be the body as text (a JSON body as its text, not an object)"
        )
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate written as a JSON escape
        raise CaptureError(number, 1, "'body' is not valid Unicode text") from None
