"""The rules `codegen diff` applies to one vendor's own fields, its envelopes and its groups
(the rules for its codes are in `codegen.diff.entries`).

Each rule family is a function of the `VendorDiff` it records its changes on and the old and
new `Surface` of the vendor.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from codegen.diagnostics import short
from codegen.diff.surface import Surface, code_key
from codegen.schema.model import Envelope, Group

if TYPE_CHECKING:
    from codegen.diff.record import VendorDiff


def summary_text(text: str | None) -> str:
    """A schema text in a change's summary: on one line, quoted, cut short."""
    return "none" if text is None else short(" ".join(text.split()))


# -- the vendor --------------------------------------------------------------------------------


def vendor_added(diff: VendorDiff, new: Surface) -> None:
    vendor = new.vendor
    diff.add(
        "compatible",
        "vendor-added",
        f"catalog.{vendor.id}",
        f"vendor added: catalog.{vendor.id} with {vendor.code_class}, "
        f"{vendor.error_class} and {len(vendor.entries)} code(s)",
        diff.at_vendor("new", "id"),
    )


def vendor_removed(diff: VendorDiff, old: Surface) -> None:
    vendor = old.vendor
    diff.add(
        "breaking",
        "vendor-removed",
        f"catalog.{vendor.id}",
        f"vendor removed: catalog.{vendor.id}, {vendor.code_class}, "
        f"{vendor.error_class} and its {len(vendor.entries)} code(s) are gone",
        diff.at_vendor("old", "id"),
        hint="a removed vendor has no schema to acknowledge it in: "
        "pass --breaking-ok REASON to `codegen diff` for this change",
    )


def vendor_fields(diff: VendorDiff, old: Surface, new: Surface) -> None:
    """The prefix and code type that name and type the classes; the vendor's texts."""
    o, n = old.vendor, new.vendor
    module = f"catalog.{n.id}"
    if o.prefix != n.prefix:
        diff.add(
            "breaking",
            "prefix-changed",
            module,
            f"prefix changed from {o.prefix} to {n.prefix}: {o.code_class} and "
            f"{o.error_class} become {n.code_class} and {n.error_class}",
            diff.at_vendor("new", "prefix"),
        )
    if o.code_type != n.code_type:
        enum = {"int": "IntEnum (members equal ints)", "str": "StrEnum (members equal strings)"}
        diff.add(
            "breaking",
            "code-type-changed",
            n.code_class,
            f"code_type changed from {o.code_type} to {n.code_type}: {n.code_class} is now "
            f"an {enum[n.code_type]}",
            diff.at_vendor("new", "code_type"),
        )
    before_ids = [name.lower() for name in o.request_id_headers]
    after_ids = [name.lower() for name in n.request_id_headers]
    if before_ids != after_ids:
        diff.add(
            "compatible",
            "request-id-headers-changed",
            module,
            f"exc.request_id is read from the headers [{', '.join(n.request_id_headers)}] "
            f"(was [{', '.join(o.request_id_headers)}])",
            diff.at_vendor("new", "request_id_headers"),
        )
    for key, what in (
        ("name", "display name"),
        ("version", "__catalog_version__"),
        ("source", "source"),
        ("locale", "locale of the messages"),
    ):
        before, after = getattr(o, key), getattr(n, key)
        if before != after:
            diff.add(
                "patch",
                "vendor-name-changed" if key == "name" else f"{key}-changed",
                module,
                f"{what} changed from {summary_text(before)} to {summary_text(after)}",
                diff.at_vendor("new", key),
            )


def success_codes(diff: VendorDiff, old: Surface, new: Surface) -> None:
    """Codes that mean success are not errors: adding or removing one changes what raises."""
    o, n = old.vendor, new.vendor
    module = f"catalog.{n.id}"
    old_success = [code_key(code) for code in o.success]
    new_success = [code_key(code) for code in n.success]
    for index, code in enumerate(n.success):
        if code_key(code) not in old_success:
            diff.add(
                "breaking",
                "success-code-added",
                module,
                f"{code!r} is now a success code: responses with it are no longer errors",
                diff.at_vendor("new", "success", index),
            )
    for index, code in enumerate(o.success):
        if code_key(code) not in new_success:
            diff.add(
                "breaking",
                "success-code-removed",
                module,
                f"{code!r} is no longer a success code: responses with it are now errors",
                diff.at_vendor("old", "success", index),
            )


# -- envelopes ---------------------------------------------------------------------------------


def _envelope_text(envelope: Envelope) -> str:
    """An envelope as the schema writes it: `{code: error.code, message: error.message}`."""
    fields = [
        f"{key}: {getattr(envelope, key)}"
        for key in ("code", "header", "error", "status", "message", "success")
        if getattr(envelope, key) is not None
    ]
    if envelope.request_id:
        fields.append("request_id: [" + ", ".join(envelope.request_id) + "]")
    if envelope.details:
        fields.append("details: {" + ", ".join(f"{k}: {v}" for k, v in envelope.details) + "}")
    return "{" + ", ".join(fields) + "}"


