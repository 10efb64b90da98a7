"""The structural pass: a schema's YAML tree against `schemas/catalog.schema.json`.

That JSON Schema is the one place where a key, a type or a pattern is declared: editors read it
through the modeline, and this pass reads it for the generator. jsonschema finds the problems;
this module words each one for a person (did-you-mean for unknown keys, the schema's own
`patternErrorMessage` and `errorMessage` hints) and places it at the `LINE:COL` of the value.

Importing and running jsonschema costs more than loading every catalog, so a document is first
checked by `conformance`, a small exact interpreter of the keywords the schema uses (it gives
up, and jsonschema decides, on any other keyword). Only a document that does not conform is
handed to jsonschema, whose verdict and errors are the ones reported.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from codegen import data_dir
from codegen.diagnostics import Problem, short
from codegen.schema.conformance import TYPES, Check, Unknown, compile_schema, pattern_test, plain
from codegen.schema.yaml_source import Pos, key_pos, node_pos, path_pos
from codegen.schema.yaml_source import item_pos as _item_pos

SCHEMA_FILE = Path(data_dir("schemas"), "catalog.schema.json")
Path_ = tuple[Any, ...]


@functools.cache
def json_schema() -> dict[str, Any]:
    """The catalog's JSON Schema with every local `$ref` written out in place."""
    schema: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    defs = schema.get("$defs", {})

    def inline(node: Any, depth: int = 0) -> Any:
        if depth > 50:
            raise ValueError(f"{SCHEMA_FILE}: $ref cycle")
        if isinstance(node, dict):
            own = {key: inline(value, depth) for key, value in node.items() if key != "$defs"}
            ref = own.pop("$ref", None)
            if ref is None:
                return own
            return {**inline(defs[ref.removeprefix("#/$defs/")], depth + 1), **own}
        if isinstance(node, list):
            return [inline(item, depth) for item in node]
        return node

    result: dict[str, Any] = inline(schema)
    return result


@functools.cache
def _fast_check() -> Check | None:
    try:
        return compile_schema(json_schema())
    except Unknown:
        return None


def conforms(root: Any) -> bool:
    """Whether `root` is valid, answered without jsonschema where `conformance` can."""
    check = _fast_check()
    try:
        return check is not None and check(root)
    except Unknown:
        return False


_pattern_test = functools.cache(pattern_test)


def _type_check(test: Check) -> Callable[[Any, object], bool]:
    """A jsonschema type checker's function (checker, value) from one of our value tests."""
    return lambda checker, value: test(value)


@functools.cache
def _validator() -> Any:
    """jsonschema's 2020-12 validator, with the types and pattern semantics of `conformance`."""
    from jsonschema import (  # type: ignore[import-untyped]
        Draft202012Validator,
        ValidationError,
        validators,
    )

    def pattern(validator: Any, arg: str, value: Any, schema: Any) -> Iterator[Any]:
        if isinstance(value, str) and not _pattern_test(arg)(value):
            yield ValidationError(f"{short(value)} does not match {arg!r}")

    checker = Draft202012Validator.TYPE_CHECKER.redefine_many(
        {name: _type_check(test) for name, test in TYPES.items()}
    )
    cls = validators.extend(Draft202012Validator, {"pattern": pattern}, type_checker=checker)
    return cls(json_schema())


# -- the pass -----------------------------------------------------------------------------


