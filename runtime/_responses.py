"""Reading responses: the error a vendor's response reports, found through its envelopes.

Loaded on first use (the first `from_response`), so that importing a vendor costs none of it.
A response is read in this order, each part below in its own section:

- its status (`read_status`, the one rule for every status, in a header's place or the body;
  `status_kind`, the kind of a failure without a known code),
- its headers (`header`, read case-insensitively from any client's headers),
- its body (`body`: the JSON object it carries, else None),
- the vendor's envelopes (`Envelope`, declared as data in the vendor module), tried in order: the
  first one that finds a code, a success flag, an error object or list, or a status in the
  body tells how the response went (`read`), and gives the message and details
  (`message_and_details`) and the request id (`find_request_id`, else a header's);
- a body that is not JSON: its text, kept (`body_text`).

The usual response (a JSON object, no headers, a vendor whose first deciding envelope reads
top-level keys only) is read the short way (`read_plain`), which a property test holds equal
to the whole way for every vendor's envelopes.

Nothing here raises to the caller: `from_response` turns any failure into an error of an
unknown code (fail closed), except PackageChangedError (the package was regenerated under the
running process: no class can be trusted to answer with).
"""

# The functions here are friends of the classes of .base: they read their private state.
# pyright: reportPrivateUsage=false

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from ._messages import received
from .base import (
    _BLANKS,
    _DICT,
    PackageChangedError,
    _new_exception,
    require_same_package,
)
from .kinds import status_kind as _kind_of_status
from .kinds import unknown_class

require_same_package(__name__)  # never read with the modules of another generation

if TYPE_CHECKING:
    from .base import Code, Vendor, VendorError


def from_response(
    cls: type[VendorError], payload: object, status: object, headers: object
) -> VendorError | None:
    """`cls.from_response(payload, status=status, headers=headers)`; never raises but for
    PackageChangedError.

    The body is decoded here, and a JSON object without headers is tried the short way
    (`read_plain`) before the whole way (`read`): the usual response costs no more calls.
    """
    known = status if type(status) is int else read_status(status)  # the usual case: no call
    try:
        body: Any
        kind: Any = type(payload)  # pyright: ignore[reportUnknownVariableType]
        if kind is _DICT:
            body = payload
        elif (kind is bytes or kind is str) and _json_loads is not None:
            try:  # the usual raw body: a JSON object
                if kind is bytes and payload[:1] == b"{" and payload[1:2] != b"\0":  # type: ignore[index]
                    # What json.loads decodes such bytes as (no byte-order mark, not
                    # UTF-16/32), without its Python-level guess at the encoding.
                    payload = payload.decode("utf-8", "surrogatepass")  # type: ignore[attr-defined]
                body = _json_loads(payload)  # type: ignore[arg-type]
                if type(body) is not _DICT:
                    body = None
            except Exception:  # not JSON, or JSON after a byte-order mark: the careful way
                body = _body(payload)
        else:
            body = _body(payload)
        if headers is None and type(body) is _DICT:
            plain = _PLAIN.get(cls)
            if plain is None:
                plain = _PLAIN[cls] = _plain_envelope(cls._codes._vendor)
            if plain is not False:
                short: VendorError | None = read_plain(cls, plain, body, known)
                if short is not _GENERAL:
                    return short
        return read(cls, payload, body, known, headers)
    except PackageChangedError:  # the classes to answer with cannot be loaded: say so
        raise
    except Exception:  # a bug or a response beyond reading: fail closed, never raise
        try:
            error: VendorError = _new_exception(
                unknown_class(cls, status_kind(known)), None, None, {}
            )
            if error_status(known) is not None:
                error._status = known
            return error
        except Exception:
            return None


# -- the envelopes -----------------------------------------------------------------------------


