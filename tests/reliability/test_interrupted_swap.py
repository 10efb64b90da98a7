"""Without renameat2, `generate` swaps packages by two renames; killed between them (SIGKILL), it
leaves no package until the next run. Meanwhile `check` and `import catalog` both say to run
`make generate`, and the next `generate` puts the package back before anything else.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from tests.conftest import MINIMAL, ROOT, run_codegen, run_python

KILLED_BETWEEN_THE_RENAMES = textwrap.dedent("""
    import errno, os, sys
    from codegen.cli import main
    from codegen.generate import swap

    def unsupported(first, second):
        raise OSError(errno.ENOSYS, "renameat2 is not available")

    rename = os.rename

    def killed_before_the_second(source, target):
        if os.path.basename(source).startswith(".catalog.new-"):
            os._exit(137)  # as SIGKILL would: no cleanup of any kind
        rename(source, target)

    swap.exchange = unsupported
    swap.os.rename = killed_before_the_second
    sys.exit(main(sys.argv[1:]))
    """)


def test_a_kill_between_the_two_renames_says_what_to_do_until_the_next_generate(
    write_schema: Callable[..., Path], tmp_path: Path
) -> None:
    schemas, out = write_schema(), tmp_path / "out"
    assert run_codegen("generate", "--schemas", schemas, "--out", out).status == 0
    write_schema(MINIMAL.replace("token is expired", "token expired"))

    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BETWEEN_THE_RENAMES, "generate",
         "--schemas", str(schemas), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert killed.returncode == 137, killed.stderr
    assert not (out / "catalog").exists()

    check = run_codegen("check", "--schemas", schemas, "--out", out)
    assert check.status == 1
    assert f"note: {out}/catalog is missing" in check.stderr
    assert f"run `python -m codegen generate --schemas {schemas} --out {out}" in check.stderr
    assert "` to put the package back" in check.stderr

    imported = run_python("import catalog", out)
    assert imported.status == 1
    last = imported.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError: the catalog package is missing from"), last
    assert "run generate again (make generate) to put it back" in last

    again = run_codegen("generate", "--schemas", schemas, "--out", out)
    assert again.status == 0, again.stderr
    assert sorted(os.listdir(out)) == ["catalog"]
    assert run_codegen("check", "--schemas", schemas, "--out", out).status == 0
    message = run_python(
        "from catalog import AcmeCode; print(AcmeCode(1001).message)", out
    ).stdout.strip()
    assert message == "token expired"
