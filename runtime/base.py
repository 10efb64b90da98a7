"""The base classes every vendor module of catalog derives from, and the machinery they share.

The API here is `__all__`: `Code` (base of every vendor's code enum), `CatalogError` (base of
every error) and `VendorError` (base of every vendor's `<Prefix>Error`); import them from
`catalog`. The other names (`StrCode` and `IntCode`, the flavours of `Code` a generated enum
derives from, `Vendor`, `describe`...) are what the generated modules call, not API.
The taxonomy of kinds lives in `catalog.kinds`. Everything here is built for a cheap import:
plain classes with `__slots__`, no regex compiled, no enum created (`StrCode` and `IntCode` are
enums for type checkers only, see below), and `catalog.kinds`, `json`, `http` and `warnings`
loaded only when first needed, as are the two private modules beside this one: `_responses`
(reading a response through the vendor's envelopes, for `from_response`) and `_messages`
(placeholders, and filling them). Annotations that Python would evaluate at import (unions,
generics) are written as strings; those of class attributes sit in `if TYPE_CHECKING` blocks.

Two promises shape the code below:

- One rule for codes everywhere (`lookup`, `from_code`, `from_response`): for a vendor of
  integer codes, ints and strings of ASCII digits are the same code; bools, floats, other
  digit scripts and strings past the interpreter's int conversion limit are not codes.
- Nothing that reads a code or a response raises, whatever it is given: an unknown or
  malformed code is an error of an unknown code, never an exception of its own. (Only a
  package regenerated under the running process, `PackageChangedError`, is raised.)
"""

# The functions here are friends of the classes here: they set up their private state.
# pyright: reportPrivateUsage=false

import enum
import os
import sys
from collections.abc import Callable, Mapping
from types import MappingProxyType, MethodType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Annotations that would cost the import their evaluation are for the checkers only: in
    # this block, or in an `if TYPE_CHECKING` block of a class body.
    from typing import ClassVar, Protocol, Self, TypeAlias

    from ._entries import Entry
    from ._responses import Envelope
    from .kinds import Kind

    # Types for the checkers only: a Protocol class costs the import a millisecond.
    class Headers(Protocol):
        """Response headers: a mapping, or anything with `get` (urllib's, requests', httpx')."""

        def get(self, name: str, /) -> Any: ...

    Payload: TypeAlias = Mapping[str, Any] | bytes | bytearray | str | None
    """A response body: the parsed JSON mapping, the raw body (read as JSON when it is JSON),
    or None."""


__all__ = ["Code", "CatalogError", "PackageChangedError", "VendorError"]


# The package's name, for the names of its modules: the runtime is copied into it.
_PACKAGE = __name__.rpartition(".")[0]


def _kind(kind_id: str) -> "Kind":
    from .kinds import Kind

    return Kind(kind_id)


# -- what the vendor modules declare ---------------------------------------------------------


class Vendor:
    """A vendor catalog's identity and how its responses carry errors."""

    __slots__ = (
        "id",
        "name",
        "version",
        "locale",
        "source",
        "_envelopes",
        "_made",
        "success",
        "request_id_headers",
    )

    def __init__(
        self,
        *,
        id: str,
        name: str,
        version: str,
        locale: str,
        source: "str | None",
        envelopes: "tuple[Mapping[str, Any], ...]",
        success: "tuple[int | str, ...]",
        request_id_headers: "tuple[str, ...]" = (),
    ) -> None:
        self.id = id
        self.name = name
        self.version = version
        self.locale = locale
        self.source = source
        # The response shapes as the vendor module declares them: the keyword arguments of
        # each Envelope, which `envelopes` makes on first use, with the response reader.
        self._envelopes: tuple[Any, ...] = envelopes
        self._made = False
        self.success = success
        """Code values that mean "no error"."""
        self.request_id_headers = tuple(name.lower() for name in request_id_headers)
        """Response headers carrying the request id (lowercase), tried in order."""

    @property
    def envelopes(self) -> "tuple[Envelope, ...]":
        """The vendor's response shapes, tried in order."""
        if not self._made:  # a race between threads only makes them twice
            from ._responses import Envelope

            self._envelopes = tuple(Envelope(**fields) for fields in self._envelopes)
            self._made = True
        return self._envelopes

    def __repr__(self) -> str:
        return f"Vendor(id={self.id!r}, name={self.name!r}, version={self.version!r})"


# -- codes -------------------------------------------------------------------------------------

_BLANKS = " \t\n\r\f\v"
# Strings longer than this are not codes: past it, int() refuses to convert digits anyway.
_MAX_CODE_LENGTH = 4300


