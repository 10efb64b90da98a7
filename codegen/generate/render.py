"""Render the model into Python source with Jinja2: the body of each file codegen.generate.outputs lists.

Text from a schema reaches Python source only through the `py` filter (an exact literal, via
`repr`) or the `doc` filter (docstring-safe); names only through `ident`, which refuses
anything that is not an identifier (the loader has already refused them; this is the seatbelt).
"""

from __future__ import annotations

import ast
import keyword
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from codegen import __version__
from codegen.generate.outputs import (
    RUNTIME_DIR,
    TEMPLATES_DIR,
    Output,
    VendorIndex,
    generation,
    generator_fingerprint,
)
from codegen.generate.pages import code_span, index_context, markdown_text, vendor_context
from codegen.project import Project
from codegen.schema.kinds import KINDS
from codegen.schema.model import Catalog, Entry, Group, Vendor
from codegen.schema.names import old_class_names, old_member_names

LINE_LENGTH = 100  # black's, for the generated code (see codegen.generate.formatter)


def package_functions() -> list[str]:
    """The package's functions (`catalog.lookup`...): the `__all__` of runtime/_functions.py,
    read from its syntax tree, in its order; catalog/__init__.py loads them from it."""
    tree = ast.parse(Path(RUNTIME_DIR, "_functions.py").read_bytes())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__":
            names: list[str] = ast.literal_eval(node.value)
            return names
    raise AssertionError("runtime/_functions.py has no __all__")


@dataclass(frozen=True, slots=True)
class Rendered:
    """One generated file's body before formatting: its path under the output dir and its text."""

    path: str
    text: str
    python: bool


def string_literal(text: str) -> str:
    """An exact Python literal for `text`, quoted the way black would leave it.

    Every character is escaped exactly as `repr` escapes it; the quotes are black's choice
    (double, unless that takes more escapes than single), so that black has nothing to change.
    """
    quote = "'" if text.count('"') > text.count("'") else '"'
    body = "".join(f"\\{char}" if char == quote else repr(char)[1:-1] for char in text)
    return f"{quote}{body}{quote}"


def python_literal(value: object) -> str:
    """An exact Python literal for a str, int, bool, None, tuple, list or dict of those."""
    if isinstance(value, str):
        return string_literal(value)
    if value is None or isinstance(value, (bool, int)):
        return repr(value)
    if isinstance(value, (tuple, list)):
        items = [python_literal(item) for item in value]
        if isinstance(value, list):
            return f"[{', '.join(items)}]"
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
    if isinstance(value, dict):
        pairs = (f"{python_literal(k)}: {python_literal(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    raise TypeError(f"no Python literal for {type(value).__name__}")


def catalog_row(entry: Entry) -> tuple[object, ...]:
    """The row of `entry` in its vendor's errors module's `__catalog_rows__`: name, message
    and kind, then HTTP status, description, remedy, group, aliases, retryable, deprecated
    and translations, up to the last one the schema sets (_entries.Entry reads a row so)."""
    row: list[object] = [
        entry.name,
        entry.message,
        entry.kind.id,
        entry.http_status,
        entry.description,
        entry.remedy,
        entry.group,
        entry.aliases,
        entry.retryable,
        entry.deprecated,
        entry.translations,
    ]
    while row[-1] is None or row[-1] == ():
        row.pop()
    return tuple(row)


def row_literal(value: tuple[object, ...], indent: int) -> str:
    """A tuple literal laid out as black lays out an element of an exploded collection at
    `indent`: on one line when it fits, else one item a line with a trailing comma."""
    from black.strings import str_width  # the width black measures (East Asian wide = 2)

    one_line = python_literal(value)
    if str_width(" " * indent + one_line + ",") <= LINE_LENGTH:
        return one_line
    pad = " " * (indent + 4)
    items = "".join(
        f"{pad}{row_literal(item, indent + 4) if isinstance(item, tuple) else python_literal(item)},\n"
        for item in value
    )
    return "(\n" + items + " " * indent + ")"


def docstring_text(text: str) -> str:
    """Text safe inside a triple-double-quoted docstring, on one line.

    Whitespace runs become one space (black re-indents docstrings, and a docstring is for
    reading: the exact text is in the data), backslashes and quotes are escaped, and
    characters that are not printable are written as escapes.
    """
    out: list[str] = []
    for char in " ".join(text.split()):
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif not char.isprintable():
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)


