"""`python -m codegen diff`: each kind of catalog change, made alone in a scratch git repository
holding a copy of the catalogs, is reported with its severity, its file:line, the exit status
and the version it implies (the scratch package is at 0.4.2)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from codegen.diff.record import bump
from codegen.schema.model import Entry
from tests.generator.diff.diff_scratch import GROUP, Scratch, git


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    return Scratch(tmp_path / "repo")


@dataclass(frozen=True)
class Expect:
    """What one edit must produce: each change as (rule, severity, side, line)."""

    changes: list[tuple[str, str, str, int]]
    vendor: str

    @property
    def status(self) -> int:
        return 1 if any(severity == "breaking" for _, severity, _, _ in self.changes) else 0

    @property
    def next_version(self) -> str:
        severities = {severity for _, severity, _, _ in self.changes}
        return "0.5.0" if "breaking" in severities else "0.4.3"


def plain(entry: Entry) -> bool:
    """An entry with the default exception name, no aliases and no renamed_from."""
    default = "".join(w.capitalize() for w in entry.name.split("_"))
    return entry.exception in (default, default + "Error") and not entry.aliases


# Each edit changes one thing and returns what the diff must say about it.
def remove_code(s: Scratch) -> Expect:
    index, _ = s.find("iam", plain)
    line = s.drop_block("iam", index)
    return Expect([("code-removed", "breaking", "old", line)], "iam")


def rename_member_without_alias(s: Scratch) -> Expect:
    index, entry = s.find("iam", plain)
    line = s.set_key("iam", index, "name", entry.name + "_RENAMED")
    return Expect(
        [
            ("exception-renamed", "breaking", "new", line),
            ("member-renamed", "breaking", "new", line),
        ],
        "iam",
    )


def rename_member_with_renamed_from(s: Scratch) -> Expect:
    index, entry = s.find("iam", plain)
    line = s.set_key("iam", index, "name", entry.name + "_RENAMED")
    s.set_key("iam", index, "renamed_from", f"[{entry.name}]")
    return Expect(
        [
            ("exception-renamed", "compatible", "new", line),
            ("member-renamed", "compatible", "new", line),
        ],
        "iam",
    )


def rename_exception_without_alias(s: Scratch) -> Expect:
    index, entry = s.find("tuya", plain)
    line = s.set_key("tuya", index, "exception", "SomethingElseEntirelyError")
    return Expect([("exception-renamed", "breaking", "new", line)], "tuya")


def change_code_value(s: Scratch) -> Expect:
    index, _ = s.find("tuya", lambda e: plain(e) and e.code != 99998)
    line = s.set_key("tuya", index, "code", "99998")
    return Expect([("code-changed", "breaking", "new", line)], "tuya")


def change_code_value_keeping_an_alias(s: Scratch) -> Expect:
    index, entry = s.find("tuya", lambda e: plain(e) and e.code != 99998)
    line = s.set_key("tuya", index, "code", "99998")
    s.set_key("tuya", index, "aliases", f"[{entry.code}]")
    return Expect([("code-changed", "compatible", "new", line)], "tuya")


def undeprecate(s: Scratch) -> Expect:
    index, _ = s.find("iam", lambda e: e.deprecated is None)
    s.set_key("iam", index, "deprecated", '"the vendor retired it"')
    s.commit("deprecated")
    s.drop_key("iam", index, "deprecated")
    return Expect(
        [("undeprecated", "compatible", "new", s.vendor("iam").entries[index].line)], "iam"
    )


def change_kind(s: Scratch) -> Expect:
    index, _ = s.find("iam", lambda e: e.kind.id == "invalid_argument")
    line = s.set_key("iam", index, "kind", "failed_precondition")
    return Expect([("kind-changed", "breaking", "new", line)], "iam")


def change_group(s: Scratch) -> Expect:
    index, _ = s.find("tuya", lambda e: e.group == "system")
    line = s.set_key("tuya", index, "group", "service")
    return Expect([("group-changed", "breaking", "new", line)], "tuya")


def retryable_true_to_false(s: Scratch) -> Expect:
    index, _ = s.find("tuya", lambda e: e.kind.retryable and e.retryable is None)
    line = s.set_key("tuya", index, "retryable", "false")
    return Expect([("retryable-changed", "breaking", "new", line)], "tuya")


def retryable_false_to_true(s: Scratch) -> Expect:
    index, _ = s.find("tuya", lambda e: not e.kind.retryable and e.retryable is None)
    line = s.set_key("tuya", index, "retryable", "true")
    return Expect([("retryable-changed", "compatible", "new", line)], "tuya")


def success_codes(s: Scratch, vendor: str) -> tuple[str, list[str]]:
    """The vendor's `success: [...]` line as the schema writes it, and its codes."""
    line = next(text.strip() for text in s.lines(vendor) if text.strip().startswith("success: ["))
    return line, line.removeprefix("success: [").removesuffix("]").split(", ")


