"""The tuya catalog holds every row of its seed page, split losslessly, in its section, and nothing else."""

import re
from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import page_entries

SEED = Path(__file__).parents[1] / "seeds" / "tuya.txt"
SCHEMA = Path(__file__).parents[2] / "schemas" / "tuya.yaml"

SECTIONS = {"System error codes": "system", "Service error codes": "service"}
ROW = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+) ")  # a row starts with its code; "1,000" included


def parse_page() -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Section intros by group id, and rows as (code as written, whole row, group id)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    intros: dict[str, str] = {}
    rows: list[tuple[str, str, str]] = []
    group = ""
    for number, line in enumerate(lines):
        if line in SECTIONS:
            group = SECTIONS[line]
            intros[group] = lines[number + 2]  # the heading, a blank line, the intro
        elif row := ROW.match(line):
            assert group, f"row before any section: {line}"
            rows.append((row[1], line, group))
    return intros, rows


def test_every_row_of_the_page_is_in_the_catalog_and_nothing_else() -> None:
    intros, rows = parse_page()
    assert len(rows) == 83
    codes = [int(written.replace(",", "")) for written, _, _ in rows]
    assert len(set(codes)) == 83

    data = YAML(typ="safe").load(SCHEMA.read_text(encoding="utf-8"))
    data["codes"] = page_entries(data["codes"])  # codes seen in traffic have their own test
    assert data["vendor"]["id"] == "tuya"
    sections = {entry["group"] for entry in data["codes"]}
    assert {g["id"]: g["description"] for g in data["groups"] if g["id"] in sections} == intros

    entries = {entry["code"]: entry for entry in data["codes"]}
    for alias_owner in data["codes"]:
        for alias in alias_owner.get("aliases", []):
            assert alias not in entries, f"alias {alias} is also an entry"
            entries[alias] = alias_owner

    for (written, row, group), code in zip(rows, codes, strict=True):
        assert code in entries, f"row missing from the catalog: {row}"
        entry = entries[code]
        assert f"{written} {entry['message']} {entry['description']}" == row
        assert entry["group"] == group, row

    assert sorted(entries) == sorted(
        codes
    ), "catalog codes or aliases that are not rows of the page"
    primary = [entry["code"] for entry in data["codes"]]
    assert primary == [code for code in codes if code in primary], "entries out of the page's order"
    assert len(primary) + sum(len(entry.get("aliases", [])) for entry in data["codes"]) == 83


def test_an_offline_device_is_not_an_outage_of_the_service() -> None:
    import catalog
    from catalog.tuya import DeviceOfflineError

    data = YAML(typ="safe").load(SCHEMA.read_text(encoding="utf-8"))
    entry = next(entry for entry in data["codes"] if entry["code"] == 2001)
    assert entry["kind"] == "failed_precondition" and "retryable" not in entry
    error = catalog.TuyaError.from_code(2001)
    assert isinstance(error, DeviceOfflineError) and not error.retryable
    assert not isinstance(error, catalog.UnavailableError)
    assert isinstance(error, catalog.FailedPreconditionError)
