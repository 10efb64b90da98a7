"""The catalog data of each code (`Entry`), attached to the members of a vendor's code enum the
first time one is read (its `.message`, `lookup`...), from the rows of the vendor's errors module.

Loaded then, with that module: importing a vendor reads neither.
"""

# The functions here are friends of the classes of .base: they set up their private state.
# pyright: reportPrivateUsage=false

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from .base import require_same_package

require_same_package(__name__)  # never read with the modules of another generation

if TYPE_CHECKING:
    from .base import Code


class Entry:
    """The catalog data of one code; read it through the enum member's properties.

    Made from the code's row in its errors module's `__catalog_rows__`: name,
    message, kind, then the optional fields in the order of the parameters below.
    """

    __slots__ = (
        "message",
        "kind",
        "http_status",
        "description",
        "remedy",
        "group",
        "aliases",
        "retryable",
        "deprecated",
        "translations",
    )

    def __init__(
        self,
        message: str,
        kind: str,
        http_status: int | None = None,
        description: str | None = None,
        remedy: str | None = None,
        group: str | None = None,
        aliases: tuple[int | str, ...] = (),
        retryable: bool | None = None,
        deprecated: str | None = None,
        translations: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.message = message
        self.kind = kind
        self.http_status = http_status
        self.description = description
        self.remedy = remedy
        self.group = group
        self.aliases = aliases
        self.retryable = retryable
        self.deprecated = deprecated
        self.translations = dict(translations) if translations else None


def attach(codes: type[Code]) -> dict[int | str, Any]:
    """Attach each member's Entry and index the codes and aliases (idempotent, so a race
    between threads only does the work twice)."""
    index: dict[int | str, Any] = {}
    members: Any = codes._member_map_
    # Imported, never peeked at in sys.modules: the import system's lock makes a thread wait
    # while another one is still executing the module.
    __import__(codes._errors_module)
    rows: tuple[tuple[Any, ...], ...] = sys.modules[codes._errors_module].__catalog_rows__
    for name, *fields in rows:
        member = members[name]
        entry = Entry(*fields)
        member._entry = entry
        index[member._value_] = member
        for alias in entry.aliases:
            index[alias] = member
    codes._index = index
    return index
