"""`python -m codegen import` at the command line: the report, the exit statuses, and nothing
written (and no traceback) on input it cannot read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.importer.command import write_atomically
from codegen.schema.loader import MODELINE
from tests.conftest import ROOT, run_codegen
from tests.generator.importer.import_support import SEEDS, copy_schemas, load

PAGE = """\
# Acme errors

## Tokens

| Error Code | Error Message | HTTP Status |
|---|---|---|
| 1001 | The token has expired. | 401 |
|  | A row without its code. | 400 |

## Quota

| Error Code | Error Message | HTTP Status |
|---|---|---|
| 2001, 2002 | Your requests are too frequent. | 429 |
"""


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir()} if directory.exists() else {}


def test_a_new_vendor_is_drafted_with_a_report_of_every_draft_and_unread_row(
    tmp_path: Path,
) -> None:
    page = tmp_path / "acme.md"
    page.write_text(PAGE, encoding="utf-8")
    schemas = tmp_path / "schemas"
    run = run_codegen("import", page, "--vendor", "acme", "--schemas", schemas)
    assert run.status == 0, run.stderr
    text = (schemas / "acme.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    data = load(text)
    assert data["format"] == 1
    assert data["vendor"]["id"] == "acme" and data["vendor"]["code_type"] == "int"
    assert [g["id"] for g in data["groups"]] == ["tokens", "quota"]
    assert [
        (e["code"], e["name"], e["kind"], e["group"], e.get("aliases"), e["review"])
        for e in data["codes"]
    ] == [
        (1001, "TOKEN_EXPIRED", "unauthenticated", "tokens", None, ["name", "kind", "group"]),
        (2001, "REQUESTS_TOO_FREQUENT", "resource_exhausted", "quota", [2002], ["name", "kind", "group"]),
    ]  # fmt: skip
    assert "drafted 2 codes" in run.stdout
    assert "1001  TOKEN_EXPIRED: name, kind, group" in run.stdout
    assert f"rows not read 1:\n    {page}:8: no code in the code column" in run.stdout
    assert run_codegen("lint", "--schemas", schemas).status == 0


def test_standard_input_and_dry_run_write_nothing(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    proc = subprocess.run(
        [sys.executable, "-m", "codegen", "import", "-", "--vendor", "acme"]
        + ["--schemas", str(schemas), "--dry-run"],
        input=PAGE,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    assert "<stdin> (markdown, 2 codes)" in proc.stdout
    assert "dry run:" in proc.stdout and "nothing written" in proc.stdout
    assert not schemas.exists()


@pytest.mark.parametrize(
    "page, args, message",
    [
        (None, [], "cannot read the page"),
        (b"\xff\xfe\x00junk", [], "not UTF-8"),
        (b"Just prose, no table.\n", [], "give --row-pattern"),
        (PAGE.encode(), ["--row-pattern", "(?P<code>"], "not a valid regular expression"),
        (PAGE.encode(), ["--columns", "nme=Error Code"], "unknown field 'nme'"),
        (PAGE.encode(), ["--columns", "code=Nope"], "no column 'Nope'"),
        (PAGE.encode(), ["--locale", "not a tag"], "is not a BCP 47 tag"),
    ],
)
def test_unreadable_input_exits_2_with_no_traceback_and_nothing_written(
    page: bytes | None, args: list[str], message: str, tmp_path: Path
) -> None:
    schemas = copy_schemas(tmp_path, "tuya")
    before = _files(schemas)
    path = tmp_path / "page.md"
    if page is not None:
        path.write_bytes(page)
    for vendor in ("acme", "tuya"):  # a new vendor and an existing one
        run = run_codegen("import", path, "--vendor", vendor, *args, "--schemas", schemas)
        assert run.status == 2, (run.stdout, run.stderr)
        assert message in run.stderr
        assert "Traceback" not in run.stderr
        assert _files(schemas) == before


def test_bad_vendor_ids_and_invalid_catalogs_exit_2(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    schemas = tmp_path / "schemas"
    for vendor, message in [("Acme", "lowercase identifier"), ("lookup", "reserved")]:
        run = run_codegen("import", page, "--vendor", vendor, "--schemas", schemas)
        assert run.status == 2 and message in run.stderr, run.stderr
        assert not schemas.exists() or _files(schemas) == {}
    (tmp_path / "taken").mkdir()
    taken = copy_schemas(tmp_path / "taken", "mtauth")  # its prefix is MtAuth
    run = run_codegen("import", page, "--vendor", "mt_auth", "--schemas", taken)
    assert run.status == 2 and "prefix MtAuth is already used" in run.stderr, run.stderr
    assert sorted(p.name for p in taken.iterdir()) == ["catalog.schema.json", "mtauth.yaml"]
    schemas.mkdir(exist_ok=True)
    (schemas / "acme.yaml").write_text("format: 1\nvendor: [oops\n", encoding="utf-8")
    run = run_codegen("import", page, "--vendor", "acme", "--schemas", schemas)
    assert run.status == 2
    assert "acme.yaml:" in run.stderr and "fix it before importing" in run.stderr
    assert (schemas / "acme.yaml").read_text() == "format: 1\nvendor: [oops\n"


def test_a_catalog_that_a_round_trip_would_reformat_is_left_alone(tmp_path: Path) -> None:
    schemas = copy_schemas(tmp_path, "tuya")
    target = schemas / "tuya.yaml"
    odd = target.read_text(encoding="utf-8").replace("format: 1", "format:    1", 1)
    target.write_text(odd, encoding="utf-8")
    run = run_codegen(
        "import", SEEDS / "tuya.txt", "--vendor", "tuya", "--schemas", schemas,
        "--row-pattern", r"(?P<code>[\d,]+) (?P<message>.+?) (?P<description>[A-Z][a-z’].*)",
    )  # fmt: skip
    assert run.status == 2
    assert "round trip would change this file" in run.stderr and "line 2" in run.stderr
    assert target.read_text(encoding="utf-8") == odd


def test_writes_replace_the_file_in_one_rename(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    write_atomically(target, "new ✓\n")
    assert target.read_text(encoding="utf-8") == "new ✓\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]