def change_code_type(s: Scratch) -> Expect:
    lines = s.lines("authing")
    for i, text in enumerate(lines):
        if text.startswith("  - code: "):
            lines[i] = f'  - code: "{text.split(": ", 1)[1]}"'
    s.write("authing", lines)
    success, codes = success_codes(s, "authing")
    s.replace_line("authing", success, f"success: [{', '.join(f'{c!r}' for c in codes)}]")
    line = s.replace_line("authing", "code_type: int", "code_type: str")
    return Expect([("code-type-changed", "breaking", "new", line)], "authing")


def change_prefix(s: Scratch) -> Expect:
    line = s.replace_line("tuya", "prefix: Tuya", "prefix: TuyaCloud")
    return Expect([("prefix-changed", "breaking", "new", line)], "tuya")


def remove_envelope(s: Scratch) -> Expect:
    line = s.remove_item("iam", "- code: error.code")
    return Expect([("envelope-removed", "breaking", "old", line)], "iam")


def change_envelope_code_path(s: Scratch) -> Expect:
    line = s.replace_line("iam", "- code: error_code", "- code: errorCode")
    return Expect([("envelope-narrowed", "breaking", "new", line)], "iam")


def add_envelope_success_flag(s: Scratch) -> Expect:
    s.replace_line("iam", "message: error_msg", "message: error_msg\n      success: ok")
    line = s.line_of("iam", "success: ok")
    return Expect([("envelope-success-changed", "breaking", "new", line)], "iam")


def add_envelope(s: Scratch) -> Expect:
    s.replace_line("tuya", "- code: code", "- {header: x-tuya-error}\n    - code: code")
    return Expect(
        [("envelope-added", "compatible", "new", s.line_of("tuya", "- {header: x-tuya-error}"))],
        "tuya",
    )


def add_envelope_detail(s: Scratch) -> Expect:
    line = s.replace_line(
        "tuya", "details: {server_time: t}", "details: {server_time: t, time_zone: tz}"
    )
    return Expect([("envelope-detail-added", "compatible", "new", line)], "tuya")


def add_success_code(s: Scratch) -> Expect:
    success, codes = success_codes(s, "authing")
    line = s.replace_line("authing", success, f"success: [{', '.join([*codes, '201'])}]")
    return Expect([("success-code-added", "breaking", "new", line)], "authing")


def add_code(s: Scratch) -> Expect:
    line = s.append_entry(
        "tuya",
        """
  - code: 9999
    name: TEST_CODE_ADDED
    message: "A new code."
    kind: internal
""",
    )
    return Expect([("code-added", "compatible", "new", line)], "tuya")


def add_alias(s: Scratch) -> Expect:
    index, _ = s.find("tuya", lambda e: not e.aliases)
    line = s.set_key("tuya", index, "aliases", "[99999]")
    return Expect([("alias-added", "compatible", "new", line)], "tuya")


