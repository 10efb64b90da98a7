"""`codegen import` onto an existing catalog: a page that adds a row, changes a text and drops a
row gives exactly those three changes, in the report and in the file, and every other byte of
the file stays as it was. A page in another language becomes `translations`."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from codegen.schema.loader import check_text
from tests.conftest import run_codegen, run_python
from tests.generator.importer.import_support import (
    SEEDS,
    cli_options,
    codes_of,
    copy_schemas,
    import_page,
    load,
)


@dataclass(frozen=True)
class Edit:
    """One page edit per kind: a row added (a copy of `template` under `new_code`), a row whose
    message changes, a row removed. Codes are written as the page writes them."""

    vendor: str
    template: str
    new_code: str
    new_text: str
    changed: str
    removed: str


EDITS = [
    Edit("authing", "2006", "2099", "The page added this row", "2004", "2005"),
    Edit("edu", "10010", "10011", "The page added this row.", "10003", "20002"),
    Edit("iam", "IAM.0008", "IAM.0013", "The page added this row.", "IAM.0010", "1104"),
    Edit("mtauth", "1004", "1005", "页面新增的一行", "1002", "1003"),
    Edit("tuya", "1001", "1009", "the page added this row", "1002", "2005"),
]


def _row(lines: list[str], code: str) -> int:
    pattern = re.compile(rf"(^|[\s|>]){re.escape(code)}(?=$|[\s|<A-Za-z\u4e00-\u9fff])")
    found = [i for i, line in enumerate(lines) if pattern.search(line)]
    assert len(found) == 1, (code, found)
    return found[0]


def edit_page(edit: Edit, message_of: dict[str, str]) -> tuple[str, str]:
    """The seed page with the three edits, and the changed row's new message."""
    lines = (SEEDS / f"{edit.vendor}.txt").read_text(encoding="utf-8").splitlines()
    changed_text = message_of[edit.changed] + " (reworded)"
    at = _row(lines, edit.changed)
    lines[at] = lines[at].replace(message_of[edit.changed], changed_text, 1)
    at = _row(lines, edit.template)
    added = lines[at].replace(edit.template, edit.new_code, 1)
    added = added.replace(message_of[edit.template], edit.new_text, 1)
    lines.insert(at + 1, added)
    del lines[_row(lines, edit.removed)]
    return "\n".join(lines) + "\n", changed_text


@pytest.mark.parametrize("edit", EDITS, ids=[edit.vendor for edit in EDITS])
def test_exactly_the_three_changes_are_reported_and_written(edit: Edit, tmp_path: Path) -> None:
    schemas = copy_schemas(tmp_path, edit.vendor)
    target = schemas / f"{edit.vendor}.yaml"
    before = target.read_text(encoding="utf-8")
    curated = load(before)
    message_of = {str(code): entry["message"] for code, entry in codes_of(curated).items()}
    page_text, changed_text = edit_page(edit, message_of)
    page = tmp_path / "page.txt"
    page.write_text(page_text, encoding="utf-8")

    result = import_page(page, edit.vendor, schemas)
    outcome = result.outcome
    assert [str(a.code) for a in outcome.added] == [edit.new_code]
    assert [(str(c.code), c.field, c.new) for c in outcome.changed] == [
        (edit.changed, "message", changed_text)
    ]
    assert [str(m.code) for m in outcome.missing] == [edit.removed]
    assert result.codes.unread == []

    # the file: one message line replaced, one entry inserted after its page neighbour
    after = result.after
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    edits = [op for op in ops if op[0] != "equal"]
    kinds = sorted(op[0] for op in edits)
    assert kinds == ["insert", "replace"], edits
    replace = next(op for op in edits if op[0] == "replace")
    assert replace[2] - replace[1] == 1 and replace[4] - replace[3] == 1
    assert old[replace[1]].replace(message_of[edit.changed], changed_text) == new[replace[3]]
    insert = next(op for op in edits if op[0] == "insert")
    inserted = "".join(new[insert[3] : insert[4]])
    entry = load(inserted)[0]
    assert str(entry["code"]) == edit.new_code and entry["message"] == edit.new_text
    assert {"name", "kind"} <= set(entry["review"])
    data = load(after)
    order = [str(e["code"]) for e in data["codes"]]
    assert order[order.index(edit.template) + 1] == edit.new_code  # at its page position
    template = codes_of(data)[codes_of(curated)[_typed(curated, edit.template)]["code"]]
    assert entry.get("group") == template.get("group")
    # the removed row is reported, not removed: the entry stays as it was
    assert _typed(curated, edit.removed) in codes_of(data)
    vendor, _, problems = check_text(f"schemas/{edit.vendor}.yaml", after)
    assert vendor is not None, [str(p) for p in problems]


