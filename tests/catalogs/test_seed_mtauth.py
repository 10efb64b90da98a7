"""The mtauth catalog holds every row of its seed page, verbatim and in its module, and nothing else."""

from pathlib import Path

from ruamel.yaml import YAML

SEED = Path(__file__).parents[1] / "seeds" / "mtauth.txt"
SCHEMA = Path(__file__).parents[2] / "schemas" / "mtauth.yaml"

GROUPS = {"mt-access": "access", "mt-common": "common"}


def parse_page() -> list[tuple[list[str], str, str]]:
    """Table rows as (codes, text, module), in page order."""
    rows: list[tuple[list[str], str, str]] = []
    module = ""
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            module = line[3:].strip()
        elif line.startswith("|"):
            cells = [cell.strip() for cell in line.split("|")[1:-1]]
            if cells[0] == "Code" or set(cells[0]) <= {"-"}:
                continue  # header and separator lines
            assert module in GROUPS, f"row outside a module: {line}"
            rows.append((cells[0].split(","), cells[1], module))
    return rows


def test_every_row_of_the_page_is_in_the_catalog_and_nothing_else() -> None:
    rows = parse_page()
    listed = [code for codes, _, _ in rows for code in codes]
    assert len(rows) == 119
    assert len(listed) == 140  # multi-code rows counted code by code
    assert len(set(listed)) == 138  # 0061 and 0062 are listed twice

    data = YAML(typ="safe").load(SCHEMA.read_text(encoding="utf-8"))
    assert data["vendor"]["id"] == "mtauth"
    assert data["vendor"]["code_type"] == "str"
    assert data["vendor"]["locale"] == "zh-CN"
    groups = {group["description"]: group["id"] for group in data["groups"]}
    assert groups == GROUPS

    entries: dict[str, dict] = {}
    for entry in data["codes"]:
        for code in [entry["code"], *entry.get("aliases", [])]:
            assert isinstance(code, str), code
            assert code not in entries, f"{code} in the catalog twice"
            entries[code] = entry
    assert set(entries) == set(listed), "catalog codes differ from the page's"

    texts: dict[str, list[str]] = {}
    for codes, text, module in rows:
        for code in codes:
            texts.setdefault(code, []).append(text)
            assert entries[code]["group"] == GROUPS[module], code
    for code, listed_texts in texts.items():
        entry = entries[code]
        if len(listed_texts) == 1:
            assert entry["message"] == listed_texts[0], code
        else:  # a code the page gives two meanings: one kept, the other quoted in the note
            assert sorted(listed_texts) == sorted(set(listed_texts)), code
            assert entry["message"] in listed_texts, code
            for other in listed_texts:
                if other != entry["message"]:
                    assert other in entry["note"], f"{code}: {other!r} not quoted in the note"
    assert sorted(code for code, t in texts.items() if len(t) > 1) == ["0061", "0062"]

    # one entry per row, in page order, each entry's codes all from the row of its text
    assert [entry["code"] for entry in data["codes"]] == [codes[0] for codes, _, _ in rows]
    for entry, (codes, text, _) in zip(data["codes"], rows):
        assert entry["message"] == text
        assert set(entry.get("aliases", [])) <= set(codes[1:]), entry["code"]
        assert entry["translations"]["en"].strip(), entry["code"]
