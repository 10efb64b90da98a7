"""What one vendor of the generated package shows its users, computed from the model.

`codegen diff` compares two of these. Everything here is a fact a caller can depend on: the
names they import and write (`IamCode.TOKEN_EXPIRED`, `TokenExpiredError`, the deprecated
aliases that `renamed_from` keeps), the codes `lookup` answers, which `except` clauses catch
an error, and the values its members carry.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from codegen import data_dir
from codegen.schema.model import Code, Entry, Group, Vendor
from codegen.schema.names import old_class_names, old_member_names

RUNTIME_MESSAGES = Path(data_dir("runtime"), "_messages.py")


def code_key(code: Code) -> str:
    """A code as a text, so that `1001` and `"1001"` meet when a vendor's code_type changes."""
    return str(code)


@cache
def _param_reader() -> Callable[[str], tuple[str, ...]]:
    """The runtime's own reading of placeholders, loaded from its source file."""
    spec = importlib.util.spec_from_file_location("_catalog_runtime_messages", RUNTIME_MESSAGES)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    read: Callable[[str], tuple[str, ...]] = module.params
    return read


def params(message: str) -> tuple[str, ...]:
    """`member.params`: the names `member.format(...)` needs for this message."""
    return _param_reader()(message)


@dataclass(frozen=True, slots=True)
class Surface:
    """One vendor's public names and facts."""

    vendor: Vendor
    by_code: dict[str, Entry] = field(default_factory=dict)  # primary code -> entry
    by_lookup: dict[str, Entry] = field(default_factory=dict)  # code or alias -> entry
    by_name: dict[str, Entry] = field(default_factory=dict)  # member or member alias -> entry
    by_class: dict[str, Entry] = field(default_factory=dict)  # exception or class alias -> entry
    groups: dict[str, Group] = field(default_factory=dict)  # group id -> group

    @classmethod
    def of(cls, vendor: Vendor) -> Surface:
        surface = cls(vendor)
        surface.groups.update((group.id, group) for group in vendor.groups)
        for entry in vendor.entries:
            surface.by_code[code_key(entry.code)] = entry
            for code in (entry.code, *entry.aliases):
                surface.by_lookup[code_key(code)] = entry
            for name in (entry.name, *old_member_names(entry)):
                surface.by_name[name] = entry
            for name in (entry.exception, *old_class_names(entry)):
                surface.by_class[name] = entry
        return surface

    def member(self, name: str) -> str:
        """`IamCode.TOKEN_EXPIRED`."""
        return f"{self.vendor.code_class}.{name}"

    def group_chain(self, group_id: str | None) -> tuple[str, ...]:
        """The group classes a code of `group_id` derives from, nearest first."""
        chain: list[str] = []
        while group_id is not None and group_id in self.groups:
            group = self.groups[group_id]
            if group.name in chain:
                break  # a cycle; the loader refuses these
            chain.append(group.name)
            group_id = group.parent
        return tuple(chain)

    def catchers(self, entry: Entry) -> frozenset[str]:
        """Every catalog class whose `except` catches this code's exception."""
        return frozenset(
            (entry.exception, *self.group_chain(entry.group), self.vendor.error_class)
        ) | {entry.kind.exception}
