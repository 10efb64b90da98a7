"""The iam catalog holds every row of its seed page, each cell verbatim, and nothing else."""

import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from tests.conftest import page_entries

SEED = Path(__file__).parents[1] / "seeds" / "iam.txt"
SCHEMA = Path(__file__).parents[2] / "schemas" / "iam.yaml"

HEADER = "Status Code | Error Code | Error Message | Description | Measure |"
ROW = re.compile(r"^\d{3} \| ")  # a row starts with its HTTP status


def parse_page() -> list[tuple[str, str, str, str, str]]:
    """Rows as (status, code, message, description, measure), in the page's order."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert HEADER in lines
    rows: list[tuple[str, str, str, str, str]] = []
    for line in lines:
        if not ROW.match(line):
            continue
        assert line.endswith(" |"), line
        cells = line.removesuffix(" |").split(" | ")
        assert len(cells) == 5 and not any(
            "|" in cell for cell in cells
        ), line  # the split is lossless
        status, code, message, description, measure = cells
        rows.append((status, code, message, description, measure))
    return rows


def test_every_row_of_the_page_is_in_the_catalog_and_nothing_else() -> None:
    rows = parse_page()
    assert len(rows) == 114
    codes = [code for _, code, _, _, _ in rows]
    assert len(set(codes)) == 114

    data = YAML(typ="safe").load(SCHEMA.read_text(encoding="utf-8"))
    data["codes"] = page_entries(data["codes"])  # codes seen in traffic have their own test
    assert data["vendor"]["id"] == "iam"
    assert data["vendor"]["code_type"] == "str"
    groups = {group["id"] for group in data["groups"]}

    entries: dict[str, dict[str, Any]] = {}
    for entry in data["codes"]:
        assert isinstance(entry["code"], str), entry["code"]
        assert entry["group"] in groups, entry["code"]
        for code in [entry["code"], *entry.get("aliases", [])]:
            assert code not in entries, f"{code} listed twice"
            entries[code] = entry

    for status, code, message, description, measure in rows:
        assert code in entries, f"row missing from the catalog: {code}"
        entry = entries[code]
        assert entry["http_status"] == int(status), code
        assert entry["message"] == message, code
        assert entry["description"] == description, code
        assert entry["remedy"] == measure, code

    assert sorted(entries) == sorted(
        codes
    ), "catalog codes or aliases that are not rows of the page"
    assert [entry["code"] for entry in data["codes"]] == codes, "entries out of the page's order"


def test_the_access_key_failures_share_one_kind() -> None:
    # IAM.1104-1108 are the AK/SK authentication failures of one page block, all documented as 400:
    # blacklisted, expired, ownerless, disabled key, expired security token. One kind for all.
    data = YAML(typ="safe").load(SCHEMA.read_text(encoding="utf-8"))
    entries = {entry["code"]: entry for entry in data["codes"]}
    keys = [f"IAM.{number}" for number in range(1104, 1109)]
    assert {entries[code]["kind"] for code in keys} == {"unauthenticated"}
    assert {entries[code]["http_status"] for code in keys} == {400}
    assert {entries[code]["group"] for code in keys} == {"credential"}
    # A QR code not scanned yet: polling again succeeds once the user scans it.
    assert entries["IAM.0008"]["retryable"] is True
