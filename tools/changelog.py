"""Write a release's section of CHANGELOG.md from `python -m codegen diff --format json`.

    python tools/changelog.py [--version X.Y.Z] [--since REF] [--date YYYY-MM-DD]

`--since` is the previous release (default: the latest tag, else the first commit); the
section lists every change of the catalogs' public API and behaviour since then, breaking
first, each with the schema line that makes it. `--version` defaults to the version the
changes imply. A section of the same version is replaced; a new one goes above the others.
Exit status: 0 written, 2 the diff failed (its message is shown).
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HEADINGS = {
    "breaking": "Breaking changes",
    "compatible": "Compatible changes",
    "patch": "Fixes and texts",
}


def git(*args: str) -> str | None:
    proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else None


def previous_release() -> str:
    """The latest tag, else the repository's first commit."""
    tag = git("describe", "--tags", "--abbrev=0")
    return tag or (git("rev-list", "--max-parents=0", "HEAD") or "HEAD").splitlines()[0]


def diff(since: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "codegen", "diff", "--against", since, "--format", "json"]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode not in (0, 1):  # 1: something breaking, which a changelog reports
        sys.exit(f"{' '.join(command[1:])} failed:\n{proc.stderr}")
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


def entry(change: dict[str, Any]) -> str:
    where = f"[{change['file']}]({change['file']})"
    if change.get("line"):
        where = f"[{change['file']}:{change['line']}]({change['file']}#L{change['line']})"
    text = f"- `{change['subject']}`: {change['summary']} ({where})"
    if change.get("acknowledged"):
        text += f"\n  Deliberate: {change['acknowledged']}"
    if change.get("hint") and change["severity"] == "breaking":
        text += f"\n  {change['hint']}"
    return text


def section(version: str, date: str, since: str, report: dict[str, Any]) -> str:
    changes = report["changes"]
    lines = [f"## {version} - {date}", ""]
    counts = ", ".join(f"{report['counts'][key]} {key}" for key in HEADINGS)
    lines += [f"Changes since `{since}`: {counts}.", ""]
    if not changes:
        lines += ["No change to the catalogs' API or behaviour.", ""]
    for severity, heading in HEADINGS.items():
        chosen = [entry(change) for change in changes if change["severity"] == severity]
        if chosen:
            lines += [f"### {heading}", "", *chosen, ""]
    return "\n".join(lines)


def insert(changelog: str, version: str, text: str) -> str:
    """`changelog` with `text` as the section of `version`: in place of an old one, or first."""
    blocks = changelog.split("\n## ")
    head, sections = blocks[0], [f"## {block}" for block in blocks[1:]]
    sections = [s for s in sections if not s.startswith(f"## {version} ")]
    return "\n".join([head.rstrip() + "\n", text, *sections]).rstrip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--version", help="the release (default: the version the changes imply)")
    parser.add_argument("--since", help="the previous release (default: the latest tag)")
    parser.add_argument("--date", default=datetime.date.today().isoformat())
    parser.add_argument("--file", type=Path, default=ROOT / "CHANGELOG.md")
    args = parser.parse_args()
    since = args.since or previous_release()
    report = diff(since)
    version = args.version or report["next_version"]
    label = git("describe", "--tags", "--exact-match", since) or since[:12]
    text = section(version, args.date, label, report)
    old = args.file.read_text(encoding="utf-8") if args.file.exists() else "# Changelog\n"
    args.file.write_text(insert(old, version, text), encoding="utf-8")
    print(f"{args.file.name}: wrote {version} ({report['bump']} bump implied since {label})")


if __name__ == "__main__":
    main()