class Envelope:
    """Where one of a vendor's response shapes puts the error (dotted key paths into the body).

    `header` names a response header carrying the code; `error` the path of an error object
    or list whose presence means failure even without a code; `status` the path of a status in
    the body (2xx: success, and 3xx with a success code; else failure); `request_id` the paths
    of the request id, the first present wins; `details` maps detail names to paths;
    `retry_after` the path of a field giving the seconds to wait before retrying. An envelope
    with none of `code`, `success`, `header`, `error` and `status` decides nothing: it says
    where the message of a response that failed by its HTTP status is.
    """

    __slots__ = (
        "code",
        "message",
        "success",
        "header",
        "error",
        "status",
        "request_id",
        "details",
        "retry_after",
        "decides",
    )

    def __init__(
        self,
        *,
        code: str | None = None,
        message: str | None = None,
        success: str | None = None,
        header: str | None = None,
        error: str | None = None,
        status: str | None = None,
        request_id: tuple[str, ...] = (),
        details: tuple[tuple[str, str], ...] = (),
        retry_after: str | None = None,
    ) -> None:
        self.code = _path(code)
        self.message = _path(message)
        self.success = _path(success)
        self.header = None if header is None else header.lower()
        self.error = _path(error)
        self.status = _path(status)
        self.request_id = tuple(path.split(".") for path in request_id)
        self.details = tuple((name, path.split(".")) for name, path in details)
        self.retry_after = _path(retry_after)
        self.decides = any(key is not None for key in (code, success, header, error, status))

    def __repr__(self) -> str:
        return (
            f"Envelope(code={self.code!r}, header={self.header!r}, error={self.error!r}, "
            f"status={self.status!r})"
        )


def _path(path: str | None) -> list[str] | None:
    return None if path is None else path.split(".")


def read(
    cls: type[VendorError], payload: Any, body: Any, status: int | None, headers: object
) -> VendorError | None:
    """The error the response reports, or None: the vendor's envelopes tried in order.
    `body` is `payload` as `from_response` decoded it; `status` the status received, as
    `read_status` reads it."""
    # Any: pyright misreads the ClassVar declarations of `Code` (typed as an Enum) when they
    # are read from another module.
    codes: Any = cls._codes
    vendor: Vendor = codes._vendor
    failed = status is not None and status >= 400
    # The HTTP status of the failure: the one received, else the body's (600 and above fail,
    # but are no HTTP status).
    failing = error_status(status)
    code: Any = None
    source: Envelope | None = None  # the envelope that says how the response went
    for envelope in vendor.envelopes:
        if not envelope.decides:
            continue  # it only says where a message is
        code = None
        if envelope.header is not None and headers is not None:
            code = header(headers, envelope.header)
        if body is None:
            if code is None:
                continue
            flag = raised = None
        else:
            if code is None and envelope.code is not None:
                code = dig(body, envelope.code)
                if type(code) is str and not code.strip(_BLANKS):
                    code = None  # an empty code field is no code
            flag = None if envelope.success is None else dig(body, envelope.success)
            raised = flag is False
            if not raised and envelope.error is not None:
                raised = _non_empty(dig(body, envelope.error))
            if envelope.status is not None:
                said = dig(body, envelope.status)
                if said is not None:  # a status in the body: 2xx says success, else failure
                    said = read_status(said)
                    if said is not None and 200 <= said <= 299:
                        flag = True
                    elif said is not None and 300 <= said <= 399 and _is_success(codes, code):
                        flag = True  # a redirect-like step that ends with a success code
                    else:
                        raised = True
                        if failing is None:
                            failing = error_status(said)
        if code is not None or raised or flag is True:
            source = envelope
            if raised:
                failed = True
            elif flag is True:
                code = None  # a success flag or status wins over any code
            elif not _is_success(codes, code):
                failed = True
            else:
                code = None  # a success code
            break
    if not failed:
        return None
    if source is None or body is None:
        source, message, details = message_and_details(body, source, vendor.envelopes)
    else:  # message_and_details, unrolled for the usual case
        message = None
        if source.message is not None:
            text = dig(body, source.message)
            message = (text if text.strip() else None) if type(text) is str else received(text)
        details = {}
        for name, path in source.details:
            value = dig(body, path)
            if value is not None:
                details[name] = value
    if (source is not None and source.request_id) or vendor.request_id_headers:
        request_id = find_request_id(body, source, vendor, headers)
        if request_id is not None:
            details["request_id"] = request_id
    if body is None and payload is not None:
        text = body_text(payload)
        if text:  # a body that is not JSON (a proxy's page, plain text): keep what it says
            details["body"] = text[:_BODY_KEPT]
            if message is None and len(text) <= _TEXT_MESSAGE and not text.startswith("<"):
                message = text
    exc_class = None
    if type(code) is int or type(code) is str:
        exc_class = cls._classes.get(code)
    if exc_class is None and code is not None:
        member = codes.lookup(code)
        if member is not None:
            exc_class = member.exception
    if exc_class is None:
        exc_class = unknown_class(cls, status_kind(failing))
    error: VendorError = _new_exception(exc_class, message, code, details)
    if body is not None:
        error.response = body
    if failing is not None:  # a 200 carrying an error is not its status
        error._status = failing
    if headers is not None or (source is not None and source.retry_after is not None):
        error._retry_after = retry_after(body, source, headers)
    return error


