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

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="the formatter starts workers on Linux with two CPUs or more",
)


def running_in_group(group: int) -> list[int]:
    """The processes of a process group that have not ended (zombies excluded)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended while we looked
            continue
        # pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
        state, _ppid, pgrp = stat[stat.rindex(")") + 2 :].split()[:3]
        if int(pgrp) == group and state != "Z":
            found.append(int(entry.name))
    return found


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
