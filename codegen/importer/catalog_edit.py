"""Write a vendor catalog from a page's codes: a new draft, or a merge into the existing file.

The merge edits the file through ruamel.yaml's round-trip mode, so every name, kind, group,
note, translation, comment, key order and quoting style the file already has stays exactly as
it is; only the texts the page changed, the codes it added and the aliases it added are
touched. Before editing, the file must come back byte for byte from an unedited round trip
(`load_faithfully`), so that nothing else can change.
"""

from __future__ import annotations

import bisect
import keyword
import re
from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from codegen.importer.catalog_yaml import (
    INDENTS,
    KEY_ORDER,
    code_of,
    dump,
    flow_map,
    flow_seq,
    insert_item,
    insert_key,
    like,
    move_comment_lines,
    quoted,
    round_trip,
)
from codegen.importer.drafts import Namer, group_ids, guess_kind, is_english
from codegen.importer.page_codes import Code, PageCode, PageCodes
from codegen.schema.names import default_exception_name

MODELINE_COMMENT = "yaml-language-server: $schema=catalog.schema.json"
FORMAT = 1
TEXT_FIELDS = ("message", "description", "remedy", "http_status")
QUOTED_FIELDS = frozenset({"code", "message", "description", "remedy"})


@dataclass(frozen=True, slots=True)
class Change:
    code: Code
    field: str
    old: object
    new: object
    line: int


@dataclass(frozen=True, slots=True)
class Added:
    code: Code
    name: str
    message: str
    line: int
    review: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Missing:
    code: Code
    name: str
    deprecated: bool


@dataclass
class Outcome:
    added: list[Added] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unreviewed: list[Code] = field(default_factory=list)  # drafts from earlier imports


# -- guesses ----------------------------------------------------------------------------------


def draft_entry(
    item: PageCode, namer: Namer, group: str | None, needs_translation: bool
) -> CommentedMap:
    """A new entry with the page's texts and a guess for everything else, marked `review`."""
    review = ["name", "kind"]
    if item.joined:
        review.append("message")
    fields: dict[str, object] = {
        "code": item.code,
        "name": namer.take(item.message, item.code),
        "message": item.message,
        "kind": guess_kind(
            " ".join(t for t in (item.message, item.description) if t), item.http_status
        ),
        "description": item.description,
        "remedy": item.remedy,
        "http_status": item.http_status,
    }
    if group is not None:
        fields["group"] = group
        review.append("group")
    if item.aliases:
        fields["aliases"] = flow_seq(list(item.aliases), quote=True)
    if needs_translation:
        review.append("translations")
    fields["review"] = flow_seq(review, quote=False)
    node = CommentedMap()
    for key in KEY_ORDER:
        value = fields.get(key)
        if value is not None:
            node[key] = quoted(value) if key in QUOTED_FIELDS else value
    return node


def _version(page_text: str) -> str:
    for line in page_text.splitlines():
        if re.search(r"update|更新", line, re.I):
            match = re.search(r"\b(\d{4}-\d{2}-\d{2})\b", line)
            if match:
                return match[1]
    return "draft"


def new_catalog(
    vendor_id: str, codes: PageCodes, locale: str, page_text: str
) -> tuple[str, Outcome]:
    """The text of a new draft catalog for these codes, and what it holds."""
    prefix = "".join(word.capitalize() for word in vendor_id.split("_"))
    outcome = Outcome()
    vendor = CommentedMap()
    vendor["id"] = vendor_id
    vendor["name"] = DoubleQuotedScalarString(vendor_id)
    vendor["prefix"] = prefix
    vendor["version"] = DoubleQuotedScalarString(_version(page_text))
    vendor["code_type"] = codes.code_type
    if locale != "en":
        vendor["locale"] = locale
    doc = CommentedMap()
    doc["format"] = FORMAT
    doc["vendor"] = vendor
    sections = [s for s in dict.fromkeys(item.section for item in codes.codes) if s is not None]
    section_group: dict[str, str] = {}
    namer = Namer.for_prefix(prefix)
    if len(sections) > 1:
        groups = CommentedSeq()
        for heading, gid in zip(sections, group_ids(sections), strict=True):
            name = f"{prefix}{''.join(w.capitalize() for w in gid.split('_'))}Error"
            if keyword.iskeyword(gid) or name in namer.classes:
                continue
            groups.append(
                CommentedMap(id=gid, name=name, description=DoubleQuotedScalarString(heading))
            )
            section_group[heading] = gid
            namer.classes.add(name)
        doc["groups"] = groups
    entries = CommentedSeq()
    for item in codes.codes:
        group = section_group.get(item.section) if item.section is not None else None
        needs_translation = locale != "en" or not is_english(item.message)
        node = draft_entry(item, namer, group, needs_translation)
        entries.append(node)
        outcome.added.append(
            Added(item.code, str(node["name"]), item.message, item.line, tuple(node["review"]))
        )
    doc["codes"] = entries
    doc.yaml_set_start_comment(MODELINE_COMMENT)
    doc.yaml_set_comment_before_after_key(
        "vendor",
        after="draft: set the vendor's display name, version, source and response envelope",
        after_indent=2,
    )
    return dump(round_trip(INDENTS[0]), doc), outcome


