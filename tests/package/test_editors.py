"""Editors see the whole package statically, and only its API: completion and hover, as an IDE asks.

Two real engines are driven over generated packages: jedi (what many editors and REPLs use)
through its Python API, and pyright's language server (what VS Code's Pylance is built on)
over the Language Server Protocol. Most tests use a package generated here from a schema of
their own (vendors `iam` and `ims`), so that they do not depend on names in the real catalogs;
the last ones check the repository's generated/ package, picking its names at test time,
with pyright reading it as an installed library (a .pth file in its environment's
site-packages, as `make generate` sets up .venv).

jedi 0.20.1 shows an enum's class docstring when hovering one of its members (its enum plugin
infers the member as an instance of the enum); the member's own docstring is what jedi shows at
the member's definition, where "go to definition" lands. pyright's hover shows it directly.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

import jedi  # type: ignore[import-untyped]
import pytest

from codegen.schema.loader import load_catalog
from codegen.schema.names import old_class_names
from tests.conftest import GENERATED, SCHEMAS, VENDORS, run_codegen, run_python, vendor_prefixes

IAM = """\
# yaml-language-server: $schema=catalog.schema.json
format: 1
vendor:
  id: iam
  name: Test IAM
  prefix: Iam
  version: "2024-05-01"
  code_type: str
  response:
    - {code: error_code, message: error_msg}
groups:
  - id: token
    name: TokenError
    description: The token is missing, invalid or expired.
codes:
  - code: "IAM.0061"
    name: ACCOUNT_LOCKED
    message: Account locked.
    kind: unauthenticated
    remedy: Wait until the user is unlocked.
  - code: "IAM.0101"
    name: TOKEN_EXPIRED
    message: 'The token "%(token)s" has expired.'
    kind: unauthenticated
    group: token
  - code: "IAM.0200"
    name: NO_PERMISSION
    message: "You have no\\n  permission to do this."
    kind: permission_denied
"""
IMS = """\
# yaml-language-server: $schema=catalog.schema.json
format: 1
vendor:
  id: ims
  name: Test IMS
  prefix: Ims
  version: "1"
  code_type: int
codes:
  - code: 1
    name: BUSY
    message: The system is busy.
    kind: unavailable
"""
MESSAGES = {  # member -> (code, message as the hover shows it: on one line)
    "ACCOUNT_LOCKED": ("IAM.0061", "Account locked."),
    "TOKEN_EXPIRED": ("IAM.0101", 'The token "%(token)s" has expired.'),
    "NO_PERMISSION": ("IAM.0200", "You have no permission to do this."),
}
EXCEPTIONS = {
    "ACCOUNT_LOCKED": "AccountLockedError",
    "TOKEN_EXPIRED": "TokenExpiredError",
    "NO_PERMISSION": "NoPermissionError",
}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated package with vendors iam (prefix Iam) and ims (prefix Ims); the dir holding `catalog/`."""
    root = tmp_path_factory.mktemp("editors")
    schemas = root / "schemas"
    schemas.mkdir()
    (schemas / "iam.yaml").write_text(IAM, encoding="utf-8")
    (schemas / "ims.yaml").write_text(IMS, encoding="utf-8")
    result = run_codegen("generate", "--schemas", schemas, "--out", root / "out")
    assert result.status == 0, result.stderr
    return root / "out"


def one_line(text: str) -> str:
    return " ".join(text.split())


# -- jedi ----------------------------------------------------------------------------------


def jedi_script(package: Path, source: str) -> jedi.Script:
    project = jedi.Project(path=package, added_sys_path=[str(package)])
    return jedi.Script(textwrap.dedent(source), project=project)


def completions(package: Path, source: str) -> list[str]:
    """What jedi offers with the cursor at the end of `source`."""
    lines = textwrap.dedent(source).splitlines()
    script = jedi_script(package, source)
    return [c.name for c in script.complete(len(lines), len(lines[-1]))]


def jedi_help(package: Path, source: str, line: int, column: int) -> list[Any]:
    names: list[Any] = jedi_script(package, source).help(line, column)
    return names


def test_jedi_completes_a_vendor_prefix_to_its_code_and_error_classes(package: Path) -> None:
    names = completions(package, "from catalog import Iam")
    assert sorted(names) == ["IamCode", "IamError", "iam"]  # jedi matches case-insensitively
    everything = set(completions(package, "from catalog import "))
    assert {
        "IamCode",
        "IamError",
        "ImsCode",
        "ImsError",
        "CatalogError",
        "Kind",
        "UnauthenticatedError",
        "lookup",
        "vendors",
    } <= everything


