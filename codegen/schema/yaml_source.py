"""Schema files as ruamel.yaml round-trip trees, read within bounds.

The round-trip tree keeps the line and column of every key, value and item (`.lc`), so that
each problem found later points at the place to fix; the helpers at the end read them.

Reading is bounded: only regular files of at most `SCHEMA_BYTES` (read by codegen.input_files,
as every input is), nested at most `MAX_DEPTH` levels, and at most `MAX_NODES` values once
aliases are expanded (a "billion laughs" document is refused before anything walks it). Every
refusal is a `SourceError` with a position.

ruamel.yaml's pure-Python scanner is slow, so when the optional C extension ruamel.yaml.clib is
installed, `_FastLoader` builds the same round-trip objects from libyaml's events instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from codegen import input_files
from codegen.diagnostics import clip, short
from codegen.input_files import SCHEMA_BYTES, InputError

_CParser: Any
try:  # libyaml's parser, from the optional ruamel.yaml.clib (see _FastLoader)
    from ruamel.yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]
except ImportError:
    _CParser = None

MAX_DEPTH = 64
MAX_NODES = 250_000  # values after alias expansion; the largest catalog has about 7,000

Pos = tuple[int, int]  # 0-based line and column, as ruamel.yaml counts


class SourceError(Exception):
    """The file cannot be read or parsed, at `pos`."""

    def __init__(self, pos: Pos, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


def read_text(path: Path) -> str:
    """The text of a schema, read by codegen.input_files: every refusal is a SourceError, at the
    first byte that is not UTF-8 if that is the problem."""
    try:
        return input_files.read_text(path, SCHEMA_BYTES, "schema")
    except InputError as exc:
        raise SourceError(exc.pos, exc.message) from None


def _index_pos(text: str, index: int) -> Pos:
    line = text.count("\n", 0, index)
    return line, index - (text.rfind("\n", 0, index) + 1)


class _BoundedComposer(Composer):
    """ruamel.yaml's composer, counting values with aliases expanded, and refusing cycles and
    keys that are not scalars. (Depth is bounded by ruamel.yaml's own `max_depth`.)"""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader=loader)
        self.sizes: dict[int, int] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        alias = self.parser.check_event(AliasEvent)
        mark = self.parser.peek_event().start_mark
        node = super().compose_node(parent, index)
        if alias:
            where = (mark.line, mark.column)
            if id(node) not in self.sizes:
                raise SourceError(where, "an alias refers to a value that contains it")
            if (
                isinstance(parent, MappingNode)
                and index is None
                and not isinstance(node, ScalarNode)
            ):
                raise SourceError(where, _COMPLEX_KEY)  # an alias used as a key
            return node
        size = 1
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if not isinstance(key, ScalarNode):
                    where = (key.start_mark.line, key.start_mark.column)
                    raise SourceError(where, _COMPLEX_KEY)
                size += self.sizes[id(key)] + self.sizes[id(value)]
        elif isinstance(node, SequenceNode):
            size += sum(self.sizes[id(item)] for item in node.value)
        if size > MAX_NODES:
            where = (node.start_mark.line, node.start_mark.column)
            raise SourceError(where, f"aliases expand this to more than {MAX_NODES} values")
        self.sizes[id(node)] = size
        return node


_COMPLEX_KEY = "a key must be a single value, not a list or a mapping"
DEEP = f"the YAML is nested more than {MAX_DEPTH} levels deep"


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_DEPTH
    yaml.Composer = _BoundedComposer
    return yaml


class _Unsupported(Exception):
    """Input that _FastLoader leaves to the round-trip loader."""


class _FastLoader:
    """Builds what `_yaml().load(text)` returns, from libyaml's events: over ten times faster.

    The result is the same: CommentedMap and CommentedSeq with the same line/column data, and
    scalars typed by ruamel.yaml's own resolver and constructor (YAML 1.2). That holds for the
    plain subset schemas are written in; on anything else (anchors, aliases, tags, directives,
    merge keys, block scalars, empty values, several documents, any error, ...) `load` raises
    _Unsupported and the caller uses the round-trip loader, which also words every error.
    Nesting deeper than MAX_DEPTH it refuses itself, at the node where ruamel.yaml would.
    """

    # libyaml counts lines or columns differently at NEL, LS, PS and a BOM, and it accepts
    # tabs in places where ruamel.yaml refuses them.
    UNSUPPORTED_CHARACTERS = "\x85\u2028\u2029\ufeff\t"
    STR = "tag:yaml.org,2002:str"
    NULL = "tag:yaml.org,2002:null"
    TYPED = frozenset(f"tag:yaml.org,2002:{name}" for name in ("bool", "int", "float", "timestamp"))

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
        root = self.node(self.events.get_event(), 1)
        self.events.get_event()  # DocumentEndEvent
        if not isinstance(self.events.get_event(), StreamEndEvent):
            raise _Unsupported  # a second document
        return root

    def node(self, event: Any, depth: int) -> Any:
        # Anchors, aliases and explicit tags are rare and intricate in the round-trip constructor.
        if isinstance(event, AliasEvent) or event.anchor is not None or event.ctag is not None:
            raise _Unsupported
        if depth > MAX_DEPTH:  # where ruamel.yaml's max_depth refuses it, but in linear time
            raise SourceError((event.start_mark.line, event.start_mark.column), DEEP)
        if isinstance(event, ScalarEvent):
            return self.scalar(event)
        if isinstance(event, MappingStartEvent):
            return self.mapping(event, depth)
        seq = CommentedSeq()  # a SequenceStartEvent
        seq.lc.line, seq.lc.col = event.start_mark.line, event.start_mark.column
        while not isinstance(item_event := self.events.get_event(), SequenceEndEvent):
            item_mark = item_event.start_mark
            seq.lc.add_idx_line_col(len(seq), [item_mark.line, item_mark.column])
            seq.append(self.node(item_event, depth + 1))
        return seq

    def mapping(self, event: Any, depth: int) -> CommentedMap:
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


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH where ruamel.yaml would, but in linear time.

    ruamel.yaml's scanner takes quadratic time on deep flow nesting (`[[[[...`), so a document
    the fast loader leaves to it is first measured with libyaml's events. A node's depth counts
    it and the collections around it, as ruamel.yaml's `max_depth` does; aliases do not count.
    """
    events, depth = _CParser(text), 0
    try:
        while not isinstance(event := events.get_event(), (DocumentEndEvent, StreamEndEvent)):
            if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, (MappingStartEvent, SequenceStartEvent, ScalarEvent)):
                if depth + 1 > MAX_DEPTH:
                    raise SourceError((event.start_mark.line, event.start_mark.column), DEEP)
                depth += not isinstance(event, ScalarEvent)
    except SourceError:
        raise
    except Exception:
        return  # an error of libyaml's own: the round-trip loader words it


def _join_surrogate_pairs(node: Any, seen: set[int]) -> None:
    """Texts with a UTF-16 surrogate pair written as two escapes, as JSON writes them: joined
    into the character they mean. (A lone surrogate stays, and is refused later.)"""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, dict):
        places: Any = list(dict.items(node))
    elif isinstance(node, list):
        places = list(enumerate(node))
    else:
        return
    for place, value in places:
        if isinstance(value, str) and any("\ud800" <= char <= "\udfff" for char in value):
            joined = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
            if isinstance(node, dict):
                dict.__setitem__(node, place, joined)
            else:
                list.__setitem__(node, place, joined)
        else:
            _join_surrogate_pairs(value, seen)


def _locate_construction_error(text: str, error: Exception) -> SourceError:
    """Where and why the round-trip loader failed with something other than a YAMLError.

    The text parsed but a value could not be built (an impossible date such as 2024-13-45):
    compose it again, without building values, and try each scalar on its own.
    """
    yaml = _yaml()
    pending: list[Node] = [yaml.compose(text)]
    seen: set[int] = set()
    while pending:
        node = pending.pop()
        if id(node) in seen:  # an aliased node: tried once is enough
            continue
        seen.add(id(node))
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
                return SourceError(
                    (mark.line, mark.column),
                    f"{short(node.value)} cannot be read as YAML: {clip(str(exc))}; "
                    "quote it if it is meant as text",
                )
    return SourceError((0, 0), f"YAML error: {type(error).__name__}: {clip(str(error))}")


def _syntax_error(exc: MarkedYAMLError) -> SourceError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line, mark.column) if mark is not None else (0, 0)
    if "maximum depth" in str(exc.problem):
        return SourceError((line, col), DEEP)
    what = " ".join(clip(str(part)) for part in (exc.context, exc.problem) if part)
    start = exc.context_mark
    if start is not None and exc.problem_mark is not None and start.line != line:
        what += f" (the construct began at line {start.line + 1}, column {start.column + 1})"
    return SourceError((line, col), f"YAML syntax error: {what}")


def parse(text: str) -> Any:
    """The round-trip tree of `text` (None if it has no document); SourceError if it has none."""
    if _CParser is not None:
        try:
            return _FastLoader(text).load()
        except SourceError:
            raise
        except Exception:
            # _Unsupported, or an error: the round-trip loader reports it in its own words, and
            # in its own order (it parses the whole file before it constructs any value).
            _check_depth(text)
    try:
        root = _yaml().load(text)
        if "\\u" in text:  # ruamel.yaml leaves "\ud83d\ude00" as two halves of a pair
            _join_surrogate_pairs(root, set())
        return root
    except SourceError:
        raise
    except MarkedYAMLError as exc:
        raise _syntax_error(exc) from None
    except ReaderError as exc:  # a character YAML does not allow, such as NUL
        char = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        )
        message = (
            f"the character U+{char:04X} is not allowed in YAML; remove it or write it as an escape"
        )
        raise SourceError(_index_pos(text, exc.position), message) from None
    except YAMLError as exc:  # errors without a position
        raise SourceError((0, 0), f"YAML error: {clip(str(exc))}") from None
    except RecursionError:
        raise SourceError((0, 0), "the YAML is nested too deeply") from None
    except Exception as exc:  # ruamel.yaml fails outside its own error classes on some input
        try:
            raise _locate_construction_error(text, exc) from None
        except (YAMLError, RecursionError):
            raise SourceError((0, 0), f"YAML error: {clip(str(exc))}") from None


# -- positions ----------------------------------------------------------------------------


def node_pos(node: Any) -> Pos:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return (0, 0)
    return (lc.line, lc.col)


def key_pos(mapping: Any, key: Any) -> Pos:
    if key not in mapping.lc.data:  # merged in by `<<: *anchor`: no position of its own
        return node_pos(mapping)
    line, col = mapping.lc.key(key)
    return (line, col)


def value_pos(mapping: Any, key: Any) -> Pos:
    value = mapping.get(key)
    if isinstance(value, (CommentedMap, CommentedSeq)) and value.lc.line is not None:
        return (value.lc.line, value.lc.col)
    if key not in mapping.lc.data:
        return node_pos(mapping)
    line, col = mapping.lc.value(key)
    return (line, col)


def item_pos(seq: Any, index: int) -> Pos:
    if index not in seq.lc.data:
        return node_pos(seq)
    line, col = seq.lc.item(index)
    return (line, col)


def path_pos(root: Any, path: tuple[Any, ...]) -> Pos:
    """The position of the value at `path` (keys and indexes) below `root`."""
    pos = node_pos(root)
    node = root
    for step in path:
        if isinstance(node, CommentedMap) and step in node:
            pos, node = value_pos(node, step), node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            pos, node = item_pos(node, step), node[step]
        else:
            break
    return pos