def _int_code(code: object) -> "int | None":
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


def _str_code(code: object) -> "str | None":
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


_warned: "set[object]" = set()


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

    def __get__(self, instance: object, owner: "type | None" = None) -> Any:
        # The package's own modules read the member too (its catalog data, its class).
        if not sys._getframe(1).f_globals.get("__name__", "").startswith(_PACKAGE + "."):
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

    if TYPE_CHECKING:
        _entry: Entry
        _exception: "type[VendorError]"
        _vendor: ClassVar[Vendor]
        _index: ClassVar[dict[int | str, Any] | None]
        _errors_module: ClassVar[str]
        _vendor_error: ClassVar["type[VendorError]"]
        # Name -> reason, for the members whose `deprecated` is set (lookup() warns for them).
        _deprecated: ClassVar[Mapping[str, str]]

    def __getattr__(self, name: str) -> Any:
        # The catalog data is attached on first use (see `describe`), so that importing a
        # vendor costs little more than its bare enum.
        if name == "_entry":
            from ._entries import attach

            attach(type(self))
            return self._entry
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @classmethod
    def _normalize(cls, code: object) -> "int | str | None":
        raise NotImplementedError

    @property
    def code(self) -> "int | str":
        """The code, exactly as the vendor writes it (a `str` or an `int`, by vendor)."""
        value: int | str = self._value_
        return value

    @classmethod
    def _find(cls, code: object) -> Any:
        """The member for `code` by the one rule, without warnings; None for anything else."""
        # Outside the `try`: a package regenerated under the process (PackageChangedError, as
        # the catalog data loads) must not read as an unknown code.
        index = cls._index
        if index is None:
            from ._entries import attach

            index = attach(cls)
        try:
            key = cls._normalize(code)
            if key is None:
                return None
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
        bools, floats and other digit scripts are not codes. Never raises, but for
        PackageChangedError (the package was regenerated under the running process).
        """
        member: Self | None = cls._find(code)
        if member is not None and cls._deprecated:
            member._warn_if_deprecated(2)
        return member

    def _warn_if_deprecated(self, stacklevel: int) -> None:
        reason = type(self)._deprecated.get(self._name_)
        if reason is not None:
            text = f"{type(self).__name__}.{self._name_} is deprecated: {reason}"
            try:
                _deprecation(text, stacklevel + 1, self)
            except Warning:
                # Warnings as errors (`-W error`): the code was received, not written in the
                # caller's source, so the warning must not cost the caller the code.
                pass

    @classmethod
    def _missing_(cls, value: object) -> "Self | None":
        member: Self | None = cls._find(value)
        return member

    @property
    def message(self) -> str:
        """The vendor's message, verbatim (placeholders included)."""
        return self._entry.message

    @property
    def description(self) -> "str | None":
        """The vendor's longer explanation, if it documents one."""
        return self._entry.description

    @property
    def remedy(self) -> "str | None":
        """What the vendor says to do about it, if anything."""
        return self._entry.remedy

    @property
    def http_status(self) -> "int | None":
        """The HTTP status the vendor documents for this code, else None."""
        return self._entry.http_status

    @property
    def group(self) -> "str | None":
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
    def aliases(self) -> "tuple[int | str, ...]":
        """Other codes the vendor uses with the same meaning."""
        return self._entry.aliases

    @property
    def deprecated(self) -> "str | None":
        """Why this code is deprecated, or None."""
        return self._entry.deprecated

    @property
    def translations(self) -> "Mapping[str, str]":
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
    def params(self) -> "tuple[str, ...]":
        """Names of the placeholders in the message, in order (positional ones as "0", "1", ...)."""
        from ._messages import params

        return params(self._entry.message)

    def format(self, *args: object, **kwargs: object) -> str:
        """The message with its placeholders filled.

        Positional placeholders (`%s`, `%d`, `{}`) take `args` in order; named ones
        (`%(key)s`, `{key}`, `[input length]` -> `input_length`... see `.params`) take `kwargs`.
        A missing argument raises TypeError naming the placeholder.
        """
        from ._messages import render

        return render(self._entry.message, args, kwargs, repr(self))

    def message_for(self, locale: str) -> str:
        """The message in `locale` ("en", "zh-CN"...), else the vendor's own message.

        An exact tag wins over a language-only match ("en-US" finds "en").
        """
        from ._messages import in_locale

        entry = self._entry
        return in_locale(locale, self._vendor.locale, entry.message, entry.translations or {})


