"""The generate/check loop on schemas written by the tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import black
import pytest
from ruamel.yaml import YAML

from codegen.generate.formatter import MODE
from codegen.generate.stamp import is_intact, parse_header
from tests.conftest import MINIMAL, ROOT, run_codegen, run_python


def snapshot(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture
def generated(write_schema: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    schemas = write_schema()
    out = tmp_path / "out"
    result = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert result.status == 0, result.stderr
    return schemas, out


def test_generate_writes_the_package(generated: tuple[Path, Path]) -> None:
    _, out = generated
    assert sorted(snapshot(out)) == [
        "catalog/__init__.py",
        "catalog/__main__.py",
        "catalog/_cli.py",
        "catalog/_entries.py",
        "catalog/_export.py",
        "catalog/_functions.py",
        "catalog/_http.py",
        "catalog/_messages.py",
        "catalog/_reports.py",
        "catalog/_responses.py",
        "catalog/acme/__init__.py",
        "catalog/acme/errors.py",
        "catalog/base.py",
        "catalog/export.schema.json",
        "catalog/hooks.py",
        "catalog/kinds.py",
        "catalog/py.typed",
    ]


def test_every_python_file_has_a_header_and_is_black_formatted(
    generated: tuple[Path, Path],
) -> None:
    schemas, out = generated
    for path in out.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        header = parse_header(text)
        assert header is not None, path
        assert header.version == "0.1.0"
        assert is_intact(text), path
        assert black.format_str(text, mode=MODE) == text, path
    vendor_header = parse_header((out / "catalog/acme/__init__.py").read_text())
    assert vendor_header is not None and vendor_header.source == "schemas/acme.yaml"


def test_generating_twice_changes_nothing(generated: tuple[Path, Path]) -> None:
    schemas, out = generated
    before = snapshot(out)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.py")}
    for full in ([], ["--full"]):
        result = run_codegen("generate", *full, "--schemas", schemas, "--out", out)
        assert result.status == 0
        assert "is up to date" in result.stdout
    assert snapshot(out) == before
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.py")} == mtimes


def test_generate_rewrites_only_what_changed(
    generated: tuple[Path, Path], write_schema: Callable[..., Path]
) -> None:
    """A message is not part of what catalog/__init__.py renders: only the vendor's files change
    (and its reference page, and the pages' index, made from every schema), and the others stay
    the very same files (same inode, same time stamp)."""
    schemas, out = generated
    kept = [out / "catalog/base.py", out / "catalog/__init__.py", out / "catalog/py.typed"]
    before = [(path.stat().st_ino, path.stat().st_mtime_ns) for path in kept]
    write_schema(MINIMAL.replace("token is expired", "token has expired"))
    result = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert result.status == 0
    assert sorted(line.split()[-1] for line in result.stdout.splitlines()) == [
        f"{out.parent}/docs/vendors/README.md",
        f"{out.parent}/docs/vendors/acme.md",
        f"{out}/catalog/acme/__init__.py",
        f"{out}/catalog/acme/errors.py",
    ]
    assert [(path.stat().st_ino, path.stat().st_mtime_ns) for path in kept] == before


def test_catalog_init_follows_the_vendor_index(
    generated: tuple[Path, Path], write_schema: Callable[..., Path]
) -> None:
    """A new prefix is rendered by catalog/__init__.py: that file changes too."""
    schemas, out = generated
    write_schema(MINIMAL.replace("prefix: Acme", "prefix: Acmex"))
    result = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert result.status == 0, result.stderr
    assert f"wrote {out}/catalog/__init__.py" in result.stdout
    assert "AcmexError" in (out / "catalog/__init__.py").read_text()
    assert run_codegen("check", "--schemas", schemas, "--out", out).status == 0


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONHASHSEED": "0", "LC_ALL": "C"},
        {"PYTHONHASHSEED": "12345", "LC_ALL": "C.UTF-8"},
        {"PYTHONHASHSEED": "random", "LC_ALL": "tr_TR.UTF-8", "TZ": "Pacific/Kiritimati"},
    ],
)
def test_output_is_byte_identical_whatever_the_environment(
    generated: tuple[Path, Path], tmp_path: Path, env: dict[str, str]
) -> None:
    schemas, out = generated
    other = tmp_path / "other"
    assert run_codegen("generate", "--schemas", schemas, "--out", other, env=env).status == 0
    assert snapshot(other) == snapshot(out)


def test_check_is_quiet_on_a_current_tree(generated: tuple[Path, Path]) -> None:
    schemas, out = generated
    fast = run_codegen("check", "--schemas", schemas, "--out", out)
    assert fast.status == 0 and "proved by header hashes" in fast.stdout
    full = run_codegen("check", "--full", "--schemas", schemas, "--out", out)
    assert full.status == 0 and "is current" in full.stdout


def test_check_catches_an_edited_schema(
    generated: tuple[Path, Path], write_schema: Callable[..., Path]
) -> None:
    schemas, out = generated
    before = snapshot(out)
    write_schema(MINIMAL.replace("token is expired", "token has expired"))
    for full in ([], ["--full"]):
        result = run_codegen("check", *full, "--schemas", schemas, "--out", out)
        assert result.status == 1
        assert (
            f"stale (the schemas or templates changed): {out}/catalog/acme/__init__.py"
            in result.stdout
        )
        assert '-    ("TOKEN_EXPIRED", "token is expired", "unauthenticated",' in result.stdout
        assert '+    ("TOKEN_EXPIRED", "token has expired", "unauthenticated",' in result.stdout
        assert f"Fix: python -m codegen generate --schemas {schemas} --out {out}" in result.stdout
    assert snapshot(out) == before  # check never writes


def test_check_catches_a_hand_edited_file(generated: tuple[Path, Path]) -> None:
    schemas, out = generated
    target = out / "catalog/acme/__init__.py"
    target.write_text(target.read_text().replace("token is expired", "token is EXPIRED"))
    result = run_codegen("check", "--schemas", schemas, "--out", out)
    assert result.status == 1
    assert (
        f"hand-edited (a generated file was changed by hand): {out}/catalog/acme/__init__.py"
        in result.stdout
    )
    assert run_codegen("generate", "--schemas", schemas, "--out", out).status == 0
    assert run_codegen("check", "--full", "--schemas", schemas, "--out", out).status == 0


def test_check_catches_a_stray_and_a_deleted_file(generated: tuple[Path, Path]) -> None:
    schemas, out = generated
    (out / "catalog/acme/stray.py").write_text("x = 1\n")
    (out / "catalog/acme/errors.py").unlink()
    result = run_codegen("check", "--schemas", schemas, "--out", out)
    assert result.status == 1
    assert f"missing: {out}/catalog/acme/errors.py" in result.stdout
    assert f"extra (not a generated file): {out}/catalog/acme/stray.py" in result.stdout
    generate = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert generate.status == 0
    assert "not a generated file" in generate.stderr  # reported, never deleted
    assert (out / "catalog/acme/errors.py").exists() and (out / "catalog/acme/stray.py").exists()


def test_removing_a_schema_removes_its_generated_files(
    write_schema: Callable[..., Path], tmp_path: Path
) -> None:
    write_schema(MINIMAL, "acme.yaml")
    schemas = write_schema(
        MINIMAL.replace("id: acme", "id: zeta")
        .replace("prefix: Acme", "prefix: Zeta")
        .replace("AcmeAuthError", "ZetaAuthError"),
        "zeta.yaml",
    )
    out = tmp_path / "out"
    assert run_codegen("generate", "--schemas", schemas, "--out", out).status == 0
    assert (out / "catalog/zeta/errors.py").exists()
    (schemas / "zeta.yaml").unlink()
    stale = run_codegen("check", "--schemas", schemas, "--out", out)
    assert (
        stale.status == 1
        and f"extra (no schema produces it any more): {out}/catalog/zeta/errors.py" in stale.stdout
    )
    result = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert result.status == 0
    assert f"removed {out}/catalog/zeta/errors.py" in result.stdout
    assert not (out / "catalog/zeta").exists()
    assert "zeta" not in (out / "catalog/__init__.py").read_text()
    assert run_codegen("check", "--full", "--schemas", schemas, "--out", out).status == 0


def test_check_exit_2_on_an_invalid_schema(
    generated: tuple[Path, Path], write_schema: Callable[..., Path]
) -> None:
    schemas, out = generated
    write_schema(MINIMAL.replace("kind: unauthenticated", "kind: nope"))
    result = run_codegen("check", "--schemas", schemas, "--out", out)
    assert result.status == 2
    assert f"{schemas}/acme.yaml:20:11: unknown kind 'nope'" in result.stderr


HOSTILE = [
    "He said \"hi\" and 'bye'",
    "back\\slash \\n not a newline \\x00 \\u2028",
    'triple """ quotes \'\'\' and a trailing quote"',
    "line one\nline two\n\ttabbed\r\nwindows",
    "{{ jinja }} {% if x %}block{% endif %} {# comment #}",
    "non-ASCII: 登录：密码错误 — café ✓ \u2028 separator",
    "ends with a backslash \\",
    "%(key)s %s {} {name} [input length] 100%",
    "x" * 5000,
]