def remove_alias(s: Scratch) -> Expect:
    index, _ = s.find("tuya", lambda e: bool(e.aliases))
    line = s.drop_key("tuya", index, "aliases")
    return Expect([("alias-removed", "breaking", "old", line)], "tuya")


def add_group(s: Scratch) -> Expect:
    starts = s.starts("iam", GROUP)
    lines = s.lines("iam")
    lines[starts[0] : starts[0]] = [
        "  - id: added_for_test",
        "    name: IamAddedForTestError",
        '    description: "A new group."',
    ]
    s.write("iam", lines)
    return Expect([("group-added", "compatible", "new", starts[0] + 1)], "iam")


def rename_group_class(s: Scratch) -> Expect:
    line = s.set_key("tuya", 0, "name", "TuyaPlatformError", GROUP)
    return Expect([("group-renamed", "breaking", "new", line)], "tuya")


def add_translation(s: Scratch) -> Expect:
    index, _ = s.find("iam", lambda e: not e.translations)
    line = s.set_key("iam", index, "translations", '{zh-CN: "测试"}')
    return Expect([("translation-added", "compatible", "new", line)], "iam")


def deprecate(s: Scratch) -> Expect:
    index, _ = s.find("iam", lambda e: e.deprecated is None)
    line = s.set_key("iam", index, "deprecated", '"the vendor retired it"')
    return Expect([("deprecated", "compatible", "new", line)], "iam")


def change_message(s: Scratch) -> Expect:
    index, entry = s.find("iam", lambda e: "%" not in e.message and "[" not in e.message)
    line = s.set_key("iam", index, "message", f'"{entry.message} (reworded)"')
    return Expect([("message-changed", "patch", "new", line)], "iam")


def add_message_placeholder(s: Scratch) -> Expect:
    index, entry = s.find("tuya", lambda e: "{" not in e.message and "%" not in e.message)
    line = s.set_key("tuya", index, "message", f'"{entry.message} for {{device_id}}"')
    return Expect(
        [
            ("message-changed", "patch", "new", line),
            ("message-params-added", "breaking", "new", line),
        ],
        "tuya",
    )


def change_description(s: Scratch) -> Expect:
    index, _ = s.find("iam", lambda e: e.description is not None)
    line = s.set_key("iam", index, "description", '"A better description."')
    return Expect([("description-changed", "patch", "new", line)], "iam")


def change_remedy(s: Scratch) -> Expect:
    index, _ = s.find("iam", lambda e: e.remedy is not None)
    line = s.set_key("iam", index, "remedy", '"Try again later."')
    return Expect([("remedy-changed", "patch", "new", line)], "iam")


def change_note(s: Scratch) -> Expect:
    index, _ = s.find("iam", lambda e: e.note is not None)
    line = s.set_key("iam", index, "note", '"A curation note, reworded."')
    return Expect([("note-changed", "patch", "new", line)], "iam")


def mark_code_seen_in_traffic(s: Scratch) -> Expect:
    index, _ = s.find("tuya", lambda e: e.note is not None)
    line = s.set_key("tuya", index, "origin", "traffic")
    return Expect([("origin-changed", "patch", "new", line)], "tuya")


def change_http_status(s: Scratch) -> Expect:
    index, _ = s.find("iam", lambda e: e.http_status == 400)
    line = s.set_key("iam", index, "http_status", "422")
    return Expect([("http-status-changed", "patch", "new", line)], "iam")


def change_source(s: Scratch) -> Expect:
    source = s.vendor("tuya").source
    line = s.replace_line("tuya", f"source: {source}", "source: https://example.invalid/errors")
    return Expect([("source-changed", "patch", "new", line)], "tuya")


def change_version(s: Scratch) -> Expect:
    version = s.vendor("tuya").version
    line = s.replace_line("tuya", f'version: "{version}"', 'version: "2030-01-01"')
    return Expect([("version-changed", "patch", "new", line)], "tuya")


def remove_vendor(s: Scratch) -> Expect:
    line = s.line_of("edu", "id: edu")
    s.path("edu").unlink()
    return Expect([("vendor-removed", "breaking", "old", line)], "edu")


