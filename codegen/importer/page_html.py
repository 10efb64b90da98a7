"""Read the error tables of an HTML page, as a browser parses it (html5lib): end tags may be
left out, rows may be implied, and every row it cannot read is reported at its line.

A page that nests elements deeper than browsers do is refused; cell text is gathered without
recursion. codegen.importer.page_tables holds the record each row goes into.
"""

from __future__ import annotations

from typing import Any

from codegen.importer.page_tables import Page, PageError, heading_text, table_rows

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
        table_rows(page, header_number, headers, grid[first + 1 :], chosen, section)
    page.rows.sort(key=lambda row: row.line)
    page.unread.sort(key=lambda unread: unread.line)
    return page
