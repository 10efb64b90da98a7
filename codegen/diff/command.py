"""`python -m codegen diff`: the schemas at a git ref against the working tree's.

Both sides go through the normal loader: the ref's schemas are exported from git into a
temporary directory first (`git ls-tree` and `git cat-file`, nothing else is touched). The
report is text, one line per change, or JSON (schemas/diff.schema.json describes it).

Exit statuses: 0 nothing breaking (or every break acknowledged), 1 an unacknowledged breaking
change, 2 bad input: not a git repository, an unknown ref, an invalid schema on either side.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from codegen.diagnostics import display
from codegen.diff.compare import compare
from codegen.diff.record import (
    SEVERITIES,
    Change,
    Side,
    bump,
    bumped_part,
    canonical_version,
    overall_level,
)
from codegen.input_files import GENERATED_BYTES, SCHEMA_BYTES, InputError, check_file, read_bytes
from codegen.project import DEFAULT_PACKAGE
from codegen.schema.model import Catalog

MAIN_BRANCHES = ("main", "origin/main")
VERSION_LINE = re.compile(r"^__version__ = [\"']([^\"']+)[\"']$", re.MULTILINE)


class DiffInputError(Exception):
    """Input the diff cannot run on; the message says why (and the command exits 2)."""


@dataclass(frozen=True, slots=True)
class Repository:
    toplevel: Path

    @classmethod
    def containing(cls, directory: Path) -> Repository:
        result = _git(directory, "rev-parse", "--show-toplevel")
        if result.returncode != 0:
            raise DiffInputError(
                f"{display(directory)} is not inside a git repository; `codegen diff` "
                "compares the schemas with a git ref"
            )
        return cls(Path(result.stdout.decode().strip()).resolve())

    def git(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return _git(self.toplevel, *args)

    def commit(self, ref: str) -> str | None:
        result = self.git(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
        )
        return result.stdout.decode().strip() if result.returncode == 0 else None

    def default_base(self) -> tuple[str, str]:
        """The merge-base with the main branch, else HEAD: (commit, how to name it)."""
        head = self.commit("HEAD")
        if head is None:
            raise DiffInputError("the repository has no commit yet: nothing to compare with")
        for branch in MAIN_BRANCHES:
            if self.commit(branch) is None:
                continue
            result = self.git("merge-base", "HEAD", branch)
            if result.returncode == 0:
                base = result.stdout.decode().strip()
                return base, f"the merge-base with {branch} ({base[:12]})"
        return head, f"HEAD ({head[:12]})"

    def export(self, commit: str, directory: str, into: Path) -> int:
        """Write the `*.yaml` files of `directory` at `commit` under `into`; how many."""
        listing = self.git(
            "ls-tree", "-z", "--long", commit, "--", f"{directory}/" if directory else "."
        )
        if listing.returncode != 0:
            raise DiffInputError(f"git ls-tree failed: {listing.stderr.decode().strip()}")
        count = 0
        for record in listing.stdout.decode("utf-8", "surrogateescape").split("\0"):
            if not record:
                continue
            meta, _, path = record.partition("\t")
            mode, kind, obj, size = meta.split()
            relative = Path(path)
            if kind != "blob" or mode == "120000" or relative.suffix != ".yaml":
                continue
            if relative.parent != Path(directory or "."):
                continue
            try:  # a blob is read whole: its size first, as for a schema on disk
                check_file(
                    f"{path} at {commit[:12]}", stat.S_IFREG, int(size), SCHEMA_BYTES, "schema"
                )
            except InputError as exc:
                raise DiffInputError(str(exc)) from None
            blob = self.git("cat-file", "blob", obj)
            if blob.returncode != 0:
                raise DiffInputError(
                    f"git cat-file failed on {path}: {blob.stderr.decode().strip()}"
                )
            target = into / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob.stdout)
            count += 1
        return count


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(cwd), *args],
            capture_output=True,
            env={**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"},
            check=False,
        )
    except FileNotFoundError as exc:
        raise DiffInputError("git is not installed; `codegen diff` needs it") from exc


def _refuse_links_out(schemas: Path, toplevel: Path) -> None:
    """A schema that is a symbolic link must stay inside the repository: git stores the link,
    not what it points to, so the comparison would be with something git never saw."""
    for path in sorted(schemas.glob("*.yaml")):
        if not path.is_symlink():
            continue
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # a loop, or a link to nothing
            raise DiffInputError(
                f"{display(path)} is a symbolic link that leads nowhere (a loop, or a missing "
                "target); replace it with the schema itself"
            ) from None
        if not target.is_relative_to(toplevel):
            raise DiffInputError(
                f"{display(path)} is a symbolic link to {display(target)}, outside the git "
                f"repository at {toplevel}; diff compares schemas that git stores: copy the "
                "schema into the repository"
            )


def _load(directory: Path, root: Path, where: str) -> Catalog:
    """The catalog in `directory`, schema paths relative to `root`; problems name `where`."""
    from codegen.diagnostics import SchemaError
    from codegen.schema.loader import load_catalog

    def relative(path: Path) -> str:
        return path.resolve().relative_to(root.resolve()).as_posix()

    try:
        catalog, _ = load_catalog(directory, relative)
    except SchemaError as exc:
        errors = [problem for problem in exc.problems if problem.severity == "error"]
        for problem in errors:
            shown = f"{where}:{problem.path}" if where else display(root / problem.path)
            print(problem.moved(shown), file=sys.stderr)
        side = f"the schemas at {where}" if where else "the working tree's schemas"
        raise DiffInputError(f"{len(errors)} error(s) in {side}; nothing to compare") from None
    return catalog


def package_version(out: Path, package: str = DEFAULT_PACKAGE) -> str:
    """`<package>.__version__`: from the generated package, else the generator's own."""
    init = out / package / "__init__.py"
    found = None
    if os.path.lexists(init):
        try:
            text = read_bytes(init, GENERATED_BYTES, "generated file")
        except InputError as exc:  # a FIFO, a device, a huge file: never read whole
            raise DiffInputError(str(exc)) from None
        except OSError:
            text = b""  # unreadable: the generator's own version, as for a missing file
        found = VERSION_LINE.search(text.decode("utf-8", "replace"))
    if found is not None:
        return found.group(1)
    from codegen import __version__

    return __version__