def docstring(paragraphs: list[str | None], indent: int) -> str:
    """A complete docstring literal: the non-empty paragraphs, each made safe by `docstring_text`."""
    texts = [docstring_text(text) for text in paragraphs if text]
    if len(texts) == 1:
        return f'"""{texts[0]}"""'
    pad = " " * indent
    return '"""' + f"\n\n{pad}".join(texts) + f'\n{pad}"""'


def identifier(name: str) -> str:
    if not name.isidentifier() or keyword.iskeyword(name) or not name.isascii():
        raise ValueError(f"refusing to render {name!r} as a Python name")
    return name


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["py"] = python_literal
    env.filters["doc"] = docstring_text
    env.filters["docstring"] = docstring
    env.filters["ident"] = identifier
    env.filters["row"] = row_literal
    env.filters["md"] = markdown_text
    env.filters["code"] = code_span
    return env


def _ordered_groups(vendor: Vendor) -> list[Group]:
    """Groups with every parent before its children (the loader refused cycles)."""
    done: dict[str, Group] = {}
    pending = list(vendor.groups)
    while pending:
        for group in pending:
            if group.parent is None or group.parent in done:
                done[group.id] = group
                pending.remove(group)
                break
    return list(done.values())


def _kinds_used(vendor: Vendor) -> list[str]:
    return sorted({entry.kind.exception for entry in vendor.entries})


def _english(vendor: Vendor, entry: Entry) -> str | None:
    """The English translation of a message in another language, to show on hover."""
    if vendor.locale.split("-")[0] == "en":
        return None
    english = dict(entry.translations).get("en")
    return f"(en) {english}" if english else None


@dataclass(frozen=True, slots=True)
class Renames:
    """A vendor's old names (`renamed_from`), kept as deprecated aliases of the new ones."""

    members: dict[str, str]  # old member name -> new member name
    classes: dict[str, str]  # old exception class name -> new class name

    def members_of(self, entry: Entry) -> list[str]:
        return [old for old, new in self.members.items() if new == entry.name]


def _renames(vendor: Vendor) -> Renames:
    members: dict[str, str] = {}
    classes: dict[str, str] = {}
    for entry in vendor.entries:
        members.update(dict.fromkeys(old_member_names(entry), entry.name))
        classes.update(dict.fromkeys(old_class_names(entry), entry.exception))
    return Renames(members, classes)


def render_outputs(outputs: Sequence[Output], catalog: Catalog, project: Project) -> list[Rendered]:
    """Each output's body (the file without its header), before formatting, in order.

    A template renders one vendor's model, or for catalog/__init__.py the vendors' indexes
    only, or for the pages' index every vendor and the schemas' folder, and every template the
    project's package name and commands; a copied file is read as it is.
    """
    env = _environment()
    generator = generator_fingerprint(project.package, project.generate_command)
    vendors = {vendor.id: vendor for vendor in catalog.vendors}
    indexes = [VendorIndex(vendor) for vendor in catalog.vendors]
    files: list[Rendered] = []
    for output in outputs:
        if output.template is None:
            assert output.copied_from is not None
            text = Path(output.copied_from).read_bytes().decode("utf-8")
            files.append(Rendered(output.path, text, output.python))
            continue
        context: dict[str, object]
        if output.vendor is None and output.markdown:
            # The schemas' folder as the index's header names it (its source: "<folder>/*.yaml").
            context = index_context(catalog, output.source.rpartition("/")[0])
        elif output.vendor is None:
            context = {"vendors": indexes, "version": __version__, "functions": package_functions()}
        else:
            vendor = vendors[output.vendor]
            groups = _ordered_groups(vendor)
            context = {
                "vendor": vendor,
                "groups": groups,
                "kinds_used": _kinds_used(vendor),
                "english": lambda entry, vendor=vendor: _english(vendor, entry),
                "catalog_row": catalog_row,
                "renames": _renames(vendor),
                "deprecated": {e.name: e.deprecated for e in vendor.entries if e.deprecated},
                "generation": generation(generator, output),
            }
            if output.markdown:
                context.update(vendor_context(vendor, groups))
        text = env.get_template(output.template).render(
            kinds=KINDS,
            package=project.package,
            generate_command=project.generate_command,
            check_command=project.check_command,
            **context,
        )
        files.append(Rendered(output.path, text, output.python))
    return files
