"""Names: what a schema's names become in Python, which names are taken, and the naming rule.

A member name says what went wrong, subject first and condition last (`PARAMETER_INVALID`,
`USER_NOT_FOUND`, `TOKEN_EXPIRED`). `naming_warnings` checks the mechanical parts of that rule;
`lint` reports them as warnings, so `lint --strict` refuses them.
"""

from __future__ import annotations

import builtins
import keyword
import re

from codegen.schema.kinds import KINDS
from codegen.schema.model import Entry

# Names the generated modules define or import themselves; a schema must not reuse them.
RESERVED_CLASSES = frozenset(
    {"CatalogError", "VendorError", "Code", "IntCode", "StrCode", "Kind", "Vendor", "Entry"}
    | {"Any", "ClassVar", "TYPE_CHECKING"}
)
# Functions of catalog/__init__.py, which a vendor sub-module of that name would replace;
# catalog.base and catalog.kinds are the package's shared modules; catalog.errors would read as
# the package's own errors, not a vendor's.
RESERVED_VENDOR_IDS = frozenset(
    {"lookup", "vendors", "errors", "base", "kinds", "from_response", "raise_for_response"}
)
KIND_EXCEPTIONS = frozenset(kind.exception for kind in KINDS)


def camel_case(member_name: str) -> str:
    """`ACCOUNT_LOCKED` -> `AccountLocked`."""
    return "".join(word.capitalize() for word in member_name.split("_"))


def default_exception_name(member_name: str) -> str:
    """`ACCOUNT_LOCKED` -> `AccountLockedError`; `SIGNATURE_ERROR` -> `SignatureError`."""
    name = camel_case(member_name)
    return name if name.endswith("Error") else f"{name}Error"


def default_prefix(vendor_id: str) -> str:
    """`mt_auth` -> `MtAuth`."""
    return camel_case(vendor_id.upper())


def is_member_name(name: str) -> bool:
    """UPPER_SNAKE names are members; names with a lowercase letter are classes."""
    return name == name.upper()


def old_member_names(entry: Entry) -> tuple[str, ...]:
    """The deprecated member aliases an entry keeps: its UPPER_SNAKE `renamed_from` items."""
    return tuple(name for name in entry.renamed_from if is_member_name(name))


def old_class_names(entry: Entry) -> tuple[str, ...]:
    """The deprecated class aliases an entry keeps.

    Its CamelCase `renamed_from` items, and the default exception name of each old member name
    (unless the entry's class kept that name).
    """
    names: list[str] = []
    for name in entry.renamed_from:
        alias = default_exception_name(name) if is_member_name(name) else name
        if alias != entry.exception and alias not in names:
            names.append(alias)
    return tuple(names)


def file_name_problem(file_name: str, vendor_id: str) -> str | None:
    """A schema's file name is its vendor id: the name reaches generated headers and messages,
    so only a name the id rule already allows may."""
    if file_name == f"{vendor_id}.yaml":
        return None
    return (
        f"the file name must be the vendor id followed by .yaml: rename {file_name!r} to"
        f" {vendor_id + '.yaml'!r}, or change vendor.id"
    )


def vendor_id_problem(vendor_id: str) -> str | None:
    if keyword.iskeyword(vendor_id) or vendor_id in RESERVED_VENDOR_IDS:
        return f"vendor 'id' {vendor_id!r} is reserved; choose another module name"
    if hasattr(builtins, vendor_id):  # importing catalog.<id> binds <id> over the builtin
        return (
            f"vendor 'id' {vendor_id!r} would shadow the Python builtin {vendor_id!r} inside "
            f"catalog; choose another module name, e.g. {vendor_id + '_api'!r}"
        )
    return None


def prefix_problem(prefix: str) -> str | None:
    generated = (f"{prefix}Error", f"{prefix}Code")
    if keyword.iskeyword(prefix) or any(n in RESERVED_CLASSES | KIND_EXCEPTIONS for n in generated):
        return (
            f"prefix {prefix!r} would make {prefix}Error clash with a name catalog defines; "
            "choose another prefix"
        )
    shadowed = [name for name in generated if hasattr(builtins, name)]
    if shadowed:
        return (
            f"prefix {prefix!r} would make {shadowed[0]} shadow the Python builtin of that name; "
            "choose another prefix"
        )
    return None


