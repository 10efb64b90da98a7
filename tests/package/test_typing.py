"""What type checkers see is the API, per vendor, and mypy and pyright see the same.

For every vendor, a usage sample (written here from the vendor's names, read from the package)
is checked by `mypy --strict` and by pyright in strict mode: it must pass both, and each
`reveal_type` in it must show the same type from both, the type the API promises, with no
private name in it. The sample also runs: what the checkers accept imports.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import catalog
from tests.conftest import GENERATED, VENDORS, vendor_prefixes
from tests.package import checkers

PRIVATE = re.compile(r"_base|_kinds|StrCode|IntCode|Unknown|\bAny\b")


@dataclass(frozen=True)
class Reveal:
    file: str
    line: int
    expression: str
    expected: str  # as pyright writes it


@dataclass(frozen=True)
class Samples:
    directory: Path
    reveals: list[Reveal]
    mypy: list[checkers.Diagnostic]
    pyright: list[checkers.Diagnostic]


def usage_sample(vendor_id: str, prefix: str) -> tuple[str, list[tuple[str, str]]]:
    """A module using vendor `vendor_id` as an application would, and its reveals (expression,
    expected type). The names come from the package: its first code, that code's class and kind."""
    codes = getattr(catalog, f"{prefix}Code")
    member = next(iter(codes))
    per_code = member.exception.__name__
    kind_error = member.kind.exception.__name__
    code_type = "str" if isinstance(member.code, str) else "int"
    reveals = [
        ("exc.code", f"{prefix}Code | None"),
        (f"{per_code}().code", f"{prefix}Code | None"),
        ("member.exception", f"type[{prefix}Error]"),
        ("kind_error.code", "Code | None"),
        (f"{prefix}Code.lookup({member.code!r})", f"{prefix}Code | None"),
        (f"{prefix}Error.from_code({member.code!r})", f"{prefix}Error"),
        (f"{per_code}.from_code({member.code!r})", per_code),
        (f"{prefix}Error.from_response({{}})", f"{prefix}Error | None"),
        (f"errors[{vendor_id!r}].from_response({{}})", "VendorError | None"),
        (f"catalog.lookup({vendor_id!r}, {member.code!r})", "Code | None"),
        ("exc.kind", "Kind"),
        ("member.code", code_type),
        ("exc.raw_code", "int | str | None"),
    ]
    body = "\n".join(f"    reveal_type({expression})" for expression, _ in reveals)
    source = textwrap.dedent(f"""\
        from typing import reveal_type

        import catalog
        from catalog import {kind_error}, Code, VendorError, {prefix}Code, {prefix}Error
        from catalog.{vendor_id} import {per_code}

        errors: dict[str, type[VendorError]] = {{{vendor_id!r}: {prefix}Error}}


        def handle(exc: {prefix}Error, member: {prefix}Code, kind_error: {kind_error}) -> None:
            code: {prefix}Code | None = exc.code
            if exc.code is not None:
                error_class: type[{prefix}Error] = exc.code.exception
                assert error_class is exc.code.exception
            failure: VendorError | None = errors[{vendor_id!r}].from_response({{}})
            any_code: Code | None = kind_error.code
            assert (code, failure, any_code) == (exc.code, None, kind_error.code)
        {{body}}


        handle({per_code}(), {prefix}Code.{member.name}, {per_code}())
        """).replace("{body}", body)
    return source, reveals


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Samples:
    directory = tmp_path_factory.mktemp("typing")
    reveals: list[Reveal] = []
    for vendor_id, prefix in sorted(vendor_prefixes().items()):
        source, vendor_reveals = usage_sample(vendor_id, prefix)
        name = f"use_{vendor_id}.py"
        (directory / name).write_text(source, encoding="utf-8")
        lines = source.splitlines()
        for expression, expected in vendor_reveals:
            line = lines.index(f"    reveal_type({expression})") + 1
            reveals.append(Reveal(name, line, expression, expected))
    files = sorted(path.name for path in directory.glob("use_*.py"))
    return Samples(
        directory,
        reveals,
        checkers.mypy(directory, files, GENERATED),
        checkers.pyright(directory, files, GENERATED),
    )


def test_there_is_a_sample_for_every_vendor(samples: Samples) -> None:
    assert sorted({reveal.file for reveal in samples.reveals}) == [f"use_{v}.py" for v in VENDORS]


