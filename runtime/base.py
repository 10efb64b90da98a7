"""The base classes every vendor module of catalog derives from, and the machinery they share.

The API here is `__all__`: `Code` (base of every vendor's code enum), `CatalogError` (base of
every error) and `VendorError` (base of every vendor's `<Prefix>Error`); import them from
`catalog`. The other names (`StrCode` and `IntCode`, the flavours of `Code` a generated enum
derives from, `Vendor`, `Entry`, `describe`...) are what the generated modules call, not API.
The taxonomy of kinds lives in `catalog.kinds`. Everything here is built for a cheap import:
plain classes with `__slots__`, no regex compiled, no enum besides the bases, and
`catalog.kinds` loaded only when a kind is first asked for.
"""

# The functions here are friends of the classes here: they set up their private state.
# pyright: reportPrivateUsage=false

import enum
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, cast

if TYPE_CHECKING:
    from re import Match, Pattern
    from typing import Self

    from catalog.kinds import Kind

__all__ = ["Code", "CatalogError", "VendorError"]


def _kind(kind_id: str) -> "Kind":
    from catalog.kinds import Kind

    return Kind(kind_id)


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
        envelopes: tuple[tuple[str, str | None, str | None], ...],
        success: tuple[int | str, ...],
    ) -> None:
        self.id = id
        self.name = name
        self.version = version
        self.locale = locale
        self.source = source
        self.envelopes = envelopes
        """(code path, message path, success-flag path) per envelope, as dotted key paths."""
        self.success = success

    def __repr__(self) -> str:
        return f"Vendor(id={self.id!r}, name={self.name!r}, version={self.version!r})"


class Entry:
    """The catalog data of one code; read it through the enum member's properties."""

    __slots__ = (
        "message",
        "kind",
        "exception",
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
        exception: str,
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
        self.exception = exception
        self.description = description
        self.remedy = remedy
        self.http_status = http_status
        self.group = group
        self.aliases = aliases
        self.retryable = retryable
        self.deprecated = deprecated
        self.translations = translations


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
        """The key the code index files `code` under, or None if it cannot be a code."""
        if isinstance(code, (int, str)) and not isinstance(code, bool):
            return code
        return None

    @classmethod
    def lookup(cls, code: object) -> "Self | None":
        """The member for `code` or one of its aliases (1000 and "1000" alike), else None."""
        key = cls._normalize(code)
        member: Self | None = cls._code_index().get(key) if key is not None else None
        return member

    @property
    def code(self) -> int | str:
        """The code, exactly as the vendor writes it (a `str` or an `int`, by vendor)."""
        value: int | str = self._value_
        return value

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
    def vendor(self) -> str:
        """The vendor id, e.g. "iam"."""
        return self._vendor.id

    @property
    def exception(self) -> "type[VendorError]":
        """The exception class of this code (loads the vendor's per-code classes on first use)."""
        try:
            return self._exception
        except AttributeError:
            __import__(type(self)._errors_module)
            return self._exception

    @property
    def params(self) -> tuple[str, ...]:
        """Names of the placeholders in the message, in order (positional ones as "0", "1", ...)."""
        names: list[str] = []
        position = 0
        for match in _placeholders(self._entry.message):
            name = _param_name(match, position)
            if name is None:
                continue
            if name == str(position):
                position += 1
            if name not in names:
                names.append(name)
        return tuple(names)

    def format(self, *args: object, **kwargs: object) -> str:
        """The message with its placeholders filled.

        Positional placeholders (`%s`, `%d`, `{}`) take `args` in order; named ones
        (`%(key)s`, `{key}`, `[input length]` -> `input_length`... see `.params`) take `kwargs`.
        A missing argument raises TypeError naming the placeholder.
        """
        message = self._entry.message
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
                        f"{self!r}.format() is missing positional argument {position} "
                        f"for the placeholder {match.group(0)!r} in {message!r}"
                    )
                value = args[position]
                position += 1
            elif name in kwargs:
                value = kwargs[name]
            else:
                raise TypeError(
                    f"{self!r}.format() is missing the keyword argument {name!r} "
                    f"for the placeholder {match.group(0)!r} in {message!r}"
                )
            conversion = match.group("pct_conv") or match.group("pct_named_conv")
            parts.append(f"%{conversion}" % (value,) if conversion else str(value))
        parts.append(message[end:])
        return "".join(parts)

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
        if isinstance(code, str):
            return code
        if isinstance(code, int) and not isinstance(code, bool):
            return str(code)
        return None

    @classmethod
    def lookup(cls, code: object) -> "Self | None":
        """The member for `code` or one of its aliases (1000 and "1000" alike), else None."""
        key = cls._normalize(code)
        index = cls._code_index()
        member: Self | None = index.get(key) if key is not None else None
        if member is None and isinstance(code, str) and code.strip() != code:
            member = index.get(code.strip())
        return member

    @classmethod
    def _missing_(cls, value: object) -> "Self | None":
        return cls.lookup(value)


