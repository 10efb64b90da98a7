"""From a page's table rows to its codes: each row's code and aliases, typed as the vendor's
`code_type` says, each code listed once.

A cell may hold several codes (`1014,1015`: the first is the code, the others its aliases); a
thousands separator in an integer code (`1,000`) is read as 1000. A code the page lists twice
keeps the row that lists it alone (or first); the other listing is reported, not guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from codegen.importer.page_tables import Page, Row, Unread

Code = int | str

CODE_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:\-]*\Z")
THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+\Z")
INTEGER = re.compile(r"(?:0|[1-9]\d*)\Z")
CODE_SEPARATORS = re.compile(r"\s*[,，、;；/]\s*")
STATUS = re.compile(r"[1-5]\d\d\Z")


@dataclass
class PageCode:
    """One row of the page, read as a catalog entry's fields."""

    line: int
    code: Code
    aliases: list[Code]
    message: str
    description: str | None
    remedy: str | None
    http_status: int | None
    section: str | None
    columns: frozenset[str]  # the fields the row's table has
    joined: tuple[str, ...] = ()  # columns the page ran into `message`


@dataclass
class PageCodes:
    code_type: str
    codes: list[PageCode] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def by_code(self) -> dict[Code, PageCode]:
        """Every code and alias of the page -> the row that lists it."""
        found: dict[Code, PageCode] = {}
        for item in self.codes:
            for code in (item.code, *item.aliases):
                found.setdefault(code, item)
        return found


def _tokens(cell: str, thousands_ok: bool) -> list[str]:
    cell = cell.strip()
    if thousands_ok and THOUSANDS.match(cell):
        return [cell]
    tokens = [token for token in CODE_SEPARATORS.split(cell) if token]
    spaced = [part for token in tokens for part in token.split()]
    # "1014 1015" lists two codes; "Please check" is not two codes but text in the wrong column
    return spaced if all(any(c.isdigit() for c in part) for part in spaced) else tokens


def infer_code_type(page: Page) -> str:
    """int when every code on the page is a plain integer (no leading zeros, not absurdly
    long), else str."""
    tokens = [token for row in page.rows for token in _tokens(row.cells.get("code", ""), True)]
    return "int" if tokens and all(_convert(t, "int") is not None for t in tokens) else "str"


# An integer code longer than this is not a vendor's code (int64 has 19 digits): it is reported
# as unread rather than converted (Python refuses to convert more than 4,300 digits anyway).
MAX_INT_DIGITS = 30


def _convert(token: str, code_type: str) -> Code | None:
    if code_type == "int":
        if len(token) > MAX_INT_DIGITS + MAX_INT_DIGITS // 3:
            return None
        if THOUSANDS.match(token):
            return int(token.replace(",", ""))
        return int(token) if INTEGER.match(token) and len(token) <= MAX_INT_DIGITS else None
    return token


def _row_code(row: Row, code_type: str, result: PageCodes) -> PageCode | None:
    raw = row.cells.get("code", "").strip()
    message = row.cells.get("message", "").strip()
    shown = " | ".join(value for value in row.cells.values() if value)
    if not raw:
        result.unread.append(Unread(row.line, shown, "no code in the code column"))
        return None
    tokens = _tokens(raw, code_type == "int")
    bad = [t for t in tokens if not CODE_TOKEN.match(t) and _convert(t, code_type) is None]
    codes = [_convert(token, code_type) for token in tokens]
    if bad or not tokens:
        result.unread.append(Unread(row.line, shown, f"{raw!r} is not a code"))
        return None
    if any(code is None for code in codes):
        what = raw if len(raw) <= 40 else f"{raw[:20]}... ({len(raw)} characters)"
        result.unread.append(Unread(row.line, shown, f"{what!r} is not an integer code"))
        return None
    if not message:
        result.unread.append(Unread(row.line, shown, "no message"))
        return None
    status_text = row.cells.get("http_status", "").strip()
    status: int | None = None
    if status_text:
        if not STATUS.match(status_text):
            result.unread.append(Unread(row.line, shown, f"{status_text!r} is not an HTTP status"))
            return None
        status = int(status_text)
    if code_type == "int" and THOUSANDS.match(raw):
        result.notes.append(f"line {row.line}: the code {raw!r} is read as {codes[0]}")
    present = [code for code in codes if code is not None]
    return PageCode(
        line=row.line,
        code=present[0],
        aliases=present[1:],
        message=message,
        description=row.cells.get("description", "").strip() or None,
        remedy=row.cells.get("remedy", "").strip() or None,
        http_status=status,
        section=row.section,
        columns=frozenset(row.cells),
        joined=row.joined,
    )


def page_codes(page: Page, code_type: str | None) -> PageCodes:
    """The page's codes; `code_type` None infers it (a new vendor)."""
    result = PageCodes(
        code_type or infer_code_type(page), unread=list(page.unread), notes=list(page.notes)
    )
    items = [item for row in page.rows if (item := _row_code(row, result.code_type, result))]
    first_line: dict[Code, int] = {}
    for item in items:
        if item.code in first_line:
            result.unread.append(
                Unread(
                    item.line,
                    f"{item.code} | {item.message}",
                    f"the code {item.code!r} is already listed at line {first_line[item.code]}",
                )
            )
            continue
        first_line[item.code] = item.line
        result.codes.append(item)
    seen_alias: dict[Code, int] = {}
    for item in result.codes:
        kept: list[Code] = []
        for alias in item.aliases:
            if alias in first_line:
                result.notes.append(
                    f"line {item.line}: {alias!r} is listed with {item.code!r} and also on its "
                    f"own row (line {first_line[alias]}); kept its own row"
                )
            elif alias in seen_alias or alias in kept:
                result.notes.append(
                    f"line {item.line}: {alias!r} is listed twice (first at line "
                    f"{seen_alias.get(alias, item.line)}); kept the first"
                )
            else:
                seen_alias[alias] = item.line
                kept.append(alias)
        item.aliases = kept
    result.unread.sort(key=lambda unread: unread.line)
    return result