def _typed(data: dict[str, object], code: str) -> object:
    vendor = data["vendor"]
    assert isinstance(vendor, dict)
    return int(code) if vendor["code_type"] == "int" else code


def test_the_command_line_writes_the_changes_and_dry_run_only_reports_them(
    tmp_path: Path,
) -> None:
    edit = EDITS[4]
    schemas = copy_schemas(tmp_path, edit.vendor)
    target = schemas / f"{edit.vendor}.yaml"
    before = target.read_bytes()
    message_of = {
        str(code): entry["message"] for code, entry in codes_of(load(before.decode())).items()
    }
    page_text, changed_text = edit_page(edit, message_of)
    page = tmp_path / "page.txt"
    page.write_text(page_text, encoding="utf-8")
    args: list[str | Path] = [
        "import",
        page,
        "--vendor",
        edit.vendor,
        *cli_options(edit.vendor),
        "--schemas",
        schemas,
    ]

    dry = run_codegen(*args, "--dry-run")
    assert dry.status == 1, dry.stderr
    assert target.read_bytes() == before
    assert "would change; nothing written" in dry.stdout
    for expected in ("added 1:", "1009", "changed 1:", f'-> "{changed_text}"', "missing 1", "2005"):
        assert expected in dry.stdout, expected
    assert "drafts to review 1" in dry.stdout

    real = run_codegen(*args)
    assert real.status == 0, real.stderr
    assert f"wrote {target}" in real.stdout or "wrote " in real.stdout
    written = target.read_text(encoding="utf-8")
    assert written != before.decode()
    assert codes_of(load(written))[1002]["message"] == changed_text

    again = run_codegen(*args, "--dry-run")  # the page and the catalog now agree, but 2005
    assert again.status == 0, again.stdout
    assert "missing 1" in again.stdout and "is up to date" in again.stdout
    assert "still marked review from before: 1 (1009)" in again.stdout
    assert sorted(p.name for p in schemas.iterdir()) == ["catalog.schema.json", "tuya.yaml"]


# -- another language: translations ---------------------------------------------------------


def _markdown(rows: list[tuple[object, str]]) -> str:
    lines = ["## Errors", "", "| Code | Message |", "|---|---|"]
    lines += [f"| {code} | {text} |" for code, text in rows]
    return "\n".join(lines) + "\n"


def _generate_and_ask(tmp_path: Path, schemas: Path, code: str) -> str:
    out = tmp_path / "generated"
    generated = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert generated.status == 0, generated.stderr
    answer = run_python(code, out)
    assert answer.status == 0, answer.stderr
    return answer.stdout