# One pass over the members: EnumType makes each member through a placeholder object and its
# __set_name__ hook (about 7 us a member, half of a vendor module's import). A vendor's enum
# holds plain strings or ints, which `_build_in_one_pass` makes into members in one loop, as
# those hooks would. On the versions below, a test proves the result equal, attribute for
# attribute, to the enum EnumType builds; elsewhere, and for any class body it does not expect,
# EnumType builds the enum as usual.
# Tests that do not narrow: what they test stays `Any` for the type checkers.
_DICT: Any = dict
_ONE_PASS_VERSIONS = ((3, 11), (3, 12), (3, 13))
_one_pass = sys.version_info[:2] in _ONE_PASS_VERSIONS
_flavours: "tuple[type, ...]" = ()  # StrCode and IntCode, once defined
_STR_ENUM_NEW: Any = enum.StrEnum._new_member_  # type: ignore[attr-defined]


class _CodeType(enum.EnumType):
    """The metaclass of `StrCode` and `IntCode`: makes those two, and builds a vendor's enum
    in one pass, with the enum its flavour stands for as its last base."""

    # EnumType's signature (the stubs of EnumType and type disagree: mypy follows type's).
    @classmethod
    def __prepare__(  # type: ignore[override]
        metacls, cls: str, bases: "tuple[type, ...]", **kwds: Any
    ) -> Any:
        if _is_flavour(bases):  # StrCode or IntCode itself
            return {}
        if _one_pass and not kwds and len(bases) == 1 and bases[0] in _flavours:
            return {}  # the body's assignments, kept as they are
        return super().__prepare__(cls, _with_enum(bases), **kwds)

    def __new__(metacls, cls: str, bases: "tuple[type, ...]", classdict: Any, **kwds: Any) -> Any:
        if _is_flavour(bases):
            return _flavour(metacls, cls, bases[:-1], classdict, bases[-1])
        bases = _with_enum(bases)
        if type(classdict) is _DICT:  # the body __prepare__ gave a vendor enum
            try:
                made = _build_in_one_pass(metacls, cls, bases, classdict)
            except Exception:  # not a body this expects: EnumType's own build
                made = None
            if made is not None:
                return made
            # EnumType's own build, from the same assignments in the same order.
            assignments: dict[str, Any] = classdict
            classdict = super().__prepare__(cls, bases)
            for name, value in assignments.items():
                classdict[name] = value
        return super().__new__(metacls, cls, bases, classdict, **kwds)


def _is_flavour(bases: "tuple[type, ...]") -> bool:
    """Whether these are the bases of StrCode or IntCode: Code, then the enum it stands for."""
    return len(bases) == 2 and bases[0] is Code and bases[1] in _FLAVOUR_ENUMS


def _build_in_one_pass(metacls: Any, cls: str, bases: "tuple[type, ...]", classdict: Any) -> Any:
    """The enum EnumType would build from `classdict`; None for a body of anything but
    members of the base's type and dunder names, or a member named as a base's attribute."""
    stand_in = vars(bases[-1])  # StrEnum's or IntEnum's attributes
    member_type = stand_in["_member_type_"]
    # What EnumType.__prepare__ puts first in the body of an enum: the stand-in's own.
    body: dict[str, Any] = {"_generate_next_value_": stand_in["_generate_next_value_"]}
    members: list[tuple[str, Any]] = []
    inherited = _inherited_names.get(bases)
    if inherited is None:
        inherited = {name for base in bases for klass in base.__mro__ for name in klass.__dict__}
        _inherited_names[bases] = inherited
    for name, value in classdict.items():
        if type(value) is member_type and name[:1] != "_" and name not in inherited:
            members.append((name, value))
        elif name[:2] == "__" and name[-2:] == "__":
            body[name] = value
        else:
            return None
    return _enum_class(metacls, cls, bases, body, members)


# The attribute names of a vendor enum's bases (StrCode, StrEnum): a member cannot take one.
_inherited_names: "dict[tuple[type, ...], set[str]]" = {}


def _enum_class(
    metacls: Any,
    cls: str,
    bases: "tuple[type, ...]",
    body: "dict[str, Any]",
    members: "list[tuple[str, Any]]",
) -> Any:
    """The class EnumType.__new__ makes of `body` and its `members` (name, value), built as
    that method would for them, without its checks and its work for other bodies (members
    made through placeholders, Flag's structures, `_order_`, `_ignore_`): about 0.04 ms less
    for each vendor's import."""
    stand_in = bases[-1]  # the enum the flavour stands for: StrEnum or IntEnum
    member_type: type = vars(stand_in)["_member_type_"]
    # The enum's layout, which EnumType gives every enum it makes: the stand-in's own values
    # for a class of the same member type, with empty maps and lists of its own.
    for name, value in _layout(stand_in):
        body[name] = type(value)() if type(value) in (list, dict) else value
    made = type.__new__(metacls, cls, bases, body)
    _make_members(made, members)
    # What EnumType sets on the class it made: the enum's methods where the member type's
    # (or object's) would be found, and Enum's __new__ (which looks a value's member up).
    for name in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
        if name not in body and getattr(made, name) in (
            getattr(member_type, name),
            getattr(object, name),
        ):
            type.__setattr__(made, name, getattr(stand_in, name))
    type.__setattr__(made, "__new__", enum.Enum.__new__)
    return made


