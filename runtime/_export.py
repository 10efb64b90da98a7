"""`catalog.export()`: the catalogs as plain JSON data, for tools in any language.

The data is read through the package's own API (the vendor ids, each vendor's code enum and
its members' properties, the exception classes), so it says exactly what the package does:
a member's `retryable` is the effective one, its `http_status` the documented one (None when
the vendor documents none; the kind's default is in `kinds`). `export.schema.json`, beside
this module in the package, is the JSON Schema of the result; its `format` changes only when
the shape does.
"""

# The functions here are friends of the classes of .base: they read a code enum's vendor.
# pyright: reportPrivateUsage=false

import sys
from collections.abc import Iterable
from typing import Any

from . import __version__, vendors
from ._functions import vendor_codes, vendor_error  # the one rule for a vendor id
from ._reports import public_path
from .base import Code, VendorError
from .kinds import Kind

__all__ = ["FORMAT", "export"]

FORMAT = 1
"""The version of the export's shape (the `format` of the JSON Schema)."""

SCHEMA_FILE = "export.schema.json"


def vendor_module(vendor_id: str) -> Any:
    """The vendor's module (`catalog.iam`)."""
    return sys.modules[vendor_codes(vendor_id).__module__]


def export(vendor_id: str | None = None) -> dict[str, Any]:
    """The catalogs (or vendor `vendor_id`'s alone) as plain JSON data.

    `json.dumps(catalog.export())` writes it; `export.schema.json` in the package describes
    it. An unknown vendor id raises ValueError naming the known ones.
    """
    # An id is read as its text (a str subclass too), and refused if it is not a vendor's.
    ids = vendors() if vendor_id is None else [vendor_codes(vendor_id)._vendor.id]
    return {
        "format": FORMAT,
        "package_version": __version__,
        "kinds": [_kind(kind) for kind in Kind],
        "vendors": [_vendor(one) for one in ids],
    }


def _kind(kind: Kind) -> dict[str, Any]:
    return {
        "id": kind.value,
        "exception": public_path(kind.exception).replace(".kinds.", "."),
        "http_status": kind.http_status,
        "retryable": kind.retryable,
        # A kind's exception opens its docstring with what the kind means.
        "description": (kind.exception.__doc__ or "").strip().split("\n", 1)[0],
    }


def _vendor(vendor_id: str) -> dict[str, Any]:
    module = vendor_module(vendor_id)
    codes = vendor_codes(vendor_id)
    error = vendor_error(vendor_id)
    about = module.__catalog_vendor__
    members = list(codes)
    return {
        "id": vendor_id,
        "name": about.name,
        "version": module.__catalog_version__,
        "source": about.source,
        "locale": about.locale,
        "code_type": "int" if issubclass(codes, int) else "str",
        "code_class": public_path(codes),
        "error_class": public_path(error),
        "success": list(about.success),
        "envelopes": [_envelope(envelope) for envelope in about.envelopes],
        "groups": _groups(error, members),
        "codes": [code_record(member) for member in members],
    }


def _path(path: Iterable[str] | None) -> str | None:
    return None if path is None else ".".join(path)


def _envelope(envelope: Any) -> dict[str, Any]:
    return {
        "code": _path(envelope.code),
        "message": _path(envelope.message),
        "success": _path(envelope.success),
        "header": envelope.header,
        "error": _path(envelope.error),
        "status": _path(envelope.status),
        "request_id": [_path(path) for path in envelope.request_id],
        "details": {name: _path(path) for name, path in envelope.details},
        "retry_after": _path(envelope.retry_after),
    }


def group_class(member: Code) -> type[VendorError] | None:
    """The group exception a member's class derives from (its first base), if any."""
    first = member.exception.__bases__[0]
    return first if member.group is not None and issubclass(first, VendorError) else None


def _groups(error: type[VendorError], members: list[Code]) -> list[dict[str, Any]]:
    """The vendor's groups, outermost first, each once: found from the classes of its codes."""
    ids: dict[type, str] = {}
    for member in members:
        group = group_class(member)
        if group is not None and member.group is not None:
            ids.setdefault(group, member.group)
    order: list[type] = []
    for group in list(ids):
        chain = [cls for cls in group.__mro__ if issubclass(cls, error) and cls is not error]
        for cls in reversed(chain):
            if cls not in order:
                order.append(cls)
    return [
        {
            "id": ids.get(cls),
            "class": public_path(cls),
            "parent": public_path(cls.__bases__[0]) if cls.__bases__[0] is not error else None,
            "description": (cls.__doc__ or "").strip() or None,
        }
        for cls in order
    ]


def code_record(member: Code) -> dict[str, Any]:
    """One code as the export writes it."""
    return {
        "code": member.code,
        "name": member.name,
        "exception": public_path(member.exception),
        "message": member.message,
        "translations": dict(member.translations),
        "description": member.description,
        "remedy": member.remedy,
        "kind": member.kind.value,
        "retryable": member.retryable,
        "http_status": member.http_status,
        "group": member.group,
        "aliases": list(member.aliases),
        "deprecated": member.deprecated,
        "params": list(member.params),
    }
