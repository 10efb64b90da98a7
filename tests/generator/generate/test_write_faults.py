"""The write phase never leaves a mixed tree: failures injected between its steps, concurrent
runs, SIGTERM, and `kill -9` at random points, each followed by `check` and an import."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from codegen.generate import swap, sync
from codegen.generate.sync import leftovers, lock, unlock
from tests.conftest import MINIMAL, ROOT, run_codegen, run_python
from tests.generator.generate.test_tree_faults import ZETA, snapshot
from tests.generator.generate.test_tree_faults import run_codegen as run_codegen_here

Files = dict[str, str]


class States:
    """Two versions of a small two-vendor catalog: their schemas and the files each makes."""

    def __init__(self, root: Path) -> None:
        from codegen.generate.pipeline import build

        self.root = root
        self.schemas: list[Path] = []
        self.files: list[Files] = []
        for number, text in enumerate(["token is expired", "token has expired"]):
            schemas = root / f"state{number}" / "schemas"
            schemas.mkdir(parents=True)
            (schemas / "acme.yaml").write_text(MINIMAL.replace("token is expired", text))
            (schemas / "zeta.yaml").write_text(
                ZETA.replace("too frequent", f"too frequent ({number})")
            )
            self.schemas.append(schemas)
            built = build(schemas)
            self.files.append(built.files)
            # The state's reference pages, current, for `check` (the package is what varies).
            pages = self.pages(number)
            pages.mkdir()
            for name, text in built.pages.items():
                (pages / name).write_text(text, encoding="utf-8")
            (root / f"state{number}.json").write_text(json.dumps(self.files[-1]))
        self.out = root / "out"
        swap.update(self.out, self.files[0])

    def pages(self, number: int) -> Path:
        return self.root / f"state{number}" / "pages"

    def which(self) -> int:
        """0 or 1: the state the package is in. Fails on anything else (a mixed tree)."""
        tree = {f"catalog/{path}": data for path, data in snapshot(self.out / "catalog").items()}
        for number, files in enumerate(self.files):
            if tree == {path: text.encode() for path, text in files.items()}:
                return number
        raise AssertionError(f"a mixed or broken tree: {sorted(tree)}")


@pytest.fixture
def states(tmp_path: Path) -> States:
    return States(tmp_path)


def assert_sound(states: States) -> int:
    """The package is one state or the other, proved by `check`, and it imports."""
    number = states.which()
    check = run_codegen_here(
        "check",
        *("--schemas", states.schemas[number], "--out", states.out),
        *("--docs", states.pages(number)),
    )
    assert check.status == 0, check.stdout
    probe = run_python("import catalog.acme.errors, catalog.zeta.errors", states.out)
    assert probe.status == 0, probe.stderr
    return number


# --------------------------------------------------------------------------------------------
# Injected failures: every step of the write phase fails once, in turn.

STEPS = ("rename", "link", "mkdir", "chmod", "open", "listdir", "lstat")


class Injector:
    """Counts the file system calls of the write phase; fails the `fail_at`-th one."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail_at: int | None) -> None:
        self.calls = 0
        self.fail_at = fail_at
        for name in STEPS:
            monkeypatch.setattr(os, name, self.wrap(getattr(os, name)))
        monkeypatch.setattr(swap, "exchange", self.wrap(swap.exchange))

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == self.fail_at:
                raise OSError(errno.EIO, "injected failure")
            return function(*args, **kwargs)

        return call


