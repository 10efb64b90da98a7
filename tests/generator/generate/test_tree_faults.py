"""`check` cannot be fooled by files at the wrong path, and `generate` never writes outside the
package nor through a link: moved, swapped, renamed and extra files; links; things in the way."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, Run, run_python
from tests.conftest import run_codegen as run_codegen_process

ZETA = (
    MINIMAL.replace("id: acme", "id: zeta")
    .replace("prefix: Acme", "prefix: Zeta")
    .replace("AcmeAuthError", "ZetaAuthError")
)


def run_codegen(*args: str | Path) -> Run:
    """`python -m codegen ARGS` run in this process: the command's own code, its output and
    exit status, without an interpreter start-up (a few tests below run the real command)."""
    from codegen.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main([str(arg) for arg in args])
    return Run(status, out.getvalue(), err.getvalue())


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` (caches excluded), links as their targets."""
    files: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts:
            continue
        if path.is_symlink():
            files[path.relative_to(root).as_posix()] = b"-> " + os.fsencode(os.readlink(path))
        elif path.is_file():
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


@pytest.fixture
def two(write_schema: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    """Two vendors, acme and zeta, generated into tmp_path/out."""
    write_schema(MINIMAL, "acme.yaml")
    schemas = write_schema(ZETA, "zeta.yaml")
    out = tmp_path / "out"
    result = run_codegen_process("generate", "--schemas", schemas, "--out", out)
    assert result.status == 0, result.stderr
    return schemas, out


def imports(out: Path) -> bool:
    probe = run_python(
        "import catalog, catalog.acme.errors, catalog.zeta.errors\n"
        "assert catalog.AcmeCode.TOKEN_EXPIRED.exception.__name__ == 'TokenExpiredError'\n"
        "assert catalog.lookup('zeta', 1001).name == 'TOKEN_EXPIRED'\n",
        out,
        env={"PYTHONDONTWRITEBYTECODE": "1"},
    )
    return probe.status == 0


def assert_stale_then_fixed(schemas: Path, out: Path, *expected_lines: str) -> None:
    """Both checks see it; generate repairs it; then the package is current and imports."""
    for full in ([], ["--full"]):
        result = run_codegen("check", *full, "--schemas", schemas, "--out", out)
        assert result.status == 1, result.stdout
        assert "proved by header hashes" not in result.stdout
        for line in expected_lines:
            assert line in result.stdout, result.stdout
    generate = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert generate.status == 0, generate.stderr
    assert "up to date" not in generate.stdout
    assert run_codegen("check", "--full", "--schemas", schemas, "--out", out).status == 0
    assert run_codegen("check", "--schemas", schemas, "--out", out).status == 0
    assert imports(out)


def swap(first: Path, second: Path) -> None:
    temporary = first.with_name(first.name + ".swap")
    first.rename(temporary)
    second.rename(first)
    temporary.rename(second)


def test_swapped_runtime_modules(two: tuple[Path, Path]) -> None:
    schemas, out = two
    swap(out / "catalog/base.py", out / "catalog/kinds.py")
    assert not imports(out)
    assert_stale_then_fixed(
        schemas,
        out,
        f"misplaced (it holds what belongs at {out}/catalog/kinds.py): {out}/catalog/base.py",
        f"misplaced (it holds what belongs at {out}/catalog/base.py): {out}/catalog/kinds.py",
    )


def test_swapped_init_and_errors(two: tuple[Path, Path]) -> None:
    schemas, out = two
    swap(out / "catalog/acme/__init__.py", out / "catalog/acme/errors.py")
    assert_stale_then_fixed(
        schemas,
        out,
        f"misplaced (it holds what belongs at {out}/catalog/acme/errors.py): {out}/catalog/acme/__init__.py",
    )


def test_swapped_vendor_directories(two: tuple[Path, Path]) -> None:
    schemas, out = two
    swap(out / "catalog/acme", out / "catalog/zeta")
    assert not imports(out)
    assert_stale_then_fixed(
        schemas,
        out,
        f"misplaced (it holds what belongs at {out}/catalog/zeta/errors.py): {out}/catalog/acme/errors.py",
    )


def test_renamed_vendor_directory(two: tuple[Path, Path]) -> None:
    schemas, out = two
    (out / "catalog/zeta").rename(out / "catalog/zeta2")
    assert_stale_then_fixed(
        schemas,
        out,
        f"missing: {out}/catalog/zeta/errors.py",
        f"extra (no schema produces it any more): {out}/catalog/zeta2/errors.py",
    )
    assert not (out / "catalog/zeta2").exists()


def test_a_copy_of_a_vendor_under_another_name(two: tuple[Path, Path]) -> None:
    schemas, out = two
    (out / "catalog/zeta2").mkdir()
    for name in ("__init__.py", "errors.py"):
        (out / "catalog/zeta2" / name).write_bytes((out / "catalog/zeta" / name).read_bytes())
    assert_stale_then_fixed(
        schemas, out, f"extra (no schema produces it any more): {out}/catalog/zeta2/__init__.py"
    )


def test_pyc_outside_pycache_is_reported_and_kept(two: tuple[Path, Path]) -> None:
    schemas, out = two
    evil = out / "catalog/evil.pyc"
    evil.write_bytes(b"not really bytecode")
    for full in ([], ["--full"]):
        result = run_codegen("check", *full, "--schemas", schemas, "--out", out)
        assert result.status == 1
        assert f"extra (not a generated file): {out}/catalog/evil.pyc" in result.stdout
    generate = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert generate.status == 0
    assert (
        f"left alone: {out}/catalog/evil.pyc (not a generated file; remove it by hand)"
        in generate.stderr
    )
    assert evil.read_bytes() == b"not really bytecode"


def test_caches_are_not_reported(two: tuple[Path, Path]) -> None:
    schemas, out = two
    assert (
        run_python("import catalog.acme.errors", out, env={"PYTHONDONTWRITEBYTECODE": ""}).status
        == 0
    )
    assert list(out.rglob("__pycache__/*.pyc"))
    assert run_codegen("check", "--schemas", schemas, "--out", out).status == 0
    assert run_codegen("check", "--full", "--schemas", schemas, "--out", out).status == 0


def test_an_empty_directory_is_reported_and_kept(
    two: tuple[Path, Path], write_schema: Callable[..., Path]
) -> None:
    schemas, out = two
    (out / "catalog/notes").mkdir()
    result = run_codegen("check", "--schemas", schemas, "--out", out)
    assert (
        result.status == 1 and f"extra (an empty directory): {out}/catalog/notes" in result.stdout
    )
    write_schema(MINIMAL.replace("token is expired", "token has expired"), "acme.yaml")
    generate = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert generate.status == 0 and (out / "catalog/notes").is_dir()


def test_foreign_files_move_into_the_new_package(
    two: tuple[Path, Path], write_schema: Callable[..., Path]
) -> None:
    schemas, out = two
    (out / "catalog/acme/notes.txt").write_text("mine\n")
    (out / "catalog/acme/notes.txt").chmod(0o600)
    (out / "catalog/zeta/data").mkdir()
    (out / "catalog/zeta/data/table.csv").write_text("a,b\n")
    (schemas / "zeta.yaml").unlink()
    write_schema(MINIMAL.replace("token is expired", "token has expired"), "acme.yaml")
    result = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert result.status == 0, result.stderr
    assert (out / "catalog/acme/notes.txt").read_text() == "mine\n"
    assert (out / "catalog/acme/notes.txt").stat().st_mode & 0o777 == 0o600
    assert (out / "catalog/zeta/data/table.csv").read_text() == "a,b\n"
    assert not (out / "catalog/zeta/errors.py").exists()
    assert f"removed {out}/catalog/zeta/errors.py" in result.stdout
    assert f"left alone: {out}/catalog/zeta/data/table.csv" in result.stderr


@pytest.mark.parametrize(
    "link", ["catalog/zeta", "catalog/newv", "catalog/acme/errors.py", "catalog"]
)
def test_links_are_never_written_through(
    two: tuple[Path, Path], write_schema: Callable[..., Path], tmp_path: Path, link: str
) -> None:
    """A linked vendor directory, the directory a new vendor will use, a linked file, the
    package itself: check names the link, generate refuses and writes nothing anywhere."""
    schemas, out = two
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "errors.py").write_text("precious\n")
    (elsewhere / "__init__.py").write_text("precious too\n")
    target = out / link
    if target.exists():
        moved = tmp_path / "moved"
        target.rename(moved)
        if moved.is_dir():
            for child in moved.iterdir():
                (elsewhere / child.name).unlink(missing_ok=True)
                child.rename(elsewhere / child.name)
    target.symlink_to(elsewhere if link != "catalog/acme/errors.py" else elsewhere / "errors.py")
    write_schema(
        ZETA.replace("token is expired", "token has expired"), "zeta.yaml"
    )  # something to write
    write_schema(ZETA.replace("id: zeta", "id: newv").replace("Zeta", "Newv"), "newv.yaml")
    outside, inside = snapshot(elsewhere), snapshot(out)
    check = run_codegen("check", "--schemas", schemas, "--out", out)
    assert check.status == 1
    assert (
        f"symbolic link (to {target.readlink()}; generate never follows one): {out}/{link}"
        in check.stdout
    )
    generate = (run_codegen_process if link == "catalog/zeta" else run_codegen)(
        "generate", "--schemas", schemas, "--out", out
    )
    assert generate.status == 2
    assert f"error: {out}/{link} is a symbolic link (to {target.readlink()})" in generate.stderr
    assert "remove it by hand" in generate.stderr and "nothing was written." in generate.stderr
    assert "Traceback" not in generate.stderr
    assert snapshot(elsewhere) == outside
    assert snapshot(out) == inside
    assert sorted(p.name for p in out.iterdir()) == ["catalog"]


