"""Under `python -W error`, a deprecated code received still reads right.

A deprecated code warns once when it is looked up or received. Where warnings are errors, that
warning must not cost the caller the code: `from_code` and `lookup` still answer with it, and
`from_response` still gives its class. (A deprecated name written in the caller's source,
`AcmeCode.TOO_MANY_REQUESTS`, is another matter: there `-W error` raises, as it is meant to.)
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from tests.conftest import MINIMAL, run_codegen

DEPRECATED = MINIMAL.replace(
    "    kind: resource_exhausted\n",
    '    kind: resource_exhausted\n    deprecated: "the vendor answers 429 instead"\n',
)

CODE = textwrap.dedent("""
    import warnings
    import catalog
    from catalog import AcmeCode, AcmeError, ResourceExhaustedError

    for _ in range(2):  # the first time warns, the second not
        assert AcmeCode.lookup(1002) == 1002
        assert catalog.lookup("acme", "1002") == 1002
        assert isinstance(AcmeError.from_code(1002), ResourceExhaustedError)
        error = AcmeError.from_response({"code": 1002, "msg": "slow down"})
        assert isinstance(error, ResourceExhaustedError) and error.code == 1002, error
        error = catalog.from_response("acme", {"code": 1002, "msg": "slow down"})
        assert isinstance(error, ResourceExhaustedError) and error.code == 1002, error
    print("read right")
    """)


def test_a_deprecated_code_reads_right_when_warnings_are_errors(
    write_schema: Callable[..., Path], tmp_path: Path
) -> None:
    schemas, out = write_schema(DEPRECATED), tmp_path / "out"
    assert run_codegen("generate", "--schemas", schemas, "--out", out).status == 0

    run = subprocess.run(
        [sys.executable, "-W", "error", "-c", CODE],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(out), "PATH": "/usr/bin:/bin"},
    )

    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "read right"