# -- the usual response, the short way ----------------------------------------------------------


class PlainEnvelope:
    """A vendor's first envelope that decides, when it reads top-level keys only: a code, a
    message, details and request ids, and nothing else (no header, flag, error object, status
    or retry_after). A JSON object that has its code reads the same through `read_plain`."""

    __slots__ = ("envelope", "code", "message", "details", "request_id", "success")

    def __init__(self, envelope: Envelope, success: tuple[int | str, ...]) -> None:
        self.envelope = envelope
        self.success = success  # the vendor's success codes
        self.code: str = envelope.code[0] if envelope.code else ""
        self.message = None if envelope.message is None else envelope.message[0]
        self.details = tuple((name, path[0]) for name, path in envelope.details)
        self.request_id = tuple(path[0] for path in envelope.request_id)


# Error class (a vendor's, a group's, a user's subclass) -> its vendor's PlainEnvelope, or False
# when the vendor's first deciding envelope is not one.
_PLAIN: dict[type[VendorError], PlainEnvelope | Literal[False]] = {}
_GENERAL: Any = object()  # read_plain's answer when the response needs `read`'s whole way


def _plain_envelope(vendor: Vendor) -> PlainEnvelope | Literal[False]:
    envelope = next((e for e in vendor.envelopes if e.decides), None)
    if (
        envelope is None
        or envelope.code is None
        or len(envelope.code) != 1
        or any(
            field is not None
            for field in (
                envelope.header,
                envelope.success,
                envelope.error,
                envelope.status,
                envelope.retry_after,
            )
        )
        or (envelope.message is not None and len(envelope.message) != 1)
        or any(len(path) != 1 for _, path in envelope.details)
        or any(len(path) != 1 for path in envelope.request_id)
    ):
        return False
    return PlainEnvelope(envelope, vendor.success)


def read_plain(
    cls: type[VendorError],
    plain: PlainEnvelope,
    body: dict[str, Any],
    status: int | None,
) -> Any:
    """`read` for a JSON object (`body`) and no headers, when the vendor's first deciding
    envelope is plain and the body has its code, not a success code; else `_GENERAL`."""
    code: Any = body.get(plain.code)
    kind: Any = type(code)  # pyright: ignore[reportUnknownVariableType]
    if kind is str:
        if not code.strip(_BLANKS):
            return _GENERAL  # an empty code field is no code: the other envelopes may decide
    elif code is None:
        return _GENERAL  # the first envelope does not decide: the others may
    if plain.success and _key(cls._codes, code) in plain.success:
        return _GENERAL
    message = None
    if plain.message is not None:
        text = body.get(plain.message)
        message = (text if text.strip() else None) if type(text) is str else received(text)
    details: dict[str, Any] = {}
    for name, key in plain.details:
        value = body.get(key)
        if value is not None:
            details[name] = value
    for key in plain.request_id:
        value = body.get(key)
        if (type(value) is str and value.strip()) or type(value) is int:
            details["request_id"] = value
            break
    exc_class = cls._classes.get(code) if kind is str or kind is int else None
    if exc_class is None:
        member = cls._codes.lookup(code)
        if member is not None:
            exc_class = member.exception
        else:
            exc_class = unknown_class(cls, status_kind(status))
    error: VendorError = _new_exception(exc_class, message, code, details)
    error.response = body
    if status in ERROR_STATUSES:
        error._status = status
    return error


# How much of a body that is not JSON is kept in details["body"], and the longest such text
# taken as the message (a longer one is a page, not a message).
_BODY_KEPT = 2000
_TEXT_MESSAGE = 500