@dataclass(frozen=True, slots=True)
class Report:
    changes: list[Change]
    version: str
    ref: str
    commit: str
    label: str
    schemas: str
    root: Path
    package: str = DEFAULT_PACKAGE

    @property
    def failing(self) -> list[Change]:
        return [change for change in self.changes if change.failing]

    def where(self, change: Change) -> str:
        place = f"{display(self.root / change.file)}:{change.line}"
        return place if change.side == "new" else f"{place} (old schema at {self.ref})"

    def next_version(self, change: Change | None = None) -> str:
        level = change.level if change is not None else overall_level(self.changes)
        return bump(self.version, level)

    def text(self) -> str:
        lines = [f"Comparing {self.schemas}/ at {self.label} with the working tree."]
        for change in self.changes:
            severity: str = change.severity
            if change.acknowledged is not None:
                severity += f" (acknowledged: {change.acknowledged})"
            lines.append(
                f"{self.where(change)}: {severity}: {change.subject}: {change.summary} "
                f"[{self.version} -> {self.next_version(change)}]"
            )
            if change.hint is not None and change.failing:
                lines.append(f"    hint: {change.hint}")
        counts = self.counts()
        if not self.changes:
            lines.append(
                f"No change to the public API or behaviour: {self.package} {self.version} stays."
            )
            return "\n".join(lines)
        lines.append(
            f"{len(self.changes)} change(s): {counts['breaking']} breaking "
            f"({counts['acknowledged']} acknowledged), {counts['compatible']} compatible, "
            f"{counts['patch']} patch. Version: {self.version} -> {self.next_version()}."
        )
        if self.failing:
            lines.append(
                f"{len(self.failing)} unacknowledged breaking change(s): make them compatible "
                "(see the hints), or acknowledge each deliberate one with "
                '`breaking_ok: "why"` on its code or its vendor.'
            )
        return "\n".join(lines)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {severity: 0 for severity in SEVERITIES}
        for change in self.changes:
            counts[change.severity] += 1
        counts["acknowledged"] = sum(c.acknowledged is not None for c in self.changes)
        counts["unacknowledged"] = len(self.failing)
        return counts

    def json(self) -> dict[str, Any]:
        return {
            "against": {"ref": self.ref, "commit": self.commit, "description": self.label},
            "schemas": self.schemas,
            "version": self.version,
            "bump": bumped_part(self.version, overall_level(self.changes)),
            "next_version": self.next_version(),
            "breaking": bool(self.failing),
            "counts": self.counts(),
            "changes": [
                {
                    "severity": change.severity,
                    "acknowledged": change.acknowledged,
                    "rule": change.rule,
                    "vendor": change.vendor,
                    "subject": change.subject,
                    "summary": change.summary,
                    "hint": change.hint,
                    "file": change.file,
                    "line": change.line,
                    "side": change.side,
                    "bump": bumped_part(self.version, change.level),
                    "next_version": self.next_version(change),
                }
                for change in self.changes
            ],
        }


def build_report(
    schemas: Path, out: Path, against: str | None, package: str = DEFAULT_PACKAGE
) -> Report:
    if not schemas.is_dir():
        raise DiffInputError(f"{display(schemas)} is not a directory of schemas")
    repository = Repository.containing(schemas)
    try:
        directory = schemas.resolve().relative_to(repository.toplevel)
    except ValueError:
        raise DiffInputError(
            f"{display(schemas)} is not inside the git repository at {repository.toplevel}"
        ) from None
    subdir = "" if directory == Path(".") else directory.as_posix()
    _refuse_links_out(schemas, repository.toplevel)
    if against is None:
        commit, label = repository.default_base()
        ref = commit[:12]
    else:
        found = repository.commit(against)
        if found is None:
            raise DiffInputError(f"unknown git ref {against!r} (no such commit, branch or tag)")
        commit, ref = found, against
        label = against if found.startswith(against) else f"{against} ({found[:12]})"
    try:
        version = canonical_version(package_version(out, package))
    except ValueError as exc:
        raise DiffInputError(f"{package}.__version__: {exc}") from None
    new = _load(schemas, repository.toplevel, "")
    with tempfile.TemporaryDirectory(prefix="catalog-diff-") as temporary:
        root = Path(temporary)
        if repository.export(commit, subdir, root):
            old = _load(root / subdir, root, ref)
        else:
            old = Catalog(())  # no schemas there yet: every vendor is new
        directories: dict[Side, Path] = {"old": root / subdir, "new": schemas}
        changes = compare(old, new, directories, subdir or ".", package)
    return Report(changes, version, ref, commit, label, subdir or ".", repository.toplevel, package)


def run(args: argparse.Namespace) -> int:
    try:
        report = build_report(
            Path(args.project.schemas), Path(args.project.out), args.against, args.project.package
        )
    except DiffInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.breaking_ok is not None:
        from codegen.diff.compare import acknowledge_all

        report = replace(report, changes=acknowledge_all(report.changes, args.breaking_ok))
    if args.format == "json":
        print(json.dumps(report.json(), indent=2, ensure_ascii=False))
    else:
        print(report.text())
    return 1 if report.failing else 0