def test_an_english_page_becomes_english_translations_of_a_chinese_catalog(
    tmp_path: Path,
) -> None:
    schemas = copy_schemas(tmp_path, "mtauth")
    target = schemas / "mtauth.yaml"
    before = target.read_text(encoding="utf-8")
    entries = load(before)["codes"][:4]
    fifth = load(before)["codes"][4]
    page = tmp_path / "en.md"
    page.write_text(_markdown([(e["code"], f"EN {e['code']}: reworded") for e in entries]))

    refused = run_codegen("import", page, "--vendor", "mtauth", "--schemas", schemas)
    assert refused.status == 2 and "--locale en" in refused.stderr
    assert target.read_text(encoding="utf-8") == before

    result = import_page(page, "mtauth", schemas, locale="en")
    assert [(str(c.code), c.field) for c in result.outcome.changed] == [
        (e["code"], "translations.en") for e in entries
    ]
    assert result.outcome.added == []
    target.write_text(result.after, encoding="utf-8")
    after = load(result.after)
    for old, new in zip(load(before)["codes"], after["codes"], strict=False):
        expected = dict(old)
        if old in entries:
            expected["translations"] = {"en": f"EN {old['code']}: reworded"}
        assert new == expected
    answer = _generate_and_ask(
        tmp_path,
        schemas,
        """
        from catalog.mtauth import MtAuthCode
        member = MtAuthCode.lookup("1000")
        print(member.message_for("en"))
        print(member.message_for("zh-CN"))
        print(MtAuthCode.lookup(CODE).message_for("en"))
        """.replace("CODE", repr(fifth["code"])),
    )
    first, own, untouched = answer.splitlines()
    assert first == "EN 1000: reworded"
    assert own == entries[0]["message"]
    assert untouched == fifth["translations"]["en"]


def test_a_chinese_page_becomes_translations_of_an_english_catalog(tmp_path: Path) -> None:
    schemas = copy_schemas(tmp_path, "tuya")
    target = schemas / "tuya.yaml"
    before = target.read_text(encoding="utf-8")
    page = tmp_path / "zh.md"
    page.write_text(_markdown([(1010, "令牌已过期"), (1011, "令牌无效"), (9999, "新的错误")]))

    result = import_page(page, "tuya", schemas, locale="zh-CN", row_pattern=None)
    assert [(c.code, c.field, c.new) for c in result.outcome.changed] == [
        (1010, "translations.zh-CN", "令牌已过期"),
        (1011, "translations.zh-CN", "令牌无效"),
    ]
    assert result.outcome.added == []  # a code the catalog lacks is not added from a translation
    assert any("9999" in note and "not in the catalog" in note for note in result.outcome.notes)
    # every other line of the file is unchanged: two lines inserted, nothing else
    old, new = before.splitlines(), result.after.splitlines()
    added = [line for line in new if line not in old]
    assert added == [
        '    translations: {zh-CN: "令牌已过期"}',
        '    translations: {zh-CN: "令牌无效"}',
    ]
    assert [line for line in new if line not in added] == old
    # placed in the catalog's key order: before the curation note of 1011
    data = load(result.after)
    assert list(codes_of(data)[1011])[-2:] == ["translations", "note"]
    target.write_text(result.after, encoding="utf-8")
    answer = _generate_and_ask(
        tmp_path,
        schemas,
        """
        from catalog.tuya import TuyaCode
        print(TuyaCode.lookup(1010).message_for("zh-CN"))
        print(TuyaCode.lookup(1011).message_for("zh"))
        print(TuyaCode.lookup(1010).message_for("en"))
        """,
    )
    assert answer.splitlines() == ["令牌已过期", "令牌无效", "token is expired"]


HANDWRITTEN = """\
# yaml-language-server: $schema=catalog.schema.json
# A catalog kept by hand: comments, plain and single-quoted texts, flow and block lists.
format: 1
vendor:
  id: acme
  name: Acme Cloud   # the display name
  version: '2024-01'
  code_type: int
codes:
  # tokens first
  - code: 1001
    name: TOKEN_EXPIRED
    message: token is expired
    kind: unauthenticated
    note: 'kept as the vendor writes it'   # why

  # quotas next
  - kind: resource_exhausted   # keys in another order than the importer writes them
    code: 1002
    message: 'your requests are too frequent'
    name: TOO_MANY_REQUESTS
    aliases:
      - 1102
  # the end
"""