def test_the_samples_pass_mypy_strict(samples: Samples) -> None:
    assert checkers.errors(samples.mypy) == []


def test_the_samples_pass_pyright_strict(samples: Samples) -> None:
    assert checkers.errors(samples.pyright) == []


def test_both_checkers_reveal_the_promised_type(samples: Samples) -> None:
    by_mypy = checkers.revealed(samples.mypy)
    by_pyright = checkers.revealed(samples.pyright)
    assert len(samples.reveals) >= 10 * len(VENDORS)
    for reveal in samples.reveals:
        where = (reveal.file, reveal.line)
        seen = f"{reveal.file}: {reveal.expression}: mypy {by_mypy.get(where)!r}, pyright {by_pyright.get(where)!r}"
        assert checkers.short(by_mypy[where]) == by_pyright[where] == reveal.expected, seen


def test_no_private_name_in_a_revealed_type(samples: Samples) -> None:
    for diagnostics in (samples.mypy, samples.pyright):
        for where, text in checkers.revealed(diagnostics).items():
            assert not PRIVATE.search(text), (where, text)


def test_mypy_names_the_public_modules(samples: Samples) -> None:
    """mypy writes a class with its module: the bases live in catalog.base, not a private one."""
    by_mypy = checkers.revealed(samples.mypy)
    kind_code = next(r for r in samples.reveals if r.expression == "kind_error.code")
    assert by_mypy[kind_code.file, kind_code.line] == "catalog.base.Code | None"


def test_the_samples_run(samples: Samples) -> None:
    """What the checkers accepted imports and runs, and reveal_type reports the same classes."""
    for path in sorted(samples.directory.glob("use_*.py")):
        proc = subprocess.run(
            [sys.executable, path.name],
            cwd=samples.directory,
            capture_output=True,
            text=True,
            timeout=120,
            env={"PYTHONPATH": str(GENERATED)},
        )
        assert proc.returncode == 0, proc.stderr
        assert "Runtime type is" in proc.stderr


# -- what the checkers refuse does not import either ----------------------------------------

REFUSED = [
    "from catalog import StrCode",
    "from catalog import IntCode",
    "from catalog import TYPE_CHECKING",
    "from catalog import Any",
    "from catalog import ModuleType",
    "from catalog import _CODE_CLASS",
    "from catalog import NoSuchError",
]


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    directory = tmp_path_factory.mktemp("refused")
    lines = [*REFUSED, *(f"from catalog.{vendor_id} import TYPE_CHECKING" for vendor_id in VENDORS)]
    (directory / "refused.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    yield directory, lines


def test_both_checkers_refuse_what_is_not_api(refused: tuple[Path, list[str]]) -> None:
    directory, lines = refused
    for run in (checkers.mypy, checkers.pyright):
        flagged = {d.line for d in checkers.errors(run(directory, ["refused.py"], GENERATED))}
        assert flagged == set(range(1, len(lines) + 1)), run.__name__


def test_every_name_the_checkers_accept_at_top_level_imports() -> None:
    """`__all__` is what the checkers see at top level (the TYPE_CHECKING imports): all of it imports."""
    source = (GENERATED / "catalog/__init__.py").read_text(encoding="utf-8")
    static = set(re.findall(r"^    from catalog\.\w+ import (\w+) as \1$", source, flags=re.M))
    functions = {"lookup", "vendors", "from_response", "raise_for_response", "is_retryable"}
    functions |= {"from_http_response", "raise_for_http_response", "retry_wait"}
    functions |= {"from_http_response_async", "raise_for_http_response_async"}
    modules = set(re.findall(r"^    from catalog import (\w+) as \1$", source, flags=re.M))
    assert modules == {"hooks"}
    aliases = set(re.findall(r"^    (\w+) = Literal\[", source, flags=re.M))
    assert aliases == {"VendorId"}
    assert static | functions | modules | aliases == set(catalog.__all__)
    statement = f"from catalog import {', '.join(catalog.__all__)}"
    proc = subprocess.run(
        [sys.executable, "-c", statement],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(GENERATED)},
    )
    assert proc.returncode == 0, proc.stderr
    for line in REFUSED:
        proc = subprocess.run(
            [sys.executable, "-c", line],
            capture_output=True,
            text=True,
            timeout=120,
            env={"PYTHONPATH": str(GENERATED)},
        )
        assert proc.returncode != 0 and "ImportError" in proc.stderr, line
