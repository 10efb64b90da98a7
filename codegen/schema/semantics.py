"""The checks of one schema that span its values: what a JSON Schema cannot say.

Uniqueness (naming the first use), group parents and cycles, class names that are reserved or
shadow a builtin, the naming rule, former names, translations, contradictions. Every check reads
values through `File.get`, which hides the values the structural pass found malformed, so each
runs on well-typed input and a problem elsewhere in the file hides nothing.

Positions are worked out only for messages: a value's place is kept as `At` (its mapping and
key, or its list and index) until a problem needs its line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from codegen.diagnostics import Problem, short
from codegen.schema.model import Code
from codegen.schema.names import (
    class_name_problem,
    default_exception_name,
    is_member_name,
    naming_warnings,
)
from codegen.schema.structure import Path_, Structure
from codegen.schema.yaml_source import Pos, item_pos, key_pos, value_pos

At = tuple[Any, Any]  # (mapping, key) or (list, index)


def pos_of(at: At) -> Pos:
    container, key = at
    return value_pos(container, key) if isinstance(container, dict) else item_pos(container, key)


@dataclass(slots=True)
class Seen:
    """The first use of a value that must be unique: where, and what used it."""

    at: At
    what: str

    @property
    def line(self) -> int:
        return pos_of(self.at)[0] + 1


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class File:
    """One schema being checked: its tree, what the structural pass trusts, its problems."""

    def __init__(self, path: str, root: Any, structure: Structure) -> None:
        self.path = path
        self.root = root
        self.structure = structure
        self.problems: list[Problem] = []

    def error(self, at: At | Pos, message: str, severity: Any = "error") -> None:
        line, col = pos_of(at) if not isinstance(at[0], int) else at
        self.problems.append(Problem(self.path, line + 1, col + 1, message, severity))

    def warn(self, at: At | Pos, message: str) -> None:
        self.error(at, message, "warning")

    def get(self, node: Any, key: str, path: Path_) -> Any:
        """The value of `key`, or None if it is absent, empty or malformed."""
        # dict.get: ruamel.yaml keeps keys merged in by `<<` in the mapping itself.
        value = dict.get(node, key) if isinstance(node, dict) else None
        if value is None or not self.structure.usable((*path, key)):
            return None
        return value

    def items(self, node: Any, key: str, path: Path_) -> list[tuple[At, Any, Path_]]:
        """The well-formed items of the list at `key`, with their places and paths."""
        seq = self.get(node, key, path)
        if seq is None:
            return []
        usable = self.structure.usable
        places = (((seq, i), item, (*path, key, i)) for i, item in enumerate(seq))
        return [(at, item, where) for at, item, where in places if usable(where)]

    def class_name(
        self, name: str, at: At, prefix: str | None, classes: dict[str, Seen], what: str
    ) -> None:
        """A class of the vendor module: not reserved, not a builtin, not used twice."""
        problem = class_name_problem(name, prefix, what)
        if problem is not None:
            self.error(at, problem)
        elif name in classes:
            first = classes[name]
            message = (
                f"duplicate class name {name!r} of {what}; "
                f"already used at line {first.line} by {first.what}"
            )
            self.error(at, message)
        else:
            classes[name] = Seen(at, what)


def check_groups(
    file: File, top: Any, prefix: str | None, classes: dict[str, Seen]
) -> dict[str, Seen] | None:
    """The groups by id (None if some id is malformed); their class names go into `classes`."""
    groups: dict[str, Seen] = {}
    parents: dict[str, tuple[str, At]] = {}
    items = file.items(top, "groups", ())
    # An unknown group could be one whose id is malformed: then say nothing of group ids.
    complete = dict.get(top, "groups") is None or len(items) == len(
        file.get(top, "groups", ()) or [None]
    )
    for _, node, path in items:
        group_id, name = file.get(node, "id", path), file.get(node, "name", path)
        complete = complete and group_id is not None
        if group_id in groups:
            file.error(
                (node, "id"),
                f"duplicate group id {group_id!r}; first defined at line {groups[group_id].line}",
            )
        elif group_id is not None:
            groups[group_id] = Seen((node, "id"), f"group {group_id!r}")
            parent = file.get(node, "parent", path)
            if parent is not None:
                parents[group_id] = (parent, (node, "parent"))
        if name is not None:
            file.class_name(name, (node, "name"), prefix, classes, f"group {group_id!r}")
    if not complete:
        return None
    for group_id, (parent, at) in parents.items():
        if parent not in groups:
            file.error(at, f"unknown parent group {parent!r}{_suggest(parent, groups)}")
            continue
        chain, current = [group_id], parent
        while current in parents and current not in chain:
            chain.append(current)
            current = parents[current][0]
        if current == group_id:
            file.error(at, f"group cycle: {' -> '.join([*chain, group_id])}")
    return groups


# A catalog with more codes than this is grouped: a flat list is no longer catchable by subject.
GROUPED_ABOVE = 30


def check_codes(
    file: File,
    top: Any,
    groups: dict[str, Seen] | None,
    classes: dict[str, Seen],
    *,
    prefix: str | None,
    locale: str | None,
    success: list[tuple[Code, At]],
) -> None:
    codes = _Codes(file, groups, classes, prefix, locale)
    for code, at in success:
        codes.unique(code, at, "a success code")
    entries = file.items(top, "codes", ())
    for _, node, path in entries:
        codes.entry(node, path)
    if len(entries) > GROUPED_ABOVE and dict.get(top, "groups") is None:
        file.warn(
            key_pos(top, "codes"),
            f"{len(entries)} codes and no groups: a catalog of more than {GROUPED_ABOVE} codes "
            "groups them by subject, so that users can catch a subject (except AuthingLoginError); "
            "add 'groups:' and a 'group:' on each code",
        )
    former = _FormerNames(file, prefix, codes.names, classes)
    for node, path, own_class, label in codes.renamed:
        former.check(node, path, own_class, label)


# UPPER_SNAKE names the generated enum's class body itself uses: a member so named would
# replace them while the class is built.
RESERVED_MEMBERS = {"TYPE_CHECKING": "typing.TYPE_CHECKING"}


class _Codes:
    """The checks of `codes:` that span entries: uniqueness, contradictions, names."""

    def __init__(
        self,
        file: File,
        groups: dict[str, Seen] | None,
        classes: dict[str, Seen],
        prefix: str | None,
        locale: str | None,
    ) -> None:
        self.file, self.groups, self.classes = file, groups, classes
        self.prefix, self.locale = prefix, locale
        self.codes: dict[Code, Seen] = {}
        self.names: dict[str, Seen] = {}
        self.messages: dict[str, tuple[Code | None, bool, At]] = {}
        self.renamed: list[tuple[Any, Path_, str | None, str]] = []

    def unique(self, code: Code, at: At, what: str) -> None:
        first = self.codes.get(code)
        if first is None:
            self.codes[code] = Seen(at, what)
        elif first.what == "a success code" and what != first.what:
            message = (
                f"code {short(code)} is also a success code (line {first.line}): "
                "a code cannot mean success and an error"
            )
            self.file.error(at, message)
        else:
            self.file.error(
                at, f"duplicate code {short(code)}; first used at line {first.line} as {first.what}"
            )

    def entry(self, node: Any, path: Path_) -> None:
        file = self.file
        code, name = file.get(node, "code", path), file.get(node, "name", path)
        label = f"code {short(code)}" if code is not None else "this code"
        if code is not None:
            self.unique(code, (node, "code"), f"the code of {name or label}")
        if name is not None:
            if name in self.names:
                first = self.names[name]
                file.error(
                    (node, "name"),
                    f"duplicate name {name!r}; already used at line {first.line} by {first.what}",
                )
            else:
                self.names[name] = Seen((node, "name"), label)
            if name in RESERVED_MEMBERS:
                file.error(
                    (node, "name"),
                    f"name {name!r} would shadow {RESERVED_MEMBERS[name]} inside the generated "
                    f"enum; choose another name, e.g. {name + '_CODE'!r}",
                )
            for warning in naming_warnings(name):
                file.warn((node, "name"), warning)
        group = file.get(node, "group", path)
        if group is not None and self.groups is not None and group not in self.groups:
            known = (
                f"; known groups: {', '.join(self.groups)}"
                if self.groups
                else "; define it under groups:"
            )
            file.error(
                (node, "group"), f"unknown group {group!r}{_suggest(group, self.groups) or known}"
            )
        for at, alias, _ in file.items(node, "aliases", path):
            self.unique(alias, at, f"an alias of {name or label}")
        exception, at = file.get(node, "exception", path), (node, "exception")
        if exception is None and dict.get(node, "exception") is None and name is not None:
            exception, at = default_exception_name(name), (node, "name")
        if exception is not None:
            file.class_name(exception, at, self.prefix, self.classes, label)
        check_translations(file, node, path, self.locale)
        self.renamed.append((node, path, exception, label))
        if file.get(node, "origin", path) == "traffic" and dict.get(node, "note") is None:
            file.warn(
                key_pos(node, "origin"),
                f"{label} is not on the vendor's page: say in a 'note' where it was seen "
                "(the SDK's repository, file and function, a later page, a bug report)",
            )
        review = [str(item) for _, item, _ in file.items(node, "review", path)]
        if review:
            guessed = ", ".join(review)
            message = f"{label} is a draft: review its {guessed}, then remove 'review'"
            file.warn(key_pos(node, "review"), message)
        self.same_message(node, path, code)

    def same_message(self, node: Any, path: Path_, code: Code | None) -> None:
        message = self.file.get(node, "message", path)
        if message is None:
            return
        has_note = dict.get(node, "note") is not None
        first = self.messages.get(message)
        if first is None:
            self.messages[message] = (code, has_note, (node, "message"))
        elif not (has_note and first[1]):
            self.file.warn(
                (node, "message"),
                f"code {short(code)} has the same message as code {short(first[0])} "
                f"(line {pos_of(first[2])[0] + 1}); "
                "if the vendor really does this, say so in a 'note' on both",
            )


def check_translations(file: File, node: Any, path: Path_, locale: str | None) -> None:
    """No translation in the vendor's own locale, no two locales that differ only in case."""
    table = file.get(node, "translations", path)
    seen: dict[str, tuple[str, int]] = {}
    for tag in table or ():
        if not isinstance(tag, str) or not file.structure.usable((*path, "translations", tag)):
            continue
        where = key_pos(table, tag)
        if locale is not None and tag.lower() == locale.lower():
            message = (
                f"translation {tag!r} is in the vendor's own locale {locale!r}; "
                "that text is the 'message'"
            )
            file.error(where, message)
        elif tag.lower() in seen:
            first, line = seen[tag.lower()]
            file.error(
                where,
                f"translation locale {tag!r} differs from {first!r} (line {line}) only in case",
            )
        else:
            seen[tag.lower()] = (tag, where[0] + 1)


