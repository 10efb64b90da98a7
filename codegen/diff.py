"""Compare two catalogs and classify every change to the generated package's public API and
behaviour as breaking, compatible or patch (README.md, "Changing a catalog", has the table).

Old and new are matched by what a caller holds on to: vendors by id, codes by their code (then
by member name, `renamed_from`, or an alias that took the old code over), groups by id (then
by class name), envelopes by the paths they recognise a failure by. Each change points at the
line of the changed key in the new schema, or in the old one for what was removed.

The rules live in `codegen.diff_rules` (the vendor's fields, envelopes and groups) and
`codegen.diff_entries` (its codes); `VendorDiff` records what they find for one vendor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from codegen import diff_entries, diff_rules
from codegen.api_surface import Surface
from codegen.model import Catalog, Entry, Group, Vendor

Severity = Literal["breaking", "compatible", "patch"]
Side = Literal["old", "new"]
Level = Literal["major", "minor", "patch", "none"]

SEVERITIES: tuple[Severity, ...] = ("breaking", "compatible", "patch")
LEVEL_OF: dict[Severity, Level] = {"breaking": "major", "compatible": "minor", "patch": "patch"}
LEVELS: tuple[Level, ...] = ("major", "minor", "patch", "none")


@dataclass(frozen=True, slots=True)
class Change:
    """One change to the generated package, and where it was made."""

    severity: Severity
    rule: str  # a stable id: "kind-changed", "code-removed", ...
    vendor: str
    subject: str  # the public name it concerns: `IamCode.TOKEN_EXPIRED`, `IamTokenError`...
    summary: str
    file: str  # the schema, as the loader was given it
    line: int
    side: Side  # "old" when the line is in the old schema (what was removed)
    hint: str | None = None
    acknowledged: str | None = None  # the reason a `breaking_ok` gives

    @property
    def failing(self) -> bool:
        return self.severity == "breaking" and self.acknowledged is None

    @property
    def level(self) -> Level:
        return LEVEL_OF[self.severity]


def bump(version: str, level: Level) -> str:
    """The version after a change of `level`. Below 1.0 a breaking change bumps the minor
    number and anything else the patch number (as Cargo and npm's `^0.x` ranges read it)."""
    if level == "none":
        return version
    parts = version.split(".")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        raise ValueError(f"version {version!r} is not MAJOR.MINOR.PATCH")
    major, minor, patch = map(int, parts)
    if major == 0:
        level = "minor" if level == "major" else "patch"
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def bumped_part(version: str, level: Level) -> Level:
    """Which number `bump` changes: below 1.0 a breaking change bumps the minor one."""
    before, after = version.split("."), bump(version, level).split(".")
    for part, old, new in zip(LEVELS, before, after):
        if old != new:
            return part
    return "none"


def overall_level(changes: Iterable[Change]) -> Level:
    """The highest level any of `changes` implies ("none" for no change)."""
    levels = {change.level for change in changes}
    for level in LEVELS:
        if level in levels:
            return level
    return "none"


def _parse(text: str) -> Any:
    """The schema's YAML as ruamel.yaml's round-trip objects, which know their positions."""
    from codegen import loader

    fast = getattr(loader, "_load", None)  # the loader's, built from libyaml's events if it can
    if fast is not None:
        return fast(text)
    from ruamel.yaml import YAML

    return YAML(typ="rt").load(text)


class Locator:
    """Lines of keys in one schema file, read again with positions (only when needed)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._root: Any = None
        self._read = False

    def root(self) -> Any:
        if not self._read:
            self._read = True
            try:
                self._root = _parse(self.path.read_text(encoding="utf-8"))
            except Exception:  # the loader accepted it; a position is a nicety, not a need
                self._root = None
        return self._root

    def line(self, *steps: str | int) -> int | None:
        """1-based line of the deepest of `steps` that exists (keys of mappings, indexes of
        lists), or None when not even the first does."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

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


# Where a change is: the side, the model's line of the item, and the keys to the changed value.
Where = tuple[Side, int, tuple[str | int, ...]]


class VendorDiff:
    """The changes between two versions of one vendor: what the rules of `codegen.diff_rules`
    and `codegen.diff_entries` record, each with its place and acknowledgement."""

    def __init__(
        self,
        old: Vendor | None,
        new: Vendor | None,
        locate: Callable[[Side, Vendor], Locator],
        file: Callable[[Vendor], str],
    ) -> None:
        self.old = Surface.of(old) if old is not None else None
        self.new = Surface.of(new) if new is not None else None
        self.locate = locate
        self.file = file
        self.changes: list[Change] = []
        self.vendor_ack: str | None = None
        if new is not None and new.breaking_ok is not None:
            if old is None or old.breaking_ok != new.breaking_ok:
                self.vendor_ack = new.breaking_ok

    def run(self) -> list[Change]:
        old, new = self.old, self.new
        if old is None and new is not None:
            diff_rules.vendor_added(self, new)
        elif new is None and old is not None:
            diff_rules.vendor_removed(self, old)
        elif old is not None and new is not None:
            for family in FAMILIES:
                family(self, old, new)
        return self.changes

    # -- recording (for the rules) ---------------------------------------------------------
    def add(
        self,
        severity: Severity,
        rule: str,
        subject: str,
        summary: str,
        where: Where,
        *,
        hint: str | None = None,
        pair: tuple[Entry | None, Entry | None] | None = None,
    ) -> None:
        """Record a change at `where`; a breaking one is acknowledged by the `breaking_ok` of
        the new entry of `pair` or of the vendor, when that is new in this version."""
        side, fallback, steps = where
        vendor = self.surface(side).vendor
        line = self.locate(side, vendor).line(*steps) if steps else None
        acknowledged = None
        if severity == "breaking":
            if pair is not None:
                before, after = pair
                if after is not None and after.breaking_ok is not None:
                    if before is None or before.breaking_ok != after.breaking_ok:
                        acknowledged = after.breaking_ok
            acknowledged = acknowledged or self.vendor_ack
        self.changes.append(
            Change(
                severity,
                rule,
                vendor.id,
                subject,
                summary,
                self.file(vendor),
                line or fallback or 1,
                side,
                hint,
                acknowledged,
            )
        )

    def surface(self, side: Side) -> Surface:
        surface = self.new if side == "new" else self.old
        assert surface is not None
        return surface

    def at_vendor(self, side: Side, *steps: str | int) -> Where:
        return side, self.surface(side).vendor.line, ("vendor", *steps)

    def at_entry(self, side: Side, entry: Entry, *steps: str | int) -> Where:
        entries = self.surface(side).vendor.entries
        index = next(i for i, e in enumerate(entries) if e is entry)
        return side, entry.line, ("codes", index, *steps)

    def at_group(self, side: Side, group: Group, *steps: str | int) -> Where:
        groups = self.surface(side).vendor.groups
        index = next(i for i, g in enumerate(groups) if g is group)
        return side, group.line, ("groups", index, *steps)


# The rule families for a vendor in both catalogs, in the order their changes are listed.
FAMILIES: tuple[Callable[[VendorDiff, Surface, Surface], None], ...] = (
    diff_rules.vendor_fields,
    diff_rules.success_codes,
    diff_rules.envelopes,
    diff_rules.groups,
    diff_entries.entries,
)


def compare(
    old: Catalog, new: Catalog, directories: dict[Side, Path], shown: str = "schemas"
) -> list[Change]:
    """Every change from `old` to `new`, whose schemas are in `directories[side]`; a change
    names its file as `shown/<file name>`."""
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
        changes += VendorDiff(*pair, locate, file).run()
    return sorted(changes, key=lambda change: (change.file, change.line))


def acknowledge_all(changes: list[Change], reason: str) -> list[Change]:
    """Every unacknowledged breaking change, acknowledged with `reason`."""
    return [replace(c, acknowledged=reason) if c.failing else c for c in changes]
