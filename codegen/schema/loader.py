"""Load `schemas/*.yaml` into the model, reporting every problem of every file at once.

Each file is read within bounds (`yaml_source`) and checked against the JSON Schema
(`structure`); this module then checks what a JSON Schema cannot say: uniqueness (naming the
first use), group parents and cycles, reserved and shadowing names and the naming rule
(`names`), contradictions such as a success code that is also an error code, and, across
files, vendor ids and class prefixes. It reads only the values the structural pass found
well-formed, so a problem in one part of a file hides nothing in its other parts. The model is
built when no file has an error, from trees then known to be valid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from codegen.diagnostics import Problem, SchemaError
from codegen.input_files import digest
from codegen.schema.kinds import KINDS_BY_ID
from codegen.schema.model import Catalog, Code, Entry, Envelope, Group, Vendor
from codegen.schema.names import (
    default_exception_name,
    default_prefix,
    file_name_problem,
    prefix_problem,
    vendor_id_problem,
)
from codegen.schema.semantics import At, File, Seen, check_codes, check_groups
from codegen.schema.structure import Structure
from codegen.schema.yaml_source import (
    Pos,
    SourceError,
    key_pos,
    node_pos,
    parse,
    read_text,
    value_pos,
)

MODELINE = "# yaml-language-server: $schema=catalog.schema.json"


@dataclass
class Facts:
    """What the checks of codes and the checks across files need to know of one vendor."""

    vendor_id: tuple[str, Pos] | None = None
    prefix: tuple[str, Pos] | None = None
    locale: str | None = "en"
    success: list[tuple[Code, At]] = field(default_factory=list)


def _report(file: File, pos: Pos, problem: str | None) -> None:
    if problem is not None:
        file.error(pos, problem)


def _check_vendor(file: File, node: Any) -> Facts:
    facts = Facts()
    if node is None:
        return facts
    path = ("vendor",)
    vendor_id = file.get(node, "id", path)
    if vendor_id is not None:
        facts.vendor_id = (vendor_id, value_pos(node, "id"))
        _report(file, facts.vendor_id[1], vendor_id_problem(vendor_id))
    prefix = file.get(node, "prefix", path)
    if prefix is not None:
        facts.prefix = (prefix, value_pos(node, "prefix"))
    elif node.get("prefix") is None and facts.vendor_id is not None:
        facts.prefix = (default_prefix(facts.vendor_id[0]), facts.vendor_id[1])
    if facts.prefix is not None:
        _report(file, facts.prefix[1], prefix_problem(facts.prefix[0]))
    facts.locale = file.get(node, "locale", path) or ("en" if node.get("locale") is None else None)
    facts.success = [(code, at) for at, code, _ in file.items(node, "success", path)]
    if isinstance(node, dict) and not node.get("response"):
        at = (node, "response") if "response" in node else (node, "id") if "id" in node else (0, 0)
        file.warn(
            at,
            "no 'response' envelope: from_response would read only the HTTP status of this "
            "vendor's responses, and a failure answered with HTTP 200 would read as success; "
            "declare where its responses carry the code and message (docs/schema.md)",
        )
    return facts


def check_file(file: File, text: str) -> Facts:
    """Every problem of one file that the structural pass cannot see; the cross-file facts."""
    if not text.startswith(MODELINE):
        file.warn(
            (0, 0), f"the file should start with the line {MODELINE!r} so that editors validate it"
        )
    top = file.root if isinstance(file.root, dict) else {}
    facts = _check_vendor(file, file.get(top, "vendor", ()))
    prefix = facts.prefix[0] if facts.prefix is not None else None
    classes: dict[str, Seen] = {}
    groups = check_groups(file, top, prefix, classes)
    check_codes(
        file, top, groups, classes, prefix=prefix, locale=facts.locale, success=facts.success
    )
    return facts


def _check_across(checked: list[tuple[File, Facts]]) -> list[Problem]:
    """Vendor ids and class prefixes are unique across every file."""
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for file, facts in checked:
        for fact, seen, what, fix in (
            (facts.vendor_id, ids, "vendor id", ""),
            (facts.prefix, prefixes, "prefix", "; set a distinct 'prefix'"),
        ):
            if fact is None:
                continue
            value, (line, col) = fact
            if value in seen:
                message = f"{what} {value!r} is already used by {seen[value]}{fix}"
                problems.append(Problem(file.path, line + 1, col + 1, message))
            else:
                seen[value] = f"{file.path}:{line + 1}:{col + 1}"
    return problems


def schema_files(schemas_dir: Path) -> list[Path]:
    return sorted(schemas_dir.glob("*.yaml"))


def load_catalog(
    schemas_dir: Path,
    display: Callable[[Path], str] = str,
) -> tuple[Catalog, list[Problem]]:
    """Load every `*.yaml` in `schemas_dir`.

    Returns the catalog and the warnings; raises SchemaError listing every error (and warning).
    """
    problems: list[Problem] = []
    checked: list[tuple[File, Facts]] = []
    trees: list[tuple[Path, Any, str]] = []
    files = schema_files(schemas_dir)
    if not files:
        problems.append(Problem(display(schemas_dir), 1, 1, "no schemas (*.yaml) found here"))
    for path in files:
        shown = display(path)
        try:
            text = read_text(path)
        except SourceError as exc:
            problems.append(Problem(shown, exc.pos[0] + 1, exc.pos[1] + 1, exc.message))
            continue
        file, facts, found = _check_one(shown, text)
        problems += found
        if facts is not None and facts.vendor_id is not None:
            value, (line, col) = facts.vendor_id
            problem = file_name_problem(path.name, value)
            # An id refused already is reported once.
            if problem and not any((p.line, p.column) == (line + 1, col + 1) for p in found):
                problems.append(Problem(shown, line + 1, col + 1, problem))
        if file is not None and facts is not None:
            checked.append((file, facts))
            trees.append((path, file.root, _digest(text)))
    problems += _check_across(checked)
    if any(problem.severity == "error" for problem in problems):
        raise SchemaError(problems)
    vendors = sorted(
        (build_vendor(path, root, schema_digest) for path, root, schema_digest in trees),
        key=lambda v: v.id,
    )
    return Catalog(tuple(vendors)), sorted(problems)


def _check_one(shown: str, text: str) -> tuple[File | None, Facts | None, list[Problem]]:
    """One file's text checked alone: its checker and facts (None if unparsed), its problems."""
    try:
        root = parse(text)
    except SourceError as exc:
        return None, None, [Problem(shown, exc.pos[0] + 1, exc.pos[1] + 1, exc.message)]
    if root is None:
        message = "the file is empty; a schema needs 'format', 'vendor' and 'codes'"
        return None, None, [Problem(shown, 1, 1, message)]
    try:  # depth is bounded by the YAML reader; this is the seatbelt
        structure = Structure(shown, root, text)
        file = File(shown, root, structure)
        facts = check_file(file, text)
    except RecursionError:
        return None, None, [Problem(shown, 1, 1, "the schema is nested too deeply to check")]
    return file, facts, structure.problems + file.problems


