"""The authing catalog holds every row of its seed page, verbatim and in order, and nothing else."""

import re
from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import page_entries

SEED = Path(__file__).parents[1] / "seeds" / "authing.txt"
SCHEMA = Path(__file__).parents[2] / "schemas" / "authing.yaml"

# One table row: |<p>CODE</p><p></p>|<p>TEXT</p><p></p>|
ROW = re.compile(r"^\|<p>(\d+)</p><p></p>\|<p>(.*)</p><p></p>\|$")


def parse_page() -> list[tuple[int, str]]:
    """The table rows as (code, text), with the markdown escape `\\_` undone."""
    rows: list[tuple[int, str]] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if row := ROW.match(line):
            rows.append((int(row[1]), row[2].replace("\\_", "_")))
        else:
            assert not line.startswith("|<p>") or line.startswith("|<p>Code</p>"), line
    return rows


def test_every_row_of_the_page_is_in_the_catalog_and_nothing_else() -> None:
    rows = parse_page()
    assert len(rows) == 99
    assert len({code for code, _ in rows}) == 99
    assert not any("<" in text or "\\" in text for _, text in rows)

    data = YAML(typ="safe").load(SCHEMA.read_text(encoding="utf-8"))
    data["codes"] = page_entries(data["codes"])  # codes seen in traffic have their own test
    assert data["vendor"]["id"] == "authing"
    entries = data["codes"]

    catalog = {(entry["code"], entry["message"]) for entry in entries}
    page = set(rows)
    assert page - catalog == set(), "rows of the page missing from the catalog"
    assert catalog - page == set(), "catalog entries that are not rows of the page"
    assert [entry["code"] for entry in entries] == [code for code, _ in rows]
    assert all("aliases" not in entry for entry in entries)


def test_the_page_oddities_are_kept_and_explained() -> None:
    data = YAML(typ="safe").load(SCHEMA.read_text(encoding="utf-8"))
    entries = {entry["code"]: entry for entry in data["codes"]}
    assert (
        entries[2017]["message"] == "Mail to resolve this mode of meta_data (macro) command error"
    )
    assert entries[2019]["message"].startswith("erification ")
    assert entries[2205]["message"] == "Missing parameter\uff1aregisterInClient"
    assert 2033 not in entries
    for first, second in [(2032, 2034), (2229, 2230)]:
        assert entries[first]["message"] == entries[second]["message"]
        assert entries[first]["note"] and entries[second]["note"]


def test_every_code_is_in_a_subject_group() -> None:
    data = YAML(typ="safe").load(SCHEMA.read_text(encoding="utf-8"))
    groups = [group["id"] for group in data["groups"]]
    assert len(groups) == len(set(groups)) >= 5
    assert all(entry.get("group") in groups for entry in data["codes"])
    assert {entry["group"] for entry in data["codes"]} == set(groups)
    by_code = {entry["code"]: entry for entry in data["codes"]}
    # A verification code wrong or expired: one kind, as in the other catalogs.
    assert {by_code[code]["kind"] for code in (2001, 2300)} == {"unauthenticated"}
    assert {by_code[code]["group"] for code in (2000, 2001, 2300)} == {"verification"}
    # An image captcha demanded after failed sign-ins: the same sign-in again, with the captcha;
    # not a session a re-login would renew.
    assert (by_code[2000]["name"], by_code[2000]["kind"]) == (
        "CAPTCHA_REQUIRED",
        "failed_precondition",
    )
