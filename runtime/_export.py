"""`catalog.export()`: the catalogs as plain JSON data, for tools in any language.

The data is read through the package's own API (the vendor ids, each vendor's code enum and
its members' properties, the exception classes), so it says exactly what the package does:
a member's `retryable` is the effective one, its `http_status` the documented one (None when
the vendor documents none; the kind's default is in `kinds`). `export.schema.json`, beside
this module in the package, is the JSON Schema of the result; its `format` changes only when
the shape does.
"""

import importlib
from collections.abc import Iterable
from typing import Any

from . import __version__, vendors
from .base import Code, VendorError
from .kinds import Kind

__all__ = ["FORMAT", "export"]

FORMAT = 1
"""The version of the export's shape (the `format` of the JSON Schema)."""

SCHEMA_FILE = "export.schema.json"


def vendor_module(vendor_id: str) -> Any:
    """The vendor's module (`catalog.iam`); ValueError naming the known ids for another id."""
    known = vendors()
    if vendor_id not in known:
        raise ValueError(f"unknown vendor id {vendor_id!r}; known: {', '.join(known)}")
    return importlib.import_module(f".{vendor_id}", __package__)


def vendor_codes(vendor_id: str) -> type[Code]:
    """The vendor's code enum (`IamCode`)."""
    module = vendor_module(vendor_id)
    codes: type[Code] = getattr(module, f"{_prefix(module)}Code")
    return codes


def vendor_error(vendor_id: str) -> type[VendorError]:
    """The vendor's base exception (`IamError`)."""
    module = vendor_module(vendor_id)
    error: type[VendorError] = getattr(module, f"{_prefix(module)}Error")
    return error


def _prefix(module: Any) -> str:
    # The vendor module's __all__ opens with its code enum: "<Prefix>Code".
    first: str = module.__all__[0]
    return first.removesuffix("Code")


def class_path(cls: type) -> str:
    """Where users import a class from: `catalog.iam.AccountLockedError`."""
    module: str = cls.__module__
    return f"{module.removesuffix('.errors')}.{cls.__qualname__}"


def export(vendor_id: str | None = None) -> dict[str, Any]:
    """The catalogs (or vendor `vendor_id`'s alone) as plain JSON data.

    `json.dumps(catalog.export())` writes it; `export.schema.json` in the package describes
    it. An unknown vendor id raises ValueError naming the known ones.
    """
    if vendor_id is not None:
        vendor_module(vendor_id)  # refuses an unknown id
    ids = vendors() if vendor_id is None else [vendor_id]
    return {
        "format": FORMAT,
        "package_version": __version__,
        "kinds": [_kind(kind) for kind in Kind],
        "vendors": [_vendor(one) for one in ids],
    }


def _kind(kind: Kind) -> dict[str, Any]:
    return {
        "id": kind.value,
        "exception": class_path(kind.exception).replace(".kinds.", "."),
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
        "code_class": class_path(codes),
        "error_class": class_path(error),
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
        "details": {name: _path(path) for name, path in envelope.details},
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
            "class": class_path(cls),
            "parent": class_path(cls.__bases__[0]) if cls.__bases__[0] is not error else None,
            "description": (cls.__doc__ or "").strip() or None,
        }
        for cls in order
    ]


def code_record(member: Code) -> dict[str, Any]:
    """One code as the export writes it."""
    return {
        "code": member.code,
        "name": member.name,
        "exception": class_path(member.exception),
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
