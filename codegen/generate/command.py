"""`generate` and `check`: write the package the schemas make, or compare it with them.

Heavy imports (ruamel.yaml, jinja2, black, and pathlib too) happen only when a command needs
them, so that `check` and `generate` on an unchanged tree stay quick: they answer from header
hashes. Folders are the project's strings (`_shown` names what is in them in messages).
"""

from __future__ import annotations

import os
import sys

from codegen.diagnostics import SchemaError, display, print_problems, print_refusal
from codegen.project import DEFAULT_PACKAGE, absolute_path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~2 ms)
if TYPE_CHECKING:
    import argparse

    from codegen.generate.pipeline import Built
    from codegen.generate.sync import Plan
    from codegen.project import Project


def _shown(folder: str, path: str) -> str:
    """`path` under `folder`, as messages show it."""
    return display(os.path.join(folder, path))


def _build(args: argparse.Namespace) -> Built | None:
    """Every generated file's final text, by path under the output dir (None if invalid)."""
    from pathlib import Path

    from codegen.generate.pipeline import build

    try:
        return build(Path(args.project.schemas), display, args.project)
    except SchemaError as exc:
        print_refusal(exc)
        return None


def _proved(args: argparse.Namespace) -> bool:
    """The fast path: header hashes prove the package current (read under a shared lock, so
    never halfway through another run's swap)."""
    from codegen.generate.sync import (
        lock,
        prove_current,
        prove_pages_current,
        schema_digests,
        unlock,
    )

    handle = lock(args.project.out, exclusive=False)
    try:
        label, schemas = schema_digests(args.project.schemas)
        return prove_current(label, schemas, args.project) and prove_pages_current(
            label, schemas, args.docs, args.project
        )
    finally:
        unlock(handle)


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds like an exception: a staged package is removed


def generate(args: argparse.Namespace) -> int:
    from codegen.generate.sync import leftovers

    out, package = args.project.out, args.project.package
    if not args.full and not leftovers(out, package) and _proved(args):
        print(f"{display(out)} is up to date.")
        return 0
    import signal

    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: no handler to install
        return _generate(args)
    try:
        return _generate(args)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _generate(args: argparse.Namespace) -> int:
    built = _build(args)
    if built is None:
        return 2
    print_problems(built.warnings)
    out = args.project.out
    from pathlib import Path

    from codegen.generate.swap import Refused, update

    try:
        outcome = update(Path(out), built.files, args.project.package)
    except Refused as refused:
        _print_refusal(out, refused.plan)
        return 2
    result = outcome.plan
    for name in outcome.cleaned:
        print(
            f"removed {_shown(out, name)} (left by an interrupted run)",
            file=sys.stderr,
        )
    for path in result.foreign:
        print(
            f"left alone: {_shown(out, path)} (not a generated file; remove it by hand)",
            file=sys.stderr,
        )
    for path in result.empty_dirs:
        print(
            f"left alone: {_shown(out, path)} (an empty directory; remove it by hand)",
            file=sys.stderr,
        )
    if outcome.written:
        for path in sorted(result.write):
            print(f"wrote {_shown(out, path)}")
        for path in result.extra:
            print(f"removed {_shown(out, path)}")
    else:
        print(f"{display(out)} is up to date.")
    pages = _write_pages(args.docs, built.pages)
    if outcome.leftover is not None:
        print(
            f"error: the package is written, but the previous one could not be removed: {outcome.leftover}",
            file=sys.stderr,
        )
        return 2
    return pages


def _write_pages(pages_dir: str, pages: dict[str, str]) -> int:
    """Write the reference pages that changed, each in one rename, and remove the pages no
    schema makes any more. Anything else in the directory is left alone, and reported."""
    from pathlib import Path

    from codegen.generate.sync import plan_pages

    result = plan_pages(pages_dir, pages)
    base = Path(absolute_path(pages_dir)).parent
    if result.refused:
        _print_refusal(os.fspath(base), result)
        return 2
    for path, text in sorted(result.write.items()):
        target = base / path
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(f".{target.name}.new-{os.getpid()}")
        staged.write_bytes(text.encode("utf-8"))
        os.replace(staged, target)
        print(f"wrote {display(target)}")
    for path in result.extra:
        (base / path).unlink()
        print(f"removed {display(base / path)}")
    for path in [*result.foreign, *result.empty_dirs]:
        print(f"left alone: {display(base / path)} (not a generated page)", file=sys.stderr)
    return 0


