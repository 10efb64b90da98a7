"""The one description of the generated package: which files, how each is made, from what.

The package is named by the project (`catalog` unless codegen.project says otherwise; below,
`catalog` stands for that name):

    catalog/__init__.py         template __init__.py.j2, from every vendor's index
    catalog/base.py             copied from runtime/base.py
    catalog/kinds.py            copied from runtime/kinds.py
    catalog/_messages.py        copied from runtime/_messages.py
    catalog/_responses.py       copied from runtime/_responses.py
    catalog/_http.py            copied from runtime/_http.py
    catalog/_functions.py       copied from runtime/_functions.py
    catalog/_entries.py         copied from runtime/_entries.py
    catalog/_reports.py         copied from runtime/_reports.py
    catalog/hooks.py            copied from runtime/hooks.py
    catalog/py.typed            copied from runtime/py.typed (no header: not Python)
    catalog/__main__.py, _cli.py, _export.py, export.schema.json
                                copied from runtime/: `python -m catalog`, `catalog.export()`
    catalog/<id>/__init__.py    template vendor/__init__.py.j2, from schemas/<file>.yaml
    catalog/<id>/errors.py      template vendor/errors.py.j2, from schemas/<file>.yaml

and the reference pages, in their own directory (docs/vendors beside the output directory,
unless `--docs` says otherwise), Markdown behind the same header in an HTML comment:

    <id>.md                     template docs/vendor.md.j2, from schemas/<file>.yaml
    README.md                   template docs/index.md.j2, from every schema (the index)

Rendering (codegen.generate.pipeline) and checking (codegen.generate.sync) both ask this module, so the two
cannot disagree. A file's inputs are what shape its bytes besides the generator itself: its
schema, the runtime file it copies, or for catalog/__init__.py only the index of each vendor
(id, prefix, class names: what it renders), so that editing one vendor's messages changes that
vendor's files alone. The index digest travels in the vendor's `__init__.py` header, which lets
`check` prove catalog/__init__.py current without loading a schema.

The generator's fingerprint, in every header, covers what shapes every file's bytes besides
its own inputs: the generator's and black's versions, the modules of the pipeline (found by
following codegen.generate.pipeline's imports, so the CLI and the write and check code are not in it),
the templates and the runtime files (the kinds table in runtime/kinds.py shapes every vendor).

Imports nothing heavy: `check` on an unchanged tree goes through here.
"""

from __future__ import annotations

import functools
import hashlib
import os

from codegen import __version__, data_dir
from codegen.diagnostics import one_line
from codegen.input_files import digest
from codegen.project import DEFAULT_PACKAGE, clean_path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~2 ms)
if TYPE_CHECKING:
    from collections.abc import Iterable

    from codegen.schema.model import Catalog, Vendor

CODEGEN_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
TEMPLATES_DIR = data_dir("templates")
RUNTIME_DIR = data_dir("runtime")
BLACK_VERSION = "26.10.1"  # keep in step with pyproject.toml's pin and codegen-dist's

PACKAGE = DEFAULT_PACKAGE
# Hand-written files of the package, copied from runtime/ as they are (behind a header if Python).
RUNTIME_FILES = (
    "base.py",
    "kinds.py",
    "_messages.py",
    "_responses.py",
    "_http.py",
    "_functions.py",
    "_entries.py",
    "_reports.py",
    "hooks.py",
    "py.typed",
    *("__main__.py", "_cli.py", "_export.py", "export.schema.json"),  # python -m catalog
)
CATALOG_TEMPLATE = "__init__.py.j2"
# File name in a vendor's package -> its template. The first one carries the vendor's index.
VENDOR_TEMPLATES = (("__init__.py", "vendor/__init__.py.j2"), ("errors.py", "vendor/errors.py.j2"))
# The reference pages: one per vendor, and their index (which lists every vendor).
PAGE_TEMPLATE = "docs/vendor.md.j2"
PAGES_INDEX = ("README.md", "docs/index.md.j2")


class Output:
    """One file of the generated package. (A plain class, as is VendorIndex: a NamedTuple
    costs a quarter of a millisecond to define, on the path of a quick `check`.)"""

    __slots__ = ("path", "source", "inputs", "template", "vendor", "index_digest")

    def __init__(
        self,
        path: str,
        source: str,
        inputs: tuple[tuple[str, str], ...],
        template: str | None,
        vendor: str | None,
        index_digest: str | None = None,
    ) -> None:
        self.path = path  # under the output directory: "catalog/iam/errors.py"
        self.source = source  # named in the header: "schemas/iam.yaml", "runtime/base.py"
        self.inputs = inputs  # (name, sha256) of what shapes it besides the generator
        self.template = template  # the Jinja2 template that renders it; None: a copy of `source`
        self.vendor = vendor  # the vendor whose model the template renders; None: the index
        self.index_digest = index_digest  # the digest of `vendor`'s index, carried in its header

    def __repr__(self) -> str:
        return f"Output({self.path!r}, {self.source!r}, template={self.template!r})"

    @property
    def python(self) -> bool:
        return self.path.endswith(".py")

    @property
    def markdown(self) -> bool:
        return self.path.endswith(".md")

    @property
    def header(self) -> bool:
        return self.python or self.markdown

    @property
    def copied_from(self) -> str | None:
        """The file this output is a copy of (behind a header if Python), if it is one."""
        if self.template is not None:
            return None
        return os.path.join(RUNTIME_DIR, self.source.removeprefix("runtime/"))


