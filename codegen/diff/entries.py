"""The rules `codegen diff` applies to a vendor's codes: which old code each new one carries on,
what was added and removed, and for each code carried on, the changes to its names, its codes,
the `except` clauses that catch it, its behaviour and its texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from codegen.diff.rules import summary_text
from codegen.diff.surface import Surface, code_key, params
from codegen.schema.model import Entry
from codegen.schema.names import default_exception_name, old_member_names

if TYPE_CHECKING:
    from collections.abc import Callable

    from codegen.diff.record import Severity, VendorDiff, Where

# Where an added code comes from, as the report says it: the page is the default.
ADDED_FROM = {"page": "", "traffic": " (seen in real traffic; not on the vendor's page)"}


def entries(diff: VendorDiff, old: Surface, new: Surface) -> None:
    carried: set[str] = set()  # names of new entries that carry an old one on
    order: list[str] = []
    for o in old.vendor.entries:
        n = _successor(new, o)
        if n is None:
            _removed(diff, old, o)
            continue
        carried.add(n.name)
        if n.name not in order:
            order.append(n.name)
        pair = _Pair(diff, old, new, o, n)
        for rule in PAIR_RULES:
            rule(pair)
    for n in new.vendor.entries:
        if n.name not in carried:
            diff.add(
                "compatible",
                "code-added",
                new.member(n.name),
                f"code {n.code!r} added{ADDED_FROM[n.origin]}, with the exception {n.exception}",
                diff.at_entry("new", n, "code"),
                pair=(None, n),
            )
        _name_aliases_added(diff, old, new, n)
    now = [n.name for n in new.vendor.entries if n.name in order]
    if now != order:
        diff.add(
            "patch",
            "codes-reordered",
            new.vendor.code_class,
            f"the codes are listed in a new order: iterating {new.vendor.code_class} "
            "gives them in that order",
            ("new", new.vendor.line, ("codes",)),
        )


def _successor(new: Surface, entry: Entry) -> Entry | None:
    """The new entry that carries an old one on: same code, else same (or former) member
    name, else the entry that took its code over as an alias."""
    return (
        new.by_code.get(code_key(entry.code))
        or new.by_name.get(entry.name)
        or new.by_lookup.get(code_key(entry.code))
    )


def _removed(diff: VendorDiff, old: Surface, o: Entry) -> None:
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
    diff.add(
        "breaking",
        "code-removed",
        member,
        f"code {o.code!r} removed: the member and {o.exception} are gone, and "
        f"lookup({o.code!r}) finds nothing",
        diff.at_entry("old", o, "code"),
        hint=hint,
    )


def _name_aliases_added(diff: VendorDiff, old: Surface, new: Surface, n: Entry) -> None:
    """`renamed_from` names that were not in the old catalog: new deprecated aliases."""
    for index, name in enumerate(n.renamed_from):
        if name not in old.by_name and name not in old.by_class:
            alias = new.member(name) if name in old_member_names(n) else name
            diff.add(
                "compatible",
                "alias-name-added",
                alias,
                f"added as a deprecated alias of {new.member(n.name)}",
                diff.at_entry("new", n, "renamed_from", index),
                pair=(None, n),
            )


@dataclass(frozen=True, slots=True)
class _Pair:
    """An old entry and the new one that carries it on, with where their changes go."""

    diff: VendorDiff
    old: Surface
    new: Surface
    o: Entry
    n: Entry

    @property
    def member(self) -> str:
        """The new member, the subject of most changes: `IamCode.TOKEN_EXPIRED`."""
        return self.new.member(self.n.name)

    def add(
        self,
        severity: Severity,
        rule: str,
        summary: str,
        *steps: str | int,
        subject: str | None = None,
        hint: str | None = None,
    ) -> None:
        """A change at the new entry's `steps`, about the new member unless `subject` says."""
        where = self.diff.at_entry("new", self.n, *steps)
        subject = self.member if subject is None else subject
        self.diff.add(severity, rule, subject, summary, where, hint=hint, pair=(self.o, self.n))

    def add_at(
        self, severity: Severity, rule: str, subject: str, summary: str, where: Where
    ) -> None:
        """A change at a place other than the new entry: the old entry, or another new one."""
        self.diff.add(severity, rule, subject, summary, where, pair=(self.o, self.n))


