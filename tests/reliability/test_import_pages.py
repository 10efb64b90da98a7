"""`import` on pages that give nothing, and on very long ones.

A page of which no row can be read exits 2, for a new vendor and an existing one alike, with or
without --dry-run: it is not the page it was taken for. Merging a long page into an existing
catalog takes time in proportion to the page (20,000 new rows in seconds, not minutes).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from codegen.importer.catalog_edit import merge
from codegen.importer.catalog_yaml import load_faithfully
from codegen.importer.page_codes import page_codes
from codegen.importer.page_formats import read_page
from tests.conftest import MINIMAL, run_codegen

UNREADABLE = "| Code | Message |\n|---|---|\n|  | a message without a code |\n| | |\n"


@pytest.mark.parametrize("existing", [True, False], ids=["existing-vendor", "new-vendor"])
@pytest.mark.parametrize("dry_run", [True, False], ids=["dry-run", "write"])
def test_a_page_of_which_no_row_can_be_read_exits_2(
    tmp_path: Path, existing: bool, dry_run: bool
) -> None:
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    if existing:
        (schemas / "acme.yaml").write_text(MINIMAL, encoding="utf-8")
    before = {path.name: path.read_bytes() for path in schemas.iterdir()}
    page = tmp_path / "page.md"
    page.write_text(UNREADABLE, encoding="utf-8")

    run = run_codegen(
        "import", page, "--vendor", "acme", "--schemas", schemas, *(["--dry-run"] * dry_run)
    )

    assert run.status == 2, (run.stdout, run.stderr)
    assert f"error: {page}: no row of the page could be read; nothing written" in run.stderr
    assert "Traceback" not in run.stderr
    assert {path.name: path.read_bytes() for path in schemas.iterdir()} == before


ROWS = 20_000


def test_merging_a_long_page_takes_time_in_proportion_to_it() -> None:
    rows = [f"| {5000 + i} | the widget number {i} was lost |" for i in range(ROWS)]
    page = read_page(
        "\n".join(["| Code | Message |", "|---|---|", "| 1001 | token is expired |", *rows])
        + "\n| 1002 | your requests are too frequent |\n",
        None,
        None,
    )
    codes = page_codes(page, "int")
    _, doc = load_faithfully(MINIMAL)

    started = time.perf_counter()
    outcome = merge(doc, codes, None)
    took = time.perf_counter() - started

    assert len(outcome.added) == ROWS
    assert [entry["code"] for entry in doc["codes"]] == [
        1001, *range(5000, 5000 + ROWS), 1002
    ]  # fmt: skip
    assert took < 30, f"{ROWS} new rows took {took:.1f} s"  # about 4 s; before, over 3 minutes