def _print_refusal(out: str, result: Plan) -> None:
    for path, target in result.links.items():
        print(
            f"error: {_shown(out, path)} is a symbolic link (to {target}): generate neither writes "
            "through links nor replaces them; remove it by hand",
            file=sys.stderr,
        )
    for path in result.special:
        print(
            f"error: {_shown(out, path)} is not a regular file or directory; remove it by hand",
            file=sys.stderr,
        )
    for path in result.blocked:
        what = "a directory" if path in result.tree.dirs else "a file"
        print(
            f"error: {_shown(out, path)} is {what} where generate must write a "
            f"{'file' if what == 'a directory' else 'directory'}; remove it by hand",
            file=sys.stderr,
        )
    print("nothing was written.", file=sys.stderr)


def check(args: argparse.Namespace) -> int:
    from codegen.generate.sync import leftovers, retired

    out, package = args.project.out, args.project.package
    left = leftovers(out, package)
    for name in left:
        print(
            f"note: {_shown(out, name)} was left by an interrupted run; "
            "the next generate removes it",
            file=sys.stderr,
        )
    if any(name.startswith(retired(package)) for name in left) and not os.path.exists(
        os.path.join(out, package)
    ):
        print(
            f"note: {_shown(out, package)} is missing: a generate was interrupted between "
            f"the two renames of its swap; run `{_fix(args)}` to put the package back",
            file=sys.stderr,
        )
    if not args.full and _proved(args):
        print(
            f"{display(out)} is current, as are its pages in {display(args.docs)}"
            " (proved by header hashes; --full re-renders)."
        )
        return 0
    built = _build(args)
    if built is None:
        return 2
    from codegen.generate.sync import lock, plan, plan_pages, unlock

    handle = lock(out, exclusive=False)
    try:
        result = plan(out, built.files, package)
    finally:
        unlock(handle)
    pages = plan_pages(args.docs, built.pages)
    if result.current and pages.current:
        print(f"{display(out)} is current, as are its pages in {display(args.docs)}.")
        return 0
    _report(display(out), result)
    _report(display(os.path.dirname(absolute_path(args.docs))), pages)
    fix = _fix(args)
    behind = [display(d) for d, r in ((out, result), (args.docs, pages)) if not r.current]
    verb = "are" if len(behind) > 1 else "is"
    print(f"\n{' and '.join(behind)} {verb} not what the schemas produce. Fix: {fix}")
    if any(r.foreign or r.empty_dirs or r.refused for r in (result, pages)):
        print(
            "What generate did not make is never deleted, and links are never followed: remove those by hand."
        )
    return 1


def _report(out: str, result: Plan) -> None:
    """Print every difference of a plan, paths under `out`."""
    for label, paths in (
        ("stale (the schemas or templates changed)", result.stale),
        ("hand-edited (a generated file was changed by hand)", result.edited),
        ("missing", result.missing),
        ("extra (no schema produces it any more)", result.extra),
        ("extra (not a generated file)", result.foreign),
        ("extra (an empty directory)", result.empty_dirs),
        ("in the way (where generate must write)", result.blocked),
        ("not a regular file", result.special),
    ):
        for path in paths:
            print(f"{label}: {out}/{path}")
    for path, belongs in result.misplaced.items():
        print(f"misplaced (it holds what belongs at {out}/{belongs}): {out}/{path}")
    for path, target in result.links.items():
        print(f"symbolic link (to {target}; generate never follows one): {out}/{path}")
    for path in sorted(result.diffs):
        print(result.diffs[path], end="")


def _fix(args: argparse.Namespace) -> str:
    """The command that regenerates what `check` compared: the project's own when the folders
    and the name are the project's, else the generator's with the options given."""
    from codegen.project import SettingsError, default_docs, resolve

    project: Project = args.project
    docs = "" if args.docs == default_docs(args.project.out) else f" --docs {args.docs}"
    try:
        own = resolve()
    except SettingsError:  # pyproject.toml's package is refused, and --package replaced it
        own = None
    if project == own and not docs:
        return project.generate_command
    options = f"--schemas {args.project.schemas} --out {args.project.out}{docs}"
    if project.package != DEFAULT_PACKAGE:
        options += f" --package {project.package}"
    return f"{args.prog} generate {options}"