# What makes an envelope recognise a failure: ("code", path), ("header", name), ("error", path),
# ("status", path).
Trigger = tuple[str, str]


def _triggers(envelope: Envelope) -> set[Trigger]:
    """What makes an envelope recognise a failure: a code path, a header, an error object or
    list, a status in the body."""
    found: set[Trigger] = set()
    if envelope.status is not None:
        found.add(("status", envelope.status))
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
    "status": "a status at `{}`",
}


def _triggers_text(triggers: Iterable[Trigger]) -> str:
    return " or ".join(TRIGGER_TEXT[kind].format(value) for kind, value in triggers)


def _pair_envelopes(
    olds: tuple[Envelope, ...], news: tuple[Envelope, ...]
) -> tuple[list[tuple[int, int]], list[int]]:
    """Old and new envelopes paired by index, and the indexes of the new ones left unpaired.

    An old envelope pairs with the free new one it shares most recognition paths with (the first
    of equals), then the old ones left pair with the new ones left by position: a path was edited.
    """
    pairs: list[tuple[int, int]] = []
    free = list(range(len(news)))
    for i, envelope in enumerate(olds):
        best = max(free, key=lambda j: len(_triggers(envelope) & _triggers(news[j])), default=None)
        if best is not None and _triggers(envelope) & _triggers(news[best]):
            pairs.append((i, best))
            free.remove(best)
    unpaired_old = [i for i in range(len(olds)) if i not in {p[0] for p in pairs}]
    for i, j in zip(unpaired_old, list(free), strict=False):
        pairs.append((i, j))
        free.remove(j)
    return pairs, free


def envelopes(diff: VendorDiff, old: Surface, new: Surface) -> None:
    """How `from_response` recognises a failure and reads it."""
    module = f"{new.vendor.error_class}.from_response"
    olds, news = old.vendor.envelopes, new.vendor.envelopes
    old_union = set().union(*map(_triggers, olds)) if olds else set()
    new_union = set().union(*map(_triggers, news)) if news else set()
    pairs, free = _pair_envelopes(olds, news)
    paired_old = {p[0] for p in pairs}
    for i, envelope in enumerate(olds):
        if i not in paired_old:
            _envelope_removed(diff, module, envelope, i, new_union)
    for j in free:
        diff.add(
            "compatible",
            "envelope-added",
            module,
            f"envelope {_envelope_text(news[j])} added",
            diff.at_vendor("new", "response", j),
        )
    for i, j in sorted(pairs):
        _envelope_paths(diff, module, olds[i], news[j], j, (old_union, new_union))
        _envelope_reading(diff, module, olds[i], news[j], j)
        _envelope_details(diff, module, olds[i], news[j], j)
    order = [j for _, j in sorted(pairs)]
    if order != sorted(order):
        diff.add(
            "compatible",
            "envelopes-reordered",
            module,
            "envelopes are tried in a new order: a response two of them match may read "
            "its code from another place",
            diff.at_vendor("new", "response"),
        )


def _envelope_removed(
    diff: VendorDiff, module: str, envelope: Envelope, index: int, new_union: set[Trigger]
) -> None:
    lost = sorted(_triggers(envelope) - new_union)
    if lost:
        diff.add(
            "breaking",
            "envelope-removed",
            module,
            f"envelope {_envelope_text(envelope)} removed: responses with "
            f"{_triggers_text(lost)} are no longer recognised",
            diff.at_vendor("old", "response", index),
        )
    else:
        diff.add(
            "compatible",
            "envelope-removed",
            module,
            f"envelope {_envelope_text(envelope)} removed; what it recognised another "
            "envelope still does",
            diff.at_vendor("old", "response", index),
        )


