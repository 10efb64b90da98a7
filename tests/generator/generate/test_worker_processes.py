"""`generate` leaves nothing running, however it ends: its formatter workers end with it.

Each command runs in a session of its own, so that its process group finds everything it
started; /proc tells which of them still run (a zombie runs nothing).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from codegen.generate.formatter import FormatError, _format_in_workers, _shares, format_file
from codegen.generate.render import Rendered
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="the formatter starts workers on Linux with two CPUs or more",
)


def running_processes() -> list[tuple[int, int, int]]:
    """(pid, parent pid, process group) of every process that has not ended (zombies excluded)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended while we looked
            continue
        # pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
        state, ppid, pgrp = stat[stat.rindex(")") + 2 :].split()[:3]
        if state != "Z":
            found.append((int(entry.name), int(ppid), int(pgrp)))
    return found


def running_in_group(group: int) -> list[int]:
    """The processes of a process group that have not ended."""
    return [pid for pid, _, pgrp in running_processes() if pgrp == group]


def children_of(parent: int) -> set[int]:
    """The processes started by `parent` that have not ended."""
    return {pid for pid, ppid, _ in running_processes() if ppid == parent}


@pytest.fixture
def children_before() -> set[int]:
    """This process's children before the test: another test's in the same worker process (a
    language server a module-scoped fixture keeps) are not the formatter's."""
    return children_of(os.getpid())


def still_running_after(group: int, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := running_in_group(group)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def start_generate(out: Path) -> subprocess.Popen[bytes]:
    """`generate --full` of the repository's schemas (enough text for the workers) into `out`."""
    return subprocess.Popen(
        [sys.executable, "-m", "codegen", "generate", "--full", "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_for_workers(child: subprocess.Popen[bytes], within: float) -> bool:
    """True once the command has started processes of its own (it is formatting)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and child.poll() is None:
        if len(running_in_group(child.pid)) > 1:
            return True
        time.sleep(0.01)
    return False


def test_kill_9_at_random_moments_leaves_no_process(tmp_path: Path) -> None:
    """Eight runs killed with SIGKILL: half at a random moment of the whole run, half at a
    random moment once the workers are up. A second later, none of their processes runs."""
    rng = random.Random(20)
    killed_while_formatting = 0
    for run in range(8):
        child = start_generate(tmp_path / "out")
        try:
            if run % 2:
                killed_while_formatting += wait_for_workers(child, within=20)
                time.sleep(rng.uniform(0, 0.5))
            else:
                time.sleep(rng.uniform(0.2, 2.5))
            child.kill()
        finally:
            child.wait(timeout=30)
        left = still_running_after(child.pid, seconds=1.0)
        for pid in left:  # the test's own mess, not the next test's
            os.kill(pid, signal.SIGKILL)
        assert left == [], f"run {run}: processes {left} outlived `kill -9` of {child.pid}"
    assert killed_while_formatting >= 3, "the workers were never seen: nothing was tested"


def test_sigterm_to_the_group_ends_every_process(tmp_path: Path) -> None:
    """What a service manager or `kill -TERM -<group>` does: the workers end too."""
    child = start_generate(tmp_path / "out")
    try:
        assert wait_for_workers(child, within=20)
        os.killpg(child.pid, signal.SIGTERM)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
    left = still_running_after(child.pid, seconds=1.0)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"processes {left} ignored SIGTERM"


def python_file(number: int, valid: bool = True) -> Rendered:
    text = f"VALUE_{number} = {{ 'a':{number} }}\n" * (50 + number)
    return Rendered(f"m{number}.py", text if valid else text + "def (:\n", python=True)


def test_the_split_does_not_change_the_result(children_before: set[int]) -> None:
    files = [python_file(number) for number in range(7)]
    split = _format_in_workers(files, _shares(files, 3))
    assert split == [format_file(file) for file in files]
    assert 'VALUE_0 = {"a": 0}\n' in split[0]
    assert children_of(os.getpid()) <= children_before


def test_shares_are_balanced_and_cover_every_file_once() -> None:
    files = [python_file(number) for number in range(9)]
    shares = _shares(files, 2)
    assert sorted(index for share in shares for index in share) == list(range(9))
    loads = [sum(len(files[index].text) for index in share) for share in shares]
    assert max(loads) - min(loads) <= max(len(file.text) for file in files)


@pytest.mark.parametrize("broken_share", [0, 1], ids=["here", "in-a-worker"])
def test_a_file_black_refuses_ends_every_worker(
    broken_share: int, children_before: set[int]
) -> None:
    """A failure here or in a worker raises FormatError, with no worker left running."""
    files = [python_file(number) for number in range(6)]
    shares = _shares(files, 3)
    broken = shares[broken_share][0]
    files[broken] = python_file(broken, valid=False)
    with pytest.raises(FormatError, match=f"m{broken}.py: the rendered source is not valid"):
        _format_in_workers(files, shares)
    assert children_of(os.getpid()) <= children_before


def test_an_interrupt_here_kills_workers_that_never_saw_it(
    monkeypatch: pytest.MonkeyPatch, children_before: set[int]
) -> None:
    """What a SIGTERM to the group does when a worker is forked just after it: the worker never
    received the signal, this process unwinds, and the worker, still busy, must not outlive it
    nor be waited for."""
    parent = os.getpid()

    def interrupted_here_busy_there(file: Rendered) -> str:
        if os.getpid() == parent:
            raise KeyboardInterrupt
        time.sleep(60)
        return file.text

    monkeypatch.setattr("codegen.generate.formatter.format_file", interrupted_here_busy_there)
    files = [python_file(number) for number in range(6)]
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        _format_in_workers(files, [[0], [1, 2], [3, 4, 5]])
    assert time.monotonic() - started < 20
    assert children_of(parent) <= children_before