@pytest.mark.parametrize("where", ["catalog/acme/errors.py", "catalog/zeta"])
def test_something_in_the_way_is_refused(
    two: tuple[Path, Path], write_schema: Callable[..., Path], where: str
) -> None:
    """A directory where a generated file belongs, a file where a generated directory does."""
    schemas, out = two
    target = out / where
    if target.is_dir():
        for child in target.iterdir():
            child.unlink()
        target.rmdir()
        target.write_text("a file\n")
        what = "a file where generate must write a directory"
    else:
        target.unlink()
        target.mkdir()
        (target / "keep.txt").write_text("a file in a directory\n")
        what = "a directory where generate must write a file"
    write_schema(MINIMAL.replace("token is expired", "token has expired"), "acme.yaml")
    before = snapshot(out)
    check = run_codegen("check", "--full", "--schemas", schemas, "--out", out)
    assert (
        check.status == 1
        and f"in the way (where generate must write): {out}/{where}" in check.stdout
    )
    generate = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert generate.status == 2, generate.stdout
    assert f"error: {out}/{where} is {what}; remove it by hand" in generate.stderr
    assert "Traceback" not in generate.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["catalog"]


def test_a_special_file_is_refused(
    two: tuple[Path, Path], write_schema: Callable[..., Path]
) -> None:
    schemas, out = two
    os.mkfifo(out / "catalog/acme/pipe")
    write_schema(MINIMAL.replace("token is expired", "token has expired"), "acme.yaml")
    check = run_codegen("check", "--schemas", schemas, "--out", out)
    assert check.status == 1 and f"not a regular file: {out}/catalog/acme/pipe" in check.stdout
    generate = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert generate.status == 2
    assert f"error: {out}/catalog/acme/pipe is not a regular file or directory" in generate.stderr


def test_a_forged_header_passes_the_fast_check_but_not_the_full_one(two: tuple[Path, Path]) -> None:
    """The fast check trusts a content digest; `check --full` (what `make test` runs) does not."""
    from codegen.generate.stamp import parse_header, stamp

    schemas, out = two
    target = out / "catalog/acme/errors.py"
    text = target.read_text()
    header = parse_header(text)
    assert header is not None
    body = text.split("\n", 4)[4].replace("token is expired", "token is forged")
    target.write_text(
        stamp(body, source=header.source, inputs=header.inputs, command="make generate")
    )
    assert run_codegen("check", "--schemas", schemas, "--out", out).status == 0
    full = run_codegen("check", "--full", "--schemas", schemas, "--out", out)
    assert (
        full.status == 1
        and f"stale (the schemas or templates changed): {out}/catalog/acme/errors.py" in full.stdout
    )