def _layout(stand_in: type) -> "list[tuple[str, Any]]":
    """The keys EnumType adds to the body of an enum deriving from `stand_in`, in its order,
    from `_new_member_` to `_value_repr_` (they differ between versions: 3.13 adds one)."""
    layout = _layouts.get(stand_in)
    if layout is None:
        keys = list(vars(stand_in))
        first, last = keys.index("_new_member_"), keys.index("_value_repr_")
        layout = _layouts[stand_in] = [(key, vars(stand_in)[key]) for key in keys[first : last + 1]]
    return layout


_layouts: "dict[type, list[tuple[str, Any]]]" = {}


def _flavour(
    metacls: Any, cls: str, bases: "tuple[type, ...]", classdict: "dict[str, Any]", stands_for: type
) -> Any:
    """`StrCode` or `IntCode`: at run time a mixin, not an enum, that names the enum it stands
    for, and has that enum's data attributes (its `_member_type_`, empty `_member_map_`...),
    which EnumType reads from every base that is an instance of it."""
    made = type.__new__(metacls, cls, bases, classdict)
    type.__setattr__(made, "_enum_", stands_for)
    for name, value in vars(stands_for).items():
        if name[:1] == "_" and name[-1:] == "_" and name[1:2] != "_":
            if type(value) in (list, dict, set):
                value = type(value)()  # the enum has no members: nor do these
            type.__setattr__(made, name, value)
    return made


def _with_enum(bases: "tuple[type, ...]") -> "tuple[type, ...]":
    """The bases of a class derived from StrCode or IntCode, with the enum that flavour stands
    for added last (StrCode -> StrCode, StrEnum), unless another base is an enum already."""
    stands_for = None
    for base in bases:
        if issubclass(base, enum.Enum):
            return bases
        stands_for = stands_for or base.__dict__.get("_enum_")
    return bases if stands_for is None else (*bases, stands_for)


def _make_members(enum_class: Any, members: "list[tuple[str, Any]]") -> None:
    """Make the members of a class `_enum_class` just made, as EnumType's placeholders would
    one by one (made right after the class, they come in the class's attributes where
    theirs do); TypeError for a class whose members they would not make alike."""
    if enum_class.__init__ is not enum.Enum.__init__ or not enum_class._use_args_:
        raise TypeError("not a class the one pass builds")  # EnumType builds it
    new_member = enum_class._new_member_
    # StrEnum's __new__ checks its argument is a str (which _build_in_one_pass did), makes
    # the str and sets _value_ to it: str.__new__ alone, and _value_ set below, do the same.
    if new_member is _STR_ENUM_NEW:
        new_member = str.__new__
    elif new_member is not int.__new__:
        raise TypeError("not a class the one pass builds")  # EnumType builds it
    names: list[str] = enum_class._member_names_
    member_map: dict[str, Any] = enum_class._member_map_
    value_map: dict[Any, Any] = enum_class._value2member_map_
    set_attribute = type.__setattr__
    for member_name, value in members:
        member = value_map.get(value)
        if member is None:  # else an alias: another name of a member already made
            member = new_member(enum_class, value)
            # The attributes EnumType gives a member, in its order. The value is of the
            # member type exactly, which str() or int() would return unchanged.
            member.__dict__ = {
                "_value_": value,
                "_name_": member_name,
                "__objclass__": enum_class,
                "_sort_order_": len(names),
            }
            names.append(member_name)
            value_map[value] = member
        set_attribute(enum_class, member_name, member)
        member_map[member_name] = member


# `StrCode` and `IntCode` derive from StrEnum and IntEnum, as type checkers see them. At run time
# `_CodeType` makes them mixins instead, without the enum (creating two enums through EnumType
# would cost the import ~0.2 ms), and adds the enum as the last base of each vendor's enum:
# `IamCode`'s bases are (StrCode, StrEnum), its MRO that of an enum deriving from StrCode.
_FLAVOUR_ENUMS = (enum.StrEnum, enum.IntEnum)


