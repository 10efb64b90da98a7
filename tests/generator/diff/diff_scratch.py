"""A scratch git repository holding a copy of the catalogs, edited line by line, for the tests of
`codegen diff`. Every edit returns the 1-based line it made (or removed), so that a test can
assert the `file:line` the diff reports without trusting the diff to find it."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from codegen.cli import main
from codegen.schema.loader import load_catalog
from codegen.schema.model import Entry, Vendor
from tests.conftest import SCHEMAS

DIFF_SCHEMA = json.loads((SCHEMAS / "diff.schema.json").read_text(encoding="utf-8"))
DIFF_VALIDATOR = Draft202012Validator(DIFF_SCHEMA)
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
_LOADED: dict[str, Vendor] = {}  # schema text -> vendor
ENTRY = re.compile(r"  - code: ")
GROUP = re.compile(r"  - id: ")


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
        check=True,
    )
    return proc.stdout


@dataclass
class Result:
    status: int
    stdout: str
    stderr: str

    @property
    def report(self) -> dict[str, Any]:
        return json.loads(self.stdout)  # type: ignore[no-any-return]

    @property
    def changes(self) -> list[dict[str, Any]]:
        return list(self.report["changes"])

    def rules(self) -> list[tuple[str, str]]:
        return sorted((c["rule"], c["severity"]) for c in self.changes)

    def one(self, rule: str) -> dict[str, Any]:
        found = [c for c in self.changes if c["rule"] == rule]
        assert len(found) == 1, (rule, self.changes)
        return found[0]


class Scratch:
    """A git repository with `schemas/` (a copy of the repository's) committed on `main`."""

    def __init__(self, root: Path, version: str = "0.4.2") -> None:
        self.root = root
        self.schemas = root / "schemas"
        self.out = root / "generated"
        shutil.copytree(SCHEMAS, self.schemas)
        self.set_version(version)
        git(root, "init", "--quiet", "--initial-branch=main")
        self.commit("the catalogs")

    def set_version(self, version: str) -> None:
        init = self.out / "catalog" / "__init__.py"
        init.parent.mkdir(parents=True, exist_ok=True)
        init.write_text(f'"""catalog."""\n\n__version__ = "{version}"\n', encoding="utf-8")

    def commit(self, message: str = "edit") -> str:
        git(self.root, "add", "--all")
        git(self.root, "commit", "--quiet", "--allow-empty", "-m", message)
        return git(self.root, "rev-parse", "HEAD").strip()

    # -- running the diff ----------------------------------------------------------------
    def diff(self, *args: str, fmt: str = "json") -> Result:
        """`codegen diff` in this process; JSON output is checked against the JSON Schema."""
        out, err = io.StringIO(), io.StringIO()
        argv = ["diff", "--schemas", str(self.schemas), "--out", str(self.out), *args]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main([*argv, "--format", fmt])
        result = Result(status, out.getvalue(), err.getvalue())
        if fmt == "json" and status != 2:
            errors = [e.message for e in DIFF_VALIDATOR.iter_errors(result.report)]
            assert errors == [], errors
        return result

    # -- reading -------------------------------------------------------------------------
    def path(self, vendor: str) -> Path:
        return self.schemas / f"{vendor}.yaml"

    def lines(self, vendor: str) -> list[str]:
        return self.path(vendor).read_text(encoding="utf-8").split("\n")

    def write(self, vendor: str, lines: list[str]) -> None:
        self.path(vendor).write_text("\n".join(lines), encoding="utf-8")

    def vendor(self, vendor: str) -> Vendor:
        """The vendor as the loader reads the schema now (loaded alone, cached by its text)."""
        text = self.path(vendor).read_text(encoding="utf-8")
        if text not in _LOADED:
            with tempfile.TemporaryDirectory() as directory:
                (Path(directory) / f"{vendor}.yaml").write_text(text, encoding="utf-8")
                catalog, _ = load_catalog(Path(directory))
            _LOADED[text] = catalog.vendors[0]
        return _LOADED[text]

    def find(self, vendor: str, predicate: Callable[[Entry], bool]) -> tuple[int, Entry]:
        """The index (in the vendor's order) and the entry of the first entry that matches."""
        entries = self.vendor(vendor).entries
        assert len(entries) == len(self.starts(vendor, ENTRY))
        return next((i, e) for i, e in enumerate(entries) if predicate(e))

    def starts(self, vendor: str, pattern: re.Pattern[str]) -> list[int]:
        return [i for i, line in enumerate(self.lines(vendor)) if pattern.match(line)]

    def block(self, vendor: str, index: int, pattern: re.Pattern[str] = ENTRY) -> tuple[int, int]:
        """0-based [start, end) of the index-th entry (or group) of a vendor."""
        lines = self.lines(vendor)
        starts = self.starts(vendor, pattern)
        start = starts[index]
        end = start + 1
        while end < len(lines) and lines[end].startswith("    "):
            end += 1
        return start, end

    # -- editing -------------------------------------------------------------------------
    def set_key(
        self, vendor: str, index: int, key: str, value: str, pattern: re.Pattern[str] = ENTRY
    ) -> int:
        """Set `key: value` in an entry (or group); the 1-based line of it."""
        lines = self.lines(vendor)
        start, end = self.block(vendor, index, pattern)
        for i in range(start, end):
            if re.match(rf"(  - |    ){key}:", lines[i]):
                lines[i] = f"{lines[i][:4]}{key}: {value}"
                break
        else:
            i = end
            lines.insert(i, f"    {key}: {value}")
        self.write(vendor, lines)
        return i + 1

    def drop_key(self, vendor: str, index: int, key: str) -> int:
        """Remove `key` from an entry; the 1-based line it had."""
        lines = self.lines(vendor)
        start, end = self.block(vendor, index)
        i = next(i for i in range(start, end) if lines[i].startswith(f"    {key}:"))
        del lines[i]
        self.write(vendor, lines)
        return i + 1

    def drop_block(self, vendor: str, index: int, pattern: re.Pattern[str] = ENTRY) -> int:
        """Remove a whole entry (or group); the 1-based line it started at."""
        lines = self.lines(vendor)
        start, end = self.block(vendor, index, pattern)
        del lines[start:end]
        self.write(vendor, lines)
        return start + 1

    def append_entry(self, vendor: str, text: str) -> int:
        """Add an entry after the last one; the 1-based line of its `- code:`."""
        lines = self.lines(vendor)
        while lines and not lines[-1].strip():
            lines.pop()
        at = len(lines)
        lines += [*text.strip("\n").split("\n"), ""]
        self.write(vendor, lines)
        return at + 1

    def replace_line(self, vendor: str, old: str, new: str) -> int:
        """Replace the one line equal to `old` (stripped of indentation); its 1-based line."""
        lines = self.lines(vendor)
        found = [i for i, line in enumerate(lines) if line.strip() == old]
        assert len(found) == 1, (old, found)
        i = found[0]
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        if new:
            lines[i] = indent + new
        else:
            del lines[i]
        self.write(vendor, lines)
        return i + 1

    def remove_item(self, vendor: str, first: str) -> int:
        """Remove the list item whose first line is `first` (stripped), with the lines of its
        other keys; its 1-based line."""
        lines = self.lines(vendor)
        found = [i for i, line in enumerate(lines) if line.strip() == first]
        assert len(found) == 1, (first, found)
        i = end = found[0]
        dash = len(lines[i]) - len(lines[i].lstrip())
        while end + 1 < len(lines) and len(lines[end + 1]) - len(lines[end + 1].lstrip()) > dash:
            end += 1
        del lines[i : end + 1]
        self.write(vendor, lines)
        return i + 1

    def line_of(self, vendor: str, text: str) -> int:
        """The 1-based line of the one line that is `text` once stripped."""
        found = [i for i, line in enumerate(self.lines(vendor)) if line.strip() == text]
        assert len(found) == 1, (text, found)
        return found[0] + 1
