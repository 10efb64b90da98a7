"""`make changelog`: tools/changelog.py writes a release's section from `codegen diff`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

INTRO = "# Changelog\n\nIntro.\n"


def changelog(path: Path, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "tools/changelog.py", "--file", str(path), "--date", "2026-01-02", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return path.read_text(encoding="utf-8")


def test_a_release_without_changes_says_so_and_a_rerun_replaces_its_section(
    tmp_path: Path,
) -> None:
    path = tmp_path / "CHANGELOG.md"
    path.write_text(INTRO + "\n## 0.0.1 - 2025-01-01\n\nOlder.\n", encoding="utf-8")
    first = changelog(path, "--version", "9.9.9", "--since", "HEAD")
    assert first.startswith(INTRO + "\n## 9.9.9 - 2026-01-02\n")
    assert "0 breaking, 0 compatible, 0 patch" in first and "No change" in first
    assert first.endswith("## 0.0.1 - 2025-01-01\n\nOlder.\n")  # older sections kept, below
    assert changelog(path, "--version", "9.9.9", "--since", "HEAD") == first


def test_the_first_release_lists_every_vendor_added(tmp_path: Path) -> None:
    first_commit = subprocess.run(
        ["git", "rev-list", "--max-parents=0", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()[0]
    text = changelog(tmp_path / "CHANGELOG.md", "--version", "0.1.0", "--since", first_commit)
    assert "### Compatible changes" in text
    for schema in sorted((ROOT / "schemas").glob("*.yaml")):
        assert f"`catalog.{schema.stem}`: vendor added" in text
        assert f"(schemas/{schema.name}#L" in text