def add_vendor(s: Scratch) -> Expect:
    text = s.path("tuya").read_text(encoding="utf-8")
    text = text.replace("id: tuya", "id: tuya_eu").replace("prefix: Tuya", "prefix: TuyaEu")
    s.path("tuya_eu").write_text(text.replace("name: Tuya", "name: Eu"), encoding="utf-8")
    return Expect(
        [("vendor-added", "compatible", "new", s.line_of("tuya_eu", "id: tuya_eu"))], "tuya_eu"
    )


EDITS: list[Callable[[Scratch], Expect]] = [
    remove_code,
    rename_member_without_alias,
    rename_member_with_renamed_from,
    rename_exception_without_alias,
    change_code_value,
    change_code_value_keeping_an_alias,
    change_kind,
    change_group,
    retryable_true_to_false,
    retryable_false_to_true,
    change_code_type,
    change_prefix,
    remove_envelope,
    change_envelope_code_path,
    add_envelope_success_flag,
    add_envelope,
    add_envelope_detail,
    add_success_code,
    add_code,
    add_alias,
    remove_alias,
    add_group,
    rename_group_class,
    add_translation,
    deprecate,
    undeprecate,
    change_message,
    add_message_placeholder,
    change_description,
    change_remedy,
    change_note,
    change_http_status,
    mark_code_seen_in_traffic,
    change_source,
    change_version,
    remove_vendor,
    add_vendor,
]


@pytest.mark.parametrize("edit", EDITS, ids=[edit.__name__ for edit in EDITS])
def test_each_change_alone(scratch: Scratch, edit: Callable[[Scratch], Expect]) -> None:
    expect = edit(scratch)
    result = scratch.diff()
    assert result.status == expect.status, result.stdout
    got = sorted(
        (c["rule"], c["severity"], c["side"], c["line"], c["file"], c["next_version"])
        for c in result.changes
    )
    file = f"schemas/{expect.vendor}.yaml"
    want = sorted(
        (rule, severity, side, line, file, "0.5.0" if severity == "breaking" else "0.4.3")
        for rule, severity, side, line in expect.changes
    )
    assert got == want
    report = result.report
    assert report["breaking"] is (expect.status == 1)
    assert (report["version"], report["next_version"]) == ("0.4.2", expect.next_version)
    assert report["bump"] == ("minor" if expect.status else "patch")


def test_a_code_added_from_traffic_says_so(scratch: Scratch) -> None:
    line = scratch.append_entry(
        "tuya",
        """
  - code: 99999
    name: TEST_SEEN_IN_TRAFFIC
    message: "A code the page lacks."
    kind: permission_denied
    origin: traffic
    note: "seen in tuya/tuya-homebridge#53"
""",
    )
    text = scratch.diff(fmt="text")
    assert (
        f"{scratch.schemas}/tuya.yaml:{line}: compatible: TuyaCode.TEST_SEEN_IN_TRAFFIC: code "
        "99999 added (seen in real traffic; not on the vendor's page), with the exception "
        "TestSeenInTrafficError [0.4.2 -> 0.4.3]"
    ) in text.stdout.splitlines(), text.stdout


def test_removing_a_group_breaks_its_codes_too(scratch: Scratch) -> None:
    members = [e.name for e in scratch.vendor("tuya").entries if e.group == "service"]
    lines = scratch.lines("tuya")
    scratch.write("tuya", [line for line in lines if line.strip() != "group: service"])
    line = scratch.drop_block("tuya", 1, GROUP)
    result = scratch.diff()
    assert result.status == 1
    removed = result.one("group-removed")
    assert (removed["severity"], removed["side"], removed["line"]) == ("breaking", "old", line)
    assert removed["subject"] == "TuyaServiceError"
    changed = [c for c in result.changes if c["rule"] == "group-changed"]
    assert sorted(c["subject"] for c in changed) == sorted(f"TuyaCode.{m}" for m in members)
    assert {c["severity"] for c in changed} == {"breaking"}


