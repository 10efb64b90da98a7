"""A page is input from outside: a hostile one ends in exit 2 with a line saying why, or is read
in time linear in its size; never a traceback, never minutes.

Each page is fed to `python -m codegen import --dry-run` in a child process with a time bound
far below what the quadratic readers took on the same pages (18 to 87 seconds).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT

TIME_BOUND = 15.0  # seconds, on a busy 2-core machine; each page reads in about one

HOSTILE_PAGES = {
    "csv-field-over-131072": "code,message\n1001," + '"' + "x" * 140_000 + '"\n',
    "code-of-5000-digits": "code,message\n" + "9" * 5_000 + ",too long\n1002,fine\n",
    "markdown-heading-2000-spaces": "#" + " " * 2_000 + "x\n\n| code | message |\n|---|---|\n"
    "| 1001 | fine |\n",
    "markdown-cell-20000-links": "| code | message |\n|---|---|\n| 1001 | "
    + "[a](" * 20_000
    + " |\n",
    "markdown-20000-comments": "| code | message |\n|---|---|\n| 1001 | "
    + "<!--" * 20_000
    + " |\n",
    "markdown-cell-20000-bold": "| code | message |\n|---|---|\n| 1001 | "
    + "**a" * 20_000
    + " |\n",
    "html-20000-comments": "<table><tr><td>code<td>message<tr><td>1001<td>" + "<!--" * 20_000,
    "pipe-line-then-spaces": "|" * 20_000 + "\n" + " " * 20_000 + "-\n",
    "delimiter-row-with-20000-spaces": "| code | message |\n|-" + " " * 20_000 + "x\n",
    "html-nested-50000-divs": "<table><tr><td>code<td>message<tr><td>1001<td>"
    + "<div>" * 50_000
    + "deep</table>",
    "html-20000-unclosed-bold": "<table><tr><td>code<td>message<tr><td>1001<td>" + "<b>x" * 20_000,
    "html-20000-rows-without-end-tags": "<table><tr><th>code<th>message"
    + "<tr><td>1<td>m" * 20_000,
    "html-colspan-huge": "<table><tr><td>code<td>message<tr><td colspan=99999>1001</table>",
    "message-of-200000-tokens": "code,message\n1001," + "token " * 40_000 + "expired\n",
}


def test_html_nested_deeper_than_browsers_nest_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(HOSTILE_PAGES["html-nested-50000-divs"], encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "codegen", "import", str(page), "--vendor", "x", "--dry-run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "its elements nest 50001 deep (more than 512" in proc.stderr


@pytest.mark.parametrize("name", sorted(HOSTILE_PAGES))
def test_a_hostile_page_is_refused_or_read_in_linear_time(name: str, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(HOSTILE_PAGES[name], encoding="utf-8")
    started = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "codegen",
            "import",
            str(page),
            "--vendor",
            "hostile",
            "--schemas",
            str(tmp_path / "schemas"),
            "--dry-run",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    elapsed = time.monotonic() - started
    assert elapsed < TIME_BOUND, f"{name}: {elapsed:.1f} s"
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode in (1, 2), proc.stdout[-2000:] + proc.stderr[-2000:]
    if proc.returncode == 2:
        assert proc.stderr.startswith("error: ") and len(proc.stderr) < 2_000, proc.stderr
    assert not (tmp_path / "schemas").exists()  # a dry run writes nothing


def test_a_csv_field_over_the_limit_says_where_and_why(tmp_path: Path) -> None:
    page = tmp_path / "page.csv"
    page.write_text(HOSTILE_PAGES["csv-field-over-131072"], encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "codegen", "import", str(page), "--vendor", "x", "--dry-run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "line 2: not readable as CSV (field larger than field limit" in proc.stderr


def test_a_code_of_5000_digits_is_a_row_not_read(
    tmp_path: Path, write_schema: Callable[..., Path]
) -> None:
    schemas = write_schema()  # acme, whose codes are integers
    page = tmp_path / "page.csv"
    page.write_text(HOSTILE_PAGES["code-of-5000-digits"], encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "codegen",
            "import",
            str(page),
            "--vendor",
            "acme",
            "--schemas",
            str(schemas),
            "--dry-run",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "rows not read 1:" in proc.stdout
    assert "'99999999999999999999... (5000 characters)' is not an integer code" in proc.stdout