class _FormerNames:
    """`renamed_from`: former names stay as deprecated aliases, so they must be free.

    An UPPER_SNAKE item is a former member name, and its default class name a former class
    name (unless the entry's class kept that name); a CamelCase item is a former class name.
    """

    def __init__(
        self, file: File, prefix: str | None, names: dict[str, Seen], classes: dict[str, Seen]
    ) -> None:
        self.file, self.prefix = file, prefix
        self.current = {"member": names, "class": classes}
        self.former: dict[str, dict[str, Seen]] = {"member": {}, "class": {}}

    def check(self, node: Any, path: Path_, own_class: str | None, label: str) -> None:
        for at, old, _ in self.file.items(node, "renamed_from", path):
            if not is_member_name(old):
                self.add("class", old, at, label, "")
                continue
            self.add("member", old, at, label, "")
            old_class = default_exception_name(old)
            if old_class != own_class:
                self.add("class", old_class, at, label, f" (the class of {old})")

    def add(self, space: str, old: str, at: At, label: str, via: str) -> None:
        current, former = self.current[space], self.former[space]
        problem = None
        if space == "class":
            problem = class_name_problem(old, self.prefix, f"a former name of {label}")
        if problem is None and old in current:
            first = current[old]
            problem = (
                f"former name {old!r}{via} of {label} is the current name of "
                f"{first.what} (line {first.line})"
            )
        elif problem is None and old in former:
            first = former[old]
            problem = (
                f"former name {old!r}{via} of {label} is already a former name of "
                f"{first.what} (line {first.line})"
            )
        if problem is not None:
            self.file.error(at, problem)
        else:
            former[old] = Seen(at, label)