# -- merging into an existing catalog --------------------------------------------------------


def _existing_namer(doc: CommentedMap) -> Namer:
    vendor = doc.get("vendor") or {}
    prefix = str(
        vendor.get("prefix") or "".join(w.capitalize() for w in str(vendor["id"]).split("_"))
    )
    namer = Namer.for_prefix(prefix)
    for group in doc.get("groups") or []:
        namer.classes.add(str(group.get("name")))
    for node in doc["codes"]:
        name = str(node.get("name"))
        namer.names.add(name)
        namer.classes.add(str(node.get("exception") or default_exception_name(name)))
        for old in node.get("renamed_from") or []:
            old = str(old)
            if old.isupper():
                namer.names.add(old)
                namer.classes.add(default_exception_name(old))
            else:
                namer.classes.add(old)
    return namer


def _same_glued(node: CommentedMap, item: PageCode, new: str) -> bool:
    """The page ran message and description into one column, and they are unchanged."""
    description = node.get("description")
    old = node.get("message")
    if "description" in item.columns or description is None or old is None:
        return False
    return new in (f"{old} {description}", f"{old}{description}")


def merge(doc: CommentedMap, codes: PageCodes, locale: str | None) -> Outcome:
    """Merge the page's codes into the loaded catalog `doc` (edited in place).

    `locale` set: the page is in another language than the catalog; its messages become
    `translations[locale]` of the existing codes, and nothing else changes.
    """
    outcome = Outcome(notes=list(codes.notes))
    seq: CommentedSeq = doc["codes"]
    vendor_locale = str((doc.get("vendor") or {}).get("locale") or "en")
    index: dict[Code, tuple[CommentedMap, bool]] = {}
    for node in seq:
        index[code_of(node["code"])] = (node, False)
        for alias in node.get("aliases") or []:
            index.setdefault(code_of(alias), (node, True))
    on_page = codes.by_code()
    namer = _existing_namer(doc)
    matched: list[CommentedMap | None] = []
    for item in codes.codes:
        found = index.get(item.code)
        node = found[0] if found else None
        if found is not None and found[1]:
            owner = code_of(found[0]["code"])
            if owner in on_page and on_page[owner] is not item:
                texts = on_page[owner]
                if (texts.message, texts.description) != (item.message, item.description):
                    outcome.notes.append(
                        f"line {item.line}: {item.code!r} is an alias of {owner!r} in the "
                        f"catalog, but the page gives it its own text {item.message!r}; "
                        "nothing changed"
                    )
                matched.append(node)
                continue
        matched.append(node)
        if node is None:
            continue
        if locale is not None:
            _merge_translation(node, item, locale, outcome)
        else:
            _merge_texts(node, item, outcome)
            _merge_aliases(node, item, index, outcome)
    if locale is None:
        _insert_new(seq, codes, matched, namer, vendor_locale, outcome)
    else:
        for item, node in zip(codes.codes, matched, strict=True):
            if node is None:
                outcome.notes.append(
                    f"line {item.line}: {item.code!r} is not in the catalog; import the page "
                    f"in the catalog's own language ({vendor_locale}) to add it"
                )
    added = {added.code for added in outcome.added}
    seen = {id(node) for node in matched if node is not None}
    for node in seq:
        code = code_of(node["code"])
        if node.get("review") and code not in added:
            outcome.unreviewed.append(code)
        traffic = node.get("origin") == "traffic"
        if code not in on_page and id(node) not in seen:
            if not traffic:  # a code seen in traffic was never on the page: not dropped from it
                outcome.missing.append(
                    Missing(code, str(node.get("name")), node.get("deprecated") is not None)
                )
        elif traffic:
            outcome.notes.append(
                f"{code!r} is marked origin: traffic but is now on the page; remove 'origin'"
            )
        for alias in node.get("aliases") or []:
            if code in on_page and code_of(alias) not in on_page:
                outcome.notes.append(f"the alias {alias!r} of {code!r} is not on the page (kept)")
    return outcome


def _merge_texts(node: CommentedMap, item: PageCode, outcome: Outcome) -> None:
    for key in TEXT_FIELDS:
        if key not in item.columns:
            continue
        new: object = getattr(item, key)
        if new is None:
            continue  # an empty cell: the page no longer says; keep what the catalog says
        old = node.get(key)
        if old == new or (
            key == "message" and isinstance(new, str) and _same_glued(node, item, new)
        ):
            continue
        if key in node:
            node[key] = like(old, new)
        else:
            insert_key(node, key, quoted(new))
        outcome.changed.append(Change(code_of(node["code"]), key, old, new, item.line))


