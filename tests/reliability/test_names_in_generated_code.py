"""Only schema text reaches generated code, and only escaped: file and directory names cannot
add a line of Python to a generated module.

A schema file is named after its vendor id (`acme.yaml`); any other name is refused with exit
status 2 and nothing written. The schemas directory may be called anything: its name appears in
headers escaped to one comment line.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import MINIMAL, run_codegen, run_python

PAYLOAD = 'open("PWNED", "w").write("x")'


def _lines_outside_comments(path: Path) -> list[str]:
    return [
        line
        for file in path.rglob("*.py")
        for line in file.read_text(encoding="utf-8").splitlines()
        if PAYLOAD in line and not line.lstrip().startswith("#")
    ]


def test_a_schema_file_not_named_after_its_vendor_is_refused(
    write_schema: Callable[..., Path], tmp_path: Path
) -> None:
    schemas = write_schema(name=f"zz\n{PAYLOAD}\n#.yaml")
    out = tmp_path / "out"

    run = run_codegen("generate", "--schemas", schemas, "--out", out)

    assert run.status == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert "the file name must be the vendor id followed by .yaml" in run.stderr
    assert "'acme.yaml'" in run.stderr
    assert not out.exists() or not any(out.rglob("*.py"))
    # The name is shown escaped, on the line of the problem it belongs to.
    assert f"zz\\n{PAYLOAD}\\n#.yaml:" in run.stderr
    assert PAYLOAD not in run.stderr.splitlines()
    for command in (("lint", "--strict"), ("check",), ("check", "--full")):
        assert run_codegen(*command, "--schemas", schemas, "--out", out).status == 2


def test_a_renamed_schema_is_refused_even_with_a_plain_name(
    write_schema: Callable[..., Path],
) -> None:
    schemas = write_schema(name="other.yaml")

    run = run_codegen("lint", "--schemas", schemas)

    assert run.status == 2
    assert "rename 'other.yaml' to 'acme.yaml'" in run.stderr


def test_a_newline_in_the_schemas_directory_name_stays_in_a_comment(tmp_path: Path) -> None:
    schemas = tmp_path / f"s\n{PAYLOAD}\n#"
    schemas.mkdir()
    (schemas / "acme.yaml").write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"

    generated = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert generated.status == 0, generated.stderr

    assert _lines_outside_comments(out) == []
    header = (out / "catalog" / "__init__.py").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(f"from s\\n{PAYLOAD}\\n#/*.yaml.")
    imported = run_python("import catalog, catalog.acme; print(catalog.vendors())", out)
    assert imported.status == 0, imported.stderr
    assert imported.stdout.strip() == "['acme']"
    assert not (out / "PWNED").exists()
    # The escaped names are read back consistently: the tree is current, fast path and full.
    assert run_codegen("check", "--schemas", schemas, "--out", out).status == 0
    assert run_codegen("check", "--full", "--schemas", schemas, "--out", out).status == 0
    shutil.rmtree(out)


def test_a_member_named_like_a_name_the_enum_body_uses_is_refused(
    write_schema: Callable[..., Path],
) -> None:
    schemas = write_schema(MINIMAL.replace("name: TOO_MANY_REQUESTS", "name: TYPE_CHECKING"))

    run = run_codegen("lint", "--schemas", schemas)

    assert run.status == 2
    assert "name 'TYPE_CHECKING' would shadow typing.TYPE_CHECKING" in run.stderr