class StrCode(  # pyright: ignore[reportIncompatibleMethodOverride]
    Code, enum.StrEnum, metaclass=_CodeType
):
    """Base of the code enums of vendors whose codes are strings ("IAM.0061", "0061")."""

    _value_: str

    @property
    def code(self) -> str:
        """The code, exactly as the vendor writes it."""
        return self._value_

    @classmethod
    def _normalize(cls, code: object) -> "int | str | None":
        return _str_code(code)


class IntCode(Code, enum.IntEnum, metaclass=_CodeType):
    """Base of the code enums of vendors whose codes are integers (1000, 20001)."""

    _value_: int

    @property
    def code(self) -> int:
        """The code, as the vendor documents it."""
        return self._value_

    @classmethod
    def _normalize(cls, code: object) -> "int | str | None":
        return _int_code(code)


_flavours = (StrCode, IntCode)

_VENDOR_CODES: "dict[str, type[Code]]" = {}


def describe(
    codes: "type[Code]",
    vendor: Vendor,
    *,
    renamed: "Mapping[str, str] | None" = None,
    deprecated: "Mapping[str, str] | None" = None,
) -> None:
    """Give a freshly defined code enum its vendor; its catalog data, the rows of its errors
    module, is attached on first use (`_entries.attach`).

    `renamed` maps old member names (enum aliases) to the new ones, `deprecated` the names
    of deprecated members to the reason: reading either as a class attribute warns.
    """
    codes._vendor = vendor
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


def _register(cls: "type[VendorError]", member: Code) -> None:
    """A per-code class makes itself its code's exception and answers `from_code` for it.

    Only the code itself goes into the table: an alias, or a deprecated code (whose lookup
    warns), takes the slow path of `from_code`, through the catalog data, which registering
    does not load (it would cost every import of the per-code classes its whole catalog).
    """
    if member.__dict__.get("_exception") is not None:
        return  # the first class of a code keeps it (a user's subclass does not take over)
    member._exception = cls
    codes = type(member)
    if member._name_ in codes._deprecated:
        return
    table = codes._vendor_error._classes
    key = member._value_
    table[key] = cls
    if type(key) is int:
        table[str(key)] = cls  # as lookup() accepts "1000" for 1000


def load_errors(package: str, name: str, renamed: "Mapping[str, str] | None" = None) -> Any:
    """Module `__getattr__` of a vendor package: per-code classes, and `__all__`, which names
    them, load on first use.

    The errors module is imported, never peeked at in `sys.modules`: the import system's
    lock makes a thread wait while another one is still executing it. `renamed` maps old
    class names to the new ones; reading one warns.
    """
    if name.startswith("__") and name != "__all__":
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    module_name = f"{package}.errors"
    __import__(module_name)
    module = sys.modules[module_name]
    if name == "errors":
        return module
    if name == "__all__":  # the vendor module's classes, then those of its errors module
        own = vars(sys.modules[package]).items()
        return [
            *(key for key, value in own if isinstance(value, type) and value.__module__ == package),
            *module.__all__,
        ]
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


class PackageChangedError(ImportError):
    """The package on disk was regenerated after this process imported part of it.

    A vendor's exception classes (`catalog.<id>.errors`) load on first use; if `generate`
    rewrote the package since the vendor's module was imported, they belong to another
    generation than the code enum in memory, and binding them would give wrong classes. Every
    call that needs them (`from_code`, `from_response`, `raise_for_response`, `.exception`,
    importing a per-code class) raises this instead, until the process restarts.
    """


def _package_identity() -> "tuple[int, int] | None":
    """The package's directory as the file system knows it: a regenerate that changes anything
    swaps in a new directory, so another identity means other files. None where the package is
    not a directory (a zip, a frozen application): nothing to compare then."""
    try:
        found = os.stat(os.path.dirname(__file__))
    except (OSError, NameError, TypeError):
        return None
    return (found.st_dev, found.st_ino)


# The directory this module, and every module loaded with it, came from.
_IDENTITY = _package_identity()


def require_same_package(module: str) -> None:
    """Called first by each module that loads on first use and must match the ones in memory
    (a vendor's module, the response readers): PackageChangedError if the package on disk was
    regenerated since this module was imported."""
    if _IDENTITY is not None and _package_identity() != _IDENTITY:
        raise _changed(_PACKAGE, f"{module} would not match the modules in memory", module)


def require_generation(errors_module: str, generation: str) -> None:
    """Called first by a vendor's errors module: PackageChangedError unless the vendor module
    in memory was made by the same run of the generator."""
    package = errors_module.rpartition(".")[0]
    loaded = getattr(sys.modules.get(package), "__catalog_generation__", None)
    if loaded != generation:
        raise _changed(
            package, "its exception classes no longer match the codes in memory", errors_module
        )


