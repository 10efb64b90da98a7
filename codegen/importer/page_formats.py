"""Read the error tables of a vendor's page: Markdown, HTML, CSV, or text rows by a pattern.

`read_page` detects the format from the content. Each reader gives one `Row` per table row
and every row it cannot read as `Unread` (codegen.importer.page_tables has the record).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from codegen.importer.page_tables import (
    FIELDS,
    HEADER_WORDS,
    Page,
    PageError,
    Row,
    Unread,
    header_field,
    heading_text,
    map_columns,
    markdown_text,
    normalize,
    parse_columns,
    split_header_line,
    unread_columns,
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
        shown = " | ".join(header[:40] for header in headers[:12])
        unknown = [h for h in headers if h.strip() and header_field(h) is None]
        hint = ""
        if unknown:
            hint = (
                f"; headers it does not know: {', '.join(repr(h[:40]) for h in unknown[:12])}: "
                f"name the columns with --columns, e.g. --columns code={unknown[0][:40]!r}"
            )
        page.notes.append(f"line {header_line}: skipped a table ({shown}): {columns}{hint}")
        return
    unread = unread_columns(headers, columns)
    if unread:
        page.notes.append(
            f"line {header_line}: column(s) not read: {', '.join(unread[:12])}; to read one, "
            "name its field with --columns (e.g. --columns description=HEADER)"
        )
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
            _table_rows(page, number, headers, body, chosen, headings.current)
            continue
        if not hidden:
            headings.see(line)
        index += 1
    return page


# What a cell's text is split at (as lines), and what holds a section's heading.
_HTML_BLOCKS = frozenset({"p", "br", "div", "li", "ul", "ol", "hr", "table", "tr"})
_HTML_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HTML_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
# A cell's own text and a heading's: an element this deep inside one is not read (a page is
# input from outside: no recursion, and no unbounded work, on deeply nested markup).
_HTML_MAX_DEPTH = 200
MAX_COLUMNS = 1000  # the HTML standard's limit on colspan, here on a row's width


# Elements whose end tag may be left out, or that have none: a page need not close them, so
# they do not count towards how deeply its elements nest.
_HTML_OPEN_ENDED = frozenset(
    "html head body p li dt dd rt rp optgroup option colgroup caption thead tbody tfoot tr td th "
    "area base br col embed hr img input link meta source track wbr".split()
)
# How deeply a page may nest elements: Blink's HTML parser stops nesting at 512 too. The HTML
# standard's tree construction checks the open elements for every tag, so deeper nesting would
# cost time quadratic in the page's size.
MAX_HTML_DEPTH = 512


def html_depth(text: str) -> int:
    """How deeply the page's elements nest, counting those that must be closed (a linear scan
    of its tags; comments skipped)."""
    depth = deepest = 0
    at = text.find("<")
    while at >= 0:
        if text.startswith("<!--", at):
            end = text.find("-->", at + 4)
            if end < 0:
                break
            at = text.find("<", end + 3)
            continue
        closing = text.startswith("</", at)
        start = end = at + (2 if closing else 1)
        while end < len(text) and text[end].isalnum():
            end += 1
        name = text[start:end].lower()
        if name and name not in _HTML_OPEN_ENDED:
            depth = max(depth - 1, 0) if closing else depth + 1
            deepest = max(deepest, depth)
        at = text.find("<", end)
    return deepest


def _html_document(text: str) -> tuple[Any, dict[int, int]]:
    """The page parsed as a browser parses it (html5lib: omitted end tags, implied rows and
    misnested markup as the HTML standard says), and the source line of each element."""
    import html5lib
    from html5lib.treebuilders import getTreeBuilder

    lines: dict[int, int] = {}
    base = getTreeBuilder("etree")

    class LineBuilder(base):  # type: ignore[misc, valid-type]
        """Notes the line the tokenizer is on as each element is made: the line of its tag
        (or, for an element the standard implies, of the tag that implied it)."""

        def elementClass(self, name: str, namespace: str | None) -> Any:  # noqa: N802
            element = base.elementClass(name, namespace)
            lines[id(element._element)] = parser.tokenizer.stream.position()[0]
            return element

    parser = html5lib.HTMLParser(tree=LineBuilder, namespaceHTMLElements=False)
    return parser.parse(text), lines


def _html_text(element: Any) -> str:
    """An element's text on one line, each block element (p, br, li...) a break between
    words; nested tables are left out (they are read as tables of their own). Iterative: a
    deeply nested page costs no stack, and nothing deeper than _HTML_MAX_DEPTH is read."""
    parts: list[str] = []
    stack: list[tuple[Any, int] | str] = [(element, 0)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        node, depth = item
        block = node.tag in _HTML_BLOCKS
        if block:
            stack.append("\n")  # after its content
        if depth < _HTML_MAX_DEPTH:
            for child in reversed(list(node)):
                stack.append(child.tail or "")
                if child.tag != "table" and isinstance(child.tag, str):
                    stack.append((child, depth + 1))
        stack.append(node.text or "")
        if block:
            stack.append("\n")  # before it
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return " ".join(line for line in lines if line)


def _html_rows(table: Any) -> list[Any]:
    """The table's own rows (not those of a table nested in a cell), in order."""
    rows: list[Any] = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _HTML_ROW_GROUPS:
            rows += [row for row in child if row.tag == "tr"]
    return rows


