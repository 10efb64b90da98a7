"""Read the error tables of a vendor's page: Markdown, HTML, CSV, or text rows by a pattern.

The result is one `Row` per table row, with each cell's text as the page shows it once markup
is undone (tags, entities, Markdown escapes), the line it starts on, and the section heading
above its table. Rows that cannot be read are returned as `Unread`, never guessed at.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

FIELDS = ("code", "message", "description", "remedy", "http_status")

# Column headers, compared after `_normalize` (lowercase, no spaces or punctuation).
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "code": (
        "code",
        "codes",
        "errorcode",
        "errorcodes",
        "errcode",
        "errno",
        "errorno",
        "returncode",
        "retcode",
        "resultcode",
        "codevalue",
        "错误码",
        "错误代码",
        "错误编码",
        "返回码",
        "代码",
        "编码",
        "错误号",
    ),
    "http_status": (
        "statuscode",
        "httpstatus",
        "httpstatuscode",
        "httpcode",
        "status",
        "http状态码",
        "状态码",
        "http返回码",
        "http状态",
    ),
    "message": (
        "message",
        "messages",
        "errormessage",
        "errormsg",
        "errmsg",
        "msg",
        "errortext",
        "错误信息",
        "错误描述",
        "错误消息",
        "返回信息",
        "提示信息",
        "错误提示",
        "信息",
        "消息",
    ),
    "description": (
        "description",
        "descriptions",
        "desc",
        "explain",
        "explanation",
        "meaning",
        "details",
        "detail",
        "reason",
        "cause",
        "描述",
        "说明",
        "错误说明",
        "含义",
        "解释",
        "详情",
        "原因",
    ),
    "remedy": (
        "remedy",
        "measure",
        "measures",
        "solution",
        "solutions",
        "handling",
        "action",
        "actions",
        "resolution",
        "suggestion",
        "suggestions",
        "howtofix",
        "fix",
        "workaround",
        "处理措施",
        "解决方案",
        "解决办法",
        "处理方法",
        "处理建议",
        "建议",
        "措施",
        "排查建议",
    ),
}
_WORD_FIELD = {word: name for name, words in HEADER_WORDS.items() for word in words}
_SEPARATORS = re.compile(r"[\s_\-·.,:;/()（）：；、*`\"'’]+")
_MD_DELIMITER = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|ul|ol|tr|h[1-6]|hr|table)\b[^<>]*>", re.I)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_CODE_SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
_MD_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_NUMBERING = re.compile(
    r"^(?:\d+(?:\.\d+)*[.)、]?|[A-Za-z][.)]|[IVXivx]+\.|[一二三四五六七八九十]+、)\s*"
)
_SENTENCE_END = tuple(".。!！?？:：,，;；")
MAX_HEADING = 80


class PageError(Exception):
    """The page cannot be read at all (no table, a bad option): exit 2, nothing written."""


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    cells: dict[str, str]  # field -> text; only the fields the table has, possibly empty
    section: str | None
    joined: tuple[str, ...] = ()  # header columns the row pattern leaves inside `message`


@dataclass(frozen=True, slots=True)
class Unread:
    line: int
    text: str
    reason: str


@dataclass
class Page:
    format: str
    rows: list[Row] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def sections(self) -> list[str]:
        """The distinct section headings above tables with rows, in page order."""
        seen: list[str] = []
        for row in self.rows:
            if row.section is not None and row.section not in seen:
                seen.append(row.section)
        return seen


# -- cells and headers ---------------------------------------------------------------------


def _normalize(header: str) -> str:
    return _SEPARATORS.sub("", header).lower()


def header_field(header: str) -> str | None:
    """The field a column header names (`Error Code` -> code, `处理措施` -> remedy), if any."""
    word = _normalize(header)
    if not word:
        return None
    if word in _WORD_FIELD:
        return _WORD_FIELD[word]
    for name, test in (
        ("http_status", lambda w: "http" in w or "status" in w or "状态" in w),
        ("code", lambda w: w.endswith("code") or w.endswith("码") or w.endswith("codes")),
        ("remedy", lambda w: any(s in w for s in ("solution", "measure", "remed", "措施", "方案"))),
        ("message", lambda w: any(s in w for s in ("message", "msg", "信息", "消息"))),
        ("description", lambda w: any(s in w for s in ("desc", "explain", "描述", "说明"))),
    ):
        if test(word):
            return name
    return None


def split_header_line(line: str) -> tuple[str, ...] | None:
    """The fields of a header line whose cell borders are lost (`Error CodeDescription`)."""
    text = _normalize(line)
    if not text or len(text) > 80:
        return None
    best: list[tuple[str, ...] | None] = [None] * (len(text) + 1)
    best[0] = ()
    for end in range(1, len(text) + 1):
        for start in range(end):
            head = best[start]
            word = text[start:end]
            if head is not None and word in _WORD_FIELD:
                candidate = (*head, _WORD_FIELD[word])
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    fields = best[len(text)]
    if fields is None or "code" not in fields or len(fields) < 2:
        return None
    return fields


def html_text(fragment: str) -> str:
    """Text of an HTML fragment: block elements become single spaces, tags go, entities are
    decoded. Text between tags is kept as written."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    parts = _BLOCK_TAG.split(fragment)
    texts = [html.unescape(_TAG.sub("", part)).strip() for part in parts]
    return " ".join(text for text in texts if text)