class IntCode(Code, enum.IntEnum):
    """Base of the code enums of vendors whose codes are integers (1000, 20001)."""

    _value_: int

    @property
    def code(self) -> int:
        """The code, as the vendor documents it."""
        return self._value_

    @classmethod
    def _normalize(cls, code: object) -> int | str | None:
        if isinstance(code, bool):
            return None
        if isinstance(code, int):
            return int(code)
        if isinstance(code, str):
            text = code.strip()
            if text.isdigit() or (text[:1] in "+-" and text[1:].isdigit() and len(text) > 1):
                return int(text)
        return None

    @classmethod
    def lookup(cls, code: object) -> "Self | None":
        """The member for `code` or one of its aliases (1000 and "1000" alike), else None."""
        key = cls._normalize(code)
        member: Self | None = cls._code_index().get(key) if key is not None else None
        return member

    @classmethod
    def _missing_(cls, value: object) -> "Self | None":
        return cls.lookup(value)


_ENTRY_FACTORIES: dict[type[Code], Callable[[], Mapping[Any, Entry]]] = {}
_VENDOR_CODES: dict[str, type[Code]] = {}


def describe(codes: type[Code], vendor: Vendor, entries: Callable[[], Mapping[Any, Entry]]) -> None:
    """Give a freshly defined code enum its vendor and, lazily, its catalog data."""
    codes._vendor = vendor
    _ENTRY_FACTORIES[codes] = entries
    _VENDOR_CODES[vendor.id] = codes
    codes._index = None
    codes._errors_module = f"{codes.__module__}.errors"


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


def bind_exceptions(
    codes: type[Code], vendor_error: "type[VendorError]", namespace: Mapping[str, Any]
) -> None:
    """Let each member of `codes` know its per-code exception class, defined in `namespace`,
    and give the vendor's base error the table that `from_code` answers from."""
    for member in codes:
        member._exception = namespace[member._entry.exception]
    # The enum's own code-and-alias index, mapped to classes; "1000" as well as 1000, as
    # lookup() accepts both.
    classes = {code: member._exception for code, member in codes._code_index().items()}
    classes.update({str(code): cls for code, cls in classes.items() if isinstance(code, int)})
    vendor_error._classes = classes  # published whole: other threads see all of it or none


def vendor_codes(vendor_id: object) -> type[Code] | None:
    """The code enum of vendor `vendor_id`, its module loaded on first use; None if unknown."""
    if not isinstance(vendor_id, str):
        return None
    codes = _VENDOR_CODES.get(vendor_id)
    if codes is None:
        import catalog

        if vendor_id not in catalog.vendors():
            return None
        __import__(f"catalog.{vendor_id}")
        codes = _VENDOR_CODES.get(vendor_id)
    return codes


def load_errors(package: str, name: str) -> Any:
    """Module `__getattr__` of a vendor package: per-code classes load on first use."""
    if name.startswith("__"):
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    module = sys.modules.get(f"{package}.errors")
    if module is None:
        __import__(f"{package}.errors")
        module = sys.modules[f"{package}.errors"]
    if name == "errors":
        return module
    try:
        return getattr(module, name)
    except AttributeError:
        raise AttributeError(f"module {package!r} has no attribute {name!r}") from None


def _dig(payload: object, path: str) -> Any:
    """`payload["error"]["code"]` for the path "error.code"; None where any step is missing."""
    value: Any = payload
    for key in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = cast(Mapping[str, Any], value).get(key)
        if value is None:
            return None
    return value


