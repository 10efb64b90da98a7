"""Load and validate `schemas/*.yaml` into the model, reporting every problem at once.

ruamel.yaml's round-trip loader keeps the line and column of every key and value, so each
problem points at the exact place to fix. Validation is done here, by hand, rather than with
the JSON Schema, because a user deserves "did you mean" and "first used at line N".

That loader's pure-Python scanner is slow, so when the optional C extension ruamel.yaml.clib is
installed, `_FastLoader` builds the same round-trip objects from libyaml's events instead.
"""

from __future__ import annotations

import builtins
import difflib
import keyword
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from codegen.diagnostics import Problem, SchemaError
from codegen.kinds import KINDS, KINDS_BY_ID
from codegen.model import Catalog, Code, Entry, Envelope, Group, Vendor

_CParser: Any
try:  # libyaml's parser, from the optional ruamel.yaml.clib (see _FastLoader)
    from ruamel.yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]
except ImportError:
    _CParser = None

MODELINE = "# yaml-language-server: $schema=catalog.schema.json"
FORMAT_VERSION = 1

VENDOR_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
GROUP_ID = VENDOR_ID
MEMBER_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\Z")
CLASS_NAME = re.compile(r"[A-Z][A-Za-z0-9]*\Z")
LOCALE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")
KEY_PATH = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\Z")
HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+\Z")  # an HTTP field name (RFC 9110 token)
DETAIL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

# Names the generated modules define themselves; a schema must not reuse them.
RESERVED_CLASSES = frozenset(
    {"CatalogError", "VendorError", "Code", "Kind", "Vendor", "Any", "ClassVar", "TYPE_CHECKING"}
)
# lookup and vendors are functions of catalog/__init__.py, which a vendor sub-module of that name
# would replace; catalog.base and catalog.kinds are the package's shared modules; catalog.errors
# would read as the package's own errors, not a vendor's.
RESERVED_VENDOR_IDS = frozenset({"lookup", "vendors", "errors", "base", "kinds"})
KIND_EXCEPTIONS = frozenset(kind.exception for kind in KINDS)

TOP_KEYS = {"format": True, "vendor": True, "groups": False, "codes": True}
VENDOR_KEYS = {
    "id": True,
    "name": True,
    "prefix": False,
    "version": True,
    "source": False,
    "code_type": True,
    "locale": False,
    "response": False,
    "success": False,
    "note": False,
    "breaking_ok": False,
}
ENVELOPE_KEYS = {
    "code": False,
    "message": False,
    "success": False,
    "header": False,
    "error": False,
    "details": False,
}
GROUP_KEYS = {"id": True, "name": True, "description": False, "parent": False, "note": False}
CODE_KEYS = {
    "code": True,
    "name": True,
    "message": True,
    "kind": True,
    "description": False,
    "remedy": False,
    "http_status": False,
    "group": False,
    "aliases": False,
    "retryable": False,
    "deprecated": False,
    "exception": False,
    "translations": False,
    "note": False,
    "renamed_from": False,
    "review": False,
    "breaking_ok": False,
}


OLD_NAME = re.compile(f"(?:{MEMBER_NAME.pattern[:-2]}|{CLASS_NAME.pattern[:-2]})\\Z")
REVIEW_FIELD = re.compile(f"(?:{'|'.join(CODE_KEYS)})\\Z")


def camel_case(member_name: str) -> str:
    """`ACCOUNT_LOCKED` -> `AccountLocked`."""
    return "".join(word.capitalize() for word in member_name.split("_"))


def default_exception_name(member_name: str) -> str:
    """`ACCOUNT_LOCKED` -> `AccountLockedError`; `SIGNATURE_ERROR` -> `SignatureError`."""
    name = camel_case(member_name)
    return name if name.endswith("Error") else f"{name}Error"


