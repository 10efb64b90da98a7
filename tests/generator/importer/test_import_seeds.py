"""`codegen import` on the five seed pages, with command-line options only: as a new vendor it
yields every code and alias of the curated catalog with the page's text verbatim; onto the
curated catalog (whatever it holds now) it changes nothing, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.schema.loader import check_text
from tests.conftest import ROOT, SCHEMAS, page_entries, run_codegen
from tests.generator.importer.import_support import (
    SEED_OPTIONS,
    SEED_VENDORS,
    SEEDS,
    TEXT_FIELDS,
    cli_options,
    codes_of,
    copy_schemas,
    import_page,
    load,
)


@pytest.mark.parametrize("vendor", SEED_VENDORS)
def test_a_new_vendor_gets_every_code_and_alias_with_the_pages_text(
    vendor: str, tmp_path: Path
) -> None:
    result = import_page(SEEDS / f"{vendor}.txt", vendor, tmp_path)
    assert result.new_vendor and result.codes.unread == []
    draft = load(result.after)
    curated = load((SCHEMAS / f"{vendor}.yaml").read_text(encoding="utf-8"))
    curated["codes"] = page_entries(curated["codes"])  # codes seen in traffic are not on the page
    assert draft["vendor"]["code_type"] == curated["vendor"]["code_type"]
    drafted = codes_of(draft)
    for code, entry in codes_of(curated).items():
        assert code in drafted, f"{vendor}: {code!r} missing from the draft"
        for field in TEXT_FIELDS:  # what the page states (curators may add more, from sources)
            if field == "message" or field in drafted[code]:
                assert drafted[code].get(field) == entry.get(field), (vendor, code, field)
    assert set(drafted) == set(codes_of(curated)), "the draft has codes the catalog has not"
    # codes in page order, which is the curated catalogs' order too
    curated_order = [e["code"] for e in curated["codes"]]
    assert [e["code"] for e in draft["codes"] if e["code"] in curated_order] == curated_order
    # every entry is a draft: what the page does not state is marked for review
    assert all({"name", "kind"} <= set(entry["review"]) for entry in draft["codes"])
    _, _, problems = check_text(f"schemas/{vendor}.yaml", result.after)
    assert [p for p in problems if p.severity == "error"] == []


@pytest.mark.parametrize("vendor", SEED_VENDORS)
def test_importing_onto_the_curated_catalog_changes_nothing(vendor: str, tmp_path: Path) -> None:
    schemas = copy_schemas(tmp_path, vendor)
    before = (schemas / f"{vendor}.yaml").read_bytes()
    result = import_page(SEEDS / f"{vendor}.txt", vendor, schemas)
    assert not result.changed
    assert result.after.encode("utf-8") == before
    assert (result.outcome.added, result.outcome.changed, result.outcome.missing) == ([], [], [])
    assert result.codes.unread == []


@pytest.mark.parametrize("vendor", ["mtauth", "tuya"])
def test_the_command_line_leaves_the_curated_catalog_byte_for_byte(
    vendor: str, tmp_path: Path
) -> None:
    schemas = copy_schemas(tmp_path, vendor)
    before = (schemas / f"{vendor}.yaml").read_bytes()
    for extra in (["--dry-run"], []):
        args: list[str | Path] = [SEEDS / f"{vendor}.txt", "--vendor", vendor]
        args += [*cli_options(vendor), *extra]
        run = run_codegen("import", *args, "--schemas", schemas)
        assert run.status == 0, run.stderr
        assert "is up to date with the page" in run.stdout
        assert (schemas / f"{vendor}.yaml").read_bytes() == before
    assert sorted(path.name for path in schemas.iterdir()) == [
        "catalog.schema.json",
        f"{vendor}.yaml",
    ]


def test_a_page_that_runs_two_columns_together_keeps_them_in_message_for_review(
    tmp_path: Path,
) -> None:
    """Tuya read with a pattern that does not split message from description."""
    glued = r"(?P<code>[\d,]+) (?P<message>.+)"
    draft = load(import_page(SEEDS / "tuya.txt", "tuya", tmp_path, row_pattern=glued).after)
    catalog = load((SCHEMAS / "tuya.yaml").read_text(encoding="utf-8"))
    curated = codes_of({**catalog, "codes": page_entries(catalog["codes"])})
    drafted = codes_of(draft)
    assert set(drafted) == set(curated)
    for code, entry in curated.items():
        assert drafted[code]["message"] == f"{entry['message']} {entry['description']}"
        assert "message" in drafted[code]["review"]
    # and onto the curated catalog, the glued texts are recognised as unchanged
    schemas = copy_schemas(tmp_path, "tuya")
    result = import_page(SEEDS / "tuya.txt", "tuya", schemas, row_pattern=glued)
    assert not result.changed and result.outcome.changed == []


def test_the_seed_drafts_name_their_groups_after_the_pages_sections(tmp_path: Path) -> None:
    edu = load(import_page(SEEDS / "edu.txt", "edu", tmp_path).after)
    assert [(g["id"], g["name"], g["description"]) for g in edu["groups"]] == [
        ("system", "EduSystemError", "System Errors"),
        ("user", "EduUserError", "User Errors"),
        ("leads", "EduLeadsError", "Leads / Application / Order Errors"),
        ("coupon", "EduCouponError", "Coupon Errors"),
        ("order", "EduOrderError", "Order / Payment Errors"),
        ("sku", "EduSkuError", "SKU Errors"),
        ("corporation", "EduCorporationError", "Corporation Errors"),
    ]
    assert codes_of(edu)[20001]["group"] == "user"
    mtauth = load(import_page(SEEDS / "mtauth.txt", "mtauth", tmp_path).after)
    assert [g["id"] for g in mtauth["groups"]] == ["access", "common"]
    assert mtauth["vendor"]["locale"] == "zh-CN"
    assert codes_of(mtauth)["0000"]["aliases"] == ["0002", "0003", "0004", "0006"]
    assert codes_of(mtauth)["0000"]["name"] == "CODE_0000"  # not English: named by a person
    assert "translations" in codes_of(mtauth)["0000"]["review"]
    # a page with one table and no sections proposes no groups
    assert "groups" not in load(import_page(SEEDS / "iam.txt", "iam", tmp_path).after)


def test_the_docs_show_the_options_the_seed_pages_need() -> None:
    cli = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for vendor, options in SEED_OPTIONS.items():
        if "row_pattern" in options:
            assert f"--vendor {vendor}" in cli
            assert f"'{options['row_pattern']}'" in cli, vendor
