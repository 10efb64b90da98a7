"""The cross-vendor taxonomy of failures, read from the runtime module that defines it.

`runtime/kinds.py` is the one owner of the kinds: the `Kind` enum, each kind's default HTTP
status and retryability (`_KIND_DEFAULTS`) and its exception class (a class whose
`_default_kind` names the kind, whose docstring's first line is the kind's summary). The
generator reads that file's syntax tree, without importing it, to validate `kind:` in schemas
and to know each kind's exception class, and its `STATUS_KINDS`, the kind an HTTP status
implies, for the importer's drafts.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from codegen import data_dir

KINDS_SOURCE = Path(data_dir("runtime"), "kinds.py")


@dataclass(frozen=True, slots=True)
class KindSpec:
    """One kind: its id, exception class name, default HTTP status and retryability."""

    id: str
    exception: str
    http_status: int
    retryable: bool
    summary: str


def _read_kinds(tree: ast.Module) -> tuple[KindSpec, ...]:
    order: list[str] = []
    defaults: dict[str, tuple[int, bool]] = {}
    exceptions: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Kind":
            order = [
                ast.literal_eval(stmt.value)
                for stmt in node.body
                if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant)
            ]
        elif isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "_KIND_DEFAULTS":
            assert isinstance(node.value, ast.Dict)
            for key, value in zip(node.value.keys, node.value.values, strict=True):
                assert isinstance(key, ast.Attribute)
                defaults[key.attr.lower()] = ast.literal_eval(value)
        elif isinstance(node, ast.ClassDef):
            for stmt in node.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and getattr(stmt.targets[0], "id", "") == "_default_kind"
                ):
                    summary = (ast.get_docstring(node) or "").split("\n\n")[0]
                    exceptions[ast.literal_eval(stmt.value)] = (
                        node.name,
                        " ".join(summary.split()),
                    )
    return tuple(
        KindSpec(kind, exceptions[kind][0], *defaults[kind], exceptions[kind][1]) for kind in order
    )


def _read_status_kinds(tree: ast.Module) -> dict[int, str]:
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "STATUS_KINDS":
            assert node.value is not None
            table: dict[int, str] = ast.literal_eval(node.value)
            return table
    raise AssertionError(f"{KINDS_SOURCE} defines no STATUS_KINDS")


_KINDS_TREE = ast.parse(KINDS_SOURCE.read_text(encoding="utf-8"), filename=str(KINDS_SOURCE))
KINDS: tuple[KindSpec, ...] = _read_kinds(_KINDS_TREE)
STATUS_KINDS: dict[int, str] = _read_status_kinds(_KINDS_TREE)

KINDS_BY_ID: dict[str, KindSpec] = {kind.id: kind for kind in KINDS}