@pytest.mark.parametrize(
    "source",
    [
        "from catalog import IamCode\nIamCode.",
        "import catalog\ncatalog.IamCode.",
        "from catalog.iam import IamCode\nIamCode.",
    ],
)
def test_jedi_completes_a_code_class_to_every_member(package: Path, source: str) -> None:
    names = set(completions(package, source))
    assert set(MESSAGES) <= names
    assert {"lookup", "message", "remedy", "kind", "exception"} <= names
    assert not {"BUSY"} & names  # another vendor's member


def test_jedi_completes_per_code_classes_from_the_vendor_module(package: Path) -> None:
    assert set(completions(package, "from catalog.iam import ")) >= {
        "TokenError",
        *EXCEPTIONS.values(),
    }
    assert completions(package, "from catalog.iam import Acc") == ["AccountLockedError"]


@pytest.mark.parametrize("module", ["catalog.iam", "catalog.iam.errors"])
@pytest.mark.parametrize("member", sorted(MESSAGES))
def test_jedi_hover_on_a_per_code_class_shows_its_message(
    package: Path, module: str, member: str
) -> None:
    cls = EXCEPTIONS[member]
    code, message = MESSAGES[member]
    source = f"from {module} import {cls}\n{cls}\n"
    names = jedi_help(package, source, 2, 3)
    assert [name.type for name in names] == ["class"]
    assert f"{code}: {message}" in names[0].docstring()
    assert names[0].module_path is not None and package in names[0].module_path.parents
    inferred = jedi_script(package, source).infer(2, 3)
    assert [name.full_name for name in inferred] == [f"catalog.iam.errors.{cls}"]
    assert f"{code}: {message}" in inferred[0].docstring()


@pytest.mark.parametrize("member", sorted(MESSAGES))
def test_jedi_goes_from_a_member_to_its_definition_which_shows_its_message(
    package: Path, member: str
) -> None:
    source = f"from catalog import IamCode\nIamCode.{member}\n"
    (definition,) = jedi_script(package, source).goto(2, 10, follow_imports=True)
    assert definition.module_path == package / "catalog/iam/__init__.py"
    assert definition.line is not None and definition.column is not None
    at_definition = jedi.Script(path=definition.module_path, project=jedi.Project(path=package))
    (name,) = at_definition.help(definition.line, definition.column)
    assert name.name == member
    assert name.docstring().split("\n\n")[0] == MESSAGES[member][1]


# -- pyright's language server -------------------------------------------------------------

LANGSERVER = shutil.which("pyright-langserver", path=str(Path(sys.executable).parent))


class LanguageServer:
    """A minimal LSP client over stdio: enough for completion and hover."""

    def __init__(self, workspace: Path, timeout: float = 120) -> None:
        assert LANGSERVER is not None
        self.workspace = workspace
        self.process = subprocess.Popen(
            [LANGSERVER, "--stdio"],
            cwd=workspace,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.watchdog = threading.Timer(timeout, self.process.kill)  # never hang the suite
        self.watchdog.start()
        self.ids = count(1)
        self.documents = count(1)
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": workspace.as_uri(),
                "workspaceFolders": [{"uri": workspace.as_uri(), "name": "workspace"}],
                "capabilities": {
                    "textDocument": {
                        "hover": {"contentFormat": ["plaintext"]},
                        "completion": {"completionItem": {"documentationFormat": ["plaintext"]}},
                    }
                },
            },
        )
        self.notify("initialized", {})

    def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = None
        while (line := self.process.stdout.readline()) not in (b"\r\n", b""):
            key, _, value = line.decode("ascii").partition(":")
            if key.lower() == "content-length":
                length = int(value)
        assert length is not None, "the language server stopped answering"
        message: dict[str, Any] = json.loads(self.process.stdout.read(length))
        return message

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        request_id = next(self.ids)
        self.send({"id": request_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if "method" in message and "id" in message:  # the server asks: configuration...
                items = message.get("params", {}).get("items", [])
                self.send({"id": message["id"], "result": [None] * len(items) if items else None})
            elif message.get("id") == request_id:
                assert "error" not in message, message
                return message.get("result")

    def open(self, source: str) -> str:
        uri = (self.workspace / f"use_{next(self.documents)}.py").as_uri()
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "python",
                    "version": 1,
                    "text": textwrap.dedent(source),
                }
            },
        )
        return uri

    def hover(self, source: str, line: int, character: int) -> str:
        """The hover text at a 0-based position, as plain text."""
        result = self.request(
            "textDocument/hover",
            {
                "textDocument": {"uri": self.open(source)},
                "position": {"line": line, "character": character},
            },
        )
        assert result is not None, f"no hover at {line}:{character} in {source!r}"
        value: str = result["contents"]["value"]
        return value

    def complete(self, source: str) -> set[str]:
        """Completion labels with the cursor at the end of `source`."""
        lines = textwrap.dedent(source).splitlines()
        result = self.request(
            "textDocument/completion",
            {
                "textDocument": {"uri": self.open(source)},
                "position": {"line": len(lines) - 1, "character": len(lines[-1])},
            },
        )
        items = result["items"] if isinstance(result, dict) else result
        return {item["label"] for item in items}

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=10)
        finally:
            self.watchdog.cancel()
            if self.process.poll() is None:
                self.process.kill()