def _changed(package: str, consequence: str, module: str) -> PackageChangedError:
    return PackageChangedError(
        f"{package} changed on disk after this process imported it (the package was "
        f"regenerated): {consequence}; restart the process to use the new package",
        name=module,
    )


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


def _status_phrase(status: "int | None") -> "str | None":
    """The reason phrase of an HTTP status ("Not Found"), if it has one."""
    if status is None:
        return None
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return None


# -- reading responses: in the module _responses, loaded on the first `from_response` ---------


def _load_response_reader(*args: Any) -> Any:
    """Load `_responses` on the first `from_response`, and read the response with it."""
    global _from_response
    from ._responses import from_response

    _from_response = from_response
    return from_response(*args)


# `from_response`'s reader: `_responses.from_response` once loaded, read from a global so that
# every later call costs no import statement.
_from_response: "Callable[..., Any]" = _load_response_reader


# -- pickling ----------------------------------------------------------------------------------
# What unpickling calls: every pickle of an error names these, so they stay here. What pickling
# calls (`CatalogError.__reduce__`) is `_reports.reduced`.

_new_exception: "Callable[..., Any]" = BaseException.__new__


def _restore(
    cls: "type[CatalogError]", args: "tuple[Any, ...]", state: "dict[str, Any] | None"
) -> "CatalogError":
    """Unpickle an error: the same class, arguments and attributes, without running __init__."""
    error: CatalogError = _new_exception(cls, *args)
    if state:
        error.__dict__.update(state)
    return error


def _restore_unknown(  # pyright: ignore[reportUnusedFunction]: unpickling calls it
    base: "type[VendorError]", kind_id: str, args: "tuple[Any, ...]", state: "dict[str, Any] | None"
) -> "CatalogError":
    """Unpickle an error of an unknown code: its class is made again from its base and kind."""
    from .kinds import unknown_class

    return _restore(unknown_class(base, kind_id), args, state)


# -- the exceptions ----------------------------------------------------------------------------