def markdown_text(cell: str) -> str:
    """Text of a Markdown table cell: HTML inside it undone, then Markdown escapes, code spans,
    bold and links. Nothing else is touched."""
    text = cell.strip()
    if "<" in text or "&" in text:
        protected = _MD_ESCAPE.sub(lambda m: f"\x00{ord(m[1])}\x00", text)
        text = html_text(protected)
        text = re.sub("\x00(\\d+)\x00", lambda m: "\\" + chr(int(m[1])), text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_CODE_SPAN.sub(r"\1", text)
    text = _MD_BOLD.sub(r"\1", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    return text.strip()


def heading_text(text: str) -> str:
    """A section heading without its numbering and permalink marks (`1. System Errors`)."""
    text = html_text(text).replace("¶", "").strip().strip("#").strip()
    return _NUMBERING.sub("", text).strip() or text


# -- column selection ------------------------------------------------------------------------


def parse_columns(spec: str | None) -> dict[str, str]:
    """`code=Error Code,message=2` -> {"code": "Error Code", "message": "2"}."""
    if not spec:
        return {}
    result: dict[str, str] = {}
    for item in spec.split(","):
        name, sep, header = item.partition("=")
        name = name.strip()
        if not sep or not header.strip():
            raise PageError(f"--columns: {item.strip()!r} is not FIELD=HEADER (or FIELD=NUMBER)")
        if name not in FIELDS:
            raise PageError(
                f"--columns: unknown field {name!r}; the fields are {', '.join(FIELDS)}"
            )
        result[name] = header.strip()
    return result


def map_columns(headers: list[str], chosen: dict[str, str]) -> dict[str, int] | str:
    """Column index of each field in a table with these headers, or why the table is skipped."""
    columns: dict[str, int] = {}
    for name, wanted in chosen.items():
        if wanted.isdigit():
            index = int(wanted) - 1
            if not 0 <= index < len(headers):
                return f"it has no column {wanted} (--columns {name}={wanted})"
        else:
            matches = [i for i, h in enumerate(headers) if _normalize(h) == _normalize(wanted)]
            if not matches:
                return f"it has no column {wanted!r} (--columns {name}={wanted})"
            index = matches[0]
        columns[name] = index
    taken = set(columns.values())
    for index, header in enumerate(headers):
        if index in taken:
            continue
        found = header_field(header)
        if found == "message" and "message" in columns and "description" not in columns:
            found = "description"
        if found is not None and found not in columns:
            columns[found] = index
    if "message" not in columns and "description" in columns:
        columns["message"] = columns.pop("description")  # the only text column is the message
    if "code" not in columns:
        return "no column names the code"
    if "message" not in columns:
        return "no column holds the message"
    return columns


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
        named = "code" in chosen or any(_normalize(h) in HEADER_WORDS["code"] for h in headers)
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