def language_server(package: Path, workspace: Path) -> Iterator[LanguageServer]:
    """pyright on a scratch workspace whose only import root besides the stdlib is `package`."""
    workspace.mkdir(exist_ok=True)
    (workspace / "pyrightconfig.json").write_text(json.dumps({"extraPaths": [str(package)]}))
    server = LanguageServer(workspace)
    try:
        yield server
    finally:
        server.close()


needs_pyright = pytest.mark.skipif(
    LANGSERVER is None, reason="pyright-langserver is not installed (pip install pyright)"
)


@pytest.fixture(scope="module")
def pyright(package: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LanguageServer]:
    yield from language_server(package, tmp_path_factory.mktemp("pyright"))


@needs_pyright
def test_pyright_completes_a_vendor_prefix_and_a_code_class(pyright: LanguageServer) -> None:
    assert {"IamCode", "IamError"} <= pyright.complete("from catalog import Iam")
    assert set(MESSAGES) | {"lookup", "message"} <= pyright.complete(
        "from catalog import IamCode\nIamCode."
    )


@needs_pyright
@pytest.mark.parametrize("member", sorted(MESSAGES))
def test_pyright_hover_on_a_member_shows_its_message(pyright: LanguageServer, member: str) -> None:
    text = pyright.hover(f"from catalog import IamCode\nIamCode.{member}\n", 1, 10)
    assert f"Literal[IamCode.{member}]" in text.split("\n\n")[0]
    assert text.split("\n\n")[1] == MESSAGES[member][1]


@needs_pyright
@pytest.mark.parametrize("member", sorted(MESSAGES))
def test_pyright_hover_on_a_per_code_class_shows_its_message(
    pyright: LanguageServer, member: str
) -> None:
    cls = EXCEPTIONS[member]
    code, message = MESSAGES[member]
    text = pyright.hover(f"from catalog.iam import {cls}\n{cls}\n", 1, 2)
    assert text.startswith(f"class {cls}(")
    assert f"{code}: {message}" in text.split("\n\n")


# -- the repository's generated package ----------------------------------------------------


@pytest.fixture(scope="module")
def real_iam() -> Any:
    """The repository's `catalog.IamCode` (imported here, so the names come from the package)."""
    if not (GENERATED / "catalog/iam/__init__.py").exists():
        pytest.skip("generated/catalog/iam has not been generated yet (make generate)")
    import catalog

    return catalog.IamCode


def test_jedi_on_the_repository_package(real_iam: Any) -> None:
    first = next(iter(real_iam))
    assert {"IamCode", "IamError"} <= set(completions(GENERATED, "from catalog import Iam"))
    assert {member.name for member in real_iam} <= set(
        completions(GENERATED, "from catalog import IamCode\nIamCode.")
    )
    cls = first.exception.__name__
    (name,) = jedi_help(GENERATED, f"from catalog.iam import {cls}\n{cls}\n", 2, 1)
    assert one_line(f"{first.code}: {first.message}") in one_line(name.docstring())
    (definition,) = jedi_script(
        GENERATED, f"from catalog import IamCode\nIamCode.{first.name}\n"
    ).goto(2, 10, follow_imports=True)
    assert definition.module_path == GENERATED / "catalog/iam/__init__.py"
    at_definition = jedi.Script(path=definition.module_path, project=jedi.Project(path=GENERATED))
    (member,) = at_definition.help(definition.line, definition.column)
    assert one_line(member.docstring()).startswith(one_line(first.message))


