"""Every file the generator reads from outside its own source, read within bounds.

Schemas, generated files, import pages, captured responses, files at git refs: each is read by
`read_bytes` (or `read_text`), which reads only regular files (a FIFO would hang, `/dev/zero`
never ends), and at most the limit of that kind of input (a 3 GB file is refused before it is
read, never a MemoryError). A refusal is an `InputError` whose message is one line; the
commands report it as `error: PATH: MESSAGE` with exit status 2.

This module imports nothing heavy: `check` on an unchanged tree reads through it.
"""

from __future__ import annotations

import hashlib
import os
import stat

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~2 ms)
if TYPE_CHECKING:
    from typing import BinaryIO

    StrPath = str | os.PathLike[str]

MIB = 1024 * 1024
SCHEMA_BYTES = 4 * MIB
GENERATED_BYTES = 32 * MIB  # the largest generated file is under 0.1 MiB
PAGE_BYTES = 16 * MIB

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class InputError(Exception):
    """An input that was not read: `path` (as given) and why, in one line; `pos` is the 0-based
    line and column of the problem, (0, 0) when it is the file as a whole."""

    def __init__(self, path: StrPath, message: str, pos: tuple[int, int] = (0, 0)) -> None:
        super().__init__(message)
        self.path = os.fspath(path)
        self.message = message
        self.pos = pos

    def __str__(self) -> str:
        from codegen.diagnostics import one_line

        return one_line(f"{self.path}: {self.message}")


def _limit_text(limit: int) -> str:
    return f"{limit} ({limit // MIB} MiB)" if limit % MIB == 0 else str(limit)


def check_file(path: StrPath, mode: int, size: int, limit: int, what: str) -> None:
    """Refuse anything but a regular file of at most `limit` bytes (InputError)."""
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise InputError(path, f"the {what} is {kind}, not a regular file; it was not read")
    if size > limit:
        raise InputError(
            path, f"the file has {size} bytes; a {what} may have at most {_limit_text(limit)}"
        )


def read_bytes(path: StrPath, limit: int, what: str) -> bytes:
    """The bytes of `path`, a regular file (symbolic links followed) of at most `limit` bytes;
    `what` names it in messages ("schema", "generated file", "page"). InputError for anything
    else; OSError, as the system raises it, when the file cannot be opened or read."""
    check_file(path, *_mode_and_size(os.stat(path)), limit, what)
    # O_NONBLOCK: should the file be swapped for a FIFO meanwhile, opening it cannot hang.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        check_file(path, *_mode_and_size(os.fstat(fd)), limit, what)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = read_at_most(stream, limit)
    finally:
        os.close(fd)
    if data is None:  # it grew while being read
        raise InputError(
            path,
            f"the file has more than {limit} bytes; a {what} may have at most {_limit_text(limit)}",
        )
    return data


def read_text(path: StrPath, limit: int, what: str, encoding: str = "utf-8") -> str:
    """`read_bytes`, decoded (UTF-8, or "utf-8-sig" to drop a byte-order mark); InputError if
    it cannot be read at all, or is not UTF-8."""
    try:
        data = read_bytes(path, limit, what)
    except OSError as exc:
        raise InputError(path, f"cannot read the {what}: {exc.strerror or exc}") from None
    return decode(path, data, what, encoding)


def decode(path: StrPath, data: bytes, what: str, encoding: str = "utf-8") -> str:
    """`data`, the bytes of `path`, as text; InputError at the line and column of the first
    byte that is not UTF-8."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n")
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace"))
        raise InputError(
            path, f"the {what} is not UTF-8 ({exc.reason} at byte {exc.start})", (line, column)
        ) from None


def digest(data: bytes) -> str:
    """The sha256 of an input's bytes, as generated headers record it."""
    return hashlib.sha256(data).hexdigest()


def read_at_most(stream: BinaryIO, limit: int) -> bytes | None:
    """At most `limit` bytes from `stream` (a pipe such as standard input included); None if
    it holds more."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def _mode_and_size(info: os.stat_result) -> tuple[int, int]:
    return info.st_mode, info.st_size