def find_request_id(
    body: Any, source: Envelope | None, vendor: Vendor, headers: object
) -> int | str | None:
    """The request id: from the body, at the first of the envelope's `request_id` paths
    present, else from the first of the vendor's `request_id_headers` present."""
    found: int | str
    if source is not None and body is not None:
        for path in source.request_id:
            value = dig(body, path)
            if (type(value) is str and value.strip()) or type(value) is int:
                found = value
                return found
    if headers is not None:
        for name in vendor.request_id_headers:
            value = header(headers, name)
            if value is not None:  # a non-blank str, or an int
                found = value
                return found
    return None


def retry_after(body: Any, source: Envelope | None, headers: Any) -> float | None:
    """The seconds a failed response asks to wait: the deciding envelope's `retry_after`
    field, else the `Retry-After` header; None when it asks nothing readable."""
    if source is not None and source.retry_after is not None and body is not None:
        value = dig(body, source.retry_after)
        if value is not None:
            from ._http import seconds

            wait = seconds(value)
            if wait is not None:
                return wait
    if headers is not None:
        value = header(headers, "retry-after")
        if value is not None:
            from ._http import retry_after as header_retry_after

            return header_retry_after(value)
    return None


def _key(codes: type[Code], code: object) -> int | str | None:
    try:
        return codes._normalize(code)
    except Exception:
        return None


def _is_success(codes: Any, code: object) -> bool:
    """Whether `code` is one of its vendor's success codes."""
    success = codes._vendor.success
    return code is not None and bool(success) and _key(codes, code) in success


def message_and_details(
    body: Any, source: Envelope | None, envelopes: tuple[Envelope, ...]
) -> tuple[Envelope | None, str | None, dict[str, Any]]:
    """The envelope read, message and details of a failed response: from the envelope that
    told how it went, else from the first one whose fields are there (a 5xx without any
    code, a proxy's `{"msg": ...}`)."""
    if body is None:
        return source, None, {}
    for envelope in envelopes if source is None else (source,):
        message = None
        if envelope.message is not None:
            text = dig(body, envelope.message)
            if type(text) is str:
                message = text if text.strip() else None
            else:
                message = received(text)
        details: dict[str, Any] = {}
        for name, path in envelope.details:
            value = dig(body, path)
            if value is not None:
                details[name] = value
        if message is not None or details or source is not None:
            return envelope, message, details
    return None, None, {}


# -- the body ----------------------------------------------------------------------------------


# Tests that do not narrow (as base's `_DICT`): what is read from a response stays `Any` for
# the type checkers.
_SEQUENCES: Any = (list, tuple)
_json_loads: Callable[[str | bytes], Any] | None = None  # json.loads, once a body needed it


def _body(payload: Any) -> Any:
    """The response body as a mapping: parsed from bytes or text when it is JSON; else None."""
    try:
        return _read_body(payload)
    except Exception:  # a payload that refuses to be looked at
        return None


def _read_body(payload: Any) -> Any:
    global _json_loads
    kind: Any = type(payload)  # pyright: ignore[reportUnknownVariableType]
    if kind is _DICT or payload is None:
        return payload
    text: Any
    if kind is bytes or kind is str or kind is bytearray:
        text = payload
    elif _is_mapping(payload):
        return payload
    elif _is_instance(payload, (bytes, bytearray, memoryview)):
        text = bytes(payload)
    elif _is_instance(payload, str):
        text = str.__str__(payload)
    else:
        return None  # a list, a number...: no envelope to read
    if _json_loads is None:
        import json

        _json_loads = json.loads
    try:
        if type(text) is str and text.startswith("\ufeff"):
            text = text[1:]
        value: Any = _json_loads(text)
    except Exception:  # not JSON (an HTML error page), too deep, a number past the int limit
        return None
    return value if type(value) is _DICT else None


def dig(value: Any, path: list[str]) -> Any:
    """`body["error"]["code"]` for the path "error.code" (an index into a list for a digit
    key); None where any step is missing, or the body refuses to be read."""
    try:
        if len(path) == 1 and type(value) is _DICT:  # the usual case: a key of a JSON object
            return value.get(path[0])
        for key in path:
            if type(value) is _DICT or _is_mapping(value):
                value = value.get(key)
            elif type(value) in _SEQUENCES and key.isdigit() and int(key) < len(value):
                value = value[int(key)]
            else:
                return None
            if value is None:
                return None
        return value
    except Exception:
        return None


def _is_instance(value: object, types: Any) -> bool:
    return isinstance(value, types)