def _envelope_paths(
    diff: VendorDiff,
    module: str,
    o: Envelope,
    n: Envelope,
    index: int,
    unions: tuple[set[Trigger], set[Trigger]],
) -> None:
    """A changed code path, header or error object: narrowed unless another envelope still
    recognises what it did, widened unless another one already recognised what it now does."""
    old_union, new_union = unions
    for key in ("code", "header", "error", "status"):
        before, after = getattr(o, key), getattr(n, key)
        if (before or "").lower() == (after or "").lower():
            continue
        where = diff.at_vendor("new", "response", index, key)
        if (
            before is not None
            and (key, before.lower() if key == "header" else before) not in new_union
        ):
            was = _triggers_text([(key, before)])
            now = f"`{after}`" if after is not None else "nothing"
            diff.add(
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
            diff.add(
                "compatible",
                "envelope-widened",
                module,
                f"envelope {_envelope_text(n)} also recognises responses with "
                f"{_triggers_text([(key, after)])}",
                where,
            )


def _envelope_reading(diff: VendorDiff, module: str, o: Envelope, n: Envelope, index: int) -> None:
    """The success flag and the message path of a paired envelope."""
    if o.success != n.success:
        if o.success is None:
            effect = f"responses whose `{n.success}` is true are no longer errors"
        elif n.success is None:
            effect = f"responses whose `{o.success}` is true are now read for an error code"
        else:
            effect = f"the success flag is read from `{n.success}`, not `{o.success}`"
        diff.add(
            "breaking",
            "envelope-success-changed",
            module,
            f"envelope success flag changed: {effect}",
            diff.at_vendor("new", "response", index, "success"),
        )
    if o.message != n.message:
        diff.add(
            "compatible",
            "envelope-message-changed",
            module,
            f"exc.message is read from `{n.message}` (was `{o.message}`)",
            diff.at_vendor("new", "response", index, "message"),
        )


def _read_details(envelope: Envelope) -> tuple[tuple[str, str], ...]:
    """The details an envelope reads from the body: its `details`, and `request_id` (kept in
    exc.details["request_id"] too) from the first of its paths."""
    if not envelope.request_id:
        return envelope.details
    return (*envelope.details, ("request_id", envelope.request_id[0]))


def _envelope_details(diff: VendorDiff, module: str, o: Envelope, n: Envelope, index: int) -> None:
    """The `exc.details` a paired envelope reads."""
    old_read, new_read = _read_details(o), _read_details(n)
    old_details, new_details = dict(old_read), dict(new_read)
    for name, path in old_read:
        if name not in new_details:
            diff.add(
                "breaking",
                "envelope-detail-removed",
                module,
                f"exc.details no longer has {name!r} (was read from `{path}`)",
                diff.at_vendor("new", "response", index, "details"),
            )
        elif new_details[name] != path:
            diff.add(
                "compatible",
                "envelope-detail-changed",
                module,
                f"exc.details[{name!r}] is read from `{new_details[name]}` (was `{path}`)",
                diff.at_vendor("new", "response", index, "details", name),
            )
    for name, path in new_read:
        if name not in old_details:
            diff.add(
                "compatible",
                "envelope-detail-added",
                module,
                f"exc.details gains {name!r}, read from `{path}`",
                diff.at_vendor("new", "response", index, "details", name),
            )


# -- groups ------------------------------------------------------------------------------------


def groups(diff: VendorDiff, old: Surface, new: Surface) -> None:
    """Groups matched by id, then by class name; each new group carries on one old group."""
    matched: set[str] = set()
    by_class = {group.name: group for group in new.vendor.groups}
    for og in old.vendor.groups:
        ng = new.groups.get(og.id) or by_class.get(og.name)
        if ng is None or ng.id in matched:
            diff.add(
                "breaking",
                "group-removed",
                og.name,
                f"group {og.id!r} removed: {og.name} is gone, `except {og.name}` fails",
                diff.at_group("old", og, "id"),
            )
            continue
        matched.add(ng.id)
        _group_pair(diff, old, new, og, ng)
    for ng in new.vendor.groups:
        if ng.id not in matched:
            diff.add(
                "compatible",
                "group-added",
                ng.name,
                f"group {ng.id!r} added: class {ng.name}",
                diff.at_group("new", ng, "id"),
            )


def _group_pair(diff: VendorDiff, old: Surface, new: Surface, og: Group, ng: Group) -> None:
    if og.name != ng.name:
        diff.add(
            "breaking",
            "group-renamed",
            og.name,
            f"group class {og.name} renamed to {ng.name}: `except {og.name}` fails",
            diff.at_group("new", ng, "name"),
        )
    if og.id != ng.id:
        diff.add(
            "breaking",
            "group-id-changed",
            ng.name,
            f"group id changed from {og.id!r} to {ng.id!r}: the `.group` of its codes changes",
            diff.at_group("new", ng, "id"),
        )
    if og.parent != ng.parent:
        _group_parent(diff, old, new, og, ng)
    if og.description != ng.description:
        diff.add(
            "patch",
            "group-description-changed",
            ng.name,
            f"description changed from {summary_text(og.description)} to {summary_text(ng.description)}",
            diff.at_group("new", ng, "description"),
        )


def _group_parent(diff: VendorDiff, old: Surface, new: Surface, og: Group, ng: Group) -> None:
    """A new parent: breaking when an `except` that caught the group no longer does."""
    before = old.group_chain(og.parent)
    after = new.group_chain(ng.parent)
    lost = [name for name in before if name not in after]
    if lost:
        diff.add(
            "breaking",
            "group-parent-changed",
            ng.name,
            f"parent group changed from {og.parent!r} to {ng.parent!r}: "
            f"`except {lost[0]}` no longer catches {ng.name}",
            diff.at_group("new", ng, "parent"),
        )
    else:
        diff.add(
            "compatible",
            "group-parent-changed",
            ng.name,
            f"parent group changed from {og.parent!r} to {ng.parent!r}: "
            f"{ng.name} is now also caught by `except {after[0]}`",
            diff.at_group("new", ng, "parent"),
        )