def check_text(shown: str, text: str) -> tuple[Vendor | None, None, list[Problem]]:
    """One schema's text checked on its own (no cross-file checks): its vendor when it has no
    error, and every problem. For tools that edit a schema before writing it."""
    file, _, problems = _check_one(shown, text)
    if file is None or any(problem.severity == "error" for problem in problems):
        return None, None, sorted(problems)
    return build_vendor(Path(shown), file.root, _digest(text)), None, sorted(problems)


# -- building the model from valid trees ---------------------------------------------------


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _texts(value: Any) -> tuple[str, ...]:
    """A key that takes one string or a list of them, as a tuple."""
    if value is None:
        return ()
    return (str(value),) if isinstance(value, str) else tuple(str(item) for item in value)


def _code(value: Any) -> Code:
    return int(value) if isinstance(value, int) else str(value)


def _line(node: Any) -> int:
    return node_pos(node)[0] + 1


def _envelope(node: Any) -> Envelope:
    get = partial(dict.get, node)  # C-level reads: ruamel.yaml stores merged keys in the map
    details = get("details") or {}
    return Envelope(
        code=_text(get("code")),
        message=_text(get("message")),
        success=_text(get("success")),
        header=_text(get("header")),
        error=_text(get("error")),
        status=_text(get("status")),
        request_id=_texts(get("request_id")),
        details=tuple((str(name), str(where)) for name, where in dict.items(details)),
        retry_after=_text(get("retry_after")),
    )


def _entry(node: Any) -> Entry:
    get = partial(dict.get, node)
    name = str(node["name"])
    translations = get("translations") or {}
    retryable = get("retryable")
    return Entry(
        code=_code(node["code"]),
        name=name,
        message=str(node["message"]),
        kind=KINDS_BY_ID[node["kind"]],
        exception=_text(get("exception")) or default_exception_name(name),
        description=_text(get("description")),
        remedy=_text(get("remedy")),
        http_status=None if get("http_status") is None else int(node["http_status"]),
        group=_text(get("group")),
        aliases=tuple(_code(alias) for alias in get("aliases") or ()),
        retryable=None if retryable is None else bool(retryable),
        deprecated=_text(get("deprecated")),
        translations=tuple((str(tag), str(text)) for tag, text in dict.items(translations)),
        renamed_from=tuple(str(old) for old in get("renamed_from") or ()),
        origin="traffic" if get("origin") == "traffic" else "page",
        review=tuple(str(field) for field in get("review") or ()),
        breaking_ok=_text(get("breaking_ok")),
        note=_text(get("note")),
        line=_line(node),
    )


def _digest(text: str) -> str:
    """The sha256 of a schema's bytes, from its text (read as strict UTF-8: encoded again, it
    is the same bytes)."""
    return digest(text.encode("utf-8"))


def build_vendor(path: Path, root: Any, schema_digest: str) -> Vendor:
    """The model of one valid schema, whose bytes have the sha256 `schema_digest`."""
    node = root["vendor"]
    get = partial(dict.get, node)
    groups = tuple(
        Group(str(group["id"]), str(group["name"]), _text(dict.get(group, "description")),
              _text(dict.get(group, "parent")), line=_line(group))
        for group in dict.get(root, "groups") or ()
    )  # fmt: skip
    return Vendor(
        id=str(node["id"]),
        name=str(node["name"]),
        prefix=_text(get("prefix")) or default_prefix(str(node["id"])),
        version=str(node["version"]),
        code_type=str(node["code_type"]),
        locale=_text(get("locale")) or "en",
        source=_text(get("source")),
        envelopes=tuple(_envelope(envelope) for envelope in get("response") or ()),
        success=tuple(_code(code) for code in get("success") or ()),
        groups=groups,
        entries=tuple(_entry(entry) for entry in root["codes"]),
        schema_path=path,
        schema_digest=schema_digest,
        breaking_ok=_text(get("breaking_ok")),
        request_id_headers=_texts(get("request_id_headers")),
        line=key_pos(root, "vendor")[0] + 1,
    )