class VendorIndex:
    """What catalog/__init__.py renders of one vendor, and therefore all it depends on."""

    __slots__ = ("id", "prefix", "code_class", "error_class")

    def __init__(self, vendor: Vendor) -> None:
        self.id = vendor.id
        self.prefix = vendor.prefix
        self.code_class = vendor.code_class
        self.error_class = vendor.error_class

    @property
    def digest(self) -> str:
        return digest("\n".join(getattr(self, name) for name in self.__slots__).encode())


def schema_label(schemas_dir: str | os.PathLike[str]) -> str:
    """How headers name the schemas directory: by its last component, escaped to one line."""
    name = os.path.basename(clean_path(schemas_dir))
    return one_line(name if name not in ("", ".") else "schemas")


def runtime_outputs(package: str = PACKAGE) -> list[Output]:
    """The runtime modules (and py.typed), copied as they are."""
    outputs = []
    for name in RUNTIME_FILES:
        source = f"runtime/{name}"
        with open(os.path.join(RUNTIME_DIR, name), "rb") as stream:
            data = stream.read()
        outputs.append(Output(f"{package}/{name}", source, ((source, digest(data)),), None, None))
    return outputs


def vendor_outputs(
    vendor_id: str, source: str, schema_digest: str, index: str | None, package: str = PACKAGE
) -> list[Output]:
    """A vendor's package, made from its schema `source` (a name such as schemas/iam.yaml)."""
    return [
        Output(
            f"{package}/{vendor_id}/{name}",
            source,
            ((source, schema_digest),),
            template,
            vendor_id,
            index if number == 0 else None,
        )
        for number, (name, template) in enumerate(VENDOR_TEMPLATES)
    ]


def generation(generator: str, output: Output) -> str:
    """The token a vendor's two modules both carry: the generator's fingerprint and the
    vendor's schema, so that the files of one run recognise each other at import."""
    text = "\n".join([generator, *(f"{name} {value}" for name, value in output.inputs)])
    return digest(text.encode())[:16]


def vendor_ids(package_dirs: Iterable[str], package: str = PACKAGE) -> list[str]:
    """The vendor ids that these directories (paths under the output directory) would belong
    to: those directly in the package."""
    prefix = f"{package}/"
    return sorted(
        d[len(prefix) :]
        for d in package_dirs
        if d.startswith(prefix) and "/" not in d[len(prefix) :]
    )


def index_carrier(vendor_id: str, package: str = PACKAGE) -> str:
    """The path of the file whose header carries `vendor_id`'s index digest."""
    return f"{package}/{vendor_id}/{VENDOR_TEMPLATES[0][0]}"


def catalog_output(
    label: str, indexes: Iterable[tuple[str, str]], package: str = PACKAGE
) -> Output:
    """catalog/__init__.py, from each vendor's (id, index digest)."""
    inputs = tuple((f"vendor {vendor_id}", index) for vendor_id, index in sorted(indexes))
    return Output(f"{package}/__init__.py", f"{label}/*.yaml", inputs, CATALOG_TEMPLATE, None)


def outputs_of(
    catalog: Catalog, schemas_dir: str | os.PathLike[str], package: str = PACKAGE
) -> list[Output]:
    """Every file of the package the catalog makes, in a stable order."""
    label = schema_label(schemas_dir)
    indexes = {vendor.id: VendorIndex(vendor).digest for vendor in catalog.vendors}
    outputs = [catalog_output(label, indexes.items(), package), *runtime_outputs(package)]
    for vendor in catalog.vendors:
        source = f"{label}/{vendor.schema_path.name}"
        outputs += vendor_outputs(
            vendor.id, source, vendor.schema_digest, indexes[vendor.id], package
        )
    return outputs


def page_outputs(label: str, schemas: Iterable[tuple[str, str, str]]) -> list[Output]:
    """The reference pages, paths relative to their directory, from each vendor's
    (id, schema name such as schemas/iam.yaml, schema digest), in vendor order."""
    schemas = sorted(schemas)
    pages = [
        Output(f"{vendor_id}.md", source, ((source, schema),), PAGE_TEMPLATE, vendor_id)
        for vendor_id, source, schema in schemas
    ]
    name, template = PAGES_INDEX
    inputs = tuple((source, schema) for _, source, schema in schemas)
    return [*pages, Output(name, f"{label}/*.yaml", inputs, template, None)]