def _is_mapping(value: object) -> bool:
    try:
        return isinstance(value, Mapping)
    except Exception:  # an object whose __class__ raises
        return False


def _non_empty(value: Any) -> bool:
    """Whether `value` is an error object or a list of errors: a non-empty mapping or list."""
    try:
        return (type(value) in _SEQUENCES or _is_mapping(value)) and len(value) > 0
    except Exception:
        return False


def body_text(payload: Any) -> str | None:
    """A raw body as text (UTF-8, undecodable bytes replaced), stripped; None if not text."""
    try:
        kind: Any = type(payload)  # pyright: ignore[reportUnknownVariableType]
        if kind is str:
            text: str = payload
        elif kind is bytes or kind is bytearray:
            text = payload.decode("utf-8", "replace")
        elif _is_instance(payload, (bytes, bytearray, memoryview)):
            text = bytes(payload).decode("utf-8", "replace")
        elif _is_instance(payload, str):
            text = str.__str__(payload)
        else:
            return None
        return text.strip().removeprefix("\ufeff").strip()
    except Exception:  # a payload that refuses to be read
        return None


# -- the headers -------------------------------------------------------------------------------


def header(headers: Any, name: str) -> Any:
    """The value of header `name` (lowercase), read case-insensitively; None if absent."""
    value: Any
    try:
        value = headers.get(name)
    except Exception:
        value = None
    if value is None:
        try:
            pairs: Any = headers.items() if hasattr(headers, "items") else headers
            for key, item in pairs:
                if type(key) is bytes:
                    key = key.decode("latin-1")
                if isinstance(key, str) and str.lower(key) == name:
                    value = item
                    break
        except Exception:
            return None
    if type(value) in _SEQUENCES and value:
        value = value[0]  # clients that keep every occurrence of a header
    if type(value) is bytes:
        value = value.decode("latin-1")
    if type(value) is str:
        return value.strip(_BLANKS) or None
    return value if type(value) is int else None


# -- the status --------------------------------------------------------------------------------


# Larger than any status, for digits too many to convert: still a failure, never an HTTP status.
_HUGE = 10**18


def read_status(status: object) -> int | None:
    """The one rule for what a status may be: `status` as an int, else None (unreadable).

    An int (not a bool) or an int subclass such as `http.HTTPStatus`; ASCII digits as text or
    bytes, surrounding whitespace allowed ("503 ", b"503"); a number of integral value (503.0,
    `Decimal(503)`). Any value counts: 400 or more is a failure, whether or not it is an HTTP
    status (100-599; see `http_status`). Never raises.
    """
    if type(status) is int:  # the usual case
        return status
    try:
        if status is None or type(status) is bool:
            return None
        if isinstance(status, int):  # http.HTTPStatus, an IntEnum
            return int.__int__(status)
        if isinstance(status, (str, bytes, bytearray)):
            text = status.decode("latin-1") if isinstance(status, (bytes, bytearray)) else status
            digits = str.strip(str.__str__(text), " \t\r\n")
            if not (digits.isascii() and digits.isdigit()):
                return None
            digits = digits.lstrip("0") or "0"
            return int(digits) if len(digits) <= 18 else _HUGE
        size = float(status)  # type: ignore[arg-type]  # Decimal, Fraction, numpy numbers
        if size != size:  # NaN
            return None
        if abs(size) >= _HUGE:
            return _HUGE if size > 0 else None
        number = int(status)  # type: ignore[call-overload]
        return number if status == number else None  # 503.5 is not a status
    except Exception:  # an object that refuses to be read
        return None


def http_status(status: object) -> int | None:
    """`status` by the one rule (`read_status`) if it is an HTTP status (100-599), else None."""
    number = read_status(status)
    return number if number is not None and 100 <= number <= 599 else None


# The HTTP error statuses, the ones an error reports. (A status of 600 or more still fails,
# but is no HTTP status.)
ERROR_STATUSES = frozenset(range(400, 600))


def error_status(status: int | None) -> int | None:
    """`status` if it is an HTTP error status (400-599), the one an error reports; else None."""
    return status if status in ERROR_STATUSES else None


def status_kind(status: int | None) -> str:
    """The kind of a failure without a known code: from its HTTP error status (catalog.kinds
    owns the table); `unknown` without one."""
    failing = error_status(status)
    return "unknown" if failing is None else _kind_of_status(failing)
