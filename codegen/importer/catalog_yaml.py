"""A catalog's YAML as its authors write it: read so that an unedited round trip gives back
every byte (`load_faithfully`), values built in the catalogs' quoting and flow style, and
insertions that keep the comments where they stand.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString
from ruamel.yaml.tokens import CommentToken

from codegen.importer.page_codes import Code

# The order keys of a code entry are written in (the order the curated catalogs use).
KEY_ORDER = (
    "code", "name", "message", "kind", "description", "remedy", "http_status", "group",
    "aliases", "retryable", "deprecated", "exception", "translations", "renamed_from",
    "origin", "breaking_ok", "note", "review",
)  # fmt: skip
# Sequence layouts tried, in order, for a faithful round trip: (mapping, sequence, offset).
INDENTS = ((2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 4, 0))


class EditError(Exception):
    """The catalog file cannot be edited without changing bytes it should keep."""


def round_trip(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 30  # never fold a long text onto a second line
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return yaml


def dump(yaml: YAML, doc: Any) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def load_faithfully(text: str) -> tuple[YAML, CommentedMap]:
    """The document, and a YAML instance that writes it back unchanged, byte for byte."""
    first_difference = 0
    for indent in INDENTS:
        yaml = round_trip(indent)
        doc = yaml.load(text)
        again = dump(yaml, doc)
        if again == text:
            return yaml, doc
        lines, other = text.splitlines(), again.splitlines()
        first_difference = next(
            (n for n, (a, b) in enumerate(zip(lines, other, strict=False), 1) if a != b),
            min(len(lines), len(other)) + 1,
        )
    raise EditError(
        "a YAML round trip would change this file besides the imported rows (first at line "
        f"{first_difference}); nothing written"
    )


# -- building values in the catalogs' style ----------------------------------------------------


def quoted(value: object) -> object:
    return DoubleQuotedScalarString(value) if isinstance(value, str) else value


def flow_seq(values: list[Any], quote: bool) -> CommentedSeq:
    seq = CommentedSeq([quoted(v) if quote else v for v in values])
    seq.fa.set_flow_style()
    return seq


def flow_map(values: dict[str, str]) -> CommentedMap:
    table = CommentedMap((key, DoubleQuotedScalarString(text)) for key, text in values.items())
    table.fa.set_flow_style()
    return table


def like(old: object, new: object) -> object:
    """`new` written in the quoting style of `old` (a plain value stays plain)."""
    if isinstance(old, ScalarString) and isinstance(new, str):
        return type(old)(new)
    return new


def code_of(value: object) -> Code:
    return value if isinstance(value, int) and not isinstance(value, bool) else str(value)


# -- comments: a full-line comment after an item belongs before the next one ----------------
#
# ruamel.yaml attaches the comment lines that follow an item to that item's last line. When
# something is inserted right after the item, those lines move to the end of the new item, so
# that they stay just above what follows them in the file.


def _is_block(value: object) -> bool:
    return (
        isinstance(value, (CommentedMap, CommentedSeq))
        and bool(value)
        and not value.fa.flow_style()
    )


def _last_key(node: CommentedMap | CommentedSeq) -> Any:
    return len(node) - 1 if isinstance(node, CommentedSeq) else list(node)[-1]


def _slot(container: CommentedMap | CommentedSeq, key: Any) -> tuple[list[Any], int] | None:
    """Where the comment after item `key` (and its whole block) is kept: (the list, index)."""
    value = container[key]
    if _is_block(value):
        inner = _slot(value, _last_key(value))
        if inner is not None:
            return inner
    entry = container.ca.items.get(key)
    index = 0 if isinstance(container, CommentedSeq) else 2
    return (entry, index) if entry is not None and entry[index] is not None else None


def _take_comment_lines(container: CommentedMap | CommentedSeq, key: Any) -> str:
    """Remove and return the whole comment lines that follow item `key` (its end-of-line
    comment stays)."""
    slot = _slot(container, key)
    if slot is None:
        return ""
    entry, index = slot
    text: str = entry[index].value
    head, newline, rest = text.partition("\n")
    if rest:
        if head.strip():
            entry[index].value = head + newline
        else:
            entry[index] = None
    return rest


def _put_comment_lines(container: CommentedMap | CommentedSeq, key: Any, lines: str) -> None:
    """Write comment `lines` after item `key`, which has no comment of its own."""
    if not lines:
        return
    value = container[key]
    if _is_block(value):
        _put_comment_lines(value, _last_key(value), lines)
        return
    token = CommentToken("\n" + lines, CommentMark(0), None)
    if isinstance(container, CommentedSeq):
        container.ca.items[key] = [token, None, None, None]
    else:
        container.ca.items[key] = [None, None, token, None]


def move_comment_lines(seq: CommentedSeq, source: int, target: int) -> None:
    """Move the whole comment lines that follow item `source` to after item `target`."""
    _put_comment_lines(seq, target, _take_comment_lines(seq, source))


def insert_item(seq: CommentedSeq, at: int, value: object) -> None:
    """Insert into `seq` at `at`; the comment lines that followed the item before stay
    where they were, just above the item after."""
    lines = _take_comment_lines(seq, at - 1) if at > 0 else ""
    seq.insert(at, value)
    _put_comment_lines(seq, at, lines)


def insert_key(node: CommentedMap, key: str, value: object) -> None:
    """Add `key` where KEY_ORDER puts it among the keys the entry already has."""
    rank = KEY_ORDER.index(key) if key in KEY_ORDER else len(KEY_ORDER)
    keys = list(node)
    position = next(
        (i for i, k in enumerate(keys) if k in KEY_ORDER and KEY_ORDER.index(k) > rank), len(keys)
    )
    lines = _take_comment_lines(node, keys[position - 1]) if position > 0 else ""
    node.insert(position, key, value)
    _put_comment_lines(node, key, lines)
