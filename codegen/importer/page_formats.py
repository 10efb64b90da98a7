"""Read the error tables of a vendor's page: Markdown, HTML, CSV, or text rows by a pattern.

`read_page` detects the format from the content. Each reader gives one `Row` per table row
and every row it cannot read as `Unread` (codegen.importer.page_tables has the record).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser

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
)

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_DELIMITER = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SENTENCE_END = tuple(".。!！?？:：,，;；")
MAX_HEADING = 80


# -- the formats -----------------------------------------------------------------------------


@dataclass
class _Headings:
    """Tracks the section heading in force at each line of a Markdown or text page."""

    markdown_only: bool
    current: str | None = None

    def see(self, line: str) -> None:
        match = _MD_HEADING.match(line)
        if match:
            self.current = heading_text(match[2]) or self.current
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


def _table_rows(
    page: Page,
    header_line: int,
    headers: list[str],
    body: list[tuple[int, list[str]]],
    chosen: dict[str, str],
    section: str | None,
) -> None:
    columns = map_columns(headers, chosen)
    if isinstance(columns, str):
        page.notes.append(f"line {header_line}: skipped a table ({' | '.join(headers)}): {columns}")
        return
    for number, cells in body:
        if not any(cell.strip() for cell in cells):
            continue
        extra = [cell for cell in cells[len(headers) :] if cell.strip()]
        if extra:
            page.unread.append(
                Unread(
                    number, " | ".join(cells), f"{len(cells)} cells under {len(headers)} headers"
                )
            )
            continue
        values = {name: (cells[i] if i < len(cells) else "") for name, i in columns.items()}
        page.rows.append(Row(number, values, section))


def read_markdown(text: str, chosen: dict[str, str]) -> Page:
    page = Page("markdown")
    lines = _page_lines(text)
    headings = _Headings(markdown_only=any(_MD_HEADING.match(l) for _, l, f in lines if not f))
    index = 0
    while index < len(lines):
        number, line, hidden = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else None
        if (
            not hidden
            and "|" in line
            and following is not None
            and not following[2]
            and "-" in following[1]
            and _MD_DELIMITER.match(following[1])
        ):
            headers = [markdown_text(cell) for cell in _split_markdown_row(line)]
            body: list[tuple[int, list[str]]] = []
            index += 2
            while index < len(lines) and "|" in lines[index][1] and not lines[index][2]:
                row_number, row_line, _ = lines[index]
                body.append((row_number, [markdown_text(c) for c in _split_markdown_row(row_line)]))
                index += 1
            _table_rows(page, number, headers, body, chosen, headings.current)
            continue
        if not hidden:
            headings.see(line)
        index += 1
    return page


class _HtmlTables(HTMLParser):
    """Collects every table's rows (cells with their text and line) and the heading above."""

    HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption"})
    BLOCKS = frozenset({"p", "br", "div", "li", "ul", "ol", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[
            tuple[int, str | None, list[tuple[int, list[tuple[str, bool, int, int]]]]]
        ] = []
        self.heading: str | None = None
        self._heading_parts: list[str] | None = None
        self._stack: list[list[tuple[int, list[tuple[str, bool, int, int]]]]] = []
        self._starts: list[tuple[int, str | None]] = []
        self._cell: list[str] | None = None
        self._cell_info: tuple[bool, int, int] = (False, 1, 1)
        self._row: list[tuple[str, bool, int, int]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HEADINGS and self._cell is None:
            self._heading_parts = []
        elif tag == "table":
            self._stack.append([])
            self._starts.append((self.getpos()[0], self.heading))
        elif tag == "tr" and self._stack:
            self._row = []
            self._stack[-1].append((self.getpos()[0], self._row))
        elif tag in ("td", "th") and self._row is not None:
            spans = dict(attrs)
            self._cell = []
            self._cell_info = (
                tag == "th",
                _span(spans.get("colspan")),
                _span(spans.get("rowspan")),
            )
        elif tag in self.BLOCKS and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HEADINGS and self._heading_parts is not None:
            text = heading_text(" ".join("".join(self._heading_parts).split()))
            self.heading = text or self.heading
            self._heading_parts = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            parts = [part.strip() for part in "".join(self._cell).split("\n")]
            self._row.append((" ".join(p for p in parts if p), *self._cell_info))
            self._cell = None
        elif tag == "tr":
            self._row = None
        elif tag == "table" and self._stack:
            rows = self._stack.pop()
            start, heading = self._starts.pop()
            self.tables.append((start, heading, rows))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS and self._cell is not None:
            self._cell.append("\n")

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._heading_parts is not None:
            self._heading_parts.append(data)


def _span(value: str | None) -> int:
    return int(value) if value is not None and value.strip().isdigit() and int(value) > 0 else 1


def read_html(text: str, chosen: dict[str, str]) -> Page:
    page = Page("html")
    parser = _HtmlTables()
    parser.feed(text)
    parser.close()
    for start, heading, rows in sorted(parser.tables, key=lambda table: table[0]):
        grid: list[tuple[int, list[str], bool]] = []
        pending: dict[int, tuple[int, str]] = {}  # column -> (rows still spanned, text)
        for number, cells in rows:
            values: list[str] = []
            header = bool(cells) and all(is_th for _, is_th, _, _ in cells)
            queue = list(cells)
            column = 0
            while queue or column in pending:
                if column in pending:
                    left, value = pending[column]
                    values.append(value)
                    if left > 1:
                        pending[column] = (left - 1, value)
                    else:
                        del pending[column]
                    column += 1
                    continue
                value, _, colspan, rowspan = queue.pop(0)
                for _ in range(colspan):
                    if rowspan > 1:
                        pending[column] = (rowspan - 1, value)
                    values.append(value)
                    column += 1
            grid.append((number, values, header))
        if not grid:
            continue
        first = next((i for i, (_, values, _) in enumerate(grid) if any(values)), None)
        if first is None:
            continue
        header_number, headers, _ = grid[first]
        body = [(number, values) for number, values, _ in grid[first + 1 :]]
        _table_rows(page, header_number or start, headers, body, chosen, heading)
    return page


def read_csv(text: str, chosen: dict[str, str]) -> Page | None:
    """The page as CSV (comma, tab or semicolon), or None if its first line is no header."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    for delimiter in ("\t", ",", ";"):
        if delimiter not in first:
            continue
        headers = [h.strip() for h in next(csv.reader([first], delimiter=delimiter))]
        named = "code" in chosen or any(normalize(h) in HEADER_WORDS["code"] for h in headers)
        if not named or isinstance(map_columns(headers, chosen), str):
            continue  # a line of prose with a comma in it is no CSV header
        page = Page("csv")
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        records: list[tuple[int, list[str]]] = []
        start = 1
        for record in reader:
            if record:
                records.append((start, [cell.strip() for cell in record]))
            start = reader.line_num + 1
        header_number, header_cells = records[0]
        _table_rows(page, header_number, header_cells, records[1:], chosen, None)
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
    headings = _Headings(markdown_only=any(_MD_HEADING.match(l) for _, l, f in lines if not f))
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


_MARKDOWN_TABLE = re.compile(r"^[^\n]*\|[^\n]*\n\s*\|?\s*:?-+:?\s*\|", re.M)


def read_page(text: str, columns: str | None = None, row_pattern: str | None = None) -> Page:
    """Every error table of the page, its format detected from the content."""
    chosen = parse_columns(columns)
    if row_pattern is not None:
        page = read_text_rows(text, row_pattern, chosen)
    elif re.search(r"<table\b", text, re.I):
        page = read_html(text, chosen)
    elif _MARKDOWN_TABLE.search(text):
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