def _merge_aliases(
    node: CommentedMap,
    item: PageCode,
    index: dict[Code, tuple[CommentedMap, bool]],
    outcome: Outcome,
) -> None:
    for alias in item.aliases:
        owner = index.get(alias)
        if owner is not None:
            if owner[0] is not node:
                outcome.notes.append(
                    f"line {item.line}: the page lists {alias!r} with {item.code!r}, but the "
                    f"catalog has it under {code_of(owner[0]['code'])!r}; nothing changed"
                )
            continue
        aliases = node.get("aliases")
        if aliases is None:
            insert_key(node, "aliases", flow_seq([alias], quote=True))
        else:
            insert_item(aliases, len(aliases), quoted(alias))
        index[alias] = (node, True)
        outcome.changed.append(Change(code_of(node["code"]), "aliases", None, alias, item.line))


def _merge_translation(node: CommentedMap, item: PageCode, locale: str, outcome: Outcome) -> None:
    table = node.get("translations")
    key = locale
    if table is not None:
        key = next((tag for tag in table if str(tag).lower() == locale.lower()), locale)
    old = table.get(key) if table is not None else None
    if old == item.message:
        return
    if table is None:
        insert_key(node, "translations", flow_map({locale: item.message}))
    elif key in table:
        table[key] = like(old, item.message)
    else:
        table[key] = DoubleQuotedScalarString(item.message)
    outcome.changed.append(
        Change(code_of(node["code"]), f"translations.{key}", old, item.message, item.line)
    )


def _insert_new(
    seq: CommentedSeq,
    codes: PageCodes,
    matched: list[CommentedMap | None],
    namer: Namer,
    vendor_locale: str,
    outcome: Outcome,
) -> None:
    """Insert each new code after the entry of the page row above it (at the top if none).

    In linear time: where each new entry goes is noted first, and the list is rebuilt once
    (inserting into a ruamel.yaml list one item at a time renumbers its comments every time).
    """
    groups = _NeighbourGroups(codes.codes, matched)
    after: dict[int, list[CommentedMap]] = {}  # id(entry) -> the new entries right after it
    top: list[CommentedMap] = []
    last: CommentedMap | None = None
    for position, (item, node) in enumerate(zip(codes.codes, matched, strict=True)):
        if node is not None:
            last = node
            continue
        needs_translation = not vendor_locale.lower().startswith("en") or not is_english(
            item.message
        )
        new = draft_entry(item, namer, groups.near(position), needs_translation)
        # Right after `last`, so before what an earlier row put right after it.
        (top if last is None else after.setdefault(id(last), [])).insert(0, new)
        matched[position] = last = new
        outcome.added.append(
            Added(item.code, str(new["name"]), item.message, item.line, tuple(new["review"]))
        )
    if top or after:
        _rebuild(seq, top, after)


def _rebuild(
    seq: CommentedSeq, top: list[CommentedMap], after: dict[int, list[CommentedMap]]
) -> None:
    """`seq` with the new entries in place. The whole comment lines that followed an entry
    move below the new entries after it: they stay just above the entry they preceded."""
    items: list[CommentedMap] = []

    def place(first: CommentedMap) -> None:
        pending = [first]  # depth first, without recursion: a page may add a long run
        while pending:
            node = pending.pop()
            items.append(node)
            pending.extend(reversed(after.get(id(node), ())))

    for node in top:
        place(node)
    where: dict[int, int] = {}  # old index -> new index
    runs: list[tuple[int, int]] = []  # (an entry's new index, the index of its last new one)
    for index, node in enumerate(list(seq)):
        where[index] = len(items)
        place(node)
        runs.append((where[index], len(items) - 1))
    comments = {where[index]: entry for index, entry in seq.ca.items.items() if index in where}
    list.__delitem__(seq, slice(None))
    list.extend(seq, items)
    seq.ca.items.clear()
    seq.ca.items.update(comments)
    for at, end in runs:
        if end != at:
            move_comment_lines(seq, at, end)


class _NeighbourGroups:
    """The group of the nearest existing entry in the same page section as a row (above,
    else below): a bisection in the rows of each section that have one."""

    def __init__(self, items: list[PageCode], matched: list[CommentedMap | None]) -> None:
        self.items = items
        self.rows: dict[object, list[int]] = {}
        self.groups: dict[int, str | None] = {}
        for position, (item, node) in enumerate(zip(items, matched, strict=True)):
            if node is not None and "review" not in node:
                self.rows.setdefault(item.section, []).append(position)
                group = node.get("group")
                self.groups[position] = None if group is None else str(group)

    def near(self, position: int) -> str | None:
        rows = self.rows.get(self.items[position].section)
        if not rows:
            return None
        at = bisect.bisect_left(rows, position)
        return self.groups[rows[at - 1] if at > 0 else rows[at]]