def test_no_change(scratch: Scratch) -> None:
    result = scratch.diff()
    assert result.status == 0
    assert result.report["changes"] == [] and result.report["bump"] == "none"
    assert result.report["next_version"] == "0.4.2"
    text = scratch.diff(fmt="text")
    assert text.status == 0
    assert "No change to the public API or behaviour: catalog 0.4.2 stays." in text.stdout


def test_text_format_one_line_per_change(scratch: Scratch) -> None:
    index, entry = scratch.find("iam", lambda e: e.kind.id == "invalid_argument")
    kind_line = scratch.set_key("iam", index, "kind", "failed_precondition")
    gone_index, gone = scratch.find("tuya", plain)
    gone_line = scratch.drop_block("tuya", gone_index)
    result = scratch.diff(fmt="text")
    assert result.status == 1
    base = git(scratch.root, "rev-parse", "HEAD").strip()[:12]
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == f"Comparing schemas/ at the merge-base with main ({base}) with the working tree."
    )
    assert (
        f"{scratch.schemas}/iam.yaml:{kind_line}: breaking: IamCode.{entry.name}: kind changed "
        f"from invalid_argument to failed_precondition: `except InvalidArgumentError` no longer "
        f"catches {entry.exception} [0.4.2 -> 0.5.0]"
    ) in lines
    removal = next(
        line for line in lines if "code-removed" in line or f"TuyaCode.{gone.name}:" in line
    )
    assert removal.startswith(
        f"{scratch.schemas}/tuya.yaml:{gone_line} (old schema at {base}): breaking: "
        f"TuyaCode.{gone.name}: code {gone.code!r} removed"
    )
    hint = lines[lines.index(removal) + 1]
    assert hint.startswith("    hint: deprecate it instead of deleting it")
    assert lines[-2] == (
        "2 change(s): 2 breaking (0 acknowledged), 0 compatible, 0 patch. Version: 0.4.2 -> 0.5.0."
    )
    assert lines[-1].startswith("2 unacknowledged breaking change(s)")


def test_deleting_a_deprecated_code_is_still_breaking(scratch: Scratch) -> None:
    index, entry = scratch.find("iam", plain)
    scratch.set_key("iam", index, "deprecated", '"use something else"')
    scratch.commit("deprecate")
    line = scratch.drop_block("iam", index)
    result = scratch.diff()
    assert result.status == 1
    change = result.one("code-removed")
    assert (change["severity"], change["line"], change["side"]) == ("breaking", line, "old")
    assert change["subject"] == f"IamCode.{entry.name}"
    assert "it was deprecated, but deleting it still breaks" in change["hint"]


def test_breaking_ok_on_the_entry_acknowledges_its_break(scratch: Scratch) -> None:
    index, entry = scratch.find("iam", lambda e: e.kind.id == "invalid_argument")
    line = scratch.set_key("iam", index, "kind", "failed_precondition")
    scratch.set_key("iam", index, "breaking_ok", '"the vendor reclassified it"')
    result = scratch.diff()
    assert result.status == 0
    change = result.one("kind-changed")
    assert change["severity"] == "breaking" and change["line"] == line
    assert change["acknowledged"] == "the vendor reclassified it"
    assert result.report["breaking"] is False and result.report["next_version"] == "0.5.0"
    text = scratch.diff(fmt="text")
    assert text.status == 0
    assert (
        f"iam.yaml:{line}: breaking (acknowledged: the vendor reclassified it): "
        f"IamCode.{entry.name}: kind changed"
    ) in text.stdout


def test_breaking_ok_on_the_vendor_acknowledges_a_removed_code(scratch: Scratch) -> None:
    index, _ = scratch.find("iam", plain)
    scratch.drop_block("iam", index)
    scratch.replace_line("iam", "code_type: str", 'code_type: str\n  breaking_ok: "retired codes"')
    result = scratch.diff()
    assert result.status == 0
    assert result.one("code-removed")["acknowledged"] == "retired codes"


