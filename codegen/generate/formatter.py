"""Format rendered Python with black, in-process, at the exact version the project pins."""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from typing import NoReturn, cast

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

from codegen.diagnostics import setup_hint
from codegen.generate.outputs import BLACK_VERSION
from codegen.generate.render import LINE_LENGTH, Rendered

MODE = Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH)


class FormatError(Exception):
    """A template produced text black cannot parse: a bug in a template, not in a schema."""


def check_black_version() -> None:
    installed = version("black")
    if installed != BLACK_VERSION:
        raise FormatError(
            f"black {installed} is installed but the generator pins black {BLACK_VERSION}, "
            f"the version its output is formatted with; {setup_hint()}"
        )


def format_file(file: Rendered) -> str:
    if not file.python:
        return file.text
    # Black's syntax tree links each node to its parent: the cycle collector's full passes over
    # a growing tree made a large module's formatting grow faster than its size (a vendor of
    # 5,000 codes: 5.1 s with the collector, 3.6 s without). The tree is garbage once the text
    # is out; the collector reclaims it at its next pass (about 120 MB at 5,000 codes).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return black.format_str(file.text, mode=MODE)
    except InvalidInput as exc:
        raise FormatError(f"{file.path}: the rendered source is not valid Python: {exc}") from exc
    finally:
        if collecting:
            gc.enable()


# Below this much source, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 200_000

# prctl(2)'s option asking the kernel to send a signal when the parent thread ends.
PR_SET_PDEATHSIG = 1

# What a worker must not handle the parent's way until it has set itself up.
_HELD_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def format_files(files: Sequence[Rendered]) -> list[str]:
    """`format_file` for each file, in order; spread over processes as black's own CLI does.

    Workers are forked from this process, so they start with black already imported; this
    process formats a share of its own meanwhile. The result does not depend on how the work
    was split. One CPU, little text, or a system other than Linux (where nothing ends the
    workers of a killed process): formatted here, one file after another.
    """
    workers = min(
        len(files), len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    )
    size = sum(len(file.text) for file in files)
    if workers < 2 or size < PARALLEL_THRESHOLD or not sys.platform.startswith("linux"):
        return [format_file(file) for file in files]
    return _format_in_workers(files, _shares(files, workers))


def _shares(files: Sequence[Rendered], count: int) -> list[list[int]]:
    """The files' indexes in `count` shares of about equal text, largest files placed first."""
    shares: list[list[int]] = [[] for _ in range(count)]
    loads = [0] * count
    for index in sorted(range(len(files)), key=lambda index: -len(files[index].text)):
        lightest = loads.index(min(loads))
        shares[lightest].append(index)
        loads[lightest] += len(files[index].text)
    return shares


@dataclass
class _Worker:
    """A forked worker: its process, the files it formats, the pipe it answers on."""

    pid: int
    share: list[int]
    reader: int | None  # None once its answer is read


def _format_in_workers(files: Sequence[Rendered], shares: list[list[int]]) -> list[str]:
    """Every share but the first formatted by a forked worker, the first one here.

    However this process ends, no worker outlives it: on any exception (SIGTERM and ^C unwind
    as exceptions here) every worker still running is killed and reaped before the exception
    goes on, including one forked just after the signal reached the process group, which never
    received it; on `kill -9` the kernel kills them (see `_become_worker`).
    """
    results: list[str] = [""] * len(files)
    workers: list[_Worker] = []
    try:
        for share in shares[1:]:
            _fork_worker(files, share, workers)
        for index in shares[0]:
            results[index] = format_file(files[index])
        while workers:
            worker = workers[0]
            assert worker.reader is not None
            with os.fdopen(worker.reader, "rb") as stream:
                worker.reader = None
                payload = stream.read()
            _, status = os.waitpid(worker.pid, 0)
            workers.pop(0)
            for index, text in zip(worker.share, _outcome(payload, status), strict=True):
                results[index] = text
    except BaseException:
        _end(workers)
        raise
    return results


def _end(workers: list[_Worker]) -> None:
    """Kill and reap the workers, with a second SIGTERM or ^C held until they are gone."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        for worker in workers:
            os.kill(worker.pid, signal.SIGKILL)
            os.waitpid(worker.pid, 0)
            if worker.reader is not None:
                os.close(worker.reader)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _fork_worker(files: Sequence[Rendered], share: list[int], workers: list[_Worker]) -> None:
    """Start a worker formatting `share` and add it to `workers`.

    SIGTERM and SIGINT are held across the fork: the child must not run this process's
    handlers (which unwind a run) before it has its own, and a signal that arrives meanwhile
    is handled here only once the worker is in `workers`, so it is never left behind.
    """
    parent = os.getpid()
    reader, writer = os.pipe()
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        pid = os.fork()
        if pid == 0:  # the worker: it never returns
            os.close(reader)
            _become_worker(parent, held)
            _answer(writer, files, share)
        os.close(writer)
        workers.append(_Worker(pid, share, reader))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _become_worker(parent: int, held: set[int | signal.Signals]) -> None:
    """Tie a worker's life to the process that started it.

    Killed with `kill -9` there is no parent left to clean up: the kernel sends the worker
    SIGKILL instead, when the thread that forked it (this process's main thread) ends. If the
    parent died before this ran, the worker was handed to another process already: it leaves at
    once. The parent's signal handlers are not the worker's: it has nothing to clean up.
    """
    try:
        for number in _HELD_SIGNALS:
            signal.signal(number, signal.SIG_DFL)
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0 or os.getppid() != parent:
            os._exit(1)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    except BaseException:
        os._exit(1)


def _answer(writer: int, files: Sequence[Rendered], share: list[int]) -> NoReturn:
    """Format the share and write the outcome to the parent, then end without cleaning up."""
    try:
        outcome: tuple[str, object] = ("formatted", [format_file(files[i]) for i in share])
    except FormatError as exc:
        outcome = ("refused", str(exc))
    except BaseException as exc:  # a bug: the parent reports it
        outcome = ("failed", f"{type(exc).__name__}: {exc}")
    try:
        with os.fdopen(writer, "wb") as stream:
            stream.write(pickle.dumps(outcome))
    finally:
        os._exit(0)


def _outcome(payload: bytes, status: int) -> list[str]:
    """What a worker answered, or the error it ended with."""
    if not payload:
        raise RuntimeError(
            f"a formatting worker ended without answering ({_ending(status)}); run again"
        )
    kind, value = pickle.loads(payload)
    if kind == "refused":
        raise FormatError(value)
    if kind == "failed":
        raise RuntimeError(f"a formatting worker failed: {value}")
    return cast(list[str], value)


def _ending(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