@pytest.mark.parametrize("exchange", ["renameat2", "two renames"])
def test_a_failure_at_any_step_leaves_the_old_tree_or_the_new(
    states: States, monkeypatch: pytest.MonkeyPatch, exchange: str
) -> None:
    if exchange == "two renames":

        def unsupported(first: Path, second: Path) -> None:
            raise OSError(errno.ENOSYS, "renameat2 is not available")

        monkeypatch.setattr(swap, "exchange", unsupported)
    with monkeypatch.context() as patch:
        counter = Injector(patch, None)
        swap.update(states.out, states.files[1])
        total = counter.calls
    assert states.which() == 1 and total > 10
    outcomes: dict[str, int] = {}
    for fail_at in range(1, total + 1):
        current = states.which()
        with monkeypatch.context() as patch:
            Injector(patch, fail_at)
            try:
                result = swap.update(states.out, states.files[1 - current])
                outcome = "new" if result.leftover is None else "new, the old one left"
            except OSError as exc:
                assert exc.strerror == "injected failure"
                outcome = "failed"
        after = states.which()
        assert after == (current if outcome == "failed" else 1 - current)
        if outcome == "new, the old one left":  # the next run removes it
            assert len(leftovers(states.out)) == 1
            assert not swap.update(states.out, states.files[after]).written
        assert leftovers(states.out) == [], fail_at
        assert sorted(p.name for p in states.out.iterdir()) == ["catalog"]
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert outcomes["failed"] >= 10
    assert_sound(states)


