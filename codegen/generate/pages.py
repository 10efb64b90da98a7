"""What the reference pages (docs/vendors/*.md) show: their Jinja2 context and Markdown filters.

Schema text reaches a page only through `md` (prose in a table cell: one line, Markdown's
special characters escaped) or `code` (a code span, safe in a table cell).
"""

from __future__ import annotations

from codegen.schema.kinds import KINDS
from codegen.schema.model import Catalog, Entry, Group, Vendor

# Characters that Markdown (GitHub's) would read as markup in a table cell.
_MARKUP = "\\`*_[]<>|#"


def markdown_text(text: object) -> str:
    """`text` as prose in a table cell: on one line, its markup characters escaped."""
    if text is None:
        return ""
    line = " ".join(str(text).split())
    return "".join(f"\\{char}" if char in _MARKUP else char for char in line)


def code_span(text: object) -> str:
    """`text` as a code span in a table cell (a `|` stays escaped there, as GitHub reads it)."""
    line = " ".join(str(text).split()).replace("|", "\\|")
    fence = "``" if "`" in line else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{line}{pad}{fence}"


def _group_codes(vendor: Vendor, groups: list[Group]) -> dict[str, int]:
    """How many codes each group holds, its subgroups' included."""
    parents = {group.id: group.parent for group in groups}
    counts = dict.fromkeys(parents, 0)
    for entry in vendor.entries:
        group = entry.group
        while group is not None:
            counts[group] += 1
            group = parents[group]
    return counts


def _translation(entry: Entry, language: str) -> str | None:
    return dict(entry.translations).get(language)


def vendor_context(vendor: Vendor, groups: list[Group]) -> dict[str, object]:
    """What docs/vendor.md.j2 renders of a vendor, besides the vendor and its ordered groups."""
    return {
        "languages": sorted({tag for entry in vendor.entries for tag, _ in entry.translations}),
        "group_codes": _group_codes(vendor, groups),
        "translation": _translation,
    }


def index_context(catalog: Catalog, schemas: str) -> dict[str, object]:
    """What docs/index.md.j2 renders: every vendor, how many codes each kind has, and the
    folder of `schemas` they come from."""
    counts = dict.fromkeys((kind.id for kind in KINDS), 0)
    for vendor in catalog.vendors:
        for entry in vendor.entries:
            counts[entry.kind.id] += 1
    return {"vendors": catalog.vendors, "kind_counts": counts, "schemas": schemas}