def test_an_old_breaking_ok_does_not_acknowledge_a_new_break(scratch: Scratch) -> None:
    index, _ = scratch.find("iam", lambda e: e.kind.id == "invalid_argument")
    scratch.set_key("iam", index, "breaking_ok", '"an earlier change"')
    scratch.commit("acknowledged once")
    scratch.set_key("iam", index, "kind", "failed_precondition")
    result = scratch.diff()
    assert result.status == 1
    assert result.one("kind-changed")["acknowledged"] is None
    reworded = scratch.set_key("iam", index, "breaking_ok", '"reclassified, see the changelog"')
    assert reworded and scratch.diff().status == 0


def test_breaking_ok_on_the_command_line_acknowledges_a_removed_vendor(scratch: Scratch) -> None:
    scratch.path("edu").unlink()
    assert scratch.diff().status == 1
    result = scratch.diff("--breaking-ok", "edu moved to its own package")
    assert result.status == 0
    assert result.one("vendor-removed")["acknowledged"] == "edu moved to its own package"


def test_a_renamed_member_keeps_its_default_class_name_only(scratch: Scratch) -> None:
    index, entry = scratch.find("iam", plain)
    # renamed_from [OLD_NAME] keeps OLD_NAME's default class, whatever the new class is called
    scratch.set_key("iam", index, "name", entry.name + "_RENAMED")
    scratch.set_key("iam", index, "exception", "CustomNameError")
    scratch.set_key("iam", index, "renamed_from", f"[{entry.name}]")
    assert scratch.diff().rules() == [
        ("exception-renamed", "compatible"),
        ("member-renamed", "compatible"),
    ]
    scratch.commit("renamed")
    # a custom class name is not derived from the member name: it must be listed itself
    scratch.set_key("iam", index, "name", entry.name + "_AGAIN")
    scratch.set_key("iam", index, "exception", "AnotherNameError")
    scratch.set_key("iam", index, "renamed_from", f"[{entry.name}, {entry.name}_RENAMED]")
    result = scratch.diff()
    assert result.status == 1
    assert result.one("member-renamed")["severity"] == "compatible"
    renamed = result.one("exception-renamed")
    assert (renamed["severity"], renamed["subject"]) == ("breaking", "CustomNameError")
    assert "add `renamed_from: [CustomNameError]`" in renamed["hint"]
    scratch.set_key(
        "iam", index, "renamed_from", f"[{entry.name}, {entry.name}_RENAMED, CustomNameError]"
    )
    assert scratch.diff().status == 0


def test_merging_a_code_into_another_with_aliases_is_compatible(scratch: Scratch) -> None:
    entries = scratch.vendor("tuya").entries
    index = next(
        i
        for i in range(len(entries) - 1)
        if plain(entries[i])
        and plain(entries[i + 1])
        and (entries[i].kind, entries[i].group) == (entries[i + 1].kind, entries[i + 1].group)
    )
    gone, kept = entries[index], entries[index + 1]
    scratch.drop_block("tuya", index)
    scratch.set_key("tuya", index, "aliases", f"[{gone.code}]")
    scratch.set_key("tuya", index, "renamed_from", f"[{gone.name}]")
    result = scratch.diff()
    assert result.status == 0, result.stdout
    assert [c for c in result.changes if c["severity"] == "breaking"] == []
    renamed = result.one("member-renamed")
    assert (renamed["severity"], renamed["subject"]) == ("compatible", f"TuyaCode.{gone.name}")
    assert result.one("exception-renamed")["subject"] == gone.exception
    moved = result.one("code-changed")
    assert moved["severity"] == "compatible" and moved["subject"] == f"TuyaCode.{kept.name}"
    scratch.set_key("tuya", index, "aliases", "[]")
    assert (
        result.one("code-changed") and scratch.diff().one("code-changed")["severity"] == "breaking"
    )


