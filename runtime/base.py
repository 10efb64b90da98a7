"""The base classes every vendor module of catalog derives from, and the machinery they share.

The API here is `__all__`: `Code` (base of every vendor's code enum), `CatalogError` (base of
every error) and `VendorError` (base of every vendor's `<Prefix>Error`); import them from
`catalog`. The other names (`StrCode` and `IntCode`, the flavours of `Code` a generated enum
derives from, `Vendor`, `Entry`, `describe`...) are what the generated modules call, not API.
The taxonomy of kinds lives in `catalog.kinds`. Everything here is built for a cheap import:
plain classes with `__slots__`, no regex compiled, no enum besides the bases, and
`catalog.kinds`, `json`, `http` and `warnings` loaded only when first needed.

Two promises shape the code below:

- One rule for codes everywhere (`lookup`, `from_code`, `from_response`): for a vendor of
  integer codes, ints and strings of ASCII digits are the same code; bools, floats, other
  digit scripts and strings past the interpreter's int conversion limit are not codes.
- Nothing that reads a code or a response raises, whatever it is given: an unknown or
  malformed code is an error of an unknown code, never an exception of its own.
"""

# The functions here are friends of the classes here: they set up their private state.
# pyright: reportPrivateUsage=false

import enum
import sys
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from re import Match, Pattern
    from typing import Protocol, Self, TypeAlias

    from catalog.kinds import Kind

    # Types for the checkers only: a Protocol class costs the import a millisecond.
    class Headers(Protocol):
        """Response headers: a mapping, or anything with `get` (urllib's, requests', httpx')."""

        def get(self, name: str, /) -> Any: ...

    Payload: TypeAlias = Mapping[str, Any] | bytes | bytearray | str | None
    """A response body: the parsed JSON mapping, the raw body (read as JSON when it is JSON),
    or None."""


__all__ = ["Code", "CatalogError", "VendorError"]


def _kind(kind_id: str) -> "Kind":
    from catalog.kinds import Kind

    return Kind(kind_id)


# -- what the vendor modules declare ---------------------------------------------------------


