"""`python -m codegen import PAGE --vendor ID`: draft or update a vendor's catalog from its page.

Reads the page's error tables (codegen.importer.page_tables), types its codes (codegen.importer.page_codes),
writes a new draft catalog or merges into the existing one (codegen.importer.catalog_edit), checks the
result with the loader, prints a report and writes the file atomically. Exit: 0 done (or
nothing to change), 1 with --dry-run when the catalog would change, 2 on unreadable input.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from codegen.diagnostics import clip, display, short
from codegen.importer.catalog_edit import Outcome, merge, new_catalog
from codegen.importer.catalog_yaml import EditError, dump, load_faithfully
from codegen.importer.drafts import language
from codegen.importer.page_codes import PageCodes, page_codes
from codegen.importer.page_formats import read_page
from codegen.importer.page_tables import PageError
from codegen.input_files import (
    PAGE_BYTES,
    SCHEMA_BYTES,
    InputError,
    decode,
    read_at_most,
    read_text,
)

VENDOR_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
LOCALE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")


class ImportFailure(Exception):
    """Input that cannot be imported: reported on stderr, exit 2, nothing written."""


@dataclass(frozen=True, slots=True)
class Options:
    page: str  # a path, or "-" for standard input
    vendor: str
    schemas: str | os.PathLike[str]  # the folder of schemas
    locale: str | None = None
    columns: str | None = None
    row_pattern: str | None = None
    dry_run: bool = False


@dataclass(frozen=True, slots=True)
class Result:
    target: Path
    new_vendor: bool
    before: str | None  # the catalog's text before, None for a new vendor
    after: str
    outcome: Outcome
    codes: PageCodes
    page_name: str
    page_format: str
    locale: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _read_page(page: str, stdin: TextIO) -> tuple[str, str]:
    """The page's name as messages show it, and its text (a byte-order mark dropped)."""
    try:
        if page != "-":
            return page, read_text(page, PAGE_BYTES, "page", "utf-8-sig")
        buffer = getattr(stdin, "buffer", None)
        if buffer is None:  # a text stream without bytes underneath (a test's StringIO)
            text = stdin.read(PAGE_BYTES + 1)
            data: bytes | None = None if len(text) > PAGE_BYTES else text.encode("utf-8")
        else:
            data = read_at_most(buffer, PAGE_BYTES)
        if data is None:
            raise ImportFailure(f"<stdin>: the page has more than {PAGE_BYTES} bytes (16 MiB)")
        return "<stdin>", decode("<stdin>", data, "page", "utf-8-sig")
    except InputError as exc:
        raise ImportFailure(str(exc)) from None


def _check(path: str, text: str) -> None:
    """The loader's verdict on the text about to be written: errors stop the import."""
    from codegen.schema.loader import check_text

    _, _, problems = check_text(path, text)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ImportFailure(
            "\n".join(map(str, errors)) + "\nthe catalog would be invalid; nothing written"
        )


def _check_prefix_is_free(schemas: Path, vendor_id: str) -> None:
    """A new vendor's class prefix must not be another catalog's (`mt_auth` and `mtauth`
    with prefix MtAuth)."""
    from codegen.schema.loader import check_text

    prefix = "".join(word.capitalize() for word in vendor_id.split("_"))
    for path in sorted(schemas.glob("*.yaml")) if schemas.is_dir() else []:
        try:
            vendor, _, _ = check_text(display(path), read_text(path, SCHEMA_BYTES, "schema"))
        except InputError as exc:
            raise ImportFailure(str(exc)) from None
        if vendor is not None and vendor.prefix == prefix:
            raise ImportFailure(
                f"--vendor {vendor_id!r}: its class prefix {prefix} is already used by "
                f"{display(path)} (vendor {vendor.id!r}); choose another vendor id"
            )


def _nothing_read(page_name: str, codes: PageCodes) -> str:
    reasons = "".join(
        f"\n  {page_name}:{unread.line}: {unread.reason}" for unread in codes.unread[:5]
    )
    return f"error: {page_name}: no row of the page could be read; nothing written{reasons}"


def _page_language(codes: PageCodes) -> str:
    return language([item.message for item in codes.codes])


def run(options: Options, stdin: TextIO = sys.stdin) -> Result:
    """Read the page and compute the catalog's new text (nothing is written here)."""
    if not VENDOR_ID.match(options.vendor):
        raise ImportFailure(f"--vendor {options.vendor!r}: use a lowercase identifier like 'iam'")
    if options.locale is not None and not LOCALE.match(options.locale):
        raise ImportFailure(f"--locale {options.locale!r} is not a BCP 47 tag like 'en' or 'zh-CN'")
    page_name, page_text = _read_page(options.page, stdin)
    try:
        page = read_page(page_text, options.columns, options.row_pattern)
    except PageError as exc:
        raise ImportFailure(f"{page_name}: {exc}") from None
    target = Path(options.schemas, f"{options.vendor}.yaml")
    shown = display(target)
    if not target.exists():
        codes = page_codes(page, None)
        if not codes.codes:
            raise ImportFailure(_nothing_read(page_name, codes))
        draft_locale = options.locale or _page_language(codes)
        after, outcome = new_catalog(options.vendor, codes, draft_locale, page_text)
        outcome.notes[:0] = codes.notes
        _check(shown, after)
        _check_prefix_is_free(Path(options.schemas), options.vendor)
        return Result(target, True, None, after, outcome, codes, page_name, page.format, None)
    before = _read_catalog(target, shown)
    try:
        yaml, doc = load_faithfully(before)
    except EditError as exc:
        raise ImportFailure(f"{shown}: {exc}") from None
    vendor = doc.get("vendor") or {}
    code_type = str(vendor.get("code_type"))
    vendor_locale = str(vendor.get("locale") or "en")
    codes = page_codes(page, code_type)
    if not codes.codes:  # nothing to merge: the page is not what it was taken for
        raise ImportFailure(_nothing_read(page_name, codes))
    locale: str | None = options.locale
    if locale is not None and locale.lower() == vendor_locale.lower():
        locale = None
    if locale is None:
        found = _page_language(codes)
        if found.split("-")[0] != vendor_locale.split("-")[0].lower():
            raise ImportFailure(
                f"{page_name}: the page's texts look like {found!r} but {shown} is in "
                f"{vendor_locale!r}; to import them as translations, add --locale {found}"
            )
    outcome = merge(doc, codes, locale)
    after = dump(yaml, doc)
    if after != before:
        _check(shown, after)
    return Result(target, False, before, after, outcome, codes, page_name, page.format, locale)