@needs_pyright
def test_pyright_on_the_repository_package(real_iam: Any, tmp_path: Path) -> None:
    first = next(iter(real_iam))
    for server in language_server(GENERATED, tmp_path / "workspace"):
        assert {member.name for member in real_iam} <= server.complete(
            "from catalog import IamCode\nIamCode."
        )
        member_hover = server.hover(f"from catalog import IamCode\nIamCode.{first.name}\n", 1, 10)
        assert one_line(member_hover).startswith(
            one_line(f"(constant) {first.name}: Literal[IamCode.{first.name}]")
        )
        assert one_line(first.message) in one_line(member_hover)
        cls = first.exception.__name__
        class_hover = server.hover(f"from catalog.iam import {cls}\n{cls}\n", 1, 1)
        assert one_line(f"{first.code}: {first.message}") in one_line(class_hover)


# -- the repository's package, as an installed library: its namespaces are its API ---------

# Names the package may not show in completion: what its modules import or keep for themselves.
LEAKS = {
    "Any",
    "TYPE_CHECKING",
    "ModuleType",
    "ClassVar",
    "_base",
    "_kinds",
    "_sys",
    "_load",
    "_CODE_CLASS",
    "_MODULE_OF",
    "StrCode",
    "IntCode",
    "describe",
    "load_errors",
}
SHARED_MODULES = {"base", "kinds"}  # catalog.base and catalog.kinds, the package's own submodules
# The runtime's private modules (loaded on first use): jedi offers a package's every submodule.
PRIVATE_MODULES = {
    path.stem
    for path in (GENERATED / "catalog").glob("_*.py")
    if not (path.stem.startswith("__") and path.stem.endswith("__"))
}


def dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def library_server(package: Path, workspace: Path) -> Iterator[LanguageServer]:
    """pyright on a workspace whose environment has `package` installed, as a user's has."""
    site = workspace / "venv" / "lib" / "python3.11" / "site-packages"
    site.mkdir(parents=True)
    (site / "catalog-generated.pth").write_text(f"{package}\n")
    (workspace / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (workspace / "pyrightconfig.json").write_text(
        json.dumps({"venvPath": str(workspace), "venv": "venv", "pythonVersion": "3.11"})
    )
    server = LanguageServer(workspace)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def installed(real_iam: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LanguageServer]:
    yield from library_server(GENERATED, tmp_path_factory.mktemp("installed"))


def vendor_module(vendor_id: str) -> Any:
    return importlib.import_module(f"catalog.{vendor_id}")


def renamed_classes(vendor_id: str) -> set[str]:
    """A vendor's old class names: not in `__all__`, but still offered, as deprecated."""
    catalog, _ = load_catalog(SCHEMAS, lambda path: path.name)
    vendor = next(vendor for vendor in catalog.vendors if vendor.id == vendor_id)
    return {name for entry in vendor.entries for name in old_class_names(entry)}


def test_jedi_completes_the_package_to_its_api_and_submodules(real_iam: Any) -> None:
    import catalog

    offered = set(completions(GENERATED, "from catalog import "))
    assert set(catalog.__all__) | set(VENDORS) | SHARED_MODULES <= offered
    assert not offered & LEAKS
    assert {n for n in offered if not dunder(n)} == set(catalog.__all__) | set(
        VENDORS
    ) | SHARED_MODULES | PRIVATE_MODULES


@pytest.mark.parametrize("vendor_id", VENDORS)
def test_jedi_completes_a_vendor_module_to_its_api(real_iam: Any, vendor_id: str) -> None:
    public = set(vendor_module(vendor_id).__all__)
    offered = set(completions(GENERATED, f"from catalog.{vendor_id} import "))
    assert public <= offered and not offered & LEAKS
    assert {n for n in offered if not dunder(n)} == public | {"errors"} | renamed_classes(vendor_id)


@needs_pyright
def test_pyright_completes_the_package_to_its_api_and_submodules(installed: LanguageServer) -> None:
    import catalog

    offered = installed.complete("from catalog import ")
    assert set(catalog.__all__) | set(VENDORS) | SHARED_MODULES <= offered
    assert not offered & LEAKS
    assert {n for n in offered if not dunder(n)} == set(catalog.__all__) | set(
        VENDORS
    ) | SHARED_MODULES | PRIVATE_MODULES


@needs_pyright
@pytest.mark.parametrize("vendor_id", VENDORS)
def test_pyright_completes_a_vendor_module_to_its_api(
    installed: LanguageServer, vendor_id: str
) -> None:
    public = set(vendor_module(vendor_id).__all__)
    offered = installed.complete(f"from catalog.{vendor_id} import ")
    assert public <= offered and not offered & LEAKS
    assert {n for n in offered if not dunder(n)} == public | {"errors"} | renamed_classes(vendor_id)


def test_dir_lists_every_public_name() -> None:
    """REPL completion reads dir(): the lazy names are in it, private ones are not. The package's
    dir() loads nothing; a vendor's `__all__` and dir() load its exception classes, which they
    name (from their own module, so that importing the vendor does not read ~130 names), and
    `import *` takes exactly `__all__`."""
    result = run_python(
        f"""
        import sys
        import catalog
        listed = dir(catalog)
        assert set(catalog.__all__) | set(catalog.vendors()) <= set(listed), listed
        assert not [n for n in listed if n.startswith("_") and not n.startswith("__")], listed
        assert not [m for m in sys.modules if m.startswith("catalog.")]  # dir() loaded nothing
        for vendor_id in {list(VENDORS)!r}:
            module = getattr(catalog, vendor_id)
            assert f"catalog.{{vendor_id}}.errors" not in sys.modules
            listed = dir(module)
            errors = sys.modules[f"catalog.{{vendor_id}}.errors"]
            classes = [n for n, v in vars(errors).items() if isinstance(v, type) and v.__module__ == errors.__name__]
            codes, error = [n for n, v in vars(module).items() if isinstance(v, type) and v.__module__ == module.__name__]
            assert module.__all__ == [codes, error, *classes], module.__all__
            assert set(module.__all__) <= set(listed), listed
            assert not [n for n in listed if n.startswith("_") and not n.startswith("__")], listed
            assert all(getattr(module, name) is not None for name in module.__all__)
            star = {{}}
            exec(f"from catalog.{{vendor_id}} import *", star)
            assert sorted(n for n in star if n != "__builtins__") == sorted(module.__all__)
        print("ok")
        """,
        GENERATED,
    )
    assert result.stdout.strip() == "ok", result.stderr


# What an instance carries, each documented where editors look (the property or the attribute).
ATTRIBUTES = (
    "code",
    "raw_code",
    "kind",
    "retryable",
    "http_status",
    "details",
    "response",
    "message",
)


def instance_sources() -> list[tuple[str, str]]:
    """(label, source ending in `exc.`): every vendor's error, a per-code class, a kind's exception."""
    import catalog

    sources = []
    for vendor_id, prefix in sorted(vendor_prefixes().items()):
        sources.append(
            (f"{prefix}Error", f"from catalog import {prefix}Error\nexc = {prefix}Error()\n")
        )
        cls = next(iter(getattr(catalog, f"{prefix}Code"))).exception.__name__
        sources.append((cls, f"from catalog.{vendor_id} import {cls}\nexc = {cls}()\n"))
    sources.append(
        (
            "UnauthenticatedError",
            "from catalog import UnauthenticatedError\nexc = UnauthenticatedError()\n",
        )
    )
    return sources


@needs_pyright
def test_pyright_hover_documents_what_an_instance_carries(installed: LanguageServer) -> None:
    for label, source in instance_sources():
        for attribute in ATTRIBUTES:
            text = installed.hover(f"{source}exc.{attribute}\n", 2, 5)
            signature, _, doc = text.partition("\n\n")
            assert f"{attribute}:" in signature and doc.strip(), (label, attribute, text)
            assert not re.search(r"_base|StrCode|IntCode", text), (label, attribute, text)
            if attribute == "code":
                assert "Code | None" in signature, text


@needs_pyright
def test_pyright_hover_types_code_per_vendor(installed: LanguageServer) -> None:
    for _vendor_id, prefix in sorted(vendor_prefixes().items()):
        text = installed.hover(
            f"from catalog import {prefix}Error\nexc = {prefix}Error()\nexc.code\n", 2, 5
        )
        assert text.startswith(f"(property) code: {prefix}Code | None"), text
    text = installed.hover(
        "from catalog import UnauthenticatedError\nexc = UnauthenticatedError()\nexc.code\n", 2, 5
    )
    assert text.startswith("(property) code: Code | None"), text


def test_jedi_help_documents_what_an_instance_carries(real_iam: Any) -> None:
    for label, source in instance_sources():
        for attribute in ATTRIBUTES:
            names = jedi_help(GENERATED, f"{source}exc.{attribute}\n", 3, 5)
            assert names and names[0].docstring().strip(), (label, attribute)