class CatalogError(Exception):
    """Base class of every error catalog defines, whatever the vendor.

    Attributes: `code` (the code enum member, or None for a code the catalog does not know),
    `raw_code` (the code exactly as received), `message` (as received, else the catalog's
    text), `vendor`, `http_status`, `kind`, `retryable`, `request_id`, `details` (extra keyword
    arguments) and `response` (the payload it was parsed from, if any).
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
    response: Any = None
    """What the error was read from: the parsed body for `from_response` (a mapping; None for
    a body that is not a JSON object), the client's response object itself for
    `from_http_response` (a `requests.Response`, an `httpx.Response`...); else None."""
    vendor: "str | None" = None
    """The id of the error's vendor ("iam"); None on a class that spans vendors."""
    _default_kind = "unknown"
    _status: "int | None" = None  # the error status (400 or more) received with the response
    _retry_after: "float | None" = None  # seconds, as the response said when it was read

    if TYPE_CHECKING:
        # `args` is (message or None, raw_code, details): set in one step by BaseException, so
        # that `from_code` can build an error without running any Python code of its own.
        args: tuple[str | None, int | str | None, dict[str, Any]]

    def __init__(
        self,
        message: "str | None" = None,
        /,
        *,
        raw_code: "int | str | None" = None,
        response: Any = None,
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

    def __reduce__(self) -> "tuple[Any, ...]":
        from ._reports import reduced

        return reduced(self)

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

    def _catalog_message(self, locale: "str | None") -> str:
        code = self.code
        if code is None:
            return _status_phrase(self._status) or "unknown error"
        template = code.message if locale is None else code.message_for(locale)
        details = self.details
        if not details or not ("%" in template or "{" in template or "[" in template):
            return template
        from ._messages import fill

        return fill(template, details)

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
    def raw_code(self) -> "int | str | None":
        """The code exactly as received (an alias stays an alias)."""
        return self.args[1]

    @property
    def details(self) -> "dict[str, Any]":
        """Extra keyword arguments given when the error was made."""
        return self.args[2]

    @classmethod
    def _lookup(cls, raw_code: "int | str") -> "Code | None":
        return None

    @property
    def kind(self) -> "Kind":
        """The kind of failure: the code's; for an unknown code, the one its HTTP status
        gives (Kind.UNKNOWN without a status)."""
        code = self.code
        return _kind(type(self)._default_kind) if code is None else code.kind

    @property
    def http_status(self) -> "int | None":
        """The failing status of the response (the HTTP status when it is 400 or more, else a
        status of 400-599 in the body), else for a known code the one the vendor documents,
        else its kind's default. None for a code the catalog does not know received without
        a failing status: the package does not invent one."""
        status = self._status
        if status is not None:
            return status
        code = self.code
        if code is None:
            return None
        status = code.http_status
        return code.kind.http_status if status is None else status

    @property
    def request_id(self) -> "str | None":
        """The id the vendor gave the failed request (from the body or a header, as its
        envelopes say; also `details["request_id"]`), else None."""
        value = self.details.get("request_id")
        if type(value) is str:
            return value
        try:
            if isinstance(value, str):
                return str.__str__(value)
            if isinstance(value, int) and not isinstance(value, bool):
                return int.__repr__(value)  # ints are shown as text
        except Exception:  # past the int-to-text limit, or an object whose __class__ raises
            pass
        return None

    @property
    def retryable(self) -> bool:
        """Whether retrying later may succeed."""
        code = self.code
        return self.kind.retryable if code is None else code.retryable

    @property
    def retry_after(self) -> "float | None":
        """The seconds the response asked to wait before retrying, as of when it was read: the
        vendor's own field where the catalog declares one, else the `Retry-After` header
        (delta-seconds, or an HTTP date: 0 for one in the past); None when it asked nothing
        (or said something that is neither)."""
        return self._retry_after

    def log_fields(self) -> "dict[str, str | int]":
        """Fields for a structured log record (`logger.error(..., extra=exc.log_fields())`) or
        a span's attributes, with OpenTelemetry's names where it has them.

        `error.type` is the public, importable path of the error's class (for a code the
        catalog does not know, the vendor's base class: a value of low cardinality, as
        OpenTelemetry asks); `catalog.vendor`, `catalog.code` (as received), `catalog.kind`,
        `catalog.retryable`, `http.response.status_code`, and `catalog.request_id` when the
        response carried one. A field without a value is left out.
        """
        from ._reports import log_fields

        return log_fields(self)

    def __str__(self) -> str:
        raw_code = self.args[1]
        if raw_code is None:
            return self.message
        return f"[{_show(raw_code)}] {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({self.message!r}, raw_code={_safe_repr(self.args[1])})"

    def to_problem(self, locale: "str | None" = None) -> "dict[str, Any]":
        """An RFC 9457 problem-details object for this error.

        `title` is the catalog's message for the code (in `locale` when given), `detail` the
        message as received (else the catalog's, filled); an unknown code has the type
        `about:blank` and its HTTP status's phrase as title, or without a status its kind's
        name ("Unknown error"). `status` is left out when `http_status` is None.
        """
        from ._reports import problem

        return problem(self, locale)


class VendorError(CatalogError):
    """Base of each vendor's `<Prefix>Error`; `code` is a member of that vendor's enum.

    Each per-code class registers itself when it is defined (`code = <Prefix>Code.X` in its
    body): it becomes `<Prefix>Code.X.exception` and the class `from_code` answers with.
    """

    if TYPE_CHECKING:
        _codes: ClassVar[type[Code]]
        # Code or alias (an int code also as its str) -> per-code class: the table from_code()
        # answers from, one per vendor, filled as the vendor's per-code classes are defined.
        _classes: ClassVar[dict[int | str, "type[VendorError]"]]
    _classes = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        namespace = cls.__dict__
        if "_codes" in namespace:  # a vendor's base error
            codes = namespace["_codes"]
            table: dict[int | str, type[VendorError]] = {}
            cls._classes = table
            codes._vendor_error = cls
            first = int if issubclass(codes, IntCode) else str
            setattr(cls, "from_code", _from_code_of(cls, table, first))
        elif "code" not in namespace:
            # A group's class, or a user's subclass: `from_code` as a classmethod, so that an
            # unknown code gives an error of this class. (A per-code class inherits its vendor's
            # or its group's: for a per-code class, both give what the classmethod would.)
            setattr(cls, "from_code", VendorError.__dict__["from_code"])
        code = namespace.get("code")
        if isinstance(code, Code):
            _register(cls, code)

    @classmethod
    def _lookup(cls, raw_code: "int | str") -> "Code | None":
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
            response: Any = None,
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
    def _from_code(cls, code: object, message: object, details: "dict[str, Any]") -> "Self":
        response = details.pop("response", None)
        exc_class = None
        if type(code) is str or type(code) is int:
            exc_class = cls._classes.get(code)
        if exc_class is None:
            member = cls._codes.lookup(code)  # warns for a deprecated code
            if member is None:
                from .kinds import unknown_class

                exc_class = unknown_class(cls, "unknown")
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
        status: "int | None" = None,
        headers: "Headers | Mapping[str, Any] | None" = None,
    ) -> "Self | None":
        """The error a response reports, or None when it reports none.

        `payload` is the parsed body, the raw body (bytes or text, read as JSON when it is
        JSON) or None; `headers` any mapping, read case-insensitively. A response fails when
        one of the vendor's envelopes says so (a code that is not a success code, a success
        flag that is false, an error object) or when `status` is 400 or more. A known code
        gives its class; otherwise the kind comes from `status`. Never raises, but for
        PackageChangedError (the package was regenerated under the running process).
        """
        error: Self | None = _from_response(cls, payload, status, headers)
        return error

    @classmethod
    def raise_for_response(
        cls,
        payload: "Payload",
        *,
        status: "int | None" = None,
        headers: "Headers | Mapping[str, Any] | None" = None,
    ) -> None:
        """Raise the error a response reports (see `from_response`); return None if none."""
        error = cls.from_response(payload, status=status, headers=headers)
        if error is not None:
            raise error

    @classmethod
    def from_http_response(cls, response: object) -> "Self | None":
        """The error an HTTP client's response reports, or None when it reports none.

        `response` is a `requests.Response`, an `httpx.Response`, a urllib response or
        `urllib.error.HTTPError`, or anything with a status (`status_code` or `status`),
        `headers` and a body (`content`, or `read()`), read as `from_response` reads a body,
        status and headers. The error keeps `response` itself as `.response`. A urllib
        response is a stream: its body is read here, and is not there to read again. Raises
        TypeError for an object without a status or a body, or with a body that must be
        awaited (use `from_http_response_async`); what the client raises for a body it cannot
        deliver goes through.
        """
        error: Self | None = _http().from_http_response(cls, response, "from_http_response")
        return error

    @classmethod
    def raise_for_http_response(cls, response: object) -> None:
        """Raise the error an HTTP client's response reports (see `from_http_response`)."""
        error = cls.from_http_response(response)
        if error is not None:
            raise error

    @classmethod
    async def from_http_response_async(cls, response: object) -> "Self | None":
        """`from_http_response` for a response whose body is awaited: aiohttp's (`await
        response.read()`), httpx's `AsyncClient`'s (`await response.aread()`); any other
        response too."""
        http = _http()
        error: Self | None = await http.from_http_response_async(
            cls, response, "from_http_response"
        )
        return error

    @classmethod
    async def raise_for_http_response_async(cls, response: object) -> None:
        """Raise the error a response reports (see `from_http_response_async`)."""
        error = await cls.from_http_response_async(response)
        if error is not None:
            raise error