_new_exception: Callable[..., Any] = BaseException.__new__


def _restore(
    cls: "type[CatalogError]", args: tuple[Any, ...], state: dict[str, Any] | None
) -> "CatalogError":
    """Unpickle an error: the same class, arguments and attributes, without running __init__."""
    error: CatalogError = _new_exception(cls, *args)
    if state:
        error.__dict__.update(state)
    return error


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
        return (_restore, (type(self), self.args, self.__dict__ or None))

    @property
    def message(self) -> str:
        """The message as received, else the catalog's text for the code."""
        message = self.args[0]
        if message is None:
            code = self.code
            return "unknown error" if code is None else code.message
        return message

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
        """The kind of failure (Kind.UNKNOWN for a code the catalog does not know)."""
        code = self.code
        return _kind(type(self)._default_kind) if code is None else code.kind

    @property
    def http_status(self) -> int:
        """The HTTP status the vendor documents for the code, else the kind's default."""
        code = self.code
        status = None if code is None else code.http_status
        return self.kind.http_status if status is None else status

    @property
    def retryable(self) -> bool:
        """Whether retrying later may succeed."""
        code = self.code
        return self.kind.retryable if code is None else code.retryable

    def __str__(self) -> str:
        return f"[{self.raw_code}] {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({self.message!r}, raw_code={self.raw_code!r})"

    def to_problem(self) -> dict[str, Any]:
        """An RFC 9457 problem-details object for this error."""
        code = self.code
        status = self.http_status
        if code is None:
            from http import HTTPStatus

            problem_type, title = "about:blank", HTTPStatus(status).phrase
        else:
            problem_type, title = f"urn:catalog:{self.vendor}:{code.code}", code.message
        return {
            "type": problem_type,
            "title": title,
            "status": status,
            "detail": self.message,
            "code": self.raw_code,
            "vendor": self.vendor,
            "kind": str(self.kind),
        }


class VendorError(CatalogError):
    """Base of each vendor's `<Prefix>Error`; `code` is a member of that vendor's enum."""

    _codes: ClassVar[type[Code]]
    # Code or alias (an int code also as its str) -> per-code class: the table from_code()
    # answers from, filled when the vendor's per-code classes load (see bind_exceptions).
    _classes: ClassVar[Mapping[int | str, "type[VendorError]"]] = {}

    @classmethod
    def _lookup(cls, raw_code: int | str) -> Code | None:
        return cls._codes.lookup(raw_code)

    @classmethod
    def from_code(cls, code: int | str, message: str | None = None, **details: Any) -> "Self":
        """An instance of the most specific class for `code` (or an alias of it).

        An unknown code gives an instance of this class with `code=None` and `raw_code` set;
        this never raises.
        """
        # The hot path of an application's error handling: one dict probe, and an instance
        # made without running any Python-level __init__ (bool is an int, but never a code).
        try:
            exc_class = cls._classes.get(code) if code.__class__ is not bool else None
        except TypeError:  # unhashable, say a list from a malformed payload: not a code
            exc_class = None
        if exc_class is None:
            member = cls._codes.lookup(code)
            if member is None:
                return cls(message, raw_code=code, **details)
            exc_class = member.exception  # loads the per-code classes on first use
        return _new_exception(exc_class, message, code, details)  # type: ignore[no-any-return]

    @classmethod
    def from_response(cls, payload: Mapping[str, Any]) -> "Self | None":
        """The error a response payload reports, or None for success or no error code."""
        vendor = cls._codes._vendor
        for code_path, message_path, success_path in vendor.envelopes:
            if success_path is not None and _dig(payload, success_path) is True:
                return None
            raw_code = _dig(payload, code_path)
            if raw_code is None:
                continue
            if raw_code in vendor.success or cls._codes._normalize(raw_code) in vendor.success:
                return None
            message = _dig(payload, message_path) if message_path is not None else None
            error = cls.from_code(raw_code, None if message is None else str(message))
            error.response = payload
            return error
        return None

    @classmethod
    def raise_for_response(cls, payload: Mapping[str, Any]) -> None:
        """Raise the error a response payload reports; return None if it reports none."""
        error = cls.from_response(payload)
        if error is not None:
            raise error
