"""Read the error tables of a vendor's page: Markdown, HTML (codegen.importer.page_html), CSV,
or text rows by a pattern.

`read_page` detects the format from the content. Each reader gives one `Row` per table row
and every row it cannot read as `Unread` (codegen.importer.page_tables has the record).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from codegen.importer.page_html import read_html
from codegen.importer.page_tables import (
    FIELDS,
    HEADER_WORDS,
    Page,
    PageError,
    Row,
    Unread,
    heading_text,
    map_columns,
    markdown_text,
    normalize,
    parse_columns,
    split_header_line,
    table_rows,
)

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_DELIMITER_CELL = re.compile(r":?-+:?\Z")
_SENTENCE_END = tuple(".。!！?？:：,，;；")
MAX_HEADING = 80


# -- the formats -----------------------------------------------------------------------------
# Lines are taken apart with str methods, not regular expressions that backtrack: a page is
# input from outside, and must be read in time linear in its size.


def markdown_heading(line: str) -> str | None:
    """The text of an ATX heading line (`## 1. Errors ##` -> "1. Errors"), else None."""
    body = line.lstrip()
    if len(line) - len(body) > 3 or not body.startswith("#"):
        return None
    level = len(body) - len(body.lstrip("#"))
    rest = body[level:]
    if level > 6 or not rest[:1].isspace():
        return None
    return rest.strip().rstrip("#").rstrip()


def is_delimiter_row(line: str) -> bool:
    """True for a Markdown table's delimiter row (`| :- | ---: |`)."""
    text = line.strip()
    if "-" not in text:
        return False
    text = text.removeprefix("|").removesuffix("|")
    return all(_DELIMITER_CELL.match(cell.strip()) for cell in text.split("|"))


def has_markdown_table(text: str) -> bool:
    """True if a line with a `|` is followed by a delimiter row."""
    previous = ""
    for line in text.splitlines():
        if "|" in previous and is_delimiter_row(line):
            return True
        previous = line
    return False


@dataclass
class _Headings:
    """Tracks the section heading in force at each line of a Markdown or text page."""

    markdown_only: bool
    current: str | None = None

    def see(self, line: str) -> None:
        heading = markdown_heading(line)
        if heading is not None:
            self.current = heading_text(heading) or self.current
            return
        if self.markdown_only:
            return
        text = heading_text(line)
        stripped = line.strip()
        if (
            text
            and len(stripped) <= MAX_HEADING
            and not stripped.endswith(_SENTENCE_END)
            and "|" not in stripped
            and any(char.isalpha() for char in text)
            and split_header_line(stripped) is None
        ):
            self.current = text


def _page_lines(text: str) -> list[tuple[int, str, bool]]:
    """(line number, line, inside front matter or a code fence) for each line."""
    lines = text.splitlines()
    result: list[tuple[int, str, bool]] = []
    fenced = False
    front = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines, 1):
        if front:
            result.append((number, line, True))
            if number > 1 and line.strip() == "---":
                front = False
            continue
        if _FENCE.match(line):
            fenced = not fenced
            result.append((number, line, True))
            continue
        result.append((number, line, fenced))
    return result


def _split_markdown_row(line: str) -> list[str]:
    cells: list[str] = []
    current: list[str] = []
    in_code = escaped = False
    for char in line.strip():
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == "`":
            in_code = not in_code
            current.append(char)
        elif char == "|" and not in_code:
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
    cells.append("".join(current))
    if line.strip().startswith("|"):
        cells = cells[1:]
    if line.strip().endswith("|") and len(cells) > 1 and not line.rstrip().endswith("\\|"):
        cells = cells[:-1]
    return [cell.replace("\\|", "|") for cell in cells]


def read_markdown(text: str, chosen: dict[str, str]) -> Page:
    page = Page("markdown")
    lines = _page_lines(text)
    headings = _Headings(
        markdown_only=any(markdown_heading(l) is not None for _, l, f in lines if not f)
    )
    index = 0
    while index < len(lines):
        number, line, hidden = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else None
        if (
            not hidden
            and "|" in line
            and following is not None
            and not following[2]
            and is_delimiter_row(following[1])
        ):
            headers = [markdown_text(cell) for cell in _split_markdown_row(line)]
            body: list[tuple[int, list[str]]] = []
            index += 2
            while index < len(lines) and "|" in lines[index][1] and not lines[index][2]:
                row_number, row_line, _ = lines[index]
                body.append((row_number, [markdown_text(c) for c in _split_markdown_row(row_line)]))
                index += 1
            table_rows(page, number, headers, body, chosen, headings.current)
            continue
        if not hidden:
            headings.see(line)
        index += 1
    return page