# -- names: the member, its exception class, the deprecated aliases it kept -------------------


def _keeps_both(o: Entry) -> bool:
    """Whether the exception is named after the member, so renaming it renames both."""
    return o.exception == default_exception_name(o.name)


def _member_renamed(p: _Pair) -> None:
    o, n, member = p.o, p.n, p.member
    if o.name == n.name:
        return
    old_member = p.old.member(o.name)
    holder = p.new.by_name.get(o.name)
    if holder is n:
        p.add(
            "compatible",
            "member-renamed",
            f"renamed to {member}; the old name stays as a deprecated alias",
            "name",
            subject=old_member,
        )
    elif holder is None:
        p.add(
            "breaking",
            "member-renamed",
            f"renamed to {member} without an alias: code that uses the old name breaks",
            "name",
            subject=old_member,
            hint=f"add `renamed_from: [{o.name}]` to {n.name}: it keeps {old_member}"
            + (f" and {o.exception}" if _keeps_both(o) else "")
            + " as deprecated aliases",
        )
    else:
        p.add(
            "breaking",
            "member-renamed",
            f"now names code {holder.code!r}; code {n.code!r} is {member}",
            "name",
            subject=old_member,
        )


def _exception_renamed(p: _Pair) -> None:
    o, n = p.o, p.n
    if o.exception == n.exception:
        return
    at = "name" if n.exception == default_exception_name(n.name) else "exception"
    holder = p.new.by_class.get(o.exception)
    if holder is n:
        p.add(
            "compatible",
            "exception-renamed",
            f"renamed to {n.exception}; the old class stays as a deprecated alias",
            at,
            subject=o.exception,
        )
    elif holder is None:
        kept = o.name if _keeps_both(o) and o.name != n.name else o.exception
        p.add(
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
        p.add(
            "breaking",
            "exception-renamed",
            f"now is the class of code {holder.code!r}; code {n.code!r} raises {n.exception}",
            at,
            subject=o.exception,
        )


def _name_aliases_removed(p: _Pair) -> None:
    o, old, new = p.o, p.old, p.new
    for index, name in enumerate(o.renamed_from):
        is_member = name in old_member_names(o)
        if name not in (new.by_name if is_member else new.by_class):
            p.add_at(
                "breaking",
                "alias-name-removed",
                old.member(name) if is_member else name,
                f"removed: it was a deprecated alias of {old.member(o.name)}",
                p.diff.at_entry("old", o, "renamed_from", index),
            )


# -- codes: the member's value and the codes lookup() maps to it ------------------------------


def _code_changed(p: _Pair) -> None:
    o, n, member = p.o, p.n, p.member
    if code_key(o.code) == code_key(n.code):
        return
    holder = p.new.by_lookup.get(code_key(o.code))
    change = f"code changed from {o.code!r} to {n.code!r}"
    if holder is n:
        p.add(
            "compatible",
            "code-changed",
            f"{change}; {o.code!r} stays as an alias, so lookup({o.code!r}) still "
            f"gives {member} (which now equals {n.code!r})",
            "code",
        )
        return
    effect = (
        f"lookup({o.code!r}) finds nothing"
        if holder is None
        else f"lookup({o.code!r}) gives {p.new.member(holder.name)}"
    )
    p.add(
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


def _aliases(p: _Pair) -> None:
    o, n, member, new = p.o, p.n, p.member, p.new
    for index, alias in enumerate(o.aliases):
        holder = new.by_lookup.get(code_key(alias))
        if holder is None:
            p.add_at(
                "breaking",
                "alias-removed",
                member,
                f"alias {alias!r} removed: lookup({alias!r}) finds nothing",
                p.diff.at_entry("old", o, "aliases", index),
            )
        elif holder is not n:
            p.add_at(
                "breaking",
                "alias-moved",
                member,
                f"alias {alias!r} moved to {new.member(holder.name)}: lookup({alias!r}) "
                "gives that member now",
                p.diff.at_entry("new", holder, "aliases"),
            )
    for index, alias in enumerate(n.aliases):
        if code_key(alias) not in p.old.by_lookup:
            p.add(
                "compatible",
                "alias-added",
                f"alias {alias!r} added: lookup({alias!r}) gives {member}",
                "aliases",
                index,
            )


# -- which `except` catches it ----------------------------------------------------------------


def _kind_changed(p: _Pair) -> None:
    o, n = p.o, p.n
    if o.kind.id != n.kind.id:
        p.add(
            "breaking",
            "kind-changed",
            f"kind changed from {o.kind.id} to {n.kind.id}: "
            f"`except {o.kind.exception}` no longer catches {n.exception}",
            "kind",
        )


def _group_changed(p: _Pair) -> None:
    o, n = p.o, p.n
    if o.group == n.group:
        return
    lost = [g for g in p.old.group_chain(o.group) if g not in p.new.group_chain(n.group)]
    effect = (
        f"`except {lost[0]}` no longer catches {n.exception}"
        if lost
        else f"its `.group` is now {n.group!r}"
    )
    p.add(
        "breaking",
        "group-changed",
        f"group changed from {o.group!r} to {n.group!r}: {effect}",
        "group",
    )


# -- behaviour --------------------------------------------------------------------------------


def _retryable_changed(p: _Pair) -> None:
    if p.o.effective_retryable == p.n.effective_retryable:
        return
    if p.n.effective_retryable:
        p.add(
            "compatible",
            "retryable-changed",
            "retryable is now True: callers that retry on it will",
            "retryable",
        )
    else:
        p.add(
            "breaking",
            "retryable-changed",
            "retryable is now False: callers that retry it stop retrying",
            "retryable",
        )


def _deprecation(p: _Pair) -> None:
    o, n = p.o, p.n
    if o.deprecated == n.deprecated:
        return
    if o.deprecated is None:
        p.add("compatible", "deprecated", f"deprecated: {summary_text(n.deprecated)}", "deprecated")
    elif n.deprecated is None:
        p.add("compatible", "undeprecated", "no longer deprecated")
    else:
        p.add(
            "patch",
            "deprecation-changed",
            f"deprecation reason changed to {summary_text(n.deprecated)}",
            "deprecated",
        )


def _message_params_added(p: _Pair) -> None:
    added = [name for name in params(p.n.message) if name not in params(p.o.message)]
    if added:
        p.add(
            "breaking",
            "message-params-added",
            f"the message has new placeholder(s) {', '.join(added)}: "
            f"{p.member}.format() without them raises TypeError",
            "message",
        )


# -- texts ------------------------------------------------------------------------------------


def _texts(p: _Pair) -> None:
    o, n = p.o, p.n
    for key in ("message", "description", "remedy", "note"):
        before, after = getattr(o, key), getattr(n, key)
        if before != after:
            p.add(
                "patch",
                f"{key}-changed",
                f"{key} changed from {summary_text(before)} to {summary_text(after)}",
                key,
            )
    if o.origin != n.origin:
        p.add(
            "patch",
            "origin-changed",
            f"origin changed from {o.origin} to {n.origin}{ADDED_FROM[n.origin]}",
            "origin",
        )
    if o.http_status != n.http_status:
        p.add(
            "patch",
            "http-status-changed",
            f"documented http_status changed from {o.http_status} to {n.http_status}",
            "http_status",
        )


def _translations(p: _Pair) -> None:
    before, after = dict(p.o.translations), dict(p.n.translations)
    for locale, text in p.n.translations:
        if locale not in before:
            p.add(
                "compatible",
                "translation-added",
                f"translation {locale} added: {summary_text(text)}",
                "translations",
                locale,
            )
        elif before[locale] != text:
            p.add(
                "patch",
                "translation-changed",
                f"translation {locale} changed to {summary_text(text)}",
                "translations",
                locale,
            )
    for locale in before:
        if locale not in after:
            p.add_at(
                "patch",
                "translation-removed",
                p.member,
                f"translation {locale} removed: message_for({locale!r}) gives the message",
                p.diff.at_entry("old", p.o, "translations", locale),
            )


# The rules for an old entry and its successor, in the order their changes are listed.
PAIR_RULES: tuple[Callable[[_Pair], None], ...] = (
    _member_renamed,
    _exception_renamed,
    _name_aliases_removed,
    _code_changed,
    _aliases,
    _kind_changed,
    _group_changed,
    _retryable_changed,
    _deprecation,
    _message_params_added,
    _texts,
    _translations,
)
