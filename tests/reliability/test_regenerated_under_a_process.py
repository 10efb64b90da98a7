"""A process that imported a vendor, then the package regenerated under it (a development server
with auto-reload, a long worker during a deploy).

A vendor's exception classes load on first use, from the files on disk. If `generate` changed
them since the vendor's module was imported, they belong to another generation: every call that
needs them, or the catalog data beside them, raises `catalog.PackageChangedError`, one
documented error saying so, never an AttributeError, never a silently wrong class or an unknown
code. A regenerate that changes nothing keeps the generation: the process goes on undisturbed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, run_codegen

# What the children print of each call: the exception's class and message, or what it returned.
OUTCOME = textwrap.dedent("""
    def outcome(call):
        try:
            result = call()
        except Exception as exc:
            return [type(exc).__module__ + "." + type(exc).__qualname__, str(exc)]
        return ["returned", type(result).__name__]
    """)

CHILD = OUTCOME + textwrap.dedent("""
    import json, sys
    import catalog
    from catalog import AcmeCode, AcmeError

    AcmeCode(1001)  # the enum is in memory; its catalog data and exception classes are not
    print("imported", flush=True)
    sys.stdin.readline()  # the package is regenerated meanwhile

    def import_class():
        from catalog.acme import TokenExpiredError
        return TokenExpiredError()

    print(json.dumps({
        "from_code": outcome(lambda: AcmeError.from_code(1001)),
        "from_response": outcome(
            lambda: AcmeError.from_response({"code": 1002, "msg": "slow down"}, status=429)
        ),
        "top_level": outcome(lambda: catalog.from_response("acme", {"code": 1001})),
        "raise_for_response": outcome(lambda: AcmeError.raise_for_response({"code": 1001})),
        "exception": outcome(lambda: AcmeCode(1001).exception),
        "message": outcome(lambda: AcmeCode(1001).message),
        "lookup": outcome(lambda: AcmeCode.lookup(1001)),
        "import": outcome(import_class),
        "again": outcome(lambda: AcmeError.from_code(1001)),
    }), flush=True)
    """)

ADDED = MINIMAL + (
    "  - code: 1003\n"
    "    name: QUOTA_EXCEEDED\n"
    '    message: "quota exceeded"\n'
    "    kind: resource_exhausted\n"
)
RENAMED = MINIMAL.replace(
    "name: TOKEN_EXPIRED", "name: ACCESS_TOKEN_EXPIRED\n    renamed_from: [TOKEN_EXPIRED]"
)


def _run_across_a_regenerate(
    write_schema: Callable[..., Path],
    tmp_path: Path,
    new_schema: str | None,
    child_source: str = CHILD,
    after_regenerate: Callable[[Path], None] | None = None,
) -> dict[str, list[str]]:
    """Run `child_source` on a generated package, regenerate it from `new_schema` (None: the
    same schema) once the child says it imported, then let the child go on: its JSON line."""
    schemas, out = write_schema(), tmp_path / "out"
    assert run_codegen("generate", "--schemas", schemas, "--out", out).status == 0
    child = subprocess.Popen(
        [sys.executable, "-c", child_source],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(out), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "imported"
        if new_schema is not None:
            write_schema(new_schema)
        regenerated = run_codegen("generate", "--schemas", schemas, "--out", out)
        assert regenerated.status == 0, regenerated.stderr
        if after_regenerate is not None:
            after_regenerate(out)
        stdout, stderr = child.communicate("go\n", timeout=60)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == 0, stderr
    result: dict[str, list[str]] = json.loads(stdout)
    return result


@pytest.mark.parametrize("new_schema", [ADDED, RENAMED], ids=["code-added", "code-renamed"])
def test_every_call_that_needs_the_new_classes_says_the_package_changed(
    write_schema: Callable[..., Path], tmp_path: Path, new_schema: str
) -> None:
    outcomes = _run_across_a_regenerate(write_schema, tmp_path, new_schema)

    # The calls that read a response meet the response reader first, and those that look a
    # code up the catalog data's module, which refuse themselves (the package's directory
    # changed); the others meet the vendor's exception classes.
    readers = {"from_response", "top_level", "raise_for_response"}
    for call, (what, message) in outcomes.items():
        assert what == "catalog.base.PackageChangedError", (call, what, message)
        if call in readers:
            assert message.startswith("catalog changed on disk after this process imported it")
            assert "catalog._responses would not match the modules in memory" in message
        elif message.startswith("catalog changed"):  # a lookup loads the catalog data first
            assert "catalog._entries would not match the modules in memory" in message
        else:
            assert message.startswith("catalog.acme changed on disk after this process imported")
            assert "its exception classes no longer match the codes in memory" in message
        assert "restart the process" in message


def test_the_error_is_an_import_error_exported_by_catalog() -> None:
    import catalog
    from catalog.base import PackageChangedError

    assert catalog.PackageChangedError is PackageChangedError
    assert issubclass(PackageChangedError, ImportError)


def test_a_regenerate_that_changes_nothing_disturbs_nothing(
    write_schema: Callable[..., Path], tmp_path: Path
) -> None:
    outcomes = _run_across_a_regenerate(write_schema, tmp_path, None)

    assert outcomes == {
        "from_code": ["returned", "TokenExpiredError"],
        "from_response": ["returned", "TooManyRequestsError"],
        "top_level": ["returned", "TokenExpiredError"],
        "raise_for_response": ["catalog.acme.errors.TokenExpiredError", "[1001] token is expired"],
        "exception": ["returned", "type"],
        "message": ["returned", "str"],
        "lookup": ["returned", "AcmeCode"],
        "import": ["returned", "TokenExpiredError"],
        "again": ["returned", "TokenExpiredError"],
    }


LATE_LOADS = OUTCOME + textwrap.dedent("""
    import json, sys
    import catalog
    from catalog.kinds import NotFoundError

    error = NotFoundError("gone")  # an error in memory, shown after the regenerate
    print("imported", flush=True)
    sys.stdin.readline()  # the package is regenerated meanwhile

    def vendor():
        from catalog import AcmeError
        return AcmeError

    def response_readers():
        from catalog import _http, _responses
        return _responses

    print(json.dumps({
        "vendor": outcome(vendor),
        "readers": outcome(response_readers),
        "problem": outcome(error.to_problem),
    }))
    """)

POISON = '\nraise RuntimeError("a module of another generation ran")\n'


def test_modules_loaded_after_a_regenerate_are_refused_not_mixed(
    write_schema: Callable[..., Path], tmp_path: Path
) -> None:
    """A process that has `catalog.base` in memory never runs a vendor module or a response
    reader of another generation beside it, even one that would import cleanly: each refuses
    itself first, with the one documented error. (The readers are poisoned on disk here: had
    they run, the error would be a RuntimeError.) An error already made still shows itself."""

    def poison_the_readers(out: Path) -> None:
        for reader in ("_http.py", "_responses.py"):
            with (out / "catalog" / reader).open("a", encoding="utf-8") as module:
                module.write(POISON)

    outcomes = _run_across_a_regenerate(
        write_schema, tmp_path, ADDED, LATE_LOADS, poison_the_readers
    )
    # Showing an error in memory loads only what formats text: it goes on working.
    assert outcomes.pop("problem") == ["returned", "dict"]
    for load, (what, message) in outcomes.items():
        assert what == "catalog.base.PackageChangedError", (load, what, message)
        assert "catalog changed on disk after this process imported it" in message
        assert "restart the process" in message
    assert "catalog.acme would not match" in outcomes["vendor"][1]
