"""Every input is read within bounds: a FIFO, a device or a huge file where a schema, a generated
file, a page or a schema at a git ref belongs is refused at once with exit status 2 and one line
saying what it is; nothing hangs, nothing is read whole, and there is no traceback.

Each command runs in a child process with a short timeout: a command that hangs fails the test
instead of hanging the suite.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, Run, run_codegen
from tests.generator.diff.diff_scratch import GIT_ENV, git

HUGE = 3 * 1024**3  # a sparse file: no disk space, but 3 GB to anyone who reads it
QUICK = 60  # seconds: far above what a refusal takes, far below a hang's end


def codegen(*args: str | Path) -> Run:
    return run_codegen(*args, env=GIT_ENV, timeout=QUICK)


def refused(run: Run, *phrases: str) -> None:
    assert run.status == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr and "MemoryError" not in run.stderr
    for phrase in phrases:
        assert phrase in run.stderr, run.stderr


@pytest.fixture
def generated(write_schema: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    """A schema and the package generated from it: `check` is proved current by headers."""
    schemas, out = write_schema(), tmp_path / "out"
    assert codegen("generate", "--schemas", schemas, "--out", out).status == 0
    assert codegen("check", "--schemas", schemas, "--out", out).status == 0
    return schemas, out


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _device(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


def _huge(path: Path) -> None:
    with open(path, "r+b") as stream:
        stream.truncate(HUGE)


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (_fifo, "the schema is a FIFO, not a regular file"),
        (_device, "the schema is a character device, not a regular file"),
        (_huge, f"the file has {HUGE} bytes; a schema may have at most 4194304 (4 MiB)"),
    ],
    ids=["fifo", "dev-zero", "3-GB"],
)
@pytest.mark.parametrize("command", ["check", "generate"])
def test_the_fast_path_refuses_a_schema_it_cannot_read_whole(
    generated: tuple[Path, Path], make: object, said: str, command: str
) -> None:
    schemas, out = generated
    make(schemas / "acme.yaml")  # type: ignore[operator]
    before = {p: p.read_bytes() for p in out.rglob("*.py")}

    run = codegen(command, "--schemas", schemas, "--out", out)

    refused(run, f"{schemas}/acme.yaml", said)
    assert {p: p.read_bytes() for p in out.rglob("*.py")} == before


def test_a_huge_generated_file_is_refused_not_read(generated: tuple[Path, Path]) -> None:
    schemas, out = generated
    _huge(out / "catalog/acme/errors.py")

    for command in ("check", "generate"):
        run = codegen(command, "--schemas", schemas, "--out", out)
        refused(
            run,
            f"{out}/catalog/acme/errors.py: the file has {HUGE} bytes; "
            "a generated file may have at most",
        )


# -- diff: the generated package's version, symbolic links, blobs at a ref ----------------------


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "schemas").mkdir(parents=True)
    (root / "schemas/acme.yaml").write_text(MINIMAL, encoding="utf-8")
    (root / "generated/catalog").mkdir(parents=True)
    (root / "generated/catalog/__init__.py").write_text('__version__ = "1.2.3"\n')
    for args in (("init", "-q", "-b", "main"), ("add", "."), ("commit", "-q", "-m", "start")):
        git(root, *args)
    return root


def diff(root: Path) -> Run:
    return codegen("diff", "--schemas", root / "schemas", "--out", root / "generated")


def test_diff_runs_on_the_fixture(repository: Path) -> None:
    run = diff(repository)
    assert run.status == 0 and "catalog 1.2.3 stays" in run.stdout, run.stderr


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (_fifo, "the generated file is a FIFO, not a regular file"),
        (_device, "the generated file is a character device"),
        (_huge, f"the file has {HUGE} bytes; a generated file may have at most"),
    ],
    ids=["fifo", "dev-zero", "3-GB"],
)
def test_diff_refuses_a_package_version_it_cannot_read(
    repository: Path, make: object, said: str
) -> None:
    make(repository / "generated/catalog/__init__.py")  # type: ignore[operator]
    refused(diff(repository), "generated/catalog/__init__.py", said)


def test_diff_refuses_a_schema_linked_outside_the_repository(
    repository: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(MINIMAL.replace("id: acme", "id: other").replace("Acme", "Other"))
    (repository / "schemas/other.yaml").symlink_to(outside)

    refused(diff(repository), "schemas/other.yaml is a symbolic link to", "outside the git")


def test_diff_refuses_a_symbolic_link_loop(repository: Path) -> None:
    (repository / "schemas/loop.yaml").symlink_to("loop.yaml")

    refused(diff(repository), "schemas/loop.yaml is a symbolic link that leads nowhere")


def test_a_schema_at_a_ref_is_measured_before_it_is_read(repository: Path) -> None:
    big = repository / "schemas/big.yaml"
    big.write_text("#" * (4 * 1024 * 1024) + "\n")
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "big")
    big.unlink()

    run = codegen(
        "diff", "--against", "HEAD", "--schemas", repository / "schemas",
        "--out", repository / "generated",
    )  # fmt: skip

    refused(run, "schemas/big.yaml at ", "a schema may have at most 4194304 (4 MiB)")


# -- import: the page ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "3-GB"])
def test_import_refuses_a_page_it_cannot_read_whole(tmp_path: Path, kind: str) -> None:
    schemas = tmp_path / "schemas"
    schemas.mkdir()  # empty: the page would draft its first catalog
    page = tmp_path / "page.md"
    page.write_text("| Code | Message |\n|---|---|\n| 1 | a |\n")
    {"fifo": _fifo, "dev-zero": _device, "3-GB": _huge}[kind](page)

    run = codegen("import", page, "--vendor", "acme", "--schemas", schemas)

    refused(run, f"{page}: the ", "page")
    assert list(schemas.iterdir()) == []


# -- replay: the captured responses -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_replay_refuses_a_capture_file_it_cannot_read_whole(tmp_path: Path, kind: str) -> None:
    captures = tmp_path / "captures.jsonl"
    captures.write_text('{"status": 503}\n')
    {"fifo": _fifo, "dev-zero": _device}[kind](captures)

    run = codegen("replay", captures, "--vendor", "tuya")

    refused(run, str(captures), "the capture file is a")
