"""The change record: one `Change` of the generated package's public API or behaviour, its
severity and the version bump it implies, and `VendorDiff`, on which the rules of
`codegen.diff.rules` and `codegen.diff.entries` record the changes they find for one vendor.

It imports nothing else from codegen.diff: the rules depend on it, never the other way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

from codegen.schema.model import Entry, Group, Vendor

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


def parse_version(version: str) -> tuple[int, int, int, bool]:
    """(major, minor, patch, pre-release?) of a version such as 1.2.3, 1.0.0rc1 or
    2.0.0.dev3 (PEP 440, read by `packaging`); ValueError if it is not MAJOR.MINOR.PATCH with
    an optional pre-, post- or dev-release."""
    from packaging.version import InvalidVersion, Version

    try:
        parsed = Version(version)
    except InvalidVersion:
        parsed = None
    if parsed is None or len(parsed.release) != 3 or parsed.epoch or parsed.local:
        raise ValueError(
            f"version {version!r} is not MAJOR.MINOR.PATCH (a pre-release such as 1.0.0rc1 "
            "is one too)"
        )
    major, minor, patch = parsed.release
    return major, minor, patch, parsed.is_prerelease


def canonical_version(version: str) -> str:
    """`version` as PEP 440 writes it (1.0.0-rc.1 -> 1.0.0rc1); ValueError as `parse_version`."""
    from packaging.version import Version

    parse_version(version)
    return str(Version(version))


def _effective(version: tuple[int, int, int, bool], level: Level) -> Level:
    """Below 1.0 a breaking change bumps the minor number and anything else the patch number
    (as Cargo and npm's `^0.x` ranges read it)."""
    if version[0] == 0 and level != "none":
        return "minor" if level == "major" else "patch"
    return level


def bump(version: str, level: Level) -> str:
    """The version after a change of `level`. Below 1.0 a breaking change bumps the minor
    number and anything else the patch number. A pre-release already on its way to the
    number a change needs becomes that release (1.0.0rc1 with a breaking change: 1.0.0, as
    npm's `semver.inc` reads it); else the number is bumped as from the release."""
    if level == "none":
        return version
    parsed = parse_version(version)
    major, minor, patch, pre = parsed
    level = _effective(parsed, level)
    if level == "major":
        return f"{major}.0.0" if pre and minor == patch == 0 else f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor}.0" if pre and patch == 0 else f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch}" if pre else f"{major}.{minor}.{patch + 1}"


def bumped_part(version: str, level: Level) -> Level:
    """Which number `bump` changes: below 1.0 a breaking change bumps the minor one."""
    return _effective(parse_version(version), level)


def overall_level(changes: Iterable[Change]) -> Level:
    """The highest level any of `changes` implies ("none" for no change)."""
    levels = {change.level for change in changes}
    for level in LEVELS:
        if level in levels:
            return level
    return "none"


class Lines(Protocol):
    """Where keys are in one schema file (see `codegen.diff.compare.Locator`)."""

    def line(self, *steps: str | int) -> int | None: ...


# Where a change is: the side, the model's line of the item, and the keys to the changed value.
Where = tuple[Side, int, tuple[str | int, ...]]


class VendorDiff:
    """The changes between two versions of one vendor: what the rules of `codegen.diff.rules`
    and `codegen.diff.entries` record, each with its place and acknowledgement. (Which rules
    run is `codegen.diff.compare`'s business.)"""

    def __init__(
        self,
        old: Vendor | None,
        new: Vendor | None,
        locate: Callable[[Side, Vendor], Lines],
        file: Callable[[Vendor], str],
        package: str = "catalog",
    ) -> None:
        self.old = old
        self.new = new
        self.package = package  # the generated package's name, for the modules changes name
        self.locate = locate
        self.file = file
        self.changes: list[Change] = []
        self.vendor_ack: str | None = None
        if new is not None and new.breaking_ok is not None:
            if old is None or old.breaking_ok != new.breaking_ok:
                self.vendor_ack = new.breaking_ok

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
        vendor = self.vendor(side)
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

    def vendor(self, side: Side) -> Vendor:
        vendor = self.new if side == "new" else self.old
        assert vendor is not None
        return vendor

    def at_vendor(self, side: Side, *steps: str | int) -> Where:
        return side, self.vendor(side).line, ("vendor", *steps)

    def at_entry(self, side: Side, entry: Entry, *steps: str | int) -> Where:
        entries = self.vendor(side).entries
        index = next(i for i, e in enumerate(entries) if e is entry)
        return side, entry.line, ("codes", index, *steps)

    def at_group(self, side: Side, group: Group, *steps: str | int) -> Where:
        groups = self.vendor(side).groups
        index = next(i for i, g in enumerate(groups) if g is group)
        return side, group.line, ("groups", index, *steps)
