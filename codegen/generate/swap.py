"""Write the generated package in one step: stage it whole beside the old one, swap directories.

`update` holds an exclusive lock on the output directory (two `generate`s run one after the
other), removes what an interrupted run left behind, compares the tree with the expected files
(codegen.generate.sync.plan) and refuses, writing nothing, while the package holds a symbolic link, a
special file, or a file or directory in the way of a generated one: it never writes through a
link, so never outside the output directory. When something changed, it builds the complete new
package in `<out>/.catalog.new-<pid>` (changed files written; unchanged generated files, files
that the generator did not make and the caches of unchanged modules carried over as hard links)
and exchanges it with `<out>/catalog` in one rename (Linux `renameat2(RENAME_EXCHANGE)`; two
renames where that is missing). A reader sees the old package or the new one, never a mix; a
failure Python sees removes the staged package; after a `kill -9` the next run cleans up. Only
with two renames, a `kill -9` between them leaves no package until the next `generate` (which
puts the old one back first); meanwhile a placeholder module makes `import catalog` say so.

Files that the generator did not make are never deleted: they move into the new package, and
`check` keeps naming them until a person removes them.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from codegen.generate.outputs import PACKAGE
from codegen.generate.sync import (
    CACHE,
    PLACEHOLDER,
    PLACEHOLDER_TEXT,
    RETIRED,
    STAGED,
    Plan,
    leftovers,
    lock,
    plan,
    unlock,
)

_NO_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


class Refused(Exception):
    """The package holds something `generate` must not write through or replace."""

    def __init__(self, result: Plan) -> None:
        super().__init__("the package holds links, special files or files in the way")
        self.plan = result


class Outcome:
    def __init__(self, result: Plan, cleaned: list[str]) -> None:
        self.plan = result
        self.cleaned = cleaned  # what interrupted runs had left, now removed (under the out dir)
        self.written = False
        self.leftover: str | None = None  # the old package, if it could not be removed


def update(out_dir: Path, expected: Mapping[str, str]) -> Outcome:
    """Make the package under `out_dir` hold exactly `expected` (plus files not generated)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    handle = lock(out_dir, exclusive=True)
    try:
        cleaned = recover(out_dir)
        result = plan(out_dir, expected)
        if result.refused:
            raise Refused(result)
        outcome = Outcome(result, cleaned)
        if result.write or result.extra:
            outcome.leftover = _install(out_dir, result)
            outcome.written = True
        return outcome
    finally:
        unlock(handle)


def recover(out_dir: Path) -> list[str]:
    """Remove what interrupted runs left (call with the lock held). A package retired by a
    two-rename swap cut between its renames is put back first, so nothing of it is lost."""
    names = leftovers(out_dir)
    package = out_dir / PACKAGE
    retired = [name for name in names if name.startswith(RETIRED)]
    if retired and not _exists(package):
        newest = max(retired, key=lambda name: os.lstat(out_dir / name).st_mtime_ns)
        os.rename(out_dir / newest, package)
        names.remove(newest)
    for name in names:
        _remove(out_dir / name)
    return names


def _install(out_dir: Path, result: Plan) -> str | None:
    staging = out_dir / f"{STAGED}{os.getpid()}"
    try:
        _stage(out_dir, staging, result)
        retired = _swap(out_dir, staging)
    except BaseException:
        _remove(staging)
        raise
    if retired is None:
        return None
    try:
        _remove(retired)
    except OSError as exc:
        return f"{retired}: {exc.strerror or exc}"
    except BaseException:  # interrupted (SIGTERM, ^C): finish removing, then stop
        _remove(retired)
        raise
    return None


def _inside(staging: Path, path: str) -> Path:
    """Where `path` (relative to the output directory) goes in the staged package."""
    return staging.joinpath(*path.split("/")[1:])


def _ancestors(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[:end]) for end in range(1, len(parts))]