def read_csv(text: str, chosen: dict[str, str]) -> Page | None:
    """The page as CSV (comma, tab or semicolon), or None if its first line is no header."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    for delimiter in ("\t", ",", ";"):
        if delimiter not in first:
            continue
        try:
            headers = [h.strip() for h in next(csv.reader([first], delimiter=delimiter))]
        except csv.Error:
            continue
        named = "code" in chosen or any(normalize(h) in HEADER_WORDS["code"] for h in headers)
        if not named or isinstance(map_columns(headers, chosen), str):
            continue  # a line of prose with a comma in it is no CSV header
        page = Page("csv")
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        records: list[tuple[int, list[str]]] = []
        start = 1
        try:
            for record in reader:
                if record:
                    records.append((start, [cell.strip() for cell in record]))
                start = reader.line_num + 1
        except csv.Error as exc:
            raise PageError(
                f"line {start}: not readable as CSV ({exc}): a cell that long is no error "
                "table's; check the page's quotes"
            ) from None
        header_number, header_cells = records[0]
        table_rows(page, header_number, header_cells, records[1:], chosen, None)
        return page
    return None


def read_text_rows(text: str, pattern: str, chosen: dict[str, str]) -> Page:
    """Rows of a page whose tables lost their cell borders, read line by line by `pattern`.

    A line whose words are only column headers (`Error code Error message Description`)
    starts a table, which runs to the next blank line; a line in it that the pattern does not
    match is reported. Without such header lines, every matching line is a row.
    """
    try:
        regex = re.compile(pattern)
    except re.error as exc:
        raise PageError(f"--row-pattern is not a valid regular expression: {exc}") from None
    groups = set(regex.groupindex)
    if "code" not in groups or not groups & {"message", "description"}:
        raise PageError("--row-pattern needs the named groups (?P<code>...) and (?P<message>...)")
    unknown = sorted(groups - set(FIELDS))
    if unknown:
        raise PageError(
            f"--row-pattern: unknown group(s) {', '.join(unknown)}; use {', '.join(FIELDS)}"
        )
    if chosen:
        raise PageError("--columns does not apply with --row-pattern (name the groups instead)")
    page = Page("text")
    lines = _page_lines(text)
    headings = _Headings(
        markdown_only=any(markdown_heading(l) is not None for _, l, f in lines if not f)
    )
    any_header = any(split_header_line(line) for _, line, hidden in lines if not hidden)
    table: tuple[str, ...] | None = None
    started = False
    for number, line, hidden in lines:
        if hidden:
            continue
        header = split_header_line(line)
        if header is not None:
            table, started = header, False
            continue
        if not line.strip():
            if started:
                table = None
            continue
        match = regex.fullmatch(line.rstrip())
        if table is not None or not any_header:
            started = True
            if match is None:
                if table is not None:
                    page.unread.append(
                        Unread(number, line.strip(), "the row pattern does not match")
                    )
                continue
            cells = {name: (value or "").strip() for name, value in match.groupdict().items()}
            if "message" not in cells:
                cells["message"] = cells.pop("description")
            joined: tuple[str, ...] = ()
            if table is not None:
                texts = [f for f in table if f not in ("code", "http_status")]
                if "message" not in table and "description" in table:
                    texts = ["message" if f == "description" else f for f in texts]
                joined = tuple(f for f in texts if f not in cells)
            page.rows.append(Row(number, cells, headings.current, joined))
            continue
        headings.see(line)
    return page


def read_page(text: str, columns: str | None = None, row_pattern: str | None = None) -> Page:
    """Every error table of the page, its format detected from the content."""
    chosen = parse_columns(columns)
    if row_pattern is not None:
        page = read_text_rows(text, row_pattern, chosen)
    elif re.search(r"<table\b", text, re.I):
        page = read_html(text, chosen)
    elif has_markdown_table(text):
        page = read_markdown(text, chosen)
    else:
        found = read_csv(text, chosen)
        if found is None:
            raise PageError(
                "no error table found (Markdown, HTML or CSV with a code column); for a page "
                "whose table lost its cell borders, give --row-pattern"
            )
        page = found
    if not page.rows and not page.unread:
        why = "; ".join(page.notes) or "no table rows"
        raise PageError(f"no error table found ({page.format}): {why}")
    return page