def test_comments_key_order_and_quoting_survive_a_merge(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    (schemas / "acme.yaml").write_text(HANDWRITTEN, encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "| Code | Message |\n|---|---|\n"
        "| 1001 | token has expired |\n"
        "| 1005 | The token is missing. |\n"
        "| 1002, 1102, 1202 | your requests are too frequent |\n"
        "| 1003 | The quota is used up. |\n",
        encoding="utf-8",
    )
    result = import_page(page, "acme", schemas)
    assert [(c.code, c.field, c.old, c.new) for c in result.outcome.changed] == [
        (1001, "message", "token is expired", "token has expired"),
        (1002, "aliases", None, 1202),
    ]
    assert [a.code for a in result.outcome.added] == [1005, 1003]
    after = result.after

    def block(code: int, name: str, text: str, kind: str) -> str:
        return (
            f'  - code: {code}\n    name: {name}\n    message: "{text}"\n    kind: {kind}\n'
            "    review: [name, kind]\n"
        )

    expected = HANDWRITTEN.replace("message: token is expired", "message: token has expired")
    expected = expected.replace("      - 1102\n", "      - 1102\n      - 1202\n")
    expected = expected.replace(
        "\n  # quotas next\n",
        block(1005, "TOKEN_MISSING", "The token is missing.", "invalid_argument")
        + "\n  # quotas next\n",
    )
    expected = expected.replace(
        "  # the end\n",
        block(1003, "QUOTA_LIMIT_REACHED", "The quota is used up.", "resource_exhausted")
        + "  # the end\n",
    )
    assert after == expected


def test_translations_go_in_their_place_and_leave_comments_where_they_were(
    tmp_path: Path,
) -> None:
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    (schemas / "acme.yaml").write_text(HANDWRITTEN, encoding="utf-8")
    page = tmp_path / "zh.md"
    page.write_text(
        "| 错误码 | 错误信息 |\n|---|---|\n| 1001 | 令牌已过期 |\n| 1102 | 请求过于频繁 |\n",
        encoding="utf-8",
    )
    result = import_page(page, "acme", schemas, locale="zh-CN")
    assert [(c.code, c.field) for c in result.outcome.changed] == [
        (1001, "translations.zh-CN"),
        (1002, "translations.zh-CN"),  # the page lists its alias
    ]
    expected = HANDWRITTEN.replace(
        "    note: 'kept", '    translations: {zh-CN: "令牌已过期"}\n    note: \'kept'
    ).replace("      - 1102\n", '      - 1102\n    translations: {zh-CN: "请求过于频繁"}\n')
    assert result.after == expected


def test_codes_seen_in_traffic_are_not_dropped_rows_and_are_flagged_once_on_the_page(
    tmp_path: Path,
) -> None:
    schemas = copy_schemas(tmp_path, "tuya")
    traffic = [e for e in load((schemas / "tuya.yaml").read_text("utf-8"))["codes"]
               if e.get("origin") == "traffic"]  # fmt: skip
    assert traffic
    seed = (SEEDS / "tuya.txt").read_text(encoding="utf-8")
    result = import_page(SEEDS / "tuya.txt", "tuya", schemas)
    assert result.outcome.missing == [] and not result.changed  # never on the page: not dropped
    # the vendor's page starts listing one of them: the report says its origin can go
    listed = next(e for e in traffic if e["code"] == 1114)
    row = f"1114 {listed['message']} The IP address is not allowed."
    page = tmp_path / "tuya.txt"
    page.write_text(seed.replace("\n1199 ", f"\n{row}\n1199 ", 1), encoding="utf-8")
    result = import_page(page, "tuya", schemas)
    assert "1114 is marked origin: traffic but is now on the page; remove 'origin'" in (
        result.outcome.notes
    )