def _module_of(cache: str) -> str | None:
    """The module a cached file compiles: a/__pycache__/b.cpython-311.pyc -> a/b.py."""
    directory, _, name = cache.rpartition("/")
    parent, _, cache_dir = directory.rpartition("/")
    return f"{parent}/{name.split('.')[0]}.py" if cache_dir == CACHE else None


def _stage(out_dir: Path, staging: Path, result: Plan) -> None:
    """The whole new package at `staging`: nothing under `<out>/catalog` is touched."""
    tree = result.tree
    carried = [*result.keep, *result.foreign]
    carried += [cache for cache in tree.caches if _module_of(cache) in result.keep]
    files = [*result.write, *carried]
    dirs = {ancestor for path in files for ancestor in _ancestors(path)} | set(result.empty_dirs)
    os.mkdir(staging)
    for directory in sorted(dirs - {PACKAGE}):
        os.mkdir(_inside(staging, directory))
    for path, text in result.write.items():
        _write(
            _inside(staging, path),
            text.encode("utf-8"),
            _mode(out_dir / path) if path in tree.files else None,
        )
    for path in carried:
        _carry(out_dir / path, _inside(staging, path))
    for directory in sorted(
        dirs & set(tree.dirs), reverse=True
    ):  # children first: one may be read-only
        os.chmod(_inside(staging, directory), _mode(out_dir / directory))


def _mode(path: Path) -> int:
    return os.lstat(path).st_mode & 0o7777


def _write(target: Path, data: bytes, mode: int | None) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(target, flags, 0o666), "wb") as stream:
        stream.write(data)
    if mode is not None:
        os.chmod(target, mode)


def _carry(source: Path, target: Path) -> None:
    """`source` at `target` too: a hard link (same file, same time stamps), else a copy."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def _swap(out_dir: Path, staging: Path) -> Path | None:
    """Put the staged package in place; the retired package's path, if there was one."""
    package = out_dir / PACKAGE
    if not _exists(package):
        os.rename(staging, package)
        return None
    try:
        exchange(staging, package)
        return staging  # now holding the old package
    except OSError as exc:
        if exc.errno not in _NO_EXCHANGE:
            raise
    # Two renames: between them there is no package. Killed there (SIGKILL, a power cut),
    # `import catalog` finds the placeholder and says to run generate, which puts the
    # retired package back (recover) before anything else.
    placeholder = out_dir / PLACEHOLDER
    _write(placeholder, PLACEHOLDER_TEXT.encode(), None)
    try:
        retired = out_dir / f"{RETIRED}{os.getpid()}"
        os.rename(package, retired)
        try:
            os.rename(staging, package)
        except BaseException:
            os.rename(retired, package)
            raise
    finally:
        placeholder.unlink(missing_ok=True)
    return retired


def exchange(first: Path, second: Path) -> None:
    """Swap two directories in one step (renameat2 with RENAME_EXCHANGE, Linux 3.15+);
    OSError(ENOSYS) where the C library has no renameat2."""
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):  # not glibc, or not Linux
        raise OSError(errno.ENOSYS, "renameat2 is not available") from None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    at_cwd, rename_exchange = -100, 2
    if function(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(first), None, str(second))


def _exists(path: Path) -> bool:
    """Like os.path.lexists, but an error other than "no such file" is raised, not False."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    return True


def _remove(path: Path) -> None:
    """Remove a file or a whole tree without following links; read-only directories of a
    package (their mode carried over) are made writable first."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(mode):
        os.unlink(path)
        return

    def retry(function: Callable[[str], object], name: str, error: object) -> None:
        exc = error if isinstance(error, BaseException) else error[1]  # type: ignore[index]
        if function not in (os.unlink, os.rmdir) or not isinstance(exc, PermissionError):
            raise exc
        os.chmod(os.path.dirname(name), 0o700)
        function(name)

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=retry)
    else:
        shutil.rmtree(path, onerror=retry)
