"""Compare two catalogs and classify every change to the generated package's public API and
behaviour as breaking, compatible or patch (README.md, "Changing a catalog", has the table).

Old and new are matched by what a caller holds on to: vendors by id, codes by their code (then
by member name, `renamed_from`, or an alias that took the old code over), groups by id (then
by class name), envelopes by the paths they recognise a failure by. Each change points at the
line of the changed key in the new schema, or in the old one for what was removed.

The rules live in `codegen.diff.rules` (the vendor's fields, envelopes and groups) and
`codegen.diff.entries` (its codes); `VendorDiff` records what they find for one vendor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from codegen.diff import entries, rules
from codegen.diff.record import Change, Side, VendorDiff
from codegen.diff.surface import Surface
from codegen.schema.model import Catalog, Vendor
from codegen.schema.yaml_source import SourceError, parse, read_text


class Locator:
    """Lines of keys in one schema file, read again with positions (only when needed), through
    the loader's own bounded reader."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._root: Any = None
        self._read = False

    def root(self) -> Any:
        if not self._read:
            self._read = True
            try:
                self._root = parse(read_text(self.path))
            except SourceError:  # the loader accepted it; a position is a nicety, not a need
                self._root = None
        return self._root

    def line(self, *steps: str | int) -> int | None:
        """1-based line of the deepest of `steps` that exists (keys of mappings, indexes of
        lists), or None when not even the first does."""
        node, found = self.root(), None
        for step in steps:
            if isinstance(node, CommentedMap) and step in node and step in node.lc.data:
                found = node.lc.key(step)[0]
                node = node[step]
            elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
                found = node.lc.item(step)[0]
                node = node[step]
            else:
                break
        return None if found is None else int(found) + 1


# The rule families for a vendor in both catalogs, in the order their changes are listed.
FAMILIES: tuple[Callable[[VendorDiff, Surface, Surface], None], ...] = (
    rules.vendor_fields,
    rules.success_codes,
    rules.envelopes,
    rules.groups,
    entries.entries,
)


def vendor_changes(diff: VendorDiff) -> list[Change]:
    """What every rule finds between the two versions of `diff`'s vendor."""
    old = Surface.of(diff.old) if diff.old is not None else None
    new = Surface.of(diff.new) if diff.new is not None else None
    if old is None and new is not None:
        rules.vendor_added(diff, new)
    elif new is None and old is not None:
        rules.vendor_removed(diff, old)
    elif old is not None and new is not None:
        for family in FAMILIES:
            family(diff, old, new)
    return diff.changes


def compare(
    old: Catalog,
    new: Catalog,
    directories: dict[Side, Path],
    shown: str = "schemas",
    package: str = "catalog",
) -> list[Change]:
    """Every change from `old` to `new`, whose schemas are in `directories[side]`; a change
    names its file as `shown/<file name>`, and modules as those of `package`."""
    locators: dict[tuple[Side, str], Locator] = {}

    def locate(side: Side, vendor: Vendor) -> Locator:
        key = (side, vendor.id)
        if key not in locators:
            locators[key] = Locator(directories[side] / vendor.schema_path.name)
        return locators[key]

    def file(vendor: Vendor) -> str:
        return (PurePosixPath(shown) / vendor.schema_path.name).as_posix()

    old_vendors = {vendor.id: vendor for vendor in old.vendors}
    new_vendors = {vendor.id: vendor for vendor in new.vendors}
    changes: list[Change] = []
    for vid in sorted(old_vendors.keys() | new_vendors.keys()):
        pair = old_vendors.get(vid), new_vendors.get(vid)
        changes += vendor_changes(VendorDiff(*pair, locate, file, package))
    return sorted(changes, key=lambda change: (change.file, change.line))


def acknowledge_all(changes: list[Change], reason: str) -> list[Change]:
    """Every unacknowledged breaking change, acknowledged with `reason`."""
    return [replace(c, acknowledged=reason) if c.failing else c for c in changes]