def class_name_problem(name: str, prefix: str | None, what: str) -> str | None:
    """Why `name` cannot be a class of a vendor module (None if it can)."""
    if keyword.iskeyword(name):
        return f"class name {name!r} of {what} is a Python keyword"
    if hasattr(builtins, name):
        return (
            f"class name {name!r} of {what} would shadow the Python builtin {name}; "
            "choose a more specific name"
        )
    generated = {f"{prefix}Error", f"{prefix}Code"} if prefix is not None else set()
    if name in KIND_EXCEPTIONS or name in RESERVED_CLASSES or name in generated:
        return (
            f"class name {name!r} of {what} would shadow a name catalog generates; "
            "choose a more specific name"
        )
    return None


# -- the naming rule ------------------------------------------------------------------------

ABBREVIATIONS = {
    "PARAM": "PARAMETER",
    "PARAMS": "PARAMETER",
    "PARAMETERS": "PARAMETER",
    "PWD": "PASSWORD",
    "PASSWD": "PASSWORD",
    "MSG": "MESSAGE",
    "ACCT": "ACCOUNT",
    "ERR": "ERROR",
}
# One word per idea: the words the catalogs use for these things (a draft's names use them;
# lint leaves a curated synonym alone, and refuses only the abbreviations above).
WORDS = {
    **ABBREVIATIONS,
    "ILLEGAL": "INVALID",
    "MAIL": "EMAIL",
    "MAILBOX": "EMAIL",
    "APPLICATION": "APP",
    "APPLICATIONS": "APPS",
    "CHARS": "CHARACTERS",
    "MOBILE": "PHONE",
}
CONDITIONS = (
    "INVALID", "ILLEGAL", "MISSING", "UNKNOWN", "DUPLICATE",
    "WRONG", "INCORRECT", "EMPTY", "UNSUPPORTED", "EXPIRED",
)  # fmt: skip
SECRETS = frozenset(
    {"PASSWORD", "SECRET", "CODE", "PIN", "SIGNATURE", "KEY", "TOKEN", "ANSWER", "CAPTCHA", "OTP"}
)
KIND_WORDS = (
    "UNAVAILABLE", "UNAUTHENTICATED", "UNIMPLEMENTED", "INTERNAL", "UNKNOWN", "ABORTED",
    "EXHAUSTED", "DEADLINE_EXCEEDED", "FAILED_PRECONDITION", "INVALID_ARGUMENT",
    "PERMISSION_DENIED", "OUT_OF_RANGE",
)  # fmt: skip


def suggested_name(name: str) -> str:
    """`name` with the mechanical parts of the naming rule applied."""
    words = [ABBREVIATIONS.get(word, word) for word in name.split("_")]
    if words[0] in CONDITIONS and len(words) > 1:
        words = [*words[1:], words[0]]
    if "INCORRECT" in words and not SECRETS.intersection(words):
        words = ["INVALID" if word == "INCORRECT" else word for word in words]
    return "_".join("INVALID" if word == "ILLEGAL" else word for word in words)


_KIND_WORDS = re.compile(rf"(?<![^_])(?:{'|'.join(KIND_WORDS)})(?![^_])")
_SUSPECT = frozenset(ABBREVIATIONS) | {"ILLEGAL", "INCORRECT", "ERROR", "ERRORS", *CONDITIONS}


def naming_warnings(name: str) -> list[str]:
    """What `name` (a valid UPPER_SNAKE member name) does against the naming rule."""
    words = name.split("_")
    kinds = _KIND_WORDS.findall(name)
    if not kinds and _SUSPECT.isdisjoint(words):
        return []
    fixed = suggested_name(name)
    found: list[str] = []
    abbreviated = [word for word in words if word in ABBREVIATIONS]
    if abbreviated:
        spelled = ", ".join(
            f"{ABBREVIATIONS[word]} for {word}" for word in dict.fromkeys(abbreviated)
        )
        found.append(f"name {name!r} abbreviates: write {spelled} ({fixed!r})")
    if words[0] in CONDITIONS and len(words) > 1:
        found.append(
            f"name {name!r} puts the condition {words[0]} first: name the subject first, "
            f"the condition last ({fixed!r})"
        )
    elif "ILLEGAL" in words:
        found.append(f"name {name!r} says ILLEGAL: write INVALID ({fixed!r})")
    if "INCORRECT" in words and not SECRETS.intersection(words):
        found.append(
            f"name {name!r} says INCORRECT, which is for secrets that do not match "
            f"(a password, a code, a signature): write INVALID ({fixed!r})"
        )
    if kinds:
        found.append(
            f"name {name!r} contains {', '.join(kinds)}, which reads as a kind of failure: "
            "say what went wrong (the kind is in `kind:`)"
        )
    if words[-1] in ("ERROR", "ERRORS"):
        found.append(
            f"name {name!r} makes the class {default_exception_name(name)}, which reads like a "
            "base class: say what went wrong (e.g. '..._FAILED', '..._INVALID')"
        )
    return found