def test_removing_a_renamed_from_alias_is_breaking(scratch: Scratch) -> None:
    index, entry = scratch.find("iam", plain)
    scratch.set_key("iam", index, "name", entry.name + "_RENAMED")
    scratch.set_key("iam", index, "renamed_from", f"[{entry.name}]")
    scratch.commit("rename")
    line = scratch.drop_key("iam", index, "renamed_from")
    result = scratch.diff()
    assert result.status == 1
    change = result.one("alias-name-removed")
    assert (change["severity"], change["side"], change["line"]) == ("breaking", "old", line)
    assert change["subject"] == f"IamCode.{entry.name}"


def test_changes_together_imply_the_highest_bump(scratch: Scratch) -> None:
    change_message(scratch)
    add_code(scratch)
    result = scratch.diff()
    assert result.status == 0
    assert result.rules() == [("code-added", "compatible"), ("message-changed", "patch")]
    assert result.report["next_version"] == "0.4.3"
    scratch.set_version("1.4.2")
    after_1 = scratch.diff()
    assert (after_1.report["bump"], after_1.report["next_version"]) == ("minor", "1.5.0")
    assert sorted(c["next_version"] for c in after_1.changes) == ["1.4.3", "1.5.0"]
    change_kind(scratch)
    assert scratch.diff().report["next_version"] == "2.0.0"


def test_default_ref_is_the_merge_base_with_main(scratch: Scratch) -> None:
    git(scratch.root, "checkout", "--quiet", "-b", "feature")
    expect = change_kind(scratch)
    scratch.commit("on the branch")
    result = scratch.diff()  # the change is committed, but not on main
    assert result.status == 1 and result.rules() == [("kind-changed", "breaking")]
    assert result.report["against"]["commit"] == git(scratch.root, "rev-parse", "main").strip()
    assert result.one("kind-changed")["line"] == expect.changes[0][3]
    assert scratch.diff("--against", "HEAD").report["changes"] == []
    git(scratch.root, "branch", "--quiet", "-D", "main")
    assert scratch.diff().report["changes"] == []  # no main branch: against HEAD


def test_against_a_ref_without_schemas_reports_every_vendor_added(scratch: Scratch) -> None:
    git(scratch.root, "mv", "schemas", "catalogs")
    scratch.commit("moved")
    git(scratch.root, "mv", "catalogs", "schemas")
    result = scratch.diff("--against", "HEAD")
    assert result.status == 0
    assert {c["rule"] for c in result.changes} == {"vendor-added"}
    assert len(result.changes) == len(list(scratch.schemas.glob("*.yaml")))


def test_unknown_ref_exits_2(scratch: Scratch) -> None:
    result = scratch.diff("--against", "no-such-branch")
    assert result.status == 2
    assert (
        result.stderr == "error: unknown git ref 'no-such-branch' (no such commit, branch or tag)\n"
    )
    assert result.stdout == ""


def test_invalid_schema_in_the_working_tree_exits_2(scratch: Scratch) -> None:
    index, _ = scratch.find("iam", lambda e: e.kind.id == "invalid_argument")
    line = scratch.set_key("iam", index, "kind", "no_such_kind")
    result = scratch.diff()
    assert result.status == 2 and result.stdout == ""
    assert f"{scratch.schemas}/iam.yaml:{line}:11: unknown kind 'no_such_kind'" in result.stderr
    assert "error: 1 error(s) in the working tree's schemas; nothing to compare" in result.stderr


def test_invalid_schema_at_the_ref_exits_2(scratch: Scratch) -> None:
    index, _ = scratch.find("iam", lambda e: e.kind.id == "invalid_argument")
    line = scratch.set_key("iam", index, "kind", "no_such_kind")
    scratch.commit("broken")
    scratch.set_key("iam", index, "kind", "invalid_argument")
    result = scratch.diff("--against", "HEAD")
    assert result.status == 2
    assert f"HEAD:schemas/iam.yaml:{line}:11: unknown kind 'no_such_kind'" in result.stderr
    assert "error: 1 error(s) in the schemas at HEAD; nothing to compare" in result.stderr


