"""Format rendered Python with black, in-process, at the exact version the project pins."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version

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
    try:
        return black.format_str(file.text, mode=MODE)
    except InvalidInput as exc:
        raise FormatError(f"{file.path}: the rendered source is not valid Python: {exc}") from exc


# Below this much source, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 200_000

# prctl(2)'s option asking the kernel to send a signal when the parent thread ends.
PR_SET_PDEATHSIG = 1


def _start_worker(parent: int) -> None:
    """Tie a worker's life to the process that started it.

    Killed with `kill -9` there is no parent left to shut the pool down: the kernel sends the
    worker SIGKILL instead. It does so when the thread that forked the worker ends; that thread
    is the one waiting in `format_files`, so it outlives every job. If the parent died before
    this ran, the worker was handed to another process already: it leaves at once. The parent's
    SIGTERM handler (which unwinds a run to remove its staged package) is not the worker's: a
    worker has nothing to clean up and ends as any process does.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"prctl(PR_SET_PDEATHSIG): {os.strerror(error)}")
    if os.getppid() != parent:
        os._exit(1)


def format_files(files: Sequence[Rendered]) -> list[str]:
    """`format_file` for each file, in order; spread over processes as black's own CLI does.

    Workers are forked from this process, so they start with black already imported, and end
    when it does, however it ends. The result does not depend on how the work was split. One
    CPU, little text, or a system other than Linux (where nothing ends the workers of a killed
    process): formatted here, one file after another.
    """
    workers = min(
        len(files), len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    )
    size = sum(len(file.text) for file in files)
    if workers < 2 or size < PARALLEL_THRESHOLD or not sys.platform.startswith("linux"):
        return [format_file(file) for file in files]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(),),
    ) as pool:
        # Submitted largest first, so that no worker is left with the biggest file at the end.
        largest_first = sorted(files, key=lambda file: -len(file.text))
        futures = {file.path: pool.submit(format_file, file) for file in largest_first}
        return [futures[file.path].result() for file in files]