def _http() -> Any:
    """The module `_http` (client responses, Retry-After), loaded on first use."""
    from . import _http

    return _http


def _from_code_of(
    cls: "type[VendorError]", table: "dict[int | str, type[VendorError]]", first: type
) -> Any:
    """The `from_code` of one vendor's base error: a function over a closure holding its class
    table and the exact type of its codes, bound to the class once, here. A classmethod makes
    a bound method at every call; a staticmethod is a descriptor too, which CPython's attribute
    cache does not take. A bound method stored in the class is not (before 3.13), so reading
    `IamError.from_code` is one cached lookup, and the class comes with the call."""
    new = _new_exception

    if first is str:
        # The table of a vendor whose codes are strings holds strings only: nothing but a
        # string (a member of the vendor's enum is one too) finds a class in it, so a hit needs
        # no test of the code's type, which would cost this path a fifth. A code that is not
        # hashable, or whose hash or comparison fails, takes the slow path, which never raises.
        def from_code(cls: Any, code: object, message: object = None, **details: Any) -> Any:
            try:
                exc_class = table[code]  # type: ignore[index]
            except Exception:
                return cls._from_code(code, message, details)
            if not details:
                return new(exc_class, message, code, details)
            return cls._from_code(code, message, details)

    else:
        # Integer codes: True, 1.0 or Decimal(1) would find the class of code 1, so only an
        # exact int (or the code's text, an exact str) is looked up here.
        def from_code(cls: Any, code: object, message: object = None, **details: Any) -> Any:
            kind = type(code)
            if kind is int or kind is str:
                try:
                    exc_class = table[code]  # type: ignore[index]
                except KeyError:
                    return cls._from_code(code, message, details)
                if not details:
                    return new(exc_class, message, code, details)
            return cls._from_code(code, message, details)

    from_code.__doc__ = VendorError.from_code.__doc__
    from_code.__qualname__ = f"{cls.__qualname__}.from_code"
    return MethodType(from_code, cls)