def test_a_failure_reported_by_generate(
    write_schema: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the command: exit 2, one clear line, the tree as it was, nothing staged left."""
    schemas = write_schema()
    out = tmp_path / "out"
    assert run_codegen_here("generate", "--schemas", schemas, "--out", out).status == 0
    before = snapshot(out)
    write_schema(MINIMAL.replace("token is expired", "token has expired"))

    def full_disk(target: Path, data: bytes, mode: int | None) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(swap, "_write", full_disk)
    result = run_codegen_here("generate", "--schemas", schemas, "--out", out)
    assert result.status == 2
    assert result.stderr.startswith("error: [Errno 28] No space left on device: ")
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["catalog"]


def test_an_old_package_that_cannot_be_removed(
    states: States, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An immutable file in the old package: the new one is in place, the old one is named, the
    next run removes it."""
    real_remove = swap._remove

    def immutable(path: Path) -> None:
        if path.name.startswith(sync.STAGED) and (path / "acme").exists():
            raise OSError(errno.EPERM, "Operation not permitted")
        real_remove(path)

    monkeypatch.setattr(swap, "_remove", immutable)
    result = run_codegen_here("generate", "--schemas", states.schemas[1], "--out", states.out)
    assert result.status == 2
    assert (
        "error: the package is written, but the previous one could not be removed: "
        in result.stderr
    )
    assert "Operation not permitted" in result.stderr
    assert states.which() == 1
    assert len(leftovers(states.out)) == 1
    check = run_codegen_here("check", "--schemas", states.schemas[1], "--out", states.out)
    assert check.status == 0 and "was left by an interrupted run" in check.stderr
    monkeypatch.undo()
    again = run_codegen_here("generate", "--schemas", states.schemas[1], "--out", states.out)
    assert again.status == 0 and "(left by an interrupted run)" in again.stderr
    assert leftovers(states.out) == []


def test_an_interrupted_two_rename_swap_is_put_back(states: States) -> None:
    """Killed between the two renames (where renameat2 is missing): the next run restores the
    retired package, with the files the user kept in it, and goes on."""
    (states.out / "catalog/acme/notes.txt").write_text("mine\n")
    (states.out / "catalog").rename(states.out / f"{sync.RETIRED}12345")
    result = run_codegen_here("generate", "--schemas", states.schemas[1], "--out", states.out)
    assert result.status == 0, result.stderr
    assert states.out.joinpath("catalog/acme/notes.txt").read_text() == "mine\n"
    assert leftovers(states.out) == []


# --------------------------------------------------------------------------------------------
# Concurrency


def test_concurrent_generates_run_one_after_the_other(states: States) -> None:
    commands = [
        [
            sys.executable,
            "-m",
            "codegen",
            "generate",
            "--schemas",
            str(states.schemas[n % 2]),
            "--out",
            str(states.out),
        ]
        for n in range(4)
    ]
    children = [
        subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    for child in children:
        stdout, stderr = child.communicate(timeout=300)
        assert child.returncode == 0, stderr
        assert "Traceback" not in stderr
    assert_sound(states)
    assert leftovers(states.out) == []


HARNESS = """
import json, signal, sys, time
from pathlib import Path
from codegen.generate import swap, sync
from codegen.generate.command import _terminate
signal.signal(signal.SIGTERM, _terminate)  # as generate does
files = json.loads(Path(sys.argv[1]).read_text())
print("ready", flush=True)
swap.update(Path(sys.argv[2]), files)
print("done", flush=True)
"""


def harness(states: States, target: int, slow: float = 0.0) -> subprocess.Popen[str]:
    """A child that runs generate's write phase (rendering done beforehand, so that the
    interesting part is most of its life), each file system step slowed by `slow` seconds."""
    code = HARNESS
    if slow:
        code = (
            "import os, time\n"
            + "".join(
                f"_{name} = os.{name}\nos.{name} = lambda *a, **k: (time.sleep({slow}), _{name}(*a, **k))[1]\n"
                for name in ("rename", "link", "mkdir", "chmod", "open", "rmdir", "unlink")
            )
            + code
        )
    return subprocess.Popen(
        [sys.executable, "-c", code, str(states.root / f"state{target}.json"), str(states.out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_generate_waits_for_the_lock(states: States) -> None:
    handle = lock(states.out, exclusive=True)
    try:
        child = harness(states, 1)
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(1.0)
        assert child.poll() is None and states.which() == 0
    finally:
        unlock(handle)
    assert child.wait(timeout=60) == 0
    assert states.which() == 1


# --------------------------------------------------------------------------------------------
# Signals


def kill_at_random(
    child: subprocess.Popen[str], longest: float, rng: random.Random, how: int
) -> None:
    assert child.stdout is not None and child.stdout.readline() == "ready\n"
    time.sleep(rng.uniform(0, longest))
    child.send_signal(how)
    child.communicate(timeout=60)


def test_kill_9_at_random_points_never_leaves_a_mixed_tree(states: States) -> None:
    """60 runs killed at a random point of the write phase (half of them with every step
    slowed, to land inside it), then 10 real `generate` commands killed at a random point of
    their whole run. After each kill: one state or the other, `check` proves it, it imports;
    the next run cleans up what the killed one left."""
    rng = random.Random(20240615)
    seen = {"old": 0, "new": 0, "left something": 0}
    for run in range(60):
        before = states.which()
        slow = 0.004 if run % 2 else 0.0
        kill_at_random(
            harness(states, 1 - before, slow), 0.25 if slow else 0.06, rng, signal.SIGKILL
        )
        after = assert_sound(states)
        seen["new" if after != before else "old"] += 1
        if leftovers(states.out):
            seen["left something"] += 1
    assert seen["old"] >= 5 and seen["new"] >= 5 and seen["left something"] >= 5, seen
    for _ in range(10):
        before = states.which()
        command = [
            sys.executable,
            "-m",
            "codegen",
            "generate",
            "--schemas",
            str(states.schemas[1 - before]),
        ]
        child = subprocess.Popen(
            [*command, "--out", str(states.out)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.2, 3.0))
        child.kill()
        child.communicate(timeout=60)
        assert_sound(states)
    final = run_codegen("generate", "--schemas", states.schemas[1], "--out", states.out)
    assert final.status == 0 and "Traceback" not in final.stderr
    assert leftovers(states.out) == [] and states.which() == 1
    assert (
        run_codegen("check", "--full", "--schemas", states.schemas[1], "--out", states.out).status
        == 0
    )


def test_sigterm_removes_the_staged_package(states: States) -> None:
    rng = random.Random(7)
    for _ in range(10):
        before = states.which()
        child = harness(states, 1 - before, 0.004)
        kill_at_random(child, 0.2, rng, signal.SIGTERM)
        assert_sound(states)
        assert child.returncode in (0, 128 + signal.SIGTERM), child.stderr
        assert leftovers(states.out) == []  # only SIGKILL can leave something behind