def pages_of(catalog: Catalog, schemas_dir: str | os.PathLike[str]) -> list[Output]:
    """The reference pages the catalog makes."""
    label = schema_label(schemas_dir)
    schemas = [
        (vendor.id, f"{label}/{vendor.schema_path.name}", vendor.schema_digest)
        for vendor in catalog.vendors
    ]
    return page_outputs(label, schemas)


def _imported(text: str) -> list[str]:
    """The codegen modules a module's source imports, as dotted names below codegen
    (`from codegen.schema.model import` -> "schema.model"; `from codegen.schema import names`
    -> "schema.names"), at any depth of indentation. (str.find rather than a regular
    expression: compiling one costs more than this takes.)"""
    names: list[str] = []
    at = text.find("codegen")
    while at >= 0:
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[text.rfind("\n", 0, at) + 1 : end]
        words = line.replace(",", " ").replace("(", " ").replace(")", " ").split()
        if words[:1] == ["from"] and len(words) > 2 and words[2] == "import":
            if words[1] == "codegen":
                names += words[3:]  # names that are no module are skipped by the caller
            elif words[1].startswith("codegen."):
                package = words[1][len("codegen.") :]
                names.append(package)
                names += [f"{package}.{word}" for word in words[3:]]
        elif words[:1] == ["import"] and words[1].startswith("codegen."):
            names.append(words[1][len("codegen.") :])
        at = text.find("codegen", end)
    return names


def _module_path(name: str) -> str | None:
    """The source file of codegen's module `name` ("generate.pipeline"), if it is one. (Plain
    strings rather than pathlib: this runs for every shaping module on the path of a quick
    `check`.)"""
    base = os.path.join(CODEGEN_DIR, *name.split("."))
    for path in (base + ".py", os.path.join(base, "__init__.py")):
        if os.path.isfile(path):
            return path
    return None


def shaping_modules(start: str = "generate.pipeline") -> dict[str, bytes]:
    """codegen.generate.pipeline and every codegen module it imports, followed transitively
    (with the packages that hold them): each one's source by its path in the generator
    (`codegen/generate/pipeline.py`), in path order."""
    seen: dict[str, tuple[str, bytes] | None] = {}  # None: a name that is no module
    pending = [start]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        path = _module_path(name)
        if path is None:  # `from codegen import __version__`, `from x import Name`: no module
            seen[name] = None
            continue
        with open(path, "rb") as stream:
            source = stream.read()
        seen[name] = (path, source)
        pending += _imported(source.decode("utf-8"))
        if "." in name:
            pending.append(name.rpartition(".")[0])  # the package is imported first
    modules = sorted(module for module in seen.values() if module is not None)
    return {_generator_name(path, CODEGEN_DIR): source for path, source in modules}


def _generator_name(path: str, folder: str) -> str:
    """A file of the generator in `folder` as the fingerprint names it: `codegen/...`,
    `templates/...` or `runtime/...` (wherever the folder is: a checkout and the installed
    distribution agree), with `/` between its parts on every system."""
    relative = os.path.relpath(path, folder).replace(os.sep, "/")
    return f"{os.path.basename(folder)}/{relative}"


def generator_fingerprint(package: str, generate_command: str) -> str:
    """The digest of what shapes every output's bytes besides its own inputs: the generator
    (named by where each file is in it, so that a checkout and the installed distribution
    agree) and the project's settings that the templates and headers print."""
    fingerprint = hashlib.sha256(
        f"codegen {__version__}\nblack {BLACK_VERSION}\n"
        f"package {package}\ncommand {one_line(generate_command)}\n".encode()
    )
    for name, file_digest in _generator_files():
        fingerprint.update(f"{name}\n".encode())
        fingerprint.update(file_digest)
    return fingerprint.hexdigest()


@functools.cache  # the generator does not change while it runs: `check` asks twice
def _generator_files() -> tuple[tuple[str, bytes], ...]:
    """(name, sha256) of each file of the generator that shapes the output, by name: the
    pipeline's modules, the templates and the runtime files."""
    files = shaping_modules()
    templates = [
        (os.path.join(folder, name), TEMPLATES_DIR)
        for folder, _, names in os.walk(TEMPLATES_DIR)
        for name in names
        if name.endswith(".j2")
    ]
    runtime = [(os.path.join(RUNTIME_DIR, name), RUNTIME_DIR) for name in RUNTIME_FILES]
    for path, folder in [*templates, *runtime]:
        if os.path.isfile(path):
            with open(path, "rb") as stream:
                files[_generator_name(path, folder)] = stream.read()
    return tuple((name, hashlib.sha256(data).digest()) for name, data in sorted(files.items()))
