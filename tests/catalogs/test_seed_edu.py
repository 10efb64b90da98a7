"""The edu catalog holds every row of its seed page, verbatim and in its section, and nothing else."""

import re
from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import page_entries

SEED = Path(__file__).parents[1] / "seeds" / "edu.txt"
SCHEMA = Path(__file__).parents[2] / "schemas" / "edu.yaml"

SECTION = re.compile(r"^(\d)\. (.+)$")
ROW = re.compile(r"^(\d{5})(.*)$")


def parse_page() -> tuple[list[str], list[tuple[int, str, int]]]:
    """Section titles in order, and rows as (code, text, section index)."""
    titles: list[str] = []
    rows: list[tuple[int, str, int]] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if section := SECTION.match(line):
            assert int(section[1]) == len(titles) + 1, line
            titles.append(section[2])
        elif row := ROW.match(line):
            assert titles, f"row before any section: {line}"
            rows.append((int(row[1]), row[2], len(titles) - 1))
    return titles, rows


def test_every_row_of_the_page_is_in_the_catalog_and_nothing_else() -> None:
    titles, rows = parse_page()
    assert len(titles) == 7
    assert len(rows) == 58
    assert len({code for code, _, _ in rows}) == 58

    data = YAML(typ="safe").load(SCHEMA.read_text(encoding="utf-8"))
    data["codes"] = page_entries(data["codes"])  # codes seen in traffic have their own test
    assert data["vendor"]["id"] == "edu"
    groups = [group["id"] for group in data["groups"]]
    assert [group["description"] for group in data["groups"]] == titles

    catalog = {(entry["code"], entry["message"], entry["group"]) for entry in data["codes"]}
    page = {(code, text, groups[section]) for code, text, section in rows}
    assert page - catalog == set(), "rows of the page missing from the catalog"
    assert catalog - page == set(), "catalog entries that are not rows of the page"
    assert [entry["code"] for entry in data["codes"]] == [code for code, _, _ in rows]
    assert all("aliases" not in entry for entry in data["codes"])
