"""A fast yes/no answer to "is this document valid against the JSON Schema?".

jsonschema words the problems, but importing and running it costs more than loading every
catalog, and nearly every document it would see is valid. `compile_schema` turns the schema into
plain Python checks that answer exactly as jsonschema does, for the keywords the catalog schema
uses; any other keyword (or a comparison whose JSON semantics differ from Python's) raises
`Unknown`, and jsonschema decides. The types and the pattern semantics here are also the ones
jsonschema is given (see `structure`), so the two cannot disagree on them.

Mappings are read with `dict` methods: ruamel.yaml's CommentedMap stores keys merged in by
`<<` in the mapping itself, so these see what jsonschema sees through the Mapping interface.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

TYPES: dict[str, Check] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
}
# Keywords that only describe; neither interpreter validates anything with them.
ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "title", "description", "default", "examples"}
    | {"patternErrorMessage", "errorMessage", "markdownDescription", "deprecated"}
    | {"then", "else"}  # applied by "if"
)
_MISSING = object()


class Unknown(Exception):
    """Something this module does not interpret: ask jsonschema."""


def pattern_test(pattern: str) -> Check:
    """ECMA-262 semantics: a final `$` is the end of the text, not "before a final newline"."""
    search, anchored = re.compile(pattern).search, pattern.endswith("$")

    def test(text: Any) -> bool:
        match = search(text)
        return match is not None and (not anchored or match.end() == len(text))

    return test


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]

    def check(value: Any) -> bool:
        for each in checks:
            if not each(value):
                return False
        return True

    return check


def compile_schema(schema: Any) -> Check:
    """The check of `schema`; raises Unknown if it uses a keyword not interpreted here."""
    if schema is True or schema is False:
        return lambda value: bool(schema)
    checks = []
    for keyword, arg in schema.items():
        if keyword in ANNOTATIONS:
            continue
        make = _KEYWORDS.get(keyword)
        if make is None:
            raise Unknown(keyword)
        checks.append(make(arg, schema))
    return _all(checks) if checks else (lambda value: True)


def _type(arg: Any, schema: Any) -> Check:
    tests = [TYPES[name] for name in ([arg] if isinstance(arg, str) else arg)]
    if len(tests) == 1:
        return tests[0]
    return lambda value: any(test(value) for test in tests)


def plain(value: Any) -> bool:
    """A value that Python's == compares exactly as JSON Schema does."""
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def _enum(arg: list[Any], schema: Any) -> Check:
    if not all(isinstance(item, str) for item in arg):
        raise Unknown("enum")
    allowed = frozenset(arg)
    return lambda value: isinstance(value, str) and value in allowed


def _const(arg: Any, schema: Any) -> Check:
    if not plain(arg):
        raise Unknown("const")

    def check(value: Any) -> bool:
        if not plain(value):
            raise Unknown("const")
        return type(value) is type(arg) and bool(value == arg)

    return check


def _properties(arg: dict[str, Any], schema: Any) -> Check:
    subs = [(key, compile_schema(sub)) for key, sub in arg.items()]

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for key, sub in subs:
            item = dict.get(value, key, _MISSING)
            if item is not _MISSING and not sub(item):
                return False
        return True

    return check


def _additional(arg: Any, schema: dict[str, Any]) -> Check:
    if "patternProperties" in schema:
        raise Unknown("patternProperties")
    known = frozenset(schema.get("properties", {}))
    if arg is False:
        return lambda value: not isinstance(value, dict) or dict.keys(value) <= known
    sub = compile_schema(arg)
    return lambda value: not isinstance(value, dict) or all(
        sub(item) for key, item in dict.items(value) if key not in known
    )


def _unique(arg: bool, schema: Any) -> Check:
    def check(value: Any) -> bool:
        if not arg or not isinstance(value, list):
            return True
        if not all(isinstance(item, str) for item in value):
            raise Unknown("uniqueItems")
        return len(set(value)) == len(value)

    return check


def _if(arg: Any, schema: dict[str, Any]) -> Check:
    condition = compile_schema(arg)
    then, otherwise = compile_schema(schema.get("then", True)), compile_schema(
        schema.get("else", True)
    )
    return lambda value: then(value) if condition(value) else otherwise(value)


def _number(arg: Any, test: Callable[[Any, Any], bool]) -> Check:
    return lambda value: not TYPES["number"](value) or test(value, arg)


def _each(check: Check) -> Callable[[Any], bool]:
    return lambda items: all(check(item) for item in items)


_KEYWORDS: dict[str, Callable[[Any, Any], Check]] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "pattern": lambda arg, s: (lambda test: lambda v: not isinstance(v, str) or test(v))(
        pattern_test(arg)
    ),
    "minLength": lambda arg, s: lambda v: not isinstance(v, str) or len(v) >= arg,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": lambda arg, s: lambda v: not isinstance(v, dict)
    or all(dict.__contains__(v, key) for key in arg),
    "propertyNames": lambda arg, s: (
        lambda each: lambda v: not isinstance(v, dict) or each(dict.keys(v))
    )(_each(compile_schema(arg))),
    "items": lambda arg, s: (lambda each: lambda v: not isinstance(v, list) or each(v))(
        _each(compile_schema(arg))
    ),
    "minItems": lambda arg, s: lambda v: not isinstance(v, list) or len(v) >= arg,
    "uniqueItems": _unique,
    "minimum": lambda arg, s: _number(arg, lambda value, bound: value >= bound),
    "maximum": lambda arg, s: _number(arg, lambda value, bound: value <= bound),
    "allOf": lambda arg, s: _all([compile_schema(sub) for sub in arg] or [lambda v: True]),
    "anyOf": lambda arg, s: (lambda subs: lambda v: any(sub(v) for sub in subs))(
        [compile_schema(sub) for sub in arg]
    ),
    "oneOf": lambda arg, s: (lambda subs: lambda v: sum(sub(v) for sub in subs) == 1)(
        [compile_schema(sub) for sub in arg]
    ),
    "not": lambda arg, s: (lambda sub: lambda v: not sub(v))(compile_schema(arg)),
    "if": _if,
}
