"""Reading a vendor page's error tables: Markdown, HTML, CSV and border-less text, headers in
English or Chinese, markup undone, several codes in a cell, rows that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.importer.page_codes import page_codes
from codegen.importer.page_formats import read_page
from codegen.importer.page_tables import PageError, header_field, split_header_line
from tests.conftest import SCHEMAS, page_entries
from tests.generator.importer.import_support import SEEDS, copy_schemas, import_page, load


@pytest.mark.parametrize(
    "header, field",
    [
        ("Error Code", "code"),
        ("error_code", "code"),
        ("  CODE ", "code"),
        ("错误码", "code"),
        ("返回码", "code"),
        ("Status Code", "http_status"),
        ("HTTP status", "http_status"),
        ("状态码", "http_status"),
        ("Error Message", "message"),
        ("错误信息", "message"),
        ("错误描述", "message"),
        ("Description", "description"),
        ("描述", "description"),
        ("说明", "description"),
        ("Measure", "remedy"),
        ("Solution", "remedy"),
        ("处理措施", "remedy"),
        ("解决方案", "remedy"),
        ("Parameter", None),
    ],
)
def test_column_headers_are_recognised_in_english_and_chinese(
    header: str, field: str | None
) -> None:
    assert header_field(header) == field


def test_header_lines_without_cell_borders_are_split_into_columns() -> None:
    assert split_header_line("Error CodeDescription") == ("code", "description")
    assert split_header_line("Error code Error message Description") == (
        "code",
        "message",
        "description",
    )
    assert split_header_line("System error codes") is None
    assert split_header_line("10001An unspecified system error has occurred.") is None


def test_markdown_cells_lose_their_markup_and_keep_their_text() -> None:
    page = read_page(
        "# Errors\n\n"
        "| <p>Code</p><p></p> | Message |\n"
        "| :- | :- |\n"
        "| <p>2017</p><p></p> | <p>meta\\_data (macro) &amp; `cmd` **error**</p><p></p> |\n"
        "| 2018 | a \\| pipe, [a link](https://x.invalid), 6,144 chars |\n"
    )
    assert page.format == "markdown"
    assert [row.cells for row in page.rows] == [
        {"code": "2017", "message": "meta_data (macro) & cmd error"},
        {"code": "2018", "message": "a | pipe, a link, 6,144 chars"},
    ]
    assert [row.line for row in page.rows] == [5, 6]


def test_html_tables_are_read_with_headings_entities_and_spans() -> None:
    page = read_page(
        "<html><body>\n"
        "<h2>1. Token errors</h2>\n"
        "<table>\n"
        "<tr><th>HTTP Status</th><th>Error Code</th><th>Error Message</th></tr>\n"
        '<tr><td rowspan="2">401</td><td>T.1</td><td>Token &lt;expired&gt;<br/>again</td></tr>\n'
        "<tr><td>T.2</td><td><p>Token</p><p>invalid</p></td></tr>\n"
        "</table>\n"
        "<h2>2. Quota errors</h2>\n"
        "<table><tr><td>Code</td><td>Description</td></tr>\n"
        "<tr><td>Q.1</td><td>Too&nbsp;many requests</td></tr></table>\n"
        "</body></html>\n"
    )
    assert page.format == "html"
    assert [(row.line, row.section, row.cells) for row in page.rows] == [
        (
            5,
            "Token errors",
            {"http_status": "401", "code": "T.1", "message": "Token <expired> again"},
        ),
        (6, "Token errors", {"http_status": "401", "code": "T.2", "message": "Token invalid"}),
        (10, "Quota errors", {"code": "Q.1", "message": "Too\xa0many requests"}),
    ]


def test_csv_is_read_with_its_columns_by_header() -> None:
    page = read_page(
        'code,message,remedy\n1001,"token expired, log in again",Log in.\n1002,"two\nlines",\n'
    )
    assert page.format == "csv"
    assert [(row.line, row.cells) for row in page.rows] == [
        (2, {"code": "1001", "message": "token expired, log in again", "remedy": "Log in."}),
        (3, {"code": "1002", "message": "two\nlines", "remedy": ""}),
    ]


def test_columns_can_be_named_on_the_command_line() -> None:
    text = "| Key | Text | Hint |\n|---|---|---|\n| E1 | Broken. | Retry. |\n"
    with pytest.raises(PageError, match="no error table"):
        read_page(text)
    page = read_page(text, "code=Key,message=Text,remedy=3")
    assert page.rows[0].cells == {"code": "E1", "message": "Broken.", "remedy": "Retry."}
    with pytest.raises(PageError, match="unknown field 'nme'"):
        read_page(text, "nme=Key")


def test_chinese_headers_and_multi_code_cells() -> None:
    page = read_page(
        "## 模块\n| 错误码 | 错误信息 | 处理措施 |\n|---|---|---|\n"
        "| 0010,0011 | 不能为空 | 检查参数 |\n| 0012、0013 | 前缀错误 | |\n"
    )
    codes = page_codes(page, None)
    assert codes.code_type == "str"
    assert [(c.code, c.aliases, c.message, c.remedy, c.section) for c in codes.codes] == [
        ("0010", ["0011"], "不能为空", "检查参数", "模块"),
        ("0012", ["0013"], "前缀错误", None, "模块"),
    ]


def test_thousands_separators_are_read_as_integers() -> None:
    page = read_page("| Code | Message |\n|---|---|\n| 1,000 | data not exist |\n| 1001 | x |\n")
    codes = page_codes(page, None)
    assert codes.code_type == "int"
    assert [(c.code, c.aliases) for c in codes.codes] == [(1000, []), (1001, [])]
    assert codes.notes == ["line 3: the code '1,000' is read as 1000"]
    # a string vendor's multi-code cell keeps both codes
    as_str = page_codes(page, "str")
    assert [(c.code, c.aliases) for c in as_str.codes][0] == ("1", ["000"])


def test_rows_that_cannot_be_read_are_reported_with_their_line() -> None:
    page = read_page(
        "| Code | Message | Status |\n|---|---|---|\n"
        "| 1001 | fine | 400 |\n"
        "| | no code | 400 |\n"
        "| 1002 | | 400 |\n"
        "| 10x3 | not an int | 400 |\n"
        "| 1004 | bad status | 4xx |\n"
        "| 1005 | extra | 400 | cell |\n"
        "| 1001 | twice | 400 |\n"
        "| 1006 1007 | two codes | 400 |\n"
        "| see below | text in the code column | 400 |\n"
    )
    codes = page_codes(page, "int")
    assert [(c.code, c.aliases) for c in codes.codes] == [(1001, []), (1006, [1007])]
    assert [(u.line, u.reason) for u in codes.unread] == [
        (4, "no code in the code column"),
        (5, "no message"),
        (6, "'10x3' is not an integer code"),
        (7, "'4xx' is not an HTTP status"),
        (8, "4 cells under 3 headers"),
        (9, "the code 1001 is already listed at line 3"),
        (11, "'see below' is not a code"),
    ]


def test_a_code_listed_alone_wins_over_the_same_code_as_an_alias() -> None:
    page = read_page("| Code | Message |\n|---|---|\n| 0034,0061 | A |\n| 0061 | B |\n")
    codes = page_codes(page, "str")
    assert [(c.code, c.aliases, c.message) for c in codes.codes] == [
        ("0034", [], "A"),
        ("0061", [], "B"),
    ]
    assert "kept its own row" in codes.notes[0]


def test_row_pattern_reads_tables_whose_borders_are_lost() -> None:
    text = (SEEDS / "edu.txt").read_text(encoding="utf-8")
    with pytest.raises(PageError, match="--row-pattern"):
        read_page(text)
    extra = "\n\nError CodeDescription\n90001Fine.\noops\n"
    page = read_page(text + extra, row_pattern=r"(?P<code>\d+)(?P<message>\D.*)")
    assert page.format == "text"
    assert len(page.rows) == 59
    assert [(u.line, u.text) for u in page.unread] == [(len(text.splitlines()) + 4, "oops")]
    assert page.rows[0].section == "System Errors"
    for bad, why in [
        ("(?P<code>", "not a valid regular expression"),
        (r"(?P<message>.*)", "named groups"),
        (r"(?P<code>\d+)(?P<message>.*)(?P<other>x)", "unknown group"),
    ]:
        with pytest.raises(PageError, match=why):
            read_page(text, row_pattern=bad)


def test_a_page_without_any_error_table_is_refused() -> None:
    with pytest.raises(PageError, match="no error table"):
        read_page("Just prose.\nNo table here.\n")
    with pytest.raises(PageError, match="no error table"):
        read_page("The error code, its message and what to do are listed below.\nAsk us.\n")
    with pytest.raises(PageError, match="no column names the code"):
        read_page("| Parameter | Type |\n|---|---|\n| id | string |\n")


def _iam_as(kind: str) -> str:
    """The IAM seed rewritten as an HTML or a CSV table."""
    lines = (SEEDS / "iam.txt").read_text(encoding="utf-8").splitlines()
    rows = [[cell.strip() for cell in line.split("|")[:-1]] for line in lines if " | " in line]
    if kind == "csv":
        import csv
        import io

        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue()
    import html

    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>\n"
        for row in rows[1:]
    )
    head = "".join(f"<th>{cell}</th>" for cell in rows[0])
    return f"<h1>Error Codes</h1>\n<table>\n<tr>{head}</tr>\n{body}</table>\n"


@pytest.mark.parametrize("kind", ["html", "csv"])
def test_the_iam_page_as_html_or_csv_merges_onto_its_catalog_unchanged(
    kind: str, tmp_path: Path
) -> None:
    page = tmp_path / f"iam.{kind}"
    page.write_text(_iam_as(kind), encoding="utf-8")
    schemas = copy_schemas(tmp_path, "iam")
    result = import_page(page, "iam", schemas)
    assert result.page_format == kind
    catalog = load((SCHEMAS / "iam.yaml").read_text())
    assert len(result.codes.codes) == len(page_entries(catalog["codes"]))
    assert not result.changed