def _read_catalog(target: Path, shown: str) -> str:
    try:
        text = read_text(target, SCHEMA_BYTES, "schema")
    except InputError as exc:
        raise ImportFailure(str(exc)) from None
    from codegen.schema.loader import check_text

    _, _, problems = check_text(shown, text)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ImportFailure(
            "\n".join(map(str, errors)) + f"\n{shown} is invalid; fix it before importing into it"
        )
    return text


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` in one rename: a reader sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# -- the report --------------------------------------------------------------------------------


def _shown(value: object, width: int) -> str:
    """A page's value in the report: a text in double quotes, as the page has it."""
    return clip(f'"{value}"', width) if isinstance(value, str) else short(value, width)


def report(result: Result, dry_run: bool) -> str:
    """What the import adds, changes and misses, and what a person must review."""
    outcome = result.outcome
    shown = display(result.target)
    what = "new vendor" if result.new_vendor else "existing catalog"
    if result.locale is not None:
        what += f", texts imported as translations[{result.locale}]"
    lines = [
        f"{result.page_name} ({result.page_format}, {len(result.codes.codes)} codes) -> "
        f"{shown} ({what})"
    ]
    if result.new_vendor:
        lines.append(f"  drafted {len(outcome.added)} codes (code_type {result.codes.code_type})")
    elif outcome.added:
        lines.append(f"  added {len(outcome.added)}:")
    for added in outcome.added if not result.new_vendor else []:
        lines.append(
            f"    {added.code}  line {added.line}  {added.name}  {_shown(added.message, 70)}"
        )
    if outcome.changed:
        lines.append(f"  changed {len(outcome.changed)}:")
    for change in outcome.changed:
        lines.append(
            f"    {change.code} {change.field} (line {change.line}): "
            f"{_shown(change.old, 90) if change.old is not None else '(none)'} -> {_shown(change.new, 90)}"
        )
    if outcome.missing:
        if result.locale is not None:
            lines.append(f"  no text on the page for {len(outcome.missing)} (kept as they are):")
        else:
            lines.append(
                f"  missing {len(outcome.missing)} (not on the page; kept: if the vendor dropped "
                'them, mark them `deprecated: "..."`):'
            )
    for missing in outcome.missing:
        flag = "  (already deprecated)" if missing.deprecated else ""
        lines.append(f"    {missing.code}  {missing.name}{flag}")
    drafts = [added for added in outcome.added if added.review]
    if drafts:
        lines.append(
            f"  drafts to review {len(drafts)} (each marked `review:`; lint --strict refuses "
            "them until a person has checked the guesses and removed the key):"
        )
        if result.new_vendor and len(drafts) > 20:
            fields = sorted({field for added in drafts for field in added.review})
            lines.append(f"    all {len(drafts)} entries: {', '.join(fields)}")
        else:
            for added in drafts:
                lines.append(f"    {added.code}  {added.name}: {', '.join(added.review)}")
    if outcome.unreviewed:
        codes = ", ".join(map(str, outcome.unreviewed[:10]))
        more = ", ..." if len(outcome.unreviewed) > 10 else ""
        lines.append(
            f"  still marked review from before: {len(outcome.unreviewed)} ({codes}{more})"
        )
    if result.codes.unread:
        lines.append(f"  rows not read {len(result.codes.unread)}:")
    for unread in result.codes.unread:
        lines.append(
            f"    {result.page_name}:{unread.line}: {unread.reason}: {_shown(unread.text, 70)}"
        )
    for note in outcome.notes:
        lines.append(f"  note: {note}")
    if not result.changed:
        lines.append(f"{shown} is up to date with the page; nothing to change.")
    elif dry_run:
        lines.append(f"dry run: {shown} would change; nothing written.")
    else:
        lines.append(f"wrote {shown}")
    return "\n".join(lines)


def main(options: Options) -> int:
    try:
        result = run(options)
    except ImportFailure as exc:
        print(f"error: {exc}" if "\n" not in str(exc) else str(exc), file=sys.stderr)
        return 2
    if result.changed and not options.dry_run:
        write_atomically(result.target, result.after)
    print(report(result, options.dry_run))
    return 1 if options.dry_run and result.changed else 0