def _span(value: str | None, limit: int) -> int:
    """A colspan or rowspan, as browsers read it: a positive number, at most `limit`."""
    text = (value or "").strip()
    if not text.isdigit() or len(text) > 5:
        return 1
    return min(max(int(text), 1), limit)


def read_html(text: str, chosen: dict[str, str]) -> Page:
    page = Page("html")
    depth = html_depth(text)
    if depth > MAX_HTML_DEPTH:
        raise PageError(
            f"its elements nest {depth} deep (more than {MAX_HTML_DEPTH}, where browsers stop "
            "nesting): not a page to read"
        )
    document, lines = _html_document(text)
    tables: list[tuple[Any, str | None]] = []
    heading: str | None = None
    stack: list[tuple[Any, bool]] = [(document, False)]  # (element, inside a table)
    while stack:
        node, in_table = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _HTML_HEADINGS and not in_table:
            heading = heading_text(" ".join(_html_text(node).split())) or heading
            continue
        if tag == "table":
            caption = next((child for child in node if child.tag == "caption"), None)
            own = heading_text(" ".join(_html_text(caption).split())) if caption is not None else ""
            tables.append((node, own or heading))
        stack += [(child, in_table or tag == "table") for child in reversed(list(node))]
    for table, section in tables:
        grid: list[tuple[int, list[str]]] = []
        pending: dict[int, tuple[int, str]] = {}  # column -> (rows still spanned, text)
        for row in _html_rows(table):
            number = lines.get(id(row), 0)
            cells = [
                (
                    _html_text(cell),
                    _span(cell.get("colspan"), MAX_COLUMNS),
                    _span(cell.get("rowspan"), 65534),
                )
                for cell in row
                if cell.tag in ("td", "th")
            ]
            values: list[str] = []
            queue = list(reversed(cells))
            column = 0
            while (queue or column in pending) and column < MAX_COLUMNS:
                if column in pending:
                    left, value = pending[column]
                    values.append(value)
                    if left > 1:
                        pending[column] = (left - 1, value)
                    else:
                        del pending[column]
                    column += 1
                    continue
                value, colspan, rowspan = queue.pop()
                colspan = min(colspan, MAX_COLUMNS - column)
                for _ in range(colspan):
                    if rowspan > 1:
                        pending[column] = (rowspan - 1, value)
                    values.append(value)
                    column += 1
            grid.append((number, values))
        first = next((i for i, (_, values) in enumerate(grid) if any(values)), None)
        if first is None:
            continue
        header_number, headers = grid[first]
        _table_rows(page, header_number, headers, grid[first + 1 :], chosen, section)
    page.rows.sort(key=lambda row: row.line)
    page.unread.sort(key=lambda unread: unread.line)
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
