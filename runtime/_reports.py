"""An error as it goes out of the process: its RFC 9457 problem details (`exc.to_problem()`),
its log fields (`exc.log_fields()`), the public path of its class, and what it pickles as.

Loaded on first use, so that `from catalog import IamError` reads none of it.
"""

# The functions here are friends of .base: they read an error's arguments and catalog message.
# pyright: reportPrivateUsage=false

import pickle
import sys
from typing import TYPE_CHECKING, Any

from .base import _DICT, VendorError, _restore, _restore_unknown, _show, _status_phrase

if TYPE_CHECKING:
    from .base import CatalogError


def public_path(cls: type) -> str:
    """Where a user imports the class from: a vendor's classes from the vendor's package
    (catalog.tuya.TokenExpiredError, not its errors module); an error of a code the catalog
    does not know as its vendor's base class."""
    cls = cls.__dict__.get("_unknown_base") or cls
    module = cls.__module__
    if issubclass(cls, VendorError) and module.endswith(".errors"):
        package = module[: -len(".errors")]
        if getattr(sys.modules.get(package), cls.__name__, None) is cls:
            module = package
    return f"{module}.{cls.__qualname__}"


def plain_code(raw_code: object) -> object:
    """A code as JSON can carry it: an int or a string (anything else as text)."""
    if raw_code is None or type(raw_code) is str:
        return raw_code
    if type(raw_code) is int and raw_code.bit_length() <= 64:
        return raw_code
    return _show(raw_code)


def log_fields(error: "CatalogError") -> "dict[str, str | int]":
    """`error.log_fields()`."""
    fields: dict[str, str | int] = {"error.type": public_path(type(error))}
    if error.vendor is not None:
        fields["catalog.vendor"] = error.vendor
    raw_code = plain_code(error.args[1])
    if isinstance(raw_code, (str, int)):
        fields["catalog.code"] = raw_code
    fields["catalog.kind"] = str(error.kind)
    fields["catalog.retryable"] = error.retryable
    status: object = error.http_status
    if type(status) is int:
        fields["http.response.status_code"] = status
    request_id = error.request_id
    if request_id is not None:
        fields["catalog.request_id"] = request_id
    return fields


def problem(error: "CatalogError", locale: "str | None") -> "dict[str, Any]":
    """`error.to_problem(locale)`."""
    from ._messages import received as read_received

    code = error.code
    status = error.http_status
    received = read_received(error.args[0])
    if code is None:
        problem_type = "about:blank"
        title = _status_phrase(status) or f"{str(error.kind).replace('_', ' ')} error".capitalize()
        detail = error.message
    else:
        problem_type = f"urn:catalog:{error.vendor}:{code.code}"
        title = code.message
        detail = received or error.message
        if locale is not None:
            try:
                title = code.message_for(locale)
                detail = received or error._catalog_message(locale)
            except Exception:  # not a locale: the vendor's own language
                pass
    problem: dict[str, Any] = {"type": problem_type, "title": title}
    if status is not None:
        problem["status"] = status
    problem["detail"] = detail
    problem["code"] = plain_code(error.args[1])
    problem["vendor"] = error.vendor
    problem["kind"] = str(error.kind)
    return problem


def reduced(error: "CatalogError") -> "tuple[Any, ...]":
    """`error.__reduce__()`: its class, arguments and attributes, with what does not pickle
    replaced by its text (or dropped), restored without running `__init__`."""
    cls = type(error)
    args: tuple[Any, ...] = error.args
    state: dict[str, Any] | None = error.__dict__ or None
    if not _pickles((args, state)):
        args = tuple(item if _pickles(item) else _picklable_item(item) for item in args)
        if state:
            state = {key: value for key, value in state.items() if _pickles(value)}
    base = cls.__dict__.get("_unknown_base")
    if base is not None:
        return (_restore_unknown, (base, cls._default_kind, args, state))
    return (_restore, (cls, args, state))


def _pickles(value: object) -> bool:
    try:
        pickle.dumps(value)
        return True
    except Exception:
        return False


def _picklable_item(item: Any) -> object:
    if type(item) is _DICT:
        pairs: list[tuple[Any, Any]] = list(item.items())
        return {_show(key): value if _pickles(value) else _show(value) for key, value in pairs}
    return _show(item)
