"""Compare two catalogs and classify every change to the generated package's public API and
behaviour as breaking, compatible or patch (README.md, "Changing a catalog", has the table).

Old and new are matched by what a caller holds on to: vendors by id, codes by their code (then
by member name, `renamed_from`, or an alias that took the old code over), groups by id (then
by class name), envelopes by the paths they recognise a failure by. Each change points at the
line of the changed key in the new schema, or in the old one for what was removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from codegen.api_surface import (
    Surface,
    code_key,
    old_member_names,
    params,
    retryable,
)
from codegen.loader import default_exception_name
from codegen.model import Catalog, Entry, Envelope, Group, Vendor

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


def _short(text: str | None, width: int = 60) -> str:
    if text is None:
        return "none"
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 3] + "...")


def _envelope_text(envelope: Envelope) -> str:
    """An envelope as the schema writes it: `{code: error.code, message: error.message}`."""
    fields = [
        f"{key}: {getattr(envelope, key)}"
        for key in ("code", "header", "error", "message", "success")
        if getattr(envelope, key) is not None
    ]
    if envelope.details:
        fields.append("details: {" + ", ".join(f"{k}: {v}" for k, v in envelope.details) + "}")
    return "{" + ", ".join(fields) + "}"


Trigger = tuple[str, str]
# Where a change is: the side, the model's line of the item, and the keys to the changed value.
Where = tuple[Side, int, tuple[str | int, ...]]


def _triggers(envelope: Envelope) -> set[Trigger]:
    """What makes an envelope recognise a failure: a code path, a header, an error object."""
    found: set[Trigger] = set()
    if envelope.code is not None:
        found.add(("code", envelope.code))
    if envelope.header is not None:
        found.add(("header", envelope.header.lower()))
    if envelope.error is not None:
        found.add(("error", envelope.error))
    return found


TRIGGER_TEXT = {
    "code": "a code at `{}`",
    "header": "a `{}` header",
    "error": "an error object at `{}`",
}


class _VendorDiff:
    """The changes between two versions of one vendor."""

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

    # -- recording -----------------------------------------------------------------------
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
        side, fallback, steps = where
        surface = self.new if side == "new" else self.old
        assert surface is not None
        vendor = surface.vendor
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

    def at_vendor(self, side: Side, *steps: str | int) -> Where:
        surface = self.new if side == "new" else self.old
        assert surface is not None
        return side, surface.vendor.line, ("vendor", *steps)

    def at_entry(self, side: Side, entry: Entry, *steps: str | int) -> Where:
        surface = self.new if side == "new" else self.old
        assert surface is not None
        index = next(i for i, e in enumerate(surface.vendor.entries) if e is entry)
        return side, entry.line, ("codes", index, *steps)

    def at_group(self, side: Side, group: Group, *steps: str | int) -> Where:
        surface = self.new if side == "new" else self.old
        assert surface is not None
        index = next(i for i, g in enumerate(surface.vendor.groups) if g is group)
        return side, group.line, ("groups", index, *steps)

    # -- the comparison ------------------------------------------------------------------
    def run(self) -> list[Change]:
        old, new = self.old, self.new
        if old is None and new is not None:
            vendor = new.vendor
            self.add(
                "compatible",
                "vendor-added",
                f"catalog.{vendor.id}",
                f"vendor added: catalog.{vendor.id} with {vendor.code_class}, "
                f"{vendor.error_class} and {len(vendor.entries)} code(s)",
                self.at_vendor("new", "id"),
            )
        elif new is None and old is not None:
            vendor = old.vendor
            self.add(
                "breaking",
                "vendor-removed",
                f"catalog.{vendor.id}",
                f"vendor removed: catalog.{vendor.id}, {vendor.code_class}, "
                f"{vendor.error_class} and its {len(vendor.entries)} code(s) are gone",
                self.at_vendor("old", "id"),
                hint="a removed vendor has no schema to acknowledge it in: "
                "pass --breaking-ok REASON to `codegen diff` for this change",
            )
        elif old is not None and new is not None:
            self.vendor_fields(old, new)
            self.envelopes(old, new)
            self.groups(old, new)
            self.entries(old, new)
        return self.changes

    def vendor_fields(self, old: Surface, new: Surface) -> None:
        o, n = old.vendor, new.vendor
        module = f"catalog.{n.id}"
        if o.prefix != n.prefix:
            self.add(
                "breaking",
                "prefix-changed",
                module,
                f"prefix changed from {o.prefix} to {n.prefix}: {o.code_class} and "
                f"{o.error_class} become {n.code_class} and {n.error_class}",
                self.at_vendor("new", "prefix"),
            )
        if o.code_type != n.code_type:
            enum = {"int": "IntEnum (members equal ints)", "str": "StrEnum (members equal strings)"}
            self.add(
                "breaking",
                "code-type-changed",
                n.code_class,
                f"code_type changed from {o.code_type} to {n.code_type}: {n.code_class} is now "
                f"an {enum[n.code_type]}",
                self.at_vendor("new", "code_type"),
            )
        for key, what in (
            ("name", "display name"),
            ("version", "__catalog_version__"),
            ("source", "source"),
            ("locale", "locale of the messages"),
        ):
            before, after = getattr(o, key), getattr(n, key)
            if before != after:
                self.add(
                    "patch",
                    "vendor-name-changed" if key == "name" else f"{key}-changed",
                    module,
                    f"{what} changed from {_short(before)} to {_short(after)}",
                    self.at_vendor("new", key),
                )
        old_success = [code_key(code) for code in o.success]
        new_success = [code_key(code) for code in n.success]
        for index, code in enumerate(n.success):
            if code_key(code) not in old_success:
                self.add(
                    "breaking",
                    "success-code-added",
                    module,
                    f"{code!r} is now a success code: responses with it are no longer errors",
                    self.at_vendor("new", "success", index),
                )
        for index, code in enumerate(o.success):
            if code_key(code) not in new_success:
                self.add(
                    "breaking",
                    "success-code-removed",
                    module,
                    f"{code!r} is no longer a success code: responses with it are now errors",
                    self.at_vendor("old", "success", index),
                )

    def envelopes(self, old: Surface, new: Surface) -> None:
        module = f"{new.vendor.error_class}.from_response"
        olds, news = old.vendor.envelopes, new.vendor.envelopes
        old_union = set().union(*map(_triggers, olds)) if olds else set()
        new_union = set().union(*map(_triggers, news)) if news else set()
        pairs: list[tuple[int, int]] = []
        free = list(range(len(news)))
        for i, envelope in enumerate(olds):  # most recognition paths in common, first wins
            best = max(
                free, key=lambda j: len(_triggers(envelope) & _triggers(news[j])), default=None
            )
            if best is not None and _triggers(envelope) & _triggers(news[best]):
                pairs.append((i, best))
                free.remove(best)
        unpaired_old = [i for i in range(len(olds)) if i not in {p[0] for p in pairs}]
        for i, j in zip(unpaired_old, list(free)):  # then by position: a path was edited
            pairs.append((i, j))
            free.remove(j)
        paired_old = {p[0] for p in pairs}
        for i, envelope in enumerate(olds):
            if i in paired_old:
                continue
            lost = sorted(_triggers(envelope) - new_union)
            if lost:
                self.add(
                    "breaking",
                    "envelope-removed",
                    module,
                    f"envelope {_envelope_text(envelope)} removed: responses with "
                    f"{self.triggers_text(lost)} are no longer recognised",
                    self.at_vendor("old", "response", i),
                )
            else:
                self.add(
                    "compatible",
                    "envelope-removed",
                    module,
                    f"envelope {_envelope_text(envelope)} removed; what it recognised another "
                    "envelope still does",
                    self.at_vendor("old", "response", i),
                )
        for j in free:
            self.add(
                "compatible",
                "envelope-added",
                module,
                f"envelope {_envelope_text(news[j])} added",
                self.at_vendor("new", "response", j),
            )
        for i, j in sorted(pairs):
            self.envelope_pair(module, olds[i], news[j], j, old_union, new_union)
        order = [j for _, j in sorted(pairs)]
        if order != sorted(order):
            self.add(
                "compatible",
                "envelopes-reordered",
                module,
                "envelopes are tried in a new order: a response two of them match may read "
                "its code from another place",
                self.at_vendor("new", "response"),
            )

    @staticmethod
    def triggers_text(triggers: Iterable[Trigger]) -> str:
        return " or ".join(TRIGGER_TEXT[kind].format(value) for kind, value in triggers)

    def envelope_pair(
        self,
        module: str,
        o: Envelope,
        n: Envelope,
        index: int,
        old_union: set[Trigger],
        new_union: set[Trigger],
    ) -> None:
        for key in ("code", "header", "error"):
            before, after = getattr(o, key), getattr(n, key)
            if (before or "").lower() == (after or "").lower():
                continue
            where = self.at_vendor("new", "response", index, key)
            if (
                before is not None
                and (key, before.lower() if key == "header" else before) not in new_union
            ):
                was = self.triggers_text([(key, before)])
                now = f"`{after}`" if after is not None else "nothing"
                self.add(
                    "breaking",
                    "envelope-narrowed",
                    module,
                    f"envelope {key} changed from `{before}` to {now}: responses with {was} "
                    "are no longer recognised",
                    where,
                )
            elif (
                after is not None
                and (key, after.lower() if key == "header" else after) not in old_union
            ):
                self.add(
                    "compatible",
                    "envelope-widened",
                    module,
                    f"envelope {_envelope_text(n)} also recognises responses with "
                    f"{self.triggers_text([(key, after)])}",
                    where,
                )
        if o.success != n.success:
            if o.success is None:
                effect = f"responses whose `{n.success}` is true are no longer errors"
            elif n.success is None:
                effect = f"responses whose `{o.success}` is true are now read for an error code"
            else:
                effect = f"the success flag is read from `{n.success}`, not `{o.success}`"
            self.add(
                "breaking",
                "envelope-success-changed",
                module,
                f"envelope success flag changed: {effect}",
                self.at_vendor("new", "response", index, "success"),
            )
        if o.message != n.message:
            self.add(
                "compatible",
                "envelope-message-changed",
                module,
                f"exc.message is read from `{n.message}` (was `{o.message}`)",
                self.at_vendor("new", "response", index, "message"),
            )
        old_details, new_details = dict(o.details), dict(n.details)
        for name, path in o.details:
            if name not in new_details:
                self.add(
                    "breaking",
                    "envelope-detail-removed",
                    module,
                    f"exc.details no longer has {name!r} (was read from `{path}`)",
                    self.at_vendor("new", "response", index, "details"),
                )
            elif new_details[name] != path:
                self.add(
                    "compatible",
                    "envelope-detail-changed",
                    module,
                    f"exc.details[{name!r}] is read from `{new_details[name]}` (was `{path}`)",
                    self.at_vendor("new", "response", index, "details", name),
                )
        for name, path in n.details:
            if name not in old_details:
                self.add(
                    "compatible",
                    "envelope-detail-added",
                    module,
                    f"exc.details gains {name!r}, read from `{path}`",
                    self.at_vendor("new", "response", index, "details", name),
                )

    def groups(self, old: Surface, new: Surface) -> None:
        matched: set[str] = set()
        by_class = {group.name: group for group in new.vendor.groups}
        for og in old.vendor.groups:
            ng = new.groups.get(og.id) or by_class.get(og.name)
            if ng is None or ng.id in matched:
                self.add(
                    "breaking",
                    "group-removed",
                    og.name,
                    f"group {og.id!r} removed: {og.name} is gone, `except {og.name}` fails",
                    self.at_group("old", og, "id"),
                )
                continue
            matched.add(ng.id)
            if og.name != ng.name:
                self.add(
                    "breaking",
                    "group-renamed",
                    og.name,
                    f"group class {og.name} renamed to {ng.name}: `except {og.name}` fails",
                    self.at_group("new", ng, "name"),
                )
            if og.id != ng.id:
                self.add(
                    "breaking",
                    "group-id-changed",
                    ng.name,
                    f"group id changed from {og.id!r} to {ng.id!r}: the `.group` of its codes "
                    "changes",
                    self.at_group("new", ng, "id"),
                )
            if og.parent != ng.parent:
                before = old.group_chain(og.parent)
                after = new.group_chain(ng.parent)
                lost = [name for name in before if name not in after]
                if lost:
                    self.add(
                        "breaking",
                        "group-parent-changed",
                        ng.name,
                        f"parent group changed from {og.parent!r} to {ng.parent!r}: "
                        f"`except {lost[0]}` no longer catches {ng.name}",
                        self.at_group("new", ng, "parent"),
                    )
                else:
                    self.add(
                        "compatible",
                        "group-parent-changed",
                        ng.name,
                        f"parent group changed from {og.parent!r} to {ng.parent!r}: "
                        f"{ng.name} is now also caught by `except {after[0]}`",
                        self.at_group("new", ng, "parent"),
                    )
            if og.description != ng.description:
                self.add(
                    "patch",
                    "group-description-changed",
                    ng.name,
                    f"description changed from {_short(og.description)} to "
                    f"{_short(ng.description)}",
                    self.at_group("new", ng, "description"),
                )
        for ng in new.vendor.groups:
            if ng.id not in matched:
                self.add(
                    "compatible",
                    "group-added",
                    ng.name,
                    f"group {ng.id!r} added: class {ng.name}",
                    self.at_group("new", ng, "id"),
                )

    def successor(self, new: Surface, entry: Entry) -> Entry | None:
        """The new entry that carries an old one on: same code, else same (or former) member
        name, else the entry that took its code over as an alias."""
        return (
            new.by_code.get(code_key(entry.code))
            or new.by_name.get(entry.name)
            or new.by_lookup.get(code_key(entry.code))
        )

    def entries(self, old: Surface, new: Surface) -> None:
        carried: set[str] = set()  # names of new entries that carry an old one on
        order: list[str] = []
        for o in old.vendor.entries:
            n = self.successor(new, o)
            if n is None:
                self.removed(old, o)
                continue
            carried.add(n.name)
            if n.name not in order:
                order.append(n.name)
            self.entry_pair(old, new, o, n)
        for n in new.vendor.entries:
            if n.name not in carried:
                self.add(
                    "compatible",
                    "code-added",
                    new.member(n.name),
                    f"code {n.code!r} added, with the exception {n.exception}",
                    self.at_entry("new", n, "code"),
                    pair=(None, n),
                )
            for index, name in enumerate(n.renamed_from):
                if name not in old.by_name and name not in old.by_class:
                    alias = new.member(name) if name in old_member_names(n) else name
                    self.add(
                        "compatible",
                        "alias-name-added",
                        alias,
                        f"added as a deprecated alias of {new.member(n.name)}",
                        self.at_entry("new", n, "renamed_from", index),
                        pair=(None, n),
                    )
        now = [n.name for n in new.vendor.entries if n.name in order]
        if now != order:
            self.add(
                "patch",
                "codes-reordered",
                new.vendor.code_class,
                f"the codes are listed in a new order: iterating {new.vendor.code_class} "
                "gives them in that order",
                ("new", new.vendor.line, ("codes",)),
            )

    def removed(self, old: Surface, o: Entry) -> None:
        member = old.member(o.name)
        if o.deprecated is not None:
            hint = (
                "it was deprecated, but deleting it still breaks code that uses it: keep it "
                "(deprecated) until a major release, or acknowledge with `breaking_ok` on "
                "the vendor"
            )
        else:
            hint = (
                'deprecate it instead of deleting it (`deprecated: "why"` keeps it working and '
                "warns its users), or acknowledge with `breaking_ok` on the vendor"
            )
        self.add(
            "breaking",
            "code-removed",
            member,
            f"code {o.code!r} removed: the member and {o.exception} are gone, and "
            f"lookup({o.code!r}) finds nothing",
            self.at_entry("old", o, "code"),
            hint=hint,
        )

    def entry_pair(self, old: Surface, new: Surface, o: Entry, n: Entry) -> None:
        pair = (o, n)
        member = new.member(n.name)

        def add(
            severity: Severity,
            rule: str,
            summary: str,
            *steps: str | int,
            subject: str = member,
            hint: str | None = None,
        ) -> None:
            where = self.at_entry("new", n, *steps)
            self.add(severity, rule, subject, summary, where, hint=hint, pair=pair)

        # Names: the member, its exception class, the deprecated aliases it kept.
        keeps_both = o.exception == default_exception_name(o.name)
        if o.name != n.name:
            old_member = old.member(o.name)
            holder = new.by_name.get(o.name)
            if holder is n:
                add(
                    "compatible",
                    "member-renamed",
                    f"renamed to {member}; the old name stays as a deprecated alias",
                    "name",
                    subject=old_member,
                )
            elif holder is None:
                add(
                    "breaking",
                    "member-renamed",
                    f"renamed to {member} without an alias: code that uses the old name breaks",
                    "name",
                    subject=old_member,
                    hint=f"add `renamed_from: [{o.name}]` to {n.name}: it keeps {old_member}"
                    + (f" and {o.exception}" if keeps_both else "")
                    + " as deprecated aliases",
                )
            else:
                add(
                    "breaking",
                    "member-renamed",
                    f"now names code {holder.code!r}; code {n.code!r} is {member}",
                    "name",
                    subject=old_member,
                )
        if o.exception != n.exception:
            at = "name" if n.exception == default_exception_name(n.name) else "exception"
            holder = new.by_class.get(o.exception)
            if holder is n:
                add(
                    "compatible",
                    "exception-renamed",
                    f"renamed to {n.exception}; the old class stays as a deprecated alias",
                    at,
                    subject=o.exception,
                )
            elif holder is None:
                kept = o.name if keeps_both and o.name != n.name else o.exception
                add(
                    "breaking",
                    "exception-renamed",
                    f"renamed to {n.exception} without an alias: `except {o.exception}` and "
                    "its imports break",
                    at,
                    subject=o.exception,
                    hint=f"add `renamed_from: [{kept}]` to {n.name}: it keeps {o.exception} "
                    "as a deprecated alias",
                )
            else:
                add(
                    "breaking",
                    "exception-renamed",
                    f"now is the class of code {holder.code!r}; code {n.code!r} raises "
                    f"{n.exception}",
                    at,
                    subject=o.exception,
                )
        for index, name in enumerate(o.renamed_from):
            gone = (
                name not in new.by_name if name in old_member_names(o) else name not in new.by_class
            )
            if gone:
                alias_name = old.member(name) if name in old_member_names(o) else name
                self.add(
                    "breaking",
                    "alias-name-removed",
                    alias_name,
                    f"removed: it was a deprecated alias of {old.member(o.name)}",
                    self.at_entry("old", o, "renamed_from", index),
                    pair=pair,
                )

        # Codes: the member's value and the codes lookup() maps to it.
        if code_key(o.code) != code_key(n.code):
            holder = new.by_lookup.get(code_key(o.code))
            change = f"code changed from {o.code!r} to {n.code!r}"
            if holder is n:
                add(
                    "compatible",
                    "code-changed",
                    f"{change}; {o.code!r} stays as an alias, so lookup({o.code!r}) still "
                    f"gives {member} (which now equals {n.code!r})",
                    "code",
                )
            else:
                effect = (
                    f"lookup({o.code!r}) finds nothing"
                    if holder is None
                    else f"lookup({o.code!r}) gives {new.member(holder.name)}"
                )
                add(
                    "breaking",
                    "code-changed",
                    f"{change}: {effect}",
                    "code",
                    hint=(
                        f"add {o.code!r} to its aliases to keep lookup({o.code!r}) working"
                        if holder is None
                        else None
                    ),
                )
        for index, alias in enumerate(o.aliases):
            holder = new.by_lookup.get(code_key(alias))
            if holder is None:
                self.add(
                    "breaking",
                    "alias-removed",
                    member,
                    f"alias {alias!r} removed: lookup({alias!r}) finds nothing",
                    self.at_entry("old", o, "aliases", index),
                    pair=pair,
                )
            elif holder is not n:
                self.add(
                    "breaking",
                    "alias-moved",
                    member,
                    f"alias {alias!r} moved to {new.member(holder.name)}: lookup({alias!r}) "
                    "gives that member now",
                    self.at_entry("new", holder, "aliases"),
                    pair=pair,
                )
        for index, alias in enumerate(n.aliases):
            if code_key(alias) not in old.by_lookup:
                add(
                    "compatible",
                    "alias-added",
                    f"alias {alias!r} added: lookup({alias!r}) gives {member}",
                    "aliases",
                    index,
                )

        # Which `except` catches it.
        if o.kind.id != n.kind.id:
            add(
                "breaking",
                "kind-changed",
                f"kind changed from {o.kind.id} to {n.kind.id}: "
                f"`except {o.kind.exception}` no longer catches {n.exception}",
                "kind",
            )
        if o.group != n.group:
            lost = [g for g in old.group_chain(o.group) if g not in new.group_chain(n.group)]
            effect = (
                f"`except {lost[0]}` no longer catches {n.exception}"
                if lost
                else f"its `.group` is now {n.group!r}"
            )
            add(
                "breaking",
                "group-changed",
                f"group changed from {o.group!r} to {n.group!r}: {effect}",
                "group",
            )

        # Behaviour.
        if retryable(o) != retryable(n):
            if retryable(n):
                add(
                    "compatible",
                    "retryable-changed",
                    "retryable is now True: callers that retry on it will",
                    "retryable",
                )
            else:
                add(
                    "breaking",
                    "retryable-changed",
                    "retryable is now False: callers that retry it stop retrying",
                    "retryable",
                )
        if o.deprecated != n.deprecated:
            if o.deprecated is None:
                add(
                    "compatible",
                    "deprecated",
                    f"deprecated: {_short(n.deprecated)}",
                    "deprecated",
                )
            elif n.deprecated is None:
                add("compatible", "undeprecated", "no longer deprecated")
            else:
                add(
                    "patch",
                    "deprecation-changed",
                    f"deprecation reason changed to {_short(n.deprecated)}",
                    "deprecated",
                )
        added_params = [name for name in params(n.message) if name not in params(o.message)]
        if added_params:
            add(
                "breaking",
                "message-params-added",
                f"the message has new placeholder(s) {', '.join(added_params)}: "
                f"{member}.format() without them raises TypeError",
                "message",
            )

        # Texts.
        for key in ("message", "description", "remedy", "note"):
            before, after = getattr(o, key), getattr(n, key)
            if before != after:
                add(
                    "patch",
                    f"{key}-changed",
                    f"{key} changed from {_short(before)} to {_short(after)}",
                    key,
                )
        if o.http_status != n.http_status:
            add(
                "patch",
                "http-status-changed",
                f"documented http_status changed from {o.http_status} to {n.http_status}",
                "http_status",
            )
        before_t, after_t = dict(o.translations), dict(n.translations)
        for locale, text in n.translations:
            if locale not in before_t:
                add(
                    "compatible",
                    "translation-added",
                    f"translation {locale} added: {_short(text)}",
                    "translations",
                    locale,
                )
            elif before_t[locale] != text:
                add(
                    "patch",
                    "translation-changed",
                    f"translation {locale} changed to {_short(text)}",
                    "translations",
                    locale,
                )
        for locale in before_t:
            if locale not in after_t:
                self.add(
                    "patch",
                    "translation-removed",
                    member,
                    f"translation {locale} removed: message_for({locale!r}) gives the message",
                    self.at_entry("old", o, "translations", locale),
                    pair=pair,
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
        changes += _VendorDiff(*pair, locate, file).run()
    return sorted(changes, key=lambda change: (change.file, change.line))


def acknowledge_all(changes: list[Change], reason: str) -> list[Change]:
    """Every unacknowledged breaking change, acknowledged with `reason`."""
    return [replace(c, acknowledged=reason) if c.failing else c for c in changes]