class Structure:
    """The structural problems of one file, and which values the later checks may trust."""

    def __init__(self, path: str, root: Any, text: str) -> None:
        self.path = path
        self.root = root
        self.problems: list[Problem] = []
        self.broken: set[Path_] = set()  # values that are not what the schema says
        self.judged: set[tuple[Path_, str]] = set()
        if not conforms(root):
            errors = _validator().iter_errors(root)
            # A rule with its own hint is the narrower one (code_type's): say it first.
            for error in sorted(errors, key=lambda error: "errorMessage" not in error.schema):
                self.report(error)
        if "\\u" in text or "\\U" in text:  # YAML escapes are the only way to a lone surrogate
            self.find_surrogates(root, ())

    def usable(self, path: Path_) -> bool:
        """Whether the value at `path` is well-formed (its collection may still have problems)."""
        broken = self.broken
        return not broken or not any(path[:depth] in broken for depth in range(len(path) + 1))

    def add(self, pos: Pos, message: str, broken: Path_ | None) -> None:
        """A problem; `broken` is the path of a value the later checks must not use."""
        self.problems.append(Problem(self.path, pos[0] + 1, pos[1] + 1, message))
        if broken is not None:
            self.broken.add(broken)

    def report(self, error: Any) -> None:
        path = tuple(error.absolute_path)
        if "propertyNames" in error.absolute_schema_path:
            key = error.instance
            reason = f"it must be {_expected(error)}"
            if error.validator == "pattern":
                reason = (
                    error.schema.get("patternErrorMessage")
                    or f"it must match {error.validator_value!r}"
                )
            where = key_pos(_at(self.root, path), key)
            message = f"key {short(key)} in {_what(path)}: {reason}"
            self.add(where, message, (*path, key))
            return
        # One problem per value (the first keyword it fails); one report per object of its
        # missing or unknown keys (jsonschema yields an error per missing key).
        judged = (path, "value" if error.validator in VALUE_KEYWORDS else error.validator)
        if judged in self.judged:
            return
        self.judged.add(judged)
        for where, message, broken in _explain(error, path, self.root):
            self.add(where, message, broken)

    def find_surrogates(self, node: Any, path: Path_) -> None:
        items: Any = ()
        if isinstance(node, dict):
            for key in node:
                if isinstance(key, str) and _surrogate(key):
                    message = f"key {short(key)} in {_what(path)} {_surrogate(key)}"
                    self.add(key_pos(node, key), message, (*path, key))
            items = node.items()
        elif isinstance(node, list):
            items = enumerate(node)
        for step, value in items:
            if isinstance(value, str) and _surrogate(value):
                where = path_pos(self.root, (*path, step))
                message = f"{_label((*path, step))} {_surrogate(value)}"
                self.add(where, message, (*path, step))
            elif isinstance(value, (dict, list)):
                self.find_surrogates(value, (*path, step))


def _surrogate(text: str) -> str:
    try:
        text.encode("utf-8")
        return ""
    except UnicodeEncodeError as exc:
        char = text[exc.start]
        return (
            f"contains U+{ord(char):04X}, a lone surrogate that cannot be encoded as UTF-8; "
            f"remove the escape \\u{ord(char):04x} or complete its pair"
        )


def _at(root: Any, path: Path_) -> Any:
    node = root
    for step in path:
        node = node[step]
    return node


VALUE_KEYWORDS = frozenset({"type", "pattern", "enum", "const", "minimum", "maximum"})
ITEMS = {"codes": "a code", "groups": "a group", "response": "a 'response' envelope"}
KEYS = {"vendor": "the vendor"}
TYPE_WORDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def _what(path: Path_) -> str:
    """How a message names the collection at `path`."""
    if not path:
        return "the schema"
    if isinstance(path[-1], int):
        parent = path[-2] if len(path) > 1 else ""
        return ITEMS.get(str(parent), f"an item of '{parent}'")
    return KEYS.get(path[-1], f"'{path[-1]}'") if len(path) == 1 else f"'{path[-1]}'"


def _label(path: Path_) -> str:
    """How a message names the value at `path`."""
    if not path:
        return "the schema"
    if isinstance(path[-1], int):
        return f"an item of '{path[-2]}'" if len(path) > 1 else "an item"
    return f"'{path[-1]}' of {_what(path[:-1])}"


def _code_noun(path: Path_) -> str | None:
    """`code`, `alias` or `success code` for a path to a code value, else None."""
    if len(path) == 3 and path[0] == "codes" and path[-1] == "code":
        return "code"
    if len(path) >= 2 and isinstance(path[-1], int) and path[-2] == "aliases":
        return "alias"
    if len(path) == 3 and path[:2] == ("vendor", "success"):
        return "success code"
    return None


def _type_name(value: object) -> str:
    for name, test in TYPES.items():
        if test(value):
            return TYPE_WORDS[name] if name != "boolean" else "a boolean"
    if hasattr(value, "isoformat"):  # a date or a timestamp
        return "a date"
    return f"a {type(value).__name__}"


