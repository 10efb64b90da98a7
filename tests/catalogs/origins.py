"""Which entries of a catalog come from the vendor's page, and which from real traffic."""

from __future__ import annotations

from typing import Any


def page_entries(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries copied from the vendor's page: every one without `origin: traffic`."""
    return [entry for entry in entries if entry.get("origin", "page") == "page"]