def test_outside_a_git_repository_exits_2(
    tmp_path: Path, write_schema: Callable[..., Path]
) -> None:
    schemas = write_schema()
    from tests.conftest import run_codegen

    result = run_codegen("diff", "--schemas", schemas)
    assert result.status == 2
    assert result.stderr.startswith("error: ") and "is not inside a git repository" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_command_line_in_a_child_process(scratch: Scratch) -> None:
    from tests.conftest import run_codegen

    expect = change_kind(scratch)
    args = ("diff", "--schemas", scratch.schemas, "--out", scratch.out)
    result = run_codegen(*args)
    assert result.status == 1 and result.stderr == ""
    assert f"iam.yaml:{expect.changes[0][3]}: breaking: " in result.stdout
    as_json = run_codegen(*args, "--format", "json")
    assert as_json.status == 1 and '"rule": "kind-changed"' in as_json.stdout


@pytest.mark.parametrize(
    "version, level, after",
    [
        ("0.1.0", "major", "0.2.0"),
        ("0.1.0", "minor", "0.1.1"),
        ("0.1.7", "patch", "0.1.8"),
        ("1.2.3", "major", "2.0.0"),
        ("1.2.3", "minor", "1.3.0"),
        ("1.2.3", "patch", "1.2.4"),
        ("1.2.3", "none", "1.2.3"),
        # A pre-release is on its way to its release: a change it already covers releases it.
        ("1.0.0rc1", "major", "1.0.0"),
        ("1.0.0rc1", "patch", "1.0.0"),
        ("1.2.0b2", "major", "2.0.0"),
        ("1.2.0b2", "minor", "1.2.0"),
        ("1.2.3a1", "minor", "1.3.0"),
        ("2.0.0.dev3", "major", "2.0.0"),
        ("1.2.3.post1", "patch", "1.2.4"),
        ("0.3.0rc1", "major", "0.3.0"),
        ("0.3.1rc1", "major", "0.4.0"),
        ("1.0.0rc1", "none", "1.0.0rc1"),
    ],
)
def test_bump(version: str, level: str, after: str) -> None:
    assert bump(version, level) == after  # type: ignore[arg-type]


@pytest.mark.parametrize("version", ["1.0", "1.0.0+local", "1!1.0.0", "one", "1.0.0.0"])
def test_bump_refuses_what_is_not_major_minor_patch(version: str) -> None:
    with pytest.raises(ValueError, match="is not MAJOR.MINOR.PATCH"):
        bump(version, "patch")


def test_a_pre_release_version_is_diffed(scratch: Scratch) -> None:
    change_kind(scratch)
    scratch.set_version("1.0.0rc1")
    result = scratch.diff()
    assert result.status == 1, result.stderr
    assert (result.report["version"], result.report["next_version"]) == ("1.0.0rc1", "1.0.0")
    assert result.report["bump"] == "major"


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)
DEEP = "vendor: " + "[" * 10_000 + "]" * 10_000 + "\n"


@pytest.mark.parametrize("hostile", [ALIAS_BOMB, DEEP], ids=["alias bomb", "deep nesting"])
def test_a_hostile_schema_at_the_ref_exits_2_quickly(scratch: Scratch, hostile: str) -> None:
    """Schemas at a git ref go through the same bounded reader as the working tree's."""
    from tests.conftest import run_codegen

    original = scratch.path("iam").read_text(encoding="utf-8")
    scratch.path("iam").write_text(hostile, encoding="utf-8")
    scratch.commit("hostile")
    scratch.path("iam").write_text(original, encoding="utf-8")
    started = time.monotonic()
    result = run_codegen("diff", "--schemas", scratch.schemas, "--against", "HEAD")
    assert time.monotonic() - started < 30
    assert result.status == 2, result.stderr
    assert "HEAD:schemas/iam.yaml:" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
