"""A vendor's page as rows: the record (`Page`, `Row`, `Unread`), and how cells and headers
read once markup is undone; codegen.importer.page_formats reads each format into it.

The result is one `Row` per table row, with each cell's text as the page shows it once markup
is undone (tags, entities, Markdown escapes), the line it starts on, and the section heading
above its table. Rows that cannot be read are returned as `Unread`, never guessed at.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

FIELDS = ("code", "message", "description", "remedy", "http_status")

# Column headers, compared after `normalize` (lowercase, no spaces or punctuation).
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
        "返回值",
        "错误值",
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
        "错误原因",
        "原因说明",
        "备注",
        "remark",
        "remarks",
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
        "解决方法",
        "处理办法",
        "排查方法",
        "操作建议",
        "修复建议",
    ),
}
# Headers of columns a catalog does not take from a page: the vendor's own names for its codes
# (member names follow the naming rule and are a person's to choose), HTTP reason phrases, row
# numbers, categories. Known, so they are reported as such rather than as unknown headers.
OTHER_HEADER_WORDS = frozenset(
    (
        "name",
        "names",
        "shortname",
        "errorname",
        "codename",
        "constant",
        "enum",
        "identifier",
        "symbol",
        "abbreviation",
        "简称",
        "名称",
        "错误名称",
        "错误码名称",
        "英文名称",
        "reasonphrase",
        "httpreasonphrase",
        "no",
        "序号",
        "type",
        "errortype",
        "category",
        "类型",
        "错误类型",
        "分类",
        "模块",
        "module",
    )
)
_WORD_FIELD = {word: name for name, words in HEADER_WORDS.items() for word in words}
_SEPARATORS = re.compile(r"[\s_\-·.,:;/()（）：；、*`\"'’]+")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|ul|ol|tr|h[1-6]|hr|table)\b[^<>]*>", re.I)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_CODE_SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
# Each repeated part stops at the next character that could end it (`*`, `(`, `"`): a pattern
# that could scan to the end of the text from every start would take quadratic time.
_MD_BOLD = re.compile(r"\*\*(?=[^\s*])([^*]*?)(?<=[^\s*])\*\*")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_NUMBERING = re.compile(
    r"^(?:\d+(?:\.\d+)*[.)、]?|[A-Za-z][.)]|[IVXivx]+\.|[一二三四五六七八九十]+、)\s*"
)


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


def normalize(header: str) -> str:
    return _SEPARATORS.sub("", header).lower()


def header_field(header: str) -> str | None:
    """The field a column header names (`Error Code` -> code, `处理措施` -> remedy), if any."""
    word = normalize(header)
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


def unread_columns(headers: list[str], columns: dict[str, int]) -> list[str]:
    """Each column of a table that no field reads, with why: "'简称' (not imported)",
    "'备注' (description is already 'Description')", "'Foo' (unknown header)"."""
    taken = {index: name for name, index in columns.items()}
    found: list[str] = []
    for index, header in enumerate(headers):
        if index in taken or not header.strip():
            continue
        field_name = header_field(header)
        if field_name is not None and field_name in columns:
            why = f"{field_name} is already {headers[columns[field_name]]!r}"
        elif normalize(header) in OTHER_HEADER_WORDS:
            why = "not imported"
        else:
            why = "unknown header"
        found.append(f"{header[:40]!r} ({why})")
    return found


def split_header_line(line: str) -> tuple[str, ...] | None:
    """The fields of a header line whose cell borders are lost (`Error CodeDescription`)."""
    text = normalize(line)
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


def without_comments(fragment: str) -> str:
    """`fragment` without its HTML comments; one left open runs to the end, as in a browser."""
    parts: list[str] = []
    at = 0
    while True:
        start = fragment.find("<!--", at)
        if start < 0:
            parts.append(fragment[at:])
            return "".join(parts)
        parts.append(fragment[at:start])
        end = fragment.find("-->", start + 4)
        if end < 0:
            return "".join(parts)
        at = end + 3


def html_text(fragment: str) -> str:
    """Text of an HTML fragment: block elements become single spaces, tags and comments go,
    entities are decoded. Text between tags is kept as written."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    parts = _BLOCK_TAG.split(without_comments(fragment))
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
            matches = [i for i, h in enumerate(headers) if normalize(h) == normalize(wanted)]
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


# -- tables ----------------------------------------------------------------------------------


def table_rows(
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
