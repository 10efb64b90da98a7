"""The mtauth catalog holds every row of its seed page, verbatim and under its module, and nothing else."""

from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import page_entries

SEED = Path(__file__).parents[1] / "seeds" / "mtauth.txt"
SCHEMA = Path(__file__).parents[2] / "schemas" / "mtauth.yaml"

GROUPS = {"mt-access": "access", "mt-common": "common"}  # module -> id of its root group


def module_of(groups: dict[str, dict], group_id: str) -> str:
    """The root group above `group_id` (its module's group)."""
    seen: set[str] = set()
    while groups[group_id].get("parent") is not None:
        assert group_id not in seen, f"group cycle at {group_id}"
        seen.add(group_id)
        group_id = groups[group_id]["parent"]
    return group_id


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
    data["codes"] = page_entries(data["codes"])  # codes seen in traffic have their own test
    assert data["vendor"]["id"] == "mtauth"
    assert data["vendor"]["code_type"] == "str"
    assert data["vendor"]["locale"] == "zh-CN"
    groups = {group["id"]: group for group in data["groups"]}
    roots = {gid for gid, group in groups.items() if group.get("parent") is None}
    assert roots == set(GROUPS.values())
    for module, gid in GROUPS.items():
        assert groups[gid]["description"].startswith(module), gid

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
            assert module_of(groups, entries[code]["group"]) == GROUPS[module], code
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
    for entry, (codes, text, _) in zip(data["codes"], rows, strict=False):
        assert entry["message"] == text
        assert set(entry.get("aliases", [])) <= set(codes[1:]), entry["code"]
        assert entry["translations"]["en"].strip(), entry["code"]


def test_codes_sit_in_subject_groups_under_their_module_and_every_group_is_used() -> None:
    data = YAML(typ="safe").load(SCHEMA.read_text(encoding="utf-8"))
    groups = {group["id"]: group for group in data["groups"]}
    used = {entry["group"] for entry in data["codes"]}
    modules = set(GROUPS.values())
    assert not used & modules, "a code sits directly in a module group, not in a subject group"
    subjects = set(groups) - modules
    assert used == subjects, f"subject groups with no code: {sorted(subjects - used)}"
    assert {module_of(groups, gid) for gid in subjects} == modules