def test_hostile_texts_round_trip_exactly(
    write_schema: Callable[..., Path], tmp_path: Path
) -> None:
    yaml = YAML()
    data = yaml.load(MINIMAL)
    for field in ("message", "description", "remedy", "deprecated"):
        data["codes"][0][field] = HOSTILE[0]
    codes = data["codes"]
    template = dict(codes[1])
    del codes[1]
    for index, text in enumerate(HOSTILE):
        codes.append(
            {
                **template,
                "code": 2000 + index,
                "name": f"HOSTILE_{index}",
                "message": text,
                "description": text[::-1],
                "remedy": text + "!",
                "deprecated": text,
                "translations": {"zh-CN": text},
            }
        )
    data["vendor"]["name"] = 'Acme """\\ {{ x }}'
    schema = tmp_path / "hostile.yaml"
    with schema.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    schemas = write_schema(schema.read_text(encoding="utf-8"))
    out = tmp_path / "out"
    result = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert result.status == 0, result.stderr
    probe = run_python(
        """
        import json
        from catalog.acme import AcmeCode, __catalog_vendor__ as VENDOR
        print(json.dumps({"vendor": VENDOR.name, "codes": [
            [m.code, m.message, m.description, m.remedy, m.deprecated, m.message_for("zh-CN"),
             m.exception.__doc__ is not None]
            for m in AcmeCode
        ]}))
        """,
        out,
    )
    assert probe.status == 0, probe.stderr
    seen = json.loads(probe.stdout)
    assert seen["vendor"] == 'Acme """\\ {{ x }}'
    for index, text in enumerate(HOSTILE):
        code, message, description, remedy, deprecated, chinese, documented = seen["codes"][
            index + 1
        ]
        assert code == 2000 + index
        assert (message, description, remedy, deprecated, chinese) == (
            text,
            text[::-1],
            text + "!",
            text,
            text,
        )
        assert documented


def test_the_repository_is_current() -> None:
    """The committed package is exactly what the committed schemas produce (also `make check`)."""
    result = run_codegen("check", "--full")
    assert result.status == 0, result.stdout + result.stderr
    assert (ROOT / "generated/catalog/py.typed").exists()


def test_templates_render_what_black_would_write() -> None:
    """The templates already emit black's layout, so formatting is a check that changes nothing.

    Not a correctness property (black runs on every file regardless) but the reason that
    `generate` and `check --full` cost little more than black itself: black's slow path is
    re-splitting lines, and a black-stable input never takes it.
    """
    from codegen.generate import pipeline
    from codegen.generate.formatter import format_file
    from codegen.project import REPOSITORY

    catalog, _ = pipeline.load(ROOT / "schemas")
    rendered = pipeline.render(catalog, ROOT / "schemas", REPOSITORY)
    unstable = [file.path for _, file in rendered if format_file(file) != file.text]
    assert unstable == []
    assert sorted(file.path for _, file in rendered) == sorted(
        pipeline.build(ROOT / "schemas").files
    )
