"""The in-memory model of the catalogs: what the loader produces and the renderer consumes.

Everything here is already validated; no stage after the loader checks input again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from codegen.schema.kinds import KindSpec

Code = int | str


@dataclass(frozen=True, slots=True)
class Envelope:
    """Where a vendor puts the error in a response: dotted key paths into the body, or a header.

    `error` is the path of an error object or list whose presence (non-empty) means failure
    even with no code; `status` the path of a status in the body (2xx: success, else failure);
    `request_id` the paths of the request id, the first present wins; `details` maps detail
    names to the paths of fields copied into the exception's details; `retry_after` the path of
    a field giving the seconds to wait before retrying. An envelope with none of `code`,
    `success`, `header`, `error` and `status` only says where the message is.
    """

    code: str | None = None
    message: str | None = None
    success: str | None = None
    header: str | None = None
    error: str | None = None
    status: str | None = None
    request_id: tuple[str, ...] = ()
    details: tuple[tuple[str, str], ...] = ()
    retry_after: str | None = None  # the path of a field giving the seconds to wait


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    name: str
    description: str | None
    parent: str | None
    line: int = field(default=0, compare=False)  # 1-based line of the group in its schema


# Where a code comes from: the vendor's error page, or real traffic (responses, SDKs, bug reports).
Origin = Literal["page", "traffic"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One error code of a vendor."""

    code: Code
    name: str
    message: str
    kind: KindSpec
    exception: str
    description: str | None = None
    remedy: str | None = None
    http_status: int | None = None
    group: str | None = None
    aliases: tuple[Code, ...] = ()
    retryable: bool | None = None
    deprecated: str | None = None
    translations: tuple[tuple[str, str], ...] = ()
    renamed_from: tuple[str, ...] = ()  # former member (UPPER_SNAKE) and class names
    origin: Origin = "page"  # traffic: not on the vendor's page, seen in real responses
    review: tuple[str, ...] = ()  # fields guessed by `codegen import`, not yet reviewed
    breaking_ok: str | None = None  # why a breaking change of this entry is deliberate
    note: str | None = None  # curation note; not generated into code
    line: int = field(default=0, compare=False)  # 1-based line of the entry in its schema

    @property
    def effective_retryable(self) -> bool:
        """`member.retryable` in the package: the entry's own, else its kind's default."""
        return self.kind.retryable if self.retryable is None else self.retryable


@dataclass(frozen=True, slots=True)
class Vendor:
    """One vendor catalog, as read from `schemas/<id>.yaml`."""

    id: str
    name: str
    prefix: str
    version: str
    code_type: str
    locale: str
    source: str | None
    envelopes: tuple[Envelope, ...]
    success: tuple[Code, ...]
    groups: tuple[Group, ...]
    entries: tuple[Entry, ...]
    schema_path: Path = field(compare=False)
    # The sha256 of the schema's bytes as the loader read them (the headers' input digest).
    schema_digest: str = field(compare=False)
    breaking_ok: str | None = None  # why a breaking change of the vendor is deliberate
    request_id_headers: tuple[str, ...] = ()  # response headers carrying the request id
    line: int = field(default=0, compare=False)  # 1-based line of `vendor:` in its schema

    @property
    def code_class(self) -> str:
        return f"{self.prefix}Code"

    @property
    def error_class(self) -> str:
        return f"{self.prefix}Error"

    def group_class(self, group_id: str | None) -> str:
        """The exception class an entry of `group_id` (or a child group) derives from."""
        for group in self.groups:
            if group.id == group_id:
                return group.name
        return self.error_class


@dataclass(frozen=True, slots=True)
class Catalog:
    """Every vendor, sorted by id."""

    vendors: tuple[Vendor, ...]