class Envelope:
    """Where one of a vendor's response shapes puts the error (dotted key paths into the body).

    `header` names a response header carrying the code; `error` the path of an error object
    whose presence means failure even without a code; `details` maps detail names to paths.
    """

    __slots__ = ("code", "message", "success", "header", "error", "details")

    def __init__(
        self,
        *,
        code: str | None = None,
        message: str | None = None,
        success: str | None = None,
        header: str | None = None,
        error: str | None = None,
        details: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.code = _path(code)
        self.message = _path(message)
        self.success = _path(success)
        self.header = None if header is None else header.lower()
        self.error = _path(error)
        self.details = tuple((name, path.split(".")) for name, path in details)

    def __repr__(self) -> str:
        return f"Envelope(code={self.code!r}, header={self.header!r}, error={self.error!r})"


def _path(path: str | None) -> list[str] | None:
    return None if path is None else path.split(".")


class Vendor:
    """A vendor catalog's identity and how its responses carry errors."""

    __slots__ = ("id", "name", "version", "locale", "source", "envelopes", "success")

    def __init__(
        self,
        *,
        id: str,
        name: str,
        version: str,
        locale: str,
        source: str | None,
        envelopes: tuple[Envelope, ...],
        success: tuple[int | str, ...],
    ) -> None:
        self.id = id
        self.name = name
        self.version = version
        self.locale = locale
        self.source = source
        self.envelopes = envelopes
        """The vendor's response shapes, tried in order."""
        self.success = success
        """Code values that mean "no error"."""

    def __repr__(self) -> str:
        return f"Vendor(id={self.id!r}, name={self.name!r}, version={self.version!r})"


class Entry:
    """The catalog data of one code; read it through the enum member's properties."""

    __slots__ = (
        "message",
        "kind",
        "description",
        "remedy",
        "http_status",
        "group",
        "aliases",
        "retryable",
        "deprecated",
        "translations",
    )

    def __init__(
        self,
        *,
        message: str,
        kind: str,
        description: str | None = None,
        remedy: str | None = None,
        http_status: int | None = None,
        group: str | None = None,
        aliases: tuple[int | str, ...] = (),
        retryable: bool | None = None,
        deprecated: str | None = None,
        translations: Mapping[str, str] | None = None,
    ) -> None:
        self.message = message
        self.kind = kind
        self.description = description
        self.remedy = remedy
        self.http_status = http_status
        self.group = group
        self.aliases = aliases
        self.retryable = retryable
        self.deprecated = deprecated
        self.translations = translations


# -- placeholders ------------------------------------------------------------------------------

# Placeholders the vendors write in their messages: %(key)s, %s, %d, {}, {key} and
# "[input length]". Compiled on first use so that importing a vendor costs no regex work.
_PLACEHOLDER_SOURCE = (
    r"%%"
    r"|%\((?P<pct_name>[A-Za-z_][A-Za-z0-9_]*)\)(?P<pct_named_conv>[sdifr])"
    r"|%(?P<pct_conv>[sdifr])"
    r"|\{(?P<brace_name>[A-Za-z_][A-Za-z0-9_]*)?\}"
    r"|\[(?:input )?(?P<bracket>[A-Za-z][A-Za-z ]*?) ?\]"
)
_placeholder_pattern: "Pattern[str] | None" = None


def _placeholders(message: str) -> "list[Match[str]]":
    global _placeholder_pattern
    if _placeholder_pattern is None:
        import re

        _placeholder_pattern = re.compile(_PLACEHOLDER_SOURCE)
    return list(_placeholder_pattern.finditer(message))


def _param_name(match: "Match[str]", position: int) -> str | None:
    """The name `.format()` takes for a placeholder; positional ones are named "0", "1", ..."""
    if match.group(0) == "%%":
        return None
    for group in ("pct_name", "brace_name"):
        if match.group(group):
            return match.group(group)
    bracket = match.group("bracket")
    if bracket:
        words = "".join(
            (
                f"_{char.lower()}"
                if char.isupper() and index and bracket[index - 1].islower()
                else char
            )
            for index, char in enumerate(bracket)
        )
        return "_".join(words.lower().split())
    return str(position)


def _params(message: str) -> tuple[str, ...]:
    """The placeholder names of `message`, in order (positional ones as "0", "1", ...)."""
    names: list[str] = []
    position = 0
    for match in _placeholders(message):
        name = _param_name(match, position)
        if name is None:
            continue
        if name == str(position):
            position += 1
        if name not in names:
            names.append(name)
    return tuple(names)


def _render(message: str, args: tuple[object, ...], kwargs: Mapping[str, object], who: str) -> str:
    """`message` with its placeholders filled; TypeError naming a missing one."""
    parts: list[str] = []
    end = 0
    position = 0
    for match in _placeholders(message):
        parts.append(message[end : match.start()])
        end = match.end()
        name = _param_name(match, position)
        if name is None:
            parts.append("%")
            continue
        if name == str(position):
            if position >= len(args):
                raise TypeError(
                    f"{who}.format() is missing positional argument {position} "
                    f"for the placeholder {match.group(0)!r} in {message!r}"
                )
            value = args[position]
            position += 1
        elif name in kwargs:
            value = kwargs[name]
        else:
            raise TypeError(
                f"{who}.format() is missing the keyword argument {name!r} "
                f"for the placeholder {match.group(0)!r} in {message!r}"
            )
        conversion = match.group("pct_conv") or match.group("pct_named_conv")
        parts.append(f"%{conversion}" % (value,) if conversion else str(value))
    parts.append(message[end:])
    return "".join(parts)


def _fill(template: str, details: Mapping[str, Any]) -> str:
    """`template` with its placeholders filled from `details` when all of them can be."""
    if not details or not ("%" in template or "{" in template or "[" in template):
        return template
    try:
        params = _params(template)
        if not params or not all(name in details for name in params):
            return template
        positional = tuple(details[name] for name in params if name.isdigit())
        return _render(template, positional, details, "message")
    except Exception:  # a value that does not convert (%d of a word): the template as written
        return template


# -- codes -------------------------------------------------------------------------------------

_BLANKS = " \t\n\r\f\v"
# Strings longer than this are not codes: past it, int() refuses to convert digits anyway.
_MAX_CODE_LENGTH = 4300


def _int_code(code: object) -> int | None:
    """The integer a code stands for, by the one rule: ints and ASCII-digit strings; else None."""
    kind = type(code)
    if kind is int:
        return code  # type: ignore[return-value]
    if kind is str:
        text: str = code  # type: ignore[assignment]
    elif kind is bool:
        return None
    elif isinstance(code, int):  # an IntEnum member, an int subclass
        return int.__int__(code)
    elif isinstance(code, str):  # a StrEnum member, a str subclass: its plain text
        text = str.__str__(code)
    else:
        return None  # floats, Decimal, complex, bytes, containers: not codes
    text = text.strip(_BLANKS)
    digits = text[1:] if text[:1] in ("-", "+") else text
    if not digits or len(digits) > _MAX_CODE_LENGTH or not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return int(text)
    except ValueError:  # past a lowered sys.set_int_max_str_digits()
        return None


def _str_code(code: object) -> str | None:
    """The text a code stands for: a string, or an int written in decimal; else None."""
    kind = type(code)
    if kind is str:
        text: str = code  # type: ignore[assignment]
    elif kind is bool:
        return None
    elif isinstance(code, str):
        text = str.__str__(code)
    elif isinstance(code, int):
        number = int.__int__(code)
        if number.bit_length() > _MAX_CODE_LENGTH * 3:
            return None
        text = str(number)
    else:
        return None
    # No length limit for text: a vendor's own codes may be long, and looking one up is a
    # hash. (The limit above keeps the int-to-text conversion bounded.)
    return text


_warned: set[object] = set()


def _deprecation(message: str, stacklevel: int, once: object = None) -> None:
    """A DeprecationWarning; with `once`, only the first time for that key in this process."""
    if once is not None:
        if once in _warned:
            return
        _warned.add(once)
    import warnings

    warnings.warn(message, DeprecationWarning, stacklevel=stacklevel + 1)


class _DeprecatedName:
    """A class attribute of a code enum that warns, then gives the member it stands for.

    Old member names (`renamed_from`) warn on every access; deprecated members once.
    """

    __slots__ = ("member", "text", "once")

    def __init__(self, member: object, text: str, once: bool) -> None:
        self.member = member
        self.text = text
        self.once = once

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        # The package's own modules read the member too (its catalog data, its class).
        if not sys._getframe(1).f_globals.get("__name__", "").startswith("catalog."):
            _deprecation(self.text, 2, self.member if self.once else None)
        return self.member


# Type checkers see `Code` as an Enum (without members), which every vendor's enum is, so that
# `.name` and `.value` are typed on any vendor's member; at run time it is a mixin before
# `StrEnum` or `IntEnum`, as an Enum base would make creating every vendor's enum slower (about
# 0.2 ms, 7%, on `from catalog import IamError`). Only `Code` itself tells the difference: it
# has no members to iterate and no `__members__`.
if TYPE_CHECKING:
    _CodeBase = enum.Enum
else:
    _CodeBase = object


class Code(_CodeBase):
    """Base of every vendor's code enum (`IamCode`, `TuyaCode`...): what each member knows.

    A member is a `StrEnum` or `IntEnum` member of its vendor's enum and compares equal to its
    code. `catalog.lookup(vendor_id, code)` returns a `Code`, as does `exc.code` on an
    exception caught across vendors (`except UnauthenticatedError`); on a vendor's own
    exception `exc.code` is that vendor's enum.
    """

    __slots__ = ()

    _entry: Entry
    _exception: "type[VendorError]"
    _vendor: ClassVar[Vendor]
    _index: ClassVar[dict[int | str, Any] | None]
    _errors_module: ClassVar[str]
    _vendor_error: ClassVar[type["VendorError"]]
    # Name -> reason, for the members whose `deprecated` is set (lookup() warns for them).
    _deprecated: ClassVar[Mapping[str, str]]

    def __getattr__(self, name: str) -> Any:
        # The catalog data is attached on first use (see `describe`), so that importing a
        # vendor costs little more than its bare enum.
        if name == "_entry":
            _attach(type(self))
            return self._entry
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @classmethod
    def _code_index(cls) -> dict[int | str, Any]:
        index = cls._index
        return _attach(cls) if index is None else index

    @classmethod
    def _normalize(cls, code: object) -> int | str | None:
        raise NotImplementedError

    @property
    def code(self) -> int | str:
        """The code, exactly as the vendor writes it (a `str` or an `int`, by vendor)."""
        value: int | str = self._value_
        return value

    @classmethod
    def _find(cls, code: object) -> Any:
        """The member for `code` by the one rule, without warnings; None for anything else."""
        try:
            key = cls._normalize(code)
            if key is None:
                return None
            index = cls._index
            if index is None:
                index = _attach(cls)
            member = index.get(key)
            if member is None and type(key) is str:
                stripped = key.strip(_BLANKS)
                if stripped != key:
                    member = index.get(stripped)
            return member
        except Exception:  # a hostile object (its __class__ raises...): not a code
            return None

    @classmethod
    def lookup(cls, code: object) -> "Self | None":
        """The member for `code` or one of its aliases (1000 and "1000" alike), else None.

        For a vendor of integer codes, ints and strings of ASCII digits are the same code;
        bools, floats and other digit scripts are not codes. Never raises.
        """
        member: Self | None = cls._find(code)
        if member is not None and cls._deprecated:
            member._warn_if_deprecated(2)
        return member

    def _warn_if_deprecated(self, stacklevel: int) -> None:
        reason = type(self)._deprecated.get(self._name_)
        if reason is not None:
            text = f"{type(self).__name__}.{self._name_} is deprecated: {reason}"
            _deprecation(text, stacklevel + 1, self)

    @classmethod
    def _missing_(cls, value: object) -> "Self | None":
        member: Self | None = cls._find(value)
        return member

    @property
    def message(self) -> str:
        """The vendor's message, verbatim (placeholders included)."""
        return self._entry.message

    @property
    def description(self) -> str | None:
        """The vendor's longer explanation, if it documents one."""
        return self._entry.description

    @property
    def remedy(self) -> str | None:
        """What the vendor says to do about it, if anything."""
        return self._entry.remedy

    @property
    def http_status(self) -> int | None:
        """The HTTP status the vendor documents for this code, else None."""
        return self._entry.http_status

    @property
    def group(self) -> str | None:
        """The id of the catalog group this code belongs to, if any."""
        return self._entry.group

    @property
    def kind(self) -> "Kind":
        """The cross-vendor kind of failure."""
        return _kind(self._entry.kind)

    @property
    def retryable(self) -> bool:
        """Whether retrying later may succeed (the vendor's word, else the kind's default)."""
        retryable = self._entry.retryable
        return _kind(self._entry.kind).retryable if retryable is None else retryable

    @property
    def aliases(self) -> tuple[int | str, ...]:
        """Other codes the vendor uses with the same meaning."""
        return self._entry.aliases

    @property
    def deprecated(self) -> str | None:
        """Why this code is deprecated, or None."""
        return self._entry.deprecated

    @property
    def translations(self) -> Mapping[str, str]:
        """The message in other languages, by BCP 47 tag ({"en": ...} for a Chinese text)."""
        return MappingProxyType(self._entry.translations or {})

    @property
    def vendor(self) -> str:
        """The vendor id, e.g. "iam"."""
        return self._vendor.id

    @property
    def exception(self) -> "type[VendorError]":
        """The exception class of this code (loads the vendor's per-code classes on first use)."""
        try:
            return self._exception
        except AttributeError:
            # The import system's lock makes a thread wait for another one's import of the
            # module to finish, so every class is there when this returns.
            __import__(type(self)._errors_module)
            return self._exception

    @property
    def params(self) -> tuple[str, ...]:
        """Names of the placeholders in the message, in order (positional ones as "0", "1", ...)."""
        return _params(self._entry.message)

    def format(self, *args: object, **kwargs: object) -> str:
        """The message with its placeholders filled.

        Positional placeholders (`%s`, `%d`, `{}`) take `args` in order; named ones
        (`%(key)s`, `{key}`, `[input length]` -> `input_length`... see `.params`) take `kwargs`.
        A missing argument raises TypeError naming the placeholder.
        """
        return _render(self._entry.message, args, kwargs, repr(self))

    def message_for(self, locale: str) -> str:
        """The message in `locale` ("en", "zh-CN"...), else the vendor's own message.

        An exact tag wins over a language-only match ("en-US" finds "en").
        """
        wanted = locale.replace("_", "-").lower()
        own = self._vendor.locale.lower()
        if wanted == own:
            return self._entry.message
        translations = self._entry.translations or {}
        for tag, text in translations.items():
            if tag.lower() == wanted:
                return text
        language = wanted.split("-")[0]
        for tag, text in translations.items():
            if tag.lower().split("-")[0] == language:
                return text
        return self._entry.message


class StrCode(Code, enum.StrEnum):  # pyright: ignore[reportIncompatibleMethodOverride]
    """Base of the code enums of vendors whose codes are strings ("IAM.0061", "0061")."""

    _value_: str

    @property
    def code(self) -> str:
        """The code, exactly as the vendor writes it."""
        return self._value_

    @classmethod
    def _normalize(cls, code: object) -> int | str | None:
        return _str_code(code)


class IntCode(Code, enum.IntEnum):
    """Base of the code enums of vendors whose codes are integers (1000, 20001)."""

    _value_: int

    @property
    def code(self) -> int:
        """The code, as the vendor documents it."""
        return self._value_

    @classmethod
    def _normalize(cls, code: object) -> int | str | None:
        return _int_code(code)


_ENTRY_FACTORIES: dict[type[Code], Callable[[], Mapping[Any, Entry]]] = {}
_VENDOR_CODES: dict[str, type[Code]] = {}


def describe(
    codes: type[Code],
    vendor: Vendor,
    entries: Callable[[], Mapping[Any, Entry]],
    *,
    renamed: Mapping[str, str] | None = None,
    deprecated: Mapping[str, str] | None = None,
) -> None:
    """Give a freshly defined code enum its vendor and, lazily, its catalog data.

    `renamed` maps old member names (enum aliases) to the new ones, `deprecated` the names
    of deprecated members to the reason: reading either as a class attribute warns.
    """
    codes._vendor = vendor
    _ENTRY_FACTORIES[codes] = entries
    _VENDOR_CODES[vendor.id] = codes
    codes._index = None
    codes._errors_module = f"{codes.__module__}.errors"
    for name, reason in (deprecated or {}).items():
        text = f"{codes.__name__}.{name} is deprecated: {reason}"
        type.__setattr__(codes, name, _DeprecatedName(codes[name], text, once=True))
    codes._deprecated = dict(deprecated or {})
    for old, new in (renamed or {}).items():
        text = f"{codes.__name__}.{old} is deprecated: renamed to {codes.__name__}.{new}"
        type.__setattr__(codes, old, _DeprecatedName(codes[new], text, once=False))


def _attach(codes: type[Code]) -> dict[int | str, Any]:
    """Attach each member's Entry and index the codes and aliases (idempotent, so a race
    between threads only does the work twice)."""
    index: dict[int | str, Any] = {}
    entries: Mapping[Code, Entry] = _ENTRY_FACTORIES[codes]()
    for member, entry in entries.items():
        member._entry = entry
        index[member._value_] = member
        for alias in entry.aliases:
            index[alias] = member
    codes._index = index
    return index


def vendor_codes(vendor_id: object) -> type[Code] | None:
    """The code enum of vendor `vendor_id`, its module loaded on first use; None if unknown."""
    import catalog

    if not isinstance(vendor_id, str) or vendor_id not in catalog.vendors():
        return None
    # Imported every time, not looked up: the import waits while another thread is still
    # running the vendor's module, whose error class is not defined yet.
    __import__(f"catalog.{vendor_id}")
    return _VENDOR_CODES.get(vendor_id)


def vendor_response(
    vendor_id: object, payload: object, status: object, headers: object
) -> "VendorError | None":
    """`catalog.from_response`: the vendor's `from_response`, None for an unknown vendor id."""
    codes = vendor_codes(vendor_id)
    if codes is None:
        return None
    read: Any = codes._vendor_error.from_response  # it takes anything, and never raises
    error: VendorError | None = read(payload, status=status, headers=headers)
    return error


def _register(cls: "type[VendorError]", member: Code) -> None:
    """A per-code class makes itself its code's exception and answers `from_code` for it."""
    if member.__dict__.get("_exception") is not None:
        return  # the first class of a code keeps it (a user's subclass does not take over)
    member._exception = cls
    entry = member._entry
    if entry.deprecated is not None:
        return  # left to the slow path of from_code, which warns
    table = type(member)._vendor_error._classes
    for key in (member._value_, *entry.aliases):
        table[key] = cls
        if type(key) is int:
            table[str(key)] = cls  # as lookup() accepts "1000" for 1000


def load_errors(package: str, name: str, renamed: Mapping[str, str] | None = None) -> Any:
    """Module `__getattr__` of a vendor package: per-code classes load on first use.

    The errors module is imported, never peeked at in `sys.modules`: the import system's
    lock makes a thread wait while another one is still executing it. `renamed` maps old
    class names to the new ones; reading one warns.
    """
    if name.startswith("__"):
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    module_name = f"{package}.errors"
    __import__(module_name)
    module = sys.modules[module_name]
    if name == "errors":
        return module
    new = renamed.get(name) if renamed else None
    if new is not None:
        # `from package import Old` asks twice (hasattr, then getattr): warn once, for the second.
        if sys._getframe(2).f_code.co_name != "_handle_fromlist":
            _deprecation(f"{package}.{name} is deprecated: renamed to {new}", 3)
        return getattr(module, new)
    try:
        value = getattr(module, name)
    except AttributeError:
        raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
    setattr(sys.modules[package], name, value)  # later reads skip this function
    return value


# -- reading responses -------------------------------------------------------------------------

_json_loads: Callable[[str | bytes], Any] | None = None


# Tests that do not narrow: what is read from a response stays `Any` for the type checkers.
_DICT: Any = dict
_SEQUENCES: Any = (list, tuple)


def _is_instance(value: object, types: Any) -> bool:
    return isinstance(value, types)


def _is_mapping(value: object) -> bool:
    try:
        return isinstance(value, Mapping)
    except Exception:  # an object whose __class__ raises
        return False


def _non_empty_mapping(value: Any) -> bool:
    try:
        return _is_mapping(value) and len(value) > 0
    except Exception:
        return False


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


def _dig(value: Any, path: list[str]) -> Any:
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


def _header(headers: Any, name: str) -> Any:
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


def _received(value: Any) -> str | None:
    """A message as received: a non-blank string, or the non-blank strings of a list as lines."""
    if type(value) is str:
        text: str = value
        return text if text.strip() else None
    if type(value) in _SEQUENCES:
        lines = [item for item in value if type(item) is str and item.strip()]
        return "\n".join(lines) if lines else None
    return None


def _http_status(status: object) -> int | None:
    """`status` as an HTTP status (100-599), from an int or its digits; else None."""
    try:
        kind = type(status)
        if kind is int:
            number: int = status  # type: ignore[assignment]
        elif kind is bool or status is None:
            return None
        elif isinstance(status, int):  # http.HTTPStatus
            number = int.__int__(status)
        elif isinstance(status, str) and len(status) <= 3 and status.isascii() and status.isdigit():
            number = int(status)
        else:
            return None
        return number if 100 <= number <= 599 else None
    except Exception:
        return None


# The kind of a failure without a known code, from its HTTP status.
_STATUS_KINDS = {
    400: "invalid_argument",
    422: "invalid_argument",
    401: "unauthenticated",
    403: "permission_denied",
    404: "not_found",
    410: "not_found",
    405: "unimplemented",
    501: "unimplemented",
    408: "deadline_exceeded",
    504: "deadline_exceeded",
    409: "aborted",
    412: "failed_precondition",
    413: "out_of_range",
    414: "out_of_range",
    416: "out_of_range",
    429: "resource_exhausted",
    500: "internal",
    502: "unavailable",
    503: "unavailable",
}


def _status_kind(status: int | None) -> str:
    if status is None or status < 400:
        return "unknown"
    return _STATUS_KINDS.get(status) or ("invalid_argument" if status < 500 else "internal")


def _status_phrase(status: int | None) -> str | None:
    if status is None:
        return None
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return None


def _key(codes: type[Code], code: object) -> int | str | None:
    try:
        return codes._normalize(code)
    except Exception:
        return None


def _message_and_details(
    body: Any, source: Envelope | None, envelopes: tuple[Envelope, ...]
) -> tuple[str | None, dict[str, Any]]:
    """The message and details of a failed response: from the envelope that told how it
    went, else from the first one whose fields are there (a 5xx without any code)."""
    if body is None:
        return None, {}
    for envelope in envelopes if source is None else (source,):
        message = None
        if envelope.message is not None:
            text = _dig(body, envelope.message)
            if type(text) is str:
                message = text if text.strip() else None
            else:
                message = _received(text)
        details: dict[str, Any] = {}
        for name, path in envelope.details:
            value = _dig(body, path)
            if value is not None:
                details[name] = value
        if message is not None or details or source is not None:
            return message, details
    return None, {}


# -- showing anything --------------------------------------------------------------------------


def _show(value: object) -> str:
    """`str(value)`, or its repr, or a placeholder: text for any object, never an exception."""
    if type(value) is str:
        return value
    for convert in (str, repr):
        try:
            text = convert(value)
            if type(text) is str:
                return text
        except Exception:
            pass
    return object.__repr__(value)


def _safe_repr(value: object) -> str:
    try:
        text = repr(value)
        if type(text) is str:
            return text
    except Exception:
        pass
    return object.__repr__(value)


def _plain_code(raw_code: object) -> object:
    """A code as JSON can carry it: an int or a string (anything else as text)."""
    if raw_code is None or type(raw_code) is str:
        return raw_code
    if type(raw_code) is int and raw_code.bit_length() <= 64:
        return raw_code
    return _show(raw_code)


# -- pickling ----------------------------------------------------------------------------------

_new_exception: Callable[..., Any] = BaseException.__new__


def _restore(
    cls: "type[CatalogError]", args: tuple[Any, ...], state: dict[str, Any] | None
) -> "CatalogError":
    """Unpickle an error: the same class, arguments and attributes, without running __init__."""
    error: CatalogError = _new_exception(cls, *args)
    if state:
        error.__dict__.update(state)
    return error


def _restore_unknown(
    base: "type[VendorError]", kind_id: str, args: tuple[Any, ...], state: dict[str, Any] | None
) -> "CatalogError":
    """Unpickle an error of an unknown code: its class is made again from its base and kind."""
    return _restore(_unknown_class(base, kind_id), args, state)


def _pickles(value: object) -> bool:
    import pickle

    try:
        pickle.dumps(value)
        return True
    except Exception:
        return False


def _picklable(args: tuple[Any, ...], state: dict[str, Any] | None) -> tuple[Any, ...]:
    """`args` and `state` with what does not pickle replaced by its text (or dropped)."""
    args = tuple(item if _pickles(item) else _plain_args_item(item) for item in args)
    if state:
        state = {key: value for key, value in state.items() if _pickles(value)}
    return args, state


def _plain_args_item(item: Any) -> object:
    if type(item) is _DICT:
        pairs: list[tuple[Any, Any]] = list(item.items())
        return {_show(key): value if _pickles(value) else _show(value) for key, value in pairs}
    return _show(item)


# -- the exceptions ----------------------------------------------------------------------------


class CatalogError(Exception):
    """Base class of every error catalog defines, whatever the vendor.

    Attributes: `code` (the code enum member, or None for a code the catalog does not know),
    `raw_code` (the code exactly as received), `message` (as received, else the catalog's
    text), `vendor`, `http_status`, `kind`, `retryable`, `details` (extra keyword arguments)
    and `response` (the payload it was parsed from, if any).
    """

    if TYPE_CHECKING:

        @property
        def code(self) -> Code | None:
            """The member of the vendor's code enum; None for a code the catalog does not know."""
            ...

    else:
        # At run time a class attribute (each per-code class sets its member) that an instance
        # may shadow; type checkers read a property, whose type each vendor's error narrows.
        code = None
    response: Mapping[str, Any] | None = None
    """The response payload the error was read from (`from_response`), else None."""
    vendor: str | None = None
    """The id of the error's vendor ("iam"); None on a class that spans vendors."""
    _default_kind: ClassVar[str] = "unknown"
    _status: int | None = None  # the error status (400 or more) received with the response

    # `args` is (message or None, raw_code, details): set in one step by BaseException, so
    # that `from_code` can build an error without running any Python code of its own.
    args: tuple[str | None, int | str | None, dict[str, Any]]

    def __init__(
        self,
        message: str | None = None,
        /,
        *,
        raw_code: int | str | None = None,
        response: Mapping[str, Any] | None = None,
        **details: Any,
    ) -> None:
        code = self.code  # the class's member: nothing is set on the instance yet
        if code is None and raw_code is not None:
            code = self._lookup(raw_code)
            if code is not None:
                self.__dict__["code"] = code
        if raw_code is None and code is not None:
            raw_code = code.code
        super().__init__(message, raw_code, details)
        if response is not None:
            # Through __dict__, as `code` above: editors then document `response` from the
            # class attribute, not from this assignment.
            self.__dict__["response"] = response

    def __reduce__(self) -> tuple[Any, ...]:
        cls = type(self)
        args, state = self.args, self.__dict__ or None
        if not _pickles((args, state)):
            args, state = _picklable(args, state)
        base = cls.__dict__.get("_unknown_base")
        if base is not None:
            return (_restore_unknown, (base, cls._default_kind, args, state))
        return (_restore, (cls, args, state))

    @property
    def message(self) -> str:
        """The message as received when not blank, else the catalog's text for the code with
        its placeholders filled from `details` where all of them can be, else as written."""
        received = self.args[0]
        if received is not None:
            text = _show(received)
            if text.strip():
                return text
        return self._catalog_message(None)

    def _catalog_message(self, locale: str | None) -> str:
        code = self.code
        if code is None:
            return _status_phrase(self._status) or "unknown error"
        template = code.message if locale is None else code.message_for(locale)
        return _fill(template, self.details)

    def message_for(self, locale: str) -> str:
        """The catalog's message in `locale` ("en", "zh-CN"...), placeholders filled from
        `details` where all can be; for a code the catalog does not know, `message`."""
        if self.code is None:
            return self.message
        try:
            return self._catalog_message(locale)
        except Exception:  # not a locale
            return self.message

    @property
    def raw_code(self) -> int | str | None:
        """The code exactly as received (an alias stays an alias)."""
        return self.args[1]

    @property
    def details(self) -> dict[str, Any]:
        """Extra keyword arguments given when the error was made."""
        return self.args[2]

    @classmethod
    def _lookup(cls, raw_code: int | str) -> Code | None:
        return None

    @property
    def kind(self) -> "Kind":
        """The kind of failure: the code's; for an unknown code, the one its HTTP status
        gives (Kind.UNKNOWN without a status)."""
        code = self.code
        return _kind(type(self)._default_kind) if code is None else code.kind

    @property
    def http_status(self) -> int:
        """The HTTP status received with the response (when it is 400 or more), else the one
        the vendor documents for the code, else the kind's default."""
        status = self._status
        if status is not None:
            return status
        code = self.code
        status = None if code is None else code.http_status
        return self.kind.http_status if status is None else status

    @property
    def retryable(self) -> bool:
        """Whether retrying later may succeed."""
        code = self.code
        return self.kind.retryable if code is None else code.retryable

    def __str__(self) -> str:
        raw_code = self.args[1]
        if raw_code is None:
            return self.message
        return f"[{_show(raw_code)}] {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({self.message!r}, raw_code={_safe_repr(self.args[1])})"

    def to_problem(self, locale: str | None = None) -> dict[str, Any]:
        """An RFC 9457 problem-details object for this error.

        `title` is the catalog's message for the code (in `locale` when given), `detail` the
        message as received (else the catalog's, filled); an unknown code has the type
        `about:blank` and its HTTP status's phrase as title.
        """
        code = self.code
        status = self.http_status
        received = _received(self.args[0])
        if code is None:
            problem_type = "about:blank"
            title = _status_phrase(status) or "Unknown Error"
            detail = self.message
        else:
            problem_type = f"urn:catalog:{self.vendor}:{code.code}"
            title = code.message
            detail = received or self.message
            if locale is not None:
                try:
                    title = code.message_for(locale)
                    detail = received or self._catalog_message(locale)
                except Exception:  # not a locale: the vendor's own language
                    pass
        return {
            "type": problem_type,
            "title": title,
            "status": status,
            "detail": detail,
            "code": _plain_code(self.args[1]),
            "vendor": self.vendor,
            "kind": str(self.kind),
        }


class VendorError(CatalogError):
    """Base of each vendor's `<Prefix>Error`; `code` is a member of that vendor's enum.

    Each per-code class registers itself when it is defined (`code = <Prefix>Code.X` in its
    body): it becomes `<Prefix>Code.X.exception` and the class `from_code` answers with.
    """

    _codes: ClassVar[type[Code]]
    # Code or alias (an int code also as its str) -> per-code class: the table from_code()
    # answers from, one per vendor, filled as the vendor's per-code classes are defined.
    _classes: ClassVar[dict[int | str, "type[VendorError]"]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        namespace = cls.__dict__
        if "_codes" in namespace:  # a vendor's base error
            codes = namespace["_codes"]
            table: dict[int | str, type[VendorError]] = {}
            cls._classes = table
            codes._vendor_error = cls
            setattr(
                cls, "from_code", _from_code_of(table, int if issubclass(codes, IntCode) else str)
            )
        code = namespace.get("code")
        if isinstance(code, Code):
            _register(cls, code)

    @classmethod
    def _lookup(cls, raw_code: int | str) -> Code | None:
        return cls._codes._find(raw_code)  # type: ignore[no-any-return]

    if TYPE_CHECKING:
        # What type checkers see: `response` is the response, and `raw_code` is refused (the
        # code given is the code received). The function below takes them from `details`.

        @classmethod
        def from_code(
            cls,
            code: int | str,
            message: str | None = None,
            *,
            response: Mapping[str, Any] | None = None,
            raw_code: None = None,
            **details: Any,
        ) -> "Self": ...

    else:

        @classmethod
        def from_code(cls, code, message=None, **details):
            """An instance of the most specific class for `code` (or an alias of it).

            An unknown code gives an instance of this class (and of `UnknownError`) with
            `code=None` and `raw_code` set; this never raises. `response=` is kept as
            `.response`; every other keyword goes into `.details`.
            """
            # The hot path of an application's error handling: one dict probe, and an
            # instance made without running any Python-level __init__. Only exact strings and
            # ints are probed: a bool or a float equal to a code is not that code. (No
            # keyword-only parameters: filling their defaults would cost this path a fifth.)
            # Each vendor's base error gets its own copy of this function (see _from_code_of).
            kind = type(code)
            if kind is str or kind is int:
                try:
                    exc_class = cls._classes[code]
                except KeyError:
                    return cls._from_code(code, message, details)
                if not details:
                    return _new_exception(exc_class, message, code, details)
            return cls._from_code(code, message, details)

    @classmethod
    def _from_code(cls, code: object, message: object, details: dict[str, Any]) -> "Self":
        response = details.pop("response", None)
        exc_class = None
        if type(code) is str or type(code) is int:
            exc_class = cls._classes.get(code)
        if exc_class is None:
            member = cls._codes.lookup(code)  # warns for a deprecated code
            if member is None:
                exc_class = _unknown_class(cls, "unknown")
            else:
                exc_class = member.exception  # loads the per-code classes on first use
        error: Self = _new_exception(exc_class, message, code, details)
        if response is not None:
            error.response = response
        return error

    @classmethod
    def from_response(
        cls,
        payload: "Payload",
        *,
        status: int | None = None,
        headers: "Headers | Mapping[str, Any] | None" = None,
    ) -> "Self | None":
        """The error a response reports, or None when it reports none.

        `payload` is the parsed body, the raw body (bytes or text, read as JSON when it is
        JSON) or None; `headers` any mapping, read case-insensitively. A response fails when
        one of the vendor's envelopes says so (a code that is not a success code, a success
        flag that is false, an error object) or when `status` is 400 or more. A known code
        gives its class; otherwise the kind comes from `status`. Never raises.
        """
        if type(status) is int and 100 <= status <= 599:
            received: int | None = status
        else:
            received = _http_status(status)
        try:
            return cls._read_response(payload, received, headers)
        except Exception:  # a bug or a response beyond reading: fail closed, never raise
            try:
                error: Self = _new_exception(
                    _unknown_class(cls, _status_kind(received)), None, None, {}
                )
                if received is not None and received >= 400:
                    error._status = received
                return error
            except Exception:
                return None

    @classmethod
    def _read_response(cls, payload: Any, status: int | None, headers: object) -> "Self | None":
        codes = cls._codes
        vendor = codes._vendor
        body: Any
        kind: Any = type(payload)  # pyright: ignore[reportUnknownVariableType]
        if kind is _DICT:
            body = payload
        elif (kind is bytes or kind is str) and _json_loads is not None:
            try:  # the usual raw body: a JSON object
                body = _json_loads(payload)
                if type(body) is not _DICT:
                    body = None
            except Exception:  # not JSON, or JSON after a byte-order mark: the careful way
                body = _body(payload)
        else:
            body = _body(payload)
        failed = status is not None and status >= 400
        code: Any = None
        source: Envelope | None = None  # the envelope that says how the response went
        for envelope in vendor.envelopes:
            code = None
            if envelope.header is not None and headers is not None:
                code = _header(headers, envelope.header)
            if body is None:
                if code is None:
                    continue
                flag = raised = None
            else:
                if code is None and envelope.code is not None:
                    code = _dig(body, envelope.code)
                    if type(code) is str and not code.strip(_BLANKS):
                        code = None  # an empty code field is no code
                flag = None if envelope.success is None else _dig(body, envelope.success)
                raised = flag is False
                if not raised and envelope.error is not None:
                    raised = _non_empty_mapping(_dig(body, envelope.error))
            if code is not None:
                source = envelope
                if flag is True:
                    code = None  # a success flag that is true wins
                elif raised or not vendor.success or _key(codes, code) not in vendor.success:
                    failed = True
                else:
                    code = None  # a success code
                break
            if raised or flag is True:
                source = envelope
                failed = failed or bool(raised)
                break
        if not failed:
            return None
        if source is None or body is None:
            message, details = _message_and_details(body, source, vendor.envelopes)
        else:  # _message_and_details, unrolled for the usual case
            message = None
            if source.message is not None:
                text = _dig(body, source.message)
                message = (text if text.strip() else None) if type(text) is str else _received(text)
            details = {}
            for name, path in source.details:
                value = _dig(body, path)
                if value is not None:
                    details[name] = value
        exc_class = None
        if type(code) is int or type(code) is str:
            exc_class = cls._classes.get(code)
        if exc_class is None and code is not None:
            member = codes.lookup(code)
            if member is not None:
                exc_class = member.exception
        if exc_class is None:
            exc_class = _unknown_class(cls, _status_kind(status))
        error: Self = _new_exception(exc_class, message, code, details)
        if body is not None:
            error.response = body
        if status is not None and status >= 400:  # a 200 carrying an error is not its status
            error._status = status
        return error

    @classmethod
    def raise_for_response(
        cls,
        payload: "Payload",
        *,
        status: int | None = None,
        headers: "Headers | Mapping[str, Any] | None" = None,
    ) -> None:
        """Raise the error a response reports (see `from_response`); return None if none."""
        error = cls.from_response(payload, status=status, headers=headers)
        if error is not None:
            raise error


def _from_code_of(table: dict[int | str, type[VendorError]], first: type) -> Any:
    """The `from_code` of one vendor: its class table, and the exact type of its codes tested
    first, bound in a closure (a few percent faster than reading them from the class)."""
    second = str if first is int else int
    new = _new_exception

    def from_code(cls: Any, /, code: object, message: object = None, **details: Any) -> Any:
        kind = type(code)
        if kind is first or kind is second:
            try:
                exc_class = table[code]  # type: ignore[index]
            except KeyError:
                return cls._from_code(code, message, details)
            if not details:
                return new(exc_class, message, code, details)
        return cls._from_code(code, message, details)

    from_code.__doc__ = VendorError.from_code.__doc__
    from_code.__qualname__ = "VendorError.from_code"
    return classmethod(from_code)


_UNKNOWN_CLASSES: dict[tuple[type, str], "type[VendorError]"] = {}


def _unknown_class(cls: type[VendorError], kind_id: str) -> type[VendorError]:
    """The class of an error without a known code: `cls` and the kind's exception.

    Made once per vendor class and kind, so that `except UnauthenticatedError` catches an
    upstream 401 whose code the catalog does not know.
    """
    base: type[VendorError] = cls.__dict__.get("_unknown_base") or cls
    member: Code | None = getattr(base, "code", None)  # the class's member, if any
    if member is not None:  # a per-code class: an unknown code is its vendor's
        base = type(member)._vendor_error
    made = _UNKNOWN_CLASSES.get((base, kind_id))
    if made is None:
        kind_exception = _kind(kind_id).exception
        namespace = {
            "__module__": base.__module__,
            "__qualname__": f"{base.__qualname__}[{kind_exception.__name__}]",
            "__doc__": f"{base.__name__} of a code the catalog does not know, kind {kind_id}.",
            "code": None,
            "_default_kind": kind_id,
            "_unknown_base": base,
        }
        made = type(base.__name__, (base, kind_exception), namespace)
        made = _UNKNOWN_CLASSES.setdefault((base, kind_id), made)
    return made
