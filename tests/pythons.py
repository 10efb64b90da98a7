"""`make test-pythons`: the package's runtime tests on every supported CPython found here.

Usage: python tests/pythons.py [--others] [VERSION ...]
       (default: every version the wheel names; --others: but the version running this, on
       which `make test` runs the whole suite anyway)

For each version, the interpreter is pyenv's newest of that version, else `python3.X` on PATH.
Each gets a small venv under .venv-pythons/<version> with only the tools these tests import,
at the versions pyproject.toml pins (the generated package itself is stdlib only and is
imported from generated/). The runtime tests include the test that each vendor's enum, built
in one pass, equals the enum EnumType builds on that version. A version without an
interpreter is skipped, and said so; the exit status is that of the first failing run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENVS = ROOT / ".venv-pythons"
# The tools the runtime tests import, installed at the versions of the dev group.
TOOLS = ("pytest", "hypothesis", "ruamel.yaml")
RUNTIME_TESTS = (
    "tests/package/test_enum_build.py",
    "tests/package/test_runtime.py",
    "tests/package/test_messages.py",
    "tests/package/test_hostile_inputs.py",
    "tests/package/test_threads.py",
    "tests/package/test_response_paths.py",
    # This one generates a package of its own: that needs the generator, tested in .venv.
    "--deselect=tests/package/test_messages.py::test_format_forms_in_a_schema_of_our_own",
)


def supported_versions() -> list[str]:
    """The versions the wheel's classifiers name ("3.11", ...)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    prefix = "Programming Language :: Python :: "
    return [c[len(prefix) :] for c in project["classifiers"] if re.fullmatch(r".*3\.\d+", c)]


def pinned_tools() -> list[str]:
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = {pin.split("==")[0]: pin for pin in groups["dependency-groups"]["dev"]}
    return [pins[name] for name in TOOLS]


def interpreter(version: str) -> Path | None:
    """pyenv's newest CPython `version`, else `python<version>` on PATH; None if neither."""
    pyenv = shutil.which("pyenv")
    if pyenv is not None:
        listed = subprocess.run(
            [pyenv, "versions", "--bare"], capture_output=True, text=True, check=False
        ).stdout.split()
        found = [v for v in listed if re.fullmatch(re.escape(version) + r"\.\d+", v)]
        if found:
            newest = max(found, key=lambda v: int(v.rsplit(".", 1)[1]))
            prefix = subprocess.run(
                [pyenv, "prefix", newest], capture_output=True, text=True, check=False
            ).stdout.strip()
            candidate = Path(prefix) / "bin" / "python3"
            if prefix and candidate.is_file():
                return candidate
    on_path = shutil.which(f"python{version}")
    return Path(on_path) if on_path else None


def venv_for(version: str, python: Path, tools: list[str]) -> Path:
    """The venv of `version`, made (or remade, when the pins change) with `tools` in it."""
    venv = VENVS / version
    stamp = venv / "tools.txt"
    wanted = "\n".join([str(python), *tools]) + "\n"
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != wanted:
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([str(python), "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *tools], check=True
        )
        stamp.write_text(wanted, encoding="utf-8")
    return venv / "bin" / "python"


def main(argv: list[str]) -> int:
    others = "--others" in argv
    versions = [arg for arg in argv if arg != "--others"] or supported_versions()
    if others:
        running = f"{sys.version_info.major}.{sys.version_info.minor}"
        versions = [version for version in versions if version != running]
    tools = pinned_tools()
    status = 0
    skipped: list[str] = []
    for version in versions:
        python = interpreter(version)
        if python is None:
            skipped.append(version)
            print(f"== Python {version}: no interpreter found (pyenv, python{version}): skipped")
            continue
        print(f"== Python {version}: {python}", flush=True)
        venv_python = venv_for(version, python, tools)
        run = subprocess.run(
            [str(venv_python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *RUNTIME_TESTS],
            cwd=ROOT,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            check=False,
        )
        status = status or run.returncode
    tested = [v for v in versions if v not in skipped]
    print(f"tested on Python {', '.join(tested) or 'none'}", end="")
    print(f"; skipped {', '.join(skipped)} (no interpreter)" if skipped else "")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