def _suggest(word: str, choices: Iterator[str] | list[str] | set[str] | dict[str, Any]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if hasattr(value, "isoformat"):
        return "a date"
    if isinstance(value, (list, CommentedSeq)):
        return "a list"
    if isinstance(value, (dict, CommentedMap)):
        return "a mapping"
    return f"a {type(value).__name__}"


@dataclass
class _Seen:
    """First occurrence of a value that must be unique: where, and as what."""

    line: int
    what: str


@dataclass
class _FileChecker:
    """Validates one schema file, collecting problems instead of stopping at the first."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    # -- positions -------------------------------------------------------------------------
    def error(self, pos: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.path, pos[0] + 1, pos[1] + 1, message))

    def warn(self, pos: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.path, pos[0] + 1, pos[1] + 1, message, "warning"))

    @staticmethod
    def node_pos(node: Any) -> tuple[int, int]:
        lc = getattr(node, "lc", None)
        return (lc.line, lc.col) if lc is not None else (0, 0)

    @staticmethod
    def value_pos(node: CommentedMap, key: str) -> tuple[int, int]:
        value = node.get(key)
        if isinstance(value, (CommentedMap, CommentedSeq)) and value.lc.line is not None:
            return (value.lc.line, value.lc.col)
        if key not in node.lc.data:  # merged in by `<<: *anchor`: no position of its own
            return _FileChecker.node_pos(node)
        line, col = node.lc.value(key)
        return (line, col)

    @staticmethod
    def key_pos(node: CommentedMap, key: str) -> tuple[int, int]:
        if key not in node.lc.data:  # merged in by `<<: *anchor`: no position of its own
            return _FileChecker.node_pos(node)
        line, col = node.lc.key(key)
        return (line, col)

    @staticmethod
    def item_pos(seq: CommentedSeq, index: int) -> tuple[int, int]:
        line, col = seq.lc.item(index)
        return (line, col)

    # -- structure -------------------------------------------------------------------------
    def mapping(self, node: Any, pos: tuple[int, int], what: str) -> CommentedMap | None:
        if isinstance(node, CommentedMap):
            return node
        self.error(pos, f"{what} must be a mapping, not {_type_name(node)}")
        return None

    def keys(self, node: CommentedMap, allowed: dict[str, bool], what: str) -> None:
        for key in node:
            if not isinstance(key, str) or key not in allowed:
                hint = _suggest(str(key), allowed)
                if not hint:
                    hint = f"; allowed keys are: {', '.join(allowed)}"
                self.error(self.key_pos(node, key), f"unknown key {key!r} in {what}{hint}")
        for key, required in allowed.items():
            if required and node.get(key) is None:
                self.error(self.node_pos(node), f"{what} is missing the required key {key!r}")

    def optional(self, node: CommentedMap, key: str) -> bool:
        return node.get(key) is not None

    def string(
        self,
        node: CommentedMap,
        key: str,
        what: str,
        pattern: re.Pattern[str] | None = None,
        rule: str = "",
    ) -> str | None:
        value = node.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            hint = ' (quote it: "...")' if isinstance(value, (int, float)) or hasattr(
                value, "isoformat"
            ) else ""
            self.error(
                self.value_pos(node, key),
                f"{key!r} of the {what} must be a string, not {_type_name(value)}{hint}",
            )
            return None
        text = str(value)
        if not text.strip():
            self.error(self.value_pos(node, key), f"{key!r} of the {what} must not be empty")
            return None
        if pattern is not None and not pattern.match(text):
            self.error(self.value_pos(node, key), f"{key!r} of the {what} is {text!r}: {rule}")
            return None
        return text

    def boolean(self, node: CommentedMap, key: str, what: str) -> bool | None:
        value = node.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.error(
                self.value_pos(node, key),
                f"{key!r} of the {what} must be true or false, not {_type_name(value)}",
            )
            return None
        return value

    def integer(self, node: CommentedMap, key: str, what: str) -> int | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(
                self.value_pos(node, key),
                f"{key!r} of the {what} must be an integer, not {_type_name(value)}",
            )
            return None
        return int(value)

    def sequence(self, node: CommentedMap, key: str, what: str) -> CommentedSeq | None:
        value = node.get(key)
        if value is None:
            return None
        if not isinstance(value, CommentedSeq):
            self.error(
                self.value_pos(node, key), f"{key!r} of the {what} must be a list, not {_type_name(value)}"
            )
            return None
        return value

    def code_value(self, value: Any, pos: tuple[int, int], code_type: str | None, what: str) -> Code | None:
        if code_type == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                hint = ""
                if isinstance(value, str) and value.replace(",", "").strip().isdigit():
                    hint = f"; write it as the integer {value.replace(',', '').strip()}"
                self.error(pos, f"{what} {value!r} must be an integer (code_type is int){hint}")
                return None
            return int(value)
        if code_type == "str":
            if not isinstance(value, str):
                self.error(
                    pos,
                    f"{what} {value!r} must be a string (code_type is str); "
                    f'quote it: "{value}"',
                )
                return None
            if not value.strip():
                self.error(pos, f"{what} must not be empty")
                return None
            return str(value)
        return None  # code_type itself is invalid; already reported

    # -- sections --------------------------------------------------------------------------
    def check_file(self, root: Any, text: str) -> tuple[Vendor | None, tuple[int, int] | None]:
        if not text.startswith(MODELINE):
            self.warn((0, 0), f"the file should start with the line {MODELINE!r} so that editors validate it")
        top = self.mapping(root, (0, 0), "the schema")
        if top is None:
            return None, None
        self.keys(top, TOP_KEYS, "the schema")
        fmt = self.integer(top, "format", "schema")
        if fmt is not None and fmt != FORMAT_VERSION:
            self.error(self.value_pos(top, "format"), f"format {fmt} is not supported; this generator reads format {FORMAT_VERSION}")

        vendor_node = self.mapping(top.get("vendor"), self.value_pos(top, "vendor"), "'vendor'") if top.get("vendor") is not None else None
        vendor_fields = self.check_vendor(vendor_node) if vendor_node is not None else None
        code_type = vendor_fields["code_type"] if vendor_fields else None
        prefix = vendor_fields["prefix"] if vendor_fields else None

        classes: dict[str, _Seen] = {}
        groups = self.check_groups(top, prefix, classes)
        entries = self.check_codes(top, code_type, groups, prefix, classes)
        if vendor_fields is None or entries is None:
            return None, None
        if any(p.severity == "error" for p in self.problems):
            return None, None
        assert vendor_node is not None
        return (
            Vendor(
                id=vendor_fields["id"],
                name=vendor_fields["name"],
                prefix=vendor_fields["prefix"],
                version=vendor_fields["version"],
                code_type=vendor_fields["code_type"],
                locale=vendor_fields["locale"],
                source=vendor_fields["source"],
                envelopes=vendor_fields["envelopes"],
                success=vendor_fields["success"],
                groups=tuple(groups.values()),
                entries=tuple(entries),
                schema_path=Path(self.path),
                breaking_ok=vendor_fields["breaking_ok"],
                line=self.key_pos(top, "vendor")[0] + 1,
            ),
            self.value_pos(vendor_node, "id"),
        )

    def check_vendor(self, node: CommentedMap) -> dict[str, Any] | None:
        ok_before = len(self.problems)
        self.keys(node, VENDOR_KEYS, "'vendor'")
        vid = self.string(node, "id", "vendor", VENDOR_ID, "use a lowercase identifier like 'iam'")
        if vid is not None:
            if keyword.iskeyword(vid) or vid in RESERVED_VENDOR_IDS:
                self.error(self.value_pos(node, "id"), f"vendor 'id' {vid!r} is reserved; choose another module name")
            elif hasattr(builtins, vid):
                # Importing catalog.<id> binds <id> in the package's namespace, over the builtin.
                self.error(
                    self.value_pos(node, "id"),
                    f"vendor 'id' {vid!r} would shadow the Python builtin {vid!r} inside catalog; "
                    f"choose another module name, e.g. {vid + '_api'!r}",
                )
        name = self.string(node, "name", "vendor")
        prefix = self.string(node, "prefix", "vendor", CLASS_NAME, "use a CamelCase identifier like 'Iam'")
        if prefix is None and vid is not None and not self.optional(node, "prefix"):
            prefix = camel_case(vid.upper())
        if prefix is not None:
            where = self.value_pos(node, "prefix") if self.optional(node, "prefix") else self.value_pos(node, "id")
            generated = (f"{prefix}Error", f"{prefix}Code")
            shadowed = [name for name in generated if hasattr(builtins, name)]
            if keyword.iskeyword(prefix) or any(n in RESERVED_CLASSES | KIND_EXCEPTIONS for n in generated):
                self.error(where, f"prefix {prefix!r} would make {prefix}Error clash with a name catalog defines; choose another prefix")
            elif shadowed:
                self.error(where, f"prefix {prefix!r} would make {shadowed[0]} shadow the Python builtin of that name; choose another prefix")
        version = self.string(node, "version", "vendor")
        source = self.string(node, "source", "vendor")
        code_type = self.string(node, "code_type", "vendor")
        if code_type is not None and code_type not in ("int", "str"):
            self.error(self.value_pos(node, "code_type"), f"vendor 'code_type' is {code_type!r}: use int or str{_suggest(code_type, ['int', 'str'])}")
            code_type = None
        locale = self.string(node, "locale", "vendor", LOCALE, "use a BCP 47 tag like 'en' or 'zh-CN'") or "en"
        self.string(node, "note", "vendor")
        breaking_ok = self.string(node, "breaking_ok", "vendor")
        envelopes = self.check_envelopes(node)
        success: list[Code] = []
        seq = self.sequence(node, "success", "vendor")
        if seq is not None:
            for index, value in enumerate(seq):
                code = self.code_value(value, self.item_pos(seq, index), code_type, "success code")
                if code is not None:
                    success.append(code)
        if len(self.problems) != ok_before and any(p.severity == "error" for p in self.problems[ok_before:]):
            return None
        if None in (vid, name, version, code_type, prefix):
            return None
        return {
            "id": vid,
            "name": name,
            "prefix": prefix,
            "version": version,
            "source": source,
            "code_type": code_type,
            "locale": locale,
            "envelopes": envelopes,
            "success": tuple(success),
            "breaking_ok": breaking_ok,
        }

    def check_envelopes(self, node: CommentedMap) -> tuple[Envelope, ...]:
        seq = self.sequence(node, "response", "vendor")
        if seq is None:
            return ()
        envelopes: list[Envelope] = []
        for index, item in enumerate(seq):
            env = self.mapping(item, self.item_pos(seq, index), "each 'response' envelope")
            if env is None:
                continue
            self.keys(env, ENVELOPE_KEYS, "a 'response' envelope")
            rule = "use a key or a dotted path of keys like 'error.code'"
            code = self.string(env, "code", "envelope", KEY_PATH, rule)
            message = self.string(env, "message", "envelope", KEY_PATH, rule)
            success = self.string(env, "success", "envelope", KEY_PATH, rule)
            header = self.string(
                env, "header", "envelope", HEADER_NAME, "use an HTTP header name like 'error-code'"
            )
            error = self.string(env, "error", "envelope", KEY_PATH, rule)
            details = self.check_details(env, rule)
            if not any(self.optional(env, key) for key in ("code", "header", "error")):
                self.error(
                    self.node_pos(env),
                    "a 'response' envelope needs at least one of 'code', 'header' or 'error'",
                )
            elif code is not None or header is not None or error is not None:
                envelopes.append(Envelope(code, message, success, header, error, details))
        return tuple(envelopes)

    def check_details(self, env: CommentedMap, rule: str) -> tuple[tuple[str, str], ...]:
        value = env.get("details")
        if value is None:
            return ()
        table = self.mapping(value, self.value_pos(env, "details"), "'details'")
        if table is None:
            return ()
        result: list[tuple[str, str]] = []
        for name in table:
            if not isinstance(name, str) or not DETAIL_NAME.match(name):
                self.error(
                    self.key_pos(table, name),
                    f"detail name {name!r} is not an identifier like 'request_id'",
                )
                continue
            path = self.string(table, name, "details", KEY_PATH, rule)
            if path is not None:
                result.append((name, path))
        return tuple(result)

    def names(
        self, node: CommentedMap, key: str, pattern: re.Pattern[str], rule: str
    ) -> tuple[str, ...]:
        """A list of names under `key` of a code, each matching `pattern`."""
        seq = self.sequence(node, key, "code")
        if seq is None:
            return ()
        result: list[str] = []
        for index, value in enumerate(seq):
            if not isinstance(value, str) or not pattern.match(value):
                self.error(self.item_pos(seq, index), f"{key!r} item {value!r}: {rule}")
            elif value in result:
                self.error(self.item_pos(seq, index), f"{key!r} lists {value!r} twice")
            else:
                result.append(value)
        return tuple(result)

    def check_groups(
        self, top: CommentedMap, prefix: str | None, seen_names: dict[str, _Seen]
    ) -> dict[str, Group]:
        """The groups by id; their class names go into `seen_names`."""
        seq = self.sequence(top, "groups", "schema")
        groups: dict[str, Group] = {}
        if seq is None:
            return groups
        seen_ids: dict[str, _Seen] = {}
        parents: dict[str, tuple[str, tuple[int, int]]] = {}
        for index, item in enumerate(seq):
            node = self.mapping(item, self.item_pos(seq, index), "each group")
            if node is None:
                continue
            self.keys(node, GROUP_KEYS, "a group")
            gid = self.string(node, "id", "group", GROUP_ID, "use a lowercase identifier like 'token'")
            name = self.string(node, "name", "group", CLASS_NAME, "use a CamelCase class name like 'TokenError'")
            description = self.string(node, "description", "group")
            parent = self.string(node, "parent", "group")
            self.string(node, "note", "group")
            if gid is not None:
                if gid in seen_ids:
                    self.error(self.value_pos(node, "id"), f"duplicate group id {gid!r}; first defined at line {seen_ids[gid].line}")
                    gid = None
                else:
                    seen_ids[gid] = _Seen(self.value_pos(node, "id")[0] + 1, "group")
            if name is not None:
                self.check_class_name(name, self.value_pos(node, "name"), prefix, seen_names, f"group {gid!r}")
            if gid is not None and name is not None:
                line = self.item_pos(seq, index)[0] + 1
                groups[gid] = Group(gid, name, description, parent, line)
                if parent is not None:
                    parents[gid] = (parent, self.value_pos(node, "parent"))
        for gid, (parent, pos) in parents.items():
            if parent not in groups:
                self.error(pos, f"unknown parent group {parent!r}{_suggest(parent, groups)}")
        for gid, (parent, pos) in parents.items():
            chain = [gid]
            current: str | None = parent
            while current is not None and current in groups:
                if current == gid:
                    self.error(pos, f"group cycle: {' -> '.join(chain + [gid])}")
                    break
                if current in chain:
                    break  # a cycle further up; reported from its own members
                chain.append(current)
                current = parents.get(current, (None, pos))[0]
        return groups

    def check_class_name(
        self,
        name: str,
        pos: tuple[int, int],
        prefix: str | None,
        seen: dict[str, _Seen],
        what: str,
    ) -> None:
        if keyword.iskeyword(name):
            self.error(pos, f"class name {name!r} of {what} is a Python keyword")
        elif hasattr(builtins, name):
            self.error(pos, f"class name {name!r} of {what} would shadow the Python builtin {name}; choose a more specific name")
        elif name in KIND_EXCEPTIONS or name in RESERVED_CLASSES or (prefix is not None and name in (f"{prefix}Error", f"{prefix}Code")):
            self.error(pos, f"class name {name!r} of {what} would shadow a name catalog generates; choose a more specific name")
        elif name in seen:
            self.error(pos, f"duplicate class name {name!r} of {what}; already used at line {seen[name].line} by {seen[name].what}")
        else:
            seen[name] = _Seen(pos[0] + 1, what)

    def check_codes(
        self,
        top: CommentedMap,
        code_type: str | None,
        groups: dict[str, Group],
        prefix: str | None,
        classes: dict[str, _Seen],
    ) -> list[Entry] | None:
        seq = self.sequence(top, "codes", "schema")
        if seq is None:
            return None
        if len(seq) == 0:
            self.error(self.value_pos(top, "codes"), "'codes' is empty; list at least one code")
            return None
        entries: list[Entry] = []
        codes: dict[Code, _Seen] = {}
        names: dict[str, _Seen] = {}
        messages: dict[str, tuple[Code, bool, int]] = {}
        for index, item in enumerate(seq):
            node = self.mapping(item, self.item_pos(seq, index), "each code")
            if node is None:
                continue
            entry = self.check_entry(node, code_type, groups, prefix, codes, names, classes)
            if entry is None:
                continue
            entries.append(entry)
            has_note = node.get("note") is not None
            first = messages.get(entry.message)
            if first is None:
                messages[entry.message] = (entry.code, has_note, self.value_pos(node, "message")[0] + 1)
            elif not (has_note and first[1]):
                self.warn(
                    self.value_pos(node, "message"),
                    f"code {entry.code!r} has the same message as code {first[0]!r} (line {first[2]}); "
                    "if the vendor really does this, say so in a 'note' on both",
                )
        return entries

    def check_entry(
        self,
        node: CommentedMap,
        code_type: str | None,
        groups: dict[str, Group],
        prefix: str | None,
        codes: dict[Code, _Seen],
        names: dict[str, _Seen],
        classes: dict[str, _Seen],
    ) -> Entry | None:
        before = sum(p.severity == "error" for p in self.problems)
        self.keys(node, CODE_KEYS, "a code")
        code: Code | None = None
        if node.get("code") is not None:
            code = self.code_value(node["code"], self.value_pos(node, "code"), code_type, "code")
        name = self.string(node, "name", "code", MEMBER_NAME, "use UPPER_SNAKE_CASE like 'ACCOUNT_LOCKED'")
        label = f"code {code!r}" if code is not None else "this code"
        if code is not None:
            self.unique_code(code, self.value_pos(node, "code"), codes, f"the code of {name or label}")
        if name is not None:
            if name in names:
                self.error(self.value_pos(node, "name"), f"duplicate name {name!r}; already used at line {names[name].line} by {names[name].what}")
            else:
                names[name] = _Seen(self.value_pos(node, "name")[0] + 1, label)
        message = self.string(node, "message", "code")
        kind_id = self.string(node, "kind", "code")
        kind = None
        if kind_id is not None:
            kind = KINDS_BY_ID.get(kind_id)
            if kind is None:
                self.error(self.value_pos(node, "kind"), f"unknown kind {kind_id!r}{_suggest(kind_id, KINDS_BY_ID)}")
        description = self.string(node, "description", "code")
        remedy = self.string(node, "remedy", "code")
        status = self.integer(node, "http_status", "code")
        if status is not None and not 100 <= status <= 599:
            self.error(self.value_pos(node, "http_status"), f"http_status {status} is not an HTTP status (100-599)")
        group = self.string(node, "group", "code")
        if group is not None and group not in groups:
            known = f"; known groups: {', '.join(groups)}" if groups and not _suggest(group, groups) else ""
            self.error(self.value_pos(node, "group"), f"unknown group {group!r}{_suggest(group, groups)}{known or ('' if groups else '; define it under groups:')}")
        aliases: list[Code] = []
        seq = self.sequence(node, "aliases", "code")
        if seq is not None:
            for index, value in enumerate(seq):
                pos = self.item_pos(seq, index)
                alias = self.code_value(value, pos, code_type, "alias")
                if alias is not None and self.unique_code(alias, pos, codes, f"an alias of {name or label}"):
                    aliases.append(alias)
        retryable = self.boolean(node, "retryable", "code")
        deprecated = self.string(node, "deprecated", "code")
        exception = self.string(node, "exception", "code", CLASS_NAME, "use a CamelCase class name like 'AccountLockedError'")
        if exception is None and name is not None and node.get("exception") is None:
            exception = default_exception_name(name)
        if exception is not None:
            pos = self.value_pos(node, "exception") if node.get("exception") is not None else self.value_pos(node, "name")
            self.check_class_name(exception, pos, prefix, classes, f"code {code!r}" if code is not None else "this code")
        translations = self.check_translations(node)
        note = self.string(node, "note", "code")
        renamed_from = self.names(
            node,
            "renamed_from",
            OLD_NAME,
            "use an old member name (UPPER_SNAKE) or an old exception class name (CamelCase)",
        )
        review = self.names(
            node, "review", REVIEW_FIELD, f"use one of the code's keys: {', '.join(CODE_KEYS)}"
        )
        if review:  # guessed by `codegen import`: lint warns, so that --strict refuses it
            self.warn(
                self.value_pos(node, "review"),
                f"{label} is a draft: review its {', '.join(review)}, then remove 'review'",
            )
        breaking_ok = self.string(node, "breaking_ok", "code")
        if sum(p.severity == "error" for p in self.problems) != before:
            return None
        if code is None or name is None or message is None or kind is None or exception is None:
            return None
        return Entry(
            code=code,
            name=name,
            message=message,
            kind=kind,
            exception=exception,
            description=description,
            remedy=remedy,
            http_status=status,
            group=group,
            aliases=tuple(aliases),
            retryable=retryable,
            deprecated=deprecated,
            translations=translations,
            renamed_from=renamed_from,
            review=review,
            breaking_ok=breaking_ok,
            note=note,
            line=self.node_pos(node)[0] + 1,
        )

    def unique_code(self, code: Code, pos: tuple[int, int], codes: dict[Code, _Seen], what: str) -> bool:
        first = codes.get(code)
        if first is not None:
            self.error(pos, f"duplicate code {code!r}; first used at line {first.line} as {first.what}")
            return False
        codes[code] = _Seen(pos[0] + 1, what)
        return True

    def check_translations(self, node: CommentedMap) -> tuple[tuple[str, str], ...]:
        value = node.get("translations")
        if value is None:
            return ()
        table = self.mapping(value, self.value_pos(node, "translations"), "'translations'")
        if table is None:
            return ()
        result: list[tuple[str, str]] = []
        for locale in table:
            pos = self.key_pos(table, locale)
            if not isinstance(locale, str) or not LOCALE.match(locale):
                self.error(pos, f"translation locale {locale!r} is not a BCP 47 tag like 'en' or 'zh-CN'")
                continue
            text = self.string(table, locale, "translation")
            if text is not None:
                result.append((locale, text))
        return tuple(result)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


class _Unsupported(Exception):
    """Input that _FastLoader leaves to the round-trip loader."""


class _FastLoader:
    """Builds what `_yaml().load(text)` returns, from libyaml's events: over ten times faster.

    The result is the same: CommentedMap and CommentedSeq with the same line/column data, and
    scalars typed by ruamel.yaml's own resolver and constructor (YAML 1.2). That holds for the
    plain subset schemas are written in; on anything else (anchors, aliases, tags, directives,
    merge keys, block scalars, empty values, several documents, any error, ...) `load` raises
    and the caller uses the round-trip loader, which also words every YAML error message.
    """

    # libyaml counts lines or columns differently at NEL, LS, PS and a BOM, and it accepts
    # tabs in places where ruamel.yaml refuses them.
    UNSUPPORTED_CHARACTERS = "\x85\u2028\u2029\ufeff\t"
    STR = "tag:yaml.org,2002:str"
    NULL = "tag:yaml.org,2002:null"
    TYPED = frozenset(f"tag:yaml.org,2002:{name}" for name in ("bool", "int", "float", "timestamp"))
    # ruamel.yaml runs out of stack at about 250 levels of nesting; deeper than this, leave the
    # document to it, so that it fails (or not) just the same.
    MAX_DEPTH = 100

    def __init__(self, text: str) -> None:
        if any(char in text for char in self.UNSUPPORTED_CHARACTERS):
            raise _Unsupported
        self.events = _CParser(text)
        self.yaml = _yaml()
        self.tags: dict[str, str] = {}  # plain scalar -> its resolved tag

    def load(self) -> Any:
        self.events.get_event()  # StreamStartEvent
        start = self.events.get_event()
        if isinstance(start, StreamEndEvent):
            return None  # empty, or only comments
        if start.version is not None or start.tags is not None:
            raise _Unsupported  # %YAML or %TAG directive
        root = self.node(self.events.get_event(), 0)
        self.events.get_event()  # DocumentEndEvent
        if not isinstance(self.events.get_event(), StreamEndEvent):
            raise _Unsupported  # a second document
        return root

    def node(self, event: Any, depth: int) -> Any:
        # Anchors, aliases and explicit tags are rare and intricate in the round-trip constructor.
        if isinstance(event, AliasEvent) or event.anchor is not None or event.ctag is not None:
            raise _Unsupported
        if depth > self.MAX_DEPTH:
            raise _Unsupported
        if isinstance(event, ScalarEvent):
            return self.scalar(event)
        if isinstance(event, MappingStartEvent):
            mapping = CommentedMap()
            mapping.lc.line, mapping.lc.col = event.start_mark.line, event.start_mark.column
            while not isinstance(key_event := self.events.get_event(), MappingEndEvent):
                if not isinstance(key_event, ScalarEvent):
                    raise _Unsupported  # a complex key
                key = self.node(key_event, depth + 1)
                value_event = self.events.get_event()
                key_mark, value_mark = key_event.start_mark, value_event.start_mark
                if isinstance(value_event, ScalarEvent) and value_mark.line != key_mark.line:
                    # `key: # comment` with the value on a later line: ruamel.yaml may fail
                    # on it with "NotImplementedError: overlap in comment".
                    raise _Unsupported
                value = self.node(value_event, depth + 1)
                if key in mapping:
                    raise _Unsupported  # the round-trip loader reports the duplicate key
                mapping.lc.add_kv_line_col(
                    key, [key_mark.line, key_mark.column, value_mark.line, value_mark.column]
                )
                mapping[key] = value
            return mapping
        seq = CommentedSeq()  # a SequenceStartEvent
        seq.lc.line, seq.lc.col = event.start_mark.line, event.start_mark.column
        while not isinstance(item_event := self.events.get_event(), SequenceEndEvent):
            item_mark = item_event.start_mark
            seq.lc.add_idx_line_col(len(seq), [item_mark.line, item_mark.column])
            seq.append(self.node(item_event, depth + 1))
        return seq

    def scalar(self, event: Any) -> Any:
        if event.style in ("'", '"'):
            return event.value
        # Block scalars: libyaml and ruamel.yaml disagree on some headers and indentations.
        # Empty values (`key:`): libyaml marks them where the `:` ends, ruamel.yaml elsewhere.
        if event.style or not event.value:
            raise _Unsupported
        tag = self.tags.get(event.value)
        if tag is None:
            resolved = self.yaml.resolver.resolve(ScalarNode, event.value, (True, False))
            tag = self.tags[event.value] = str(resolved)
        if tag == self.STR:
            return event.value
        if tag == self.NULL:
            return None
        if tag not in self.TYPED:
            raise _Unsupported  # `<<` (merge) or `=` (value)
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        return self.yaml.constructor.construct_object(node)


def _load(text: str) -> Any:
    """What `_yaml().load(text)` returns or raises, but faster when libyaml is available."""
    if _CParser is not None:
        try:
            return _FastLoader(text).load()
        except Exception:
            # _Unsupported, or an error: the round-trip loader reports it in its own words, and
            # in its own order (it parses the whole file before it constructs any value).
            pass
    return _yaml().load(text)


def _locate_construction_error(text: str, error: Exception) -> tuple[tuple[int, int], str]:
    """Where and why the round-trip loader failed with something other than a YAMLError.

    The text parsed but a value could not be built (an impossible date such as 2024-13-45):
    compose it again, without building values, and try each scalar on its own.
    """
    yaml = _yaml()
    pending: list[Node] = [yaml.compose(text)]
    while pending:
        node = pending.pop()
        if isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                pending += (value, key)
        elif isinstance(node, SequenceNode):
            pending += reversed(node.value)
        elif isinstance(node, ScalarNode):
            try:
                yaml.constructor.construct_object(node)
            except Exception as exc:
                mark = node.start_mark
                return (mark.line, mark.column), (
                    f"{node.value!r} cannot be read as YAML: {exc}; quote it if it is meant as text"
                )
    return (0, 0), f"YAML error: {type(error).__name__}: {error}"


def check_text(path: str, text: str) -> tuple[Vendor | None, tuple[int, int] | None, list[Problem]]:
    """Validate one schema's text. Returns the vendor (None if invalid) and every problem."""
    checker = _FileChecker(path)
    try:
        root = _load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line, mark.column) if mark is not None else (0, 0)
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        start = exc.context_mark
        if start is not None and exc.problem_mark is not None and start.line != line:
            what += f" (the construct began at line {start.line + 1}, column {start.column + 1})"
        checker.error((line, col), f"YAML syntax error: {what}")
        return None, None, checker.problems
    except YAMLError as exc:  # errors without a position
        checker.error((0, 0), f"YAML error: {exc}")
        return None, None, checker.problems
    except Exception as exc:  # ruamel.yaml fails outside its own error classes on some input
        position, message = _locate_construction_error(text, exc)
        checker.error(position, message)
        return None, None, checker.problems
    if root is None:
        checker.error((0, 0), "the file is empty; a schema needs 'format', 'vendor' and 'codes'")
        return None, None, checker.problems
    vendor, id_pos = checker.check_file(root, text)
    return vendor, id_pos, checker.problems


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
    vendors: list[Vendor] = []
    ids: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    files = schema_files(schemas_dir)
    if not files:
        problems.append(Problem(display(schemas_dir), 1, 1, "no schemas (*.yaml) found here"))
    for file in files:
        path = display(file)
        try:
            text = file.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(path, 1, 1, f"the file is not UTF-8 ({exc.reason} at byte {exc.start})"))
            continue
        vendor, id_pos, found = check_text(path, text)
        problems.extend(found)
        if vendor is None or id_pos is None:
            continue
        where = f"{path}:{id_pos[0] + 1}:{id_pos[1] + 1}"
        if vendor.id in ids:
            problems.append(Problem(path, id_pos[0] + 1, id_pos[1] + 1, f"vendor id {vendor.id!r} is already used by {ids[vendor.id]}"))
            continue
        if vendor.prefix in prefixes:
            problems.append(Problem(path, id_pos[0] + 1, id_pos[1] + 1, f"prefix {vendor.prefix!r} is already used by {prefixes[vendor.prefix]}; set a distinct 'prefix'"))
            continue
        ids[vendor.id] = where
        prefixes[vendor.prefix] = where
        vendors.append(vendor)
    if any(problem.severity == "error" for problem in problems):
        raise SchemaError(problems)
    return Catalog(tuple(sorted(vendors, key=lambda v: v.id))), sorted(problems)