def _expected(error: Any) -> str:
    types = error.schema.get("type", [])
    wanted = [TYPE_WORDS[name] for name in ([types] if isinstance(types, str) else types)]
    return " or ".join(word for word in wanted if word != "empty") or "something else"


def _suggest(word: object, choices: list[str]) -> str:
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _type_message(error: Any, path: Path_) -> str:
    value, expected = error.instance, _expected(error)
    noun, reason = _code_noun(path), error.schema.get("errorMessage")
    if noun is not None:
        message = f"{noun} {short(value)} must be {expected}" + (f" ({reason})" if reason else "")
        digits = value.replace(",", "").replace("_", "").strip() if isinstance(value, str) else ""
        if expected == "an integer" and digits.isdigit():
            return f"{message}; write it as the integer {int(digits)}"
        if expected == "a string" and TYPES["number"](value):
            return f'{message}; quote it: "{value}"'
        return message
    if value is None:
        return f"{_label(path)} has no value; it must be {expected}"
    quote = "string" in str(error.schema.get("type")) and not isinstance(value, (dict, list))
    hint = ' (quote it: "...")' if quote else ""
    return f"{_label(path)} must be {expected}, not {_type_name(value)}{hint}"


def _explain(error: Any, path: Path_, root: Any) -> Iterator[tuple[Pos, str, Path_ | None]]:
    """Where and how to say one jsonschema error, and which value it makes unusable."""
    kind, arg, value, schema = error.validator, error.validator_value, error.instance, error.schema
    here = path_pos(root, path)
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in (key for key in value if key not in allowed):
            hint = _suggest(key, allowed) or f"; allowed keys are: {', '.join(allowed)}"
            yield key_pos(value, key), f"unknown key {short(key)} in {_what(path)}{hint}", None
    elif kind == "required":
        for key in (key for key in arg if key not in value):
            yield node_pos(value), f"{_what(path)} is missing the required key {key!r}", None
    elif kind == "anyOf" and all(set(sub) == {"required"} for sub in arg):
        keys = ", ".join(repr(key) for sub in arg for key in sub["required"])
        yield node_pos(value), f"{_what(path)} needs one of the keys {keys}", None
    elif kind == "uniqueItems":
        seen: set[Any] = set()
        for index, item in enumerate(value):
            if plain(item) and item in seen:
                where, twice = _item_pos(value, index), f"{_label(path)} lists {short(item)} twice"
                yield where, twice, (*path, index)
            seen.add(item if plain(item) else id(item))
    elif kind == "type":
        yield here, _type_message(error, path), path
    elif kind == "pattern":
        reason = schema.get("patternErrorMessage") or f"it must match {arg!r}"
        noun = _code_noun(path)
        label = f"{noun} {short(value)}" if noun else f"{_label(path)} is {short(value)}"
        yield here, f"{label}: {reason}", path
    elif kind == "enum":
        noun = path[-1] if path and isinstance(path[-1], str) else "item"
        noun = f"'{path[-2]}' item" if len(path) > 1 and noun == "item" else noun
        choices = [str(item) for item in arg]
        hint = _suggest(value, choices) or f"; use one of: {', '.join(choices)}"
        yield here, f"unknown {noun} {short(value)}{hint}", path
    elif kind == "const":
        name = path[-1] if path else "value"
        unsupported = f"{name} {short(value)} is not supported; this generator reads {name} {arg!r}"
        yield here, unsupported, path
    elif kind in ("minimum", "maximum"):
        reason = (
            schema.get("errorMessage")
            or f"it must be from {schema.get('minimum')} to {schema.get('maximum')}"
        )
        yield here, f"{_label(path)} is {short(value)}: {reason}", path
    elif kind == "minItems":
        reason = schema.get("errorMessage") or f"list at least {arg} item(s)"
        state = "is empty" if not value else "has too few items"
        yield here, f"{_label(path)} {state}; {reason}", path
    elif error.context:
        from jsonschema.exceptions import best_match  # type: ignore[import-untyped]

        best = best_match(error.context)
        yield from _explain(best, tuple(best.absolute_path), root)
    else:
        yield here, f"{_label(path)}: {short(error.message, 200)}", path
