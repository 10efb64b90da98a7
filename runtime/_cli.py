"""The `python -m catalog` command: the installed package answers by itself.

    python -m catalog show VENDOR CODE_OR_NAME      one entry, found by code, alias, name,
                                                    exception class or old name
    python -m catalog search TEXT [--vendor ID]     entries by code, name or any text
    python -m catalog decode VENDOR [--status N] [--header 'Name: value']... [FILE|-]
                                                    what from_response makes of a body
    python -m catalog vendors                       the vendors, their versions and sizes
    python -m catalog export [VENDOR]               the catalogs as JSON (catalog.export())

Each takes `--json` for scripts. Exit status: 0 found (for `decode`: the response is an
error), 1 not found (`decode`: the response reads as a success), 2 bad usage (an unknown
vendor id, which the message answers with the known ones; an unreadable file).

`search` ranks what it finds, best first:

    0  the text is the entry's code or one of its aliases
    1  the text is the entry's member or exception class name (case, `_` and spaces aside)
    2  the text is the entry's message or one of its translations
    3  the text appears in the code, name, message or a translation
    4  the text appears in the description or remedy
    5  every word of the text appears somewhere in the entry

Texts are compared case-insensitively and after Unicode NFKC normalization, so a query in
any script (`用户不存在`, `token expired`) or in full-width forms matches. Within a rank,
entries keep the vendors' order (by id) and each vendor's own order.
"""

import argparse
import json
import os
import sys
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple, NoReturn, TextIO

from . import from_response, vendors
from ._export import code_record, export, group_class, vendor_module
from ._functions import vendor_codes
from ._reports import public_path
from .base import Code, VendorError

__all__ = ["main"]

FOUND, NOT_FOUND, USAGE = 0, 1, 2


# The command as users type it, in whatever package the generator named.
PROG = f"python -m {__package__}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    # argparse binds an optional positional (decode's FILE) at the first run of positionals, so
    # in `decode iam --status 400 body.json` it reads FILE as absent and body.json as extra.
    if getattr(args, "file", None) == "-" and len(extra) == 1:
        if extra[0] == "-" or not extra[0].startswith("-"):
            args.file = extra.pop()
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        with warnings.catch_warnings():
            # A deprecated code is a field of the answer here, not a warning to its reader.
            warnings.simplefilter("ignore", DeprecationWarning)
            status: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:  # `python -m catalog search x | head`: the reader is gone
        # No second error when the interpreter flushes stdout at exit.
        sys.stdout = open(os.devnull, "w")
        return FOUND
    return status


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"{self.prog}: error: {message}\n")


def _vendor_id(text: str) -> str:
    known = vendors()
    if text not in known:
        raise argparse.ArgumentTypeError(
            f"unknown vendor id {text!r}; the known ones are: {', '.join(known)}"
        )
    return text


def _header(text: str) -> tuple[str, str]:
    name, colon, value = text.partition(":")
    if not colon or not name.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not a header; write it as 'Name: value'")
    return name.strip(), value.strip()


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Look up vendor error codes in the installed catalog package.",
        epilog="Exit status: 0 found, 1 not found, 2 bad usage.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND", parser_class=_Parser)
    as_json = _Parser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print JSON, for scripts")

    show = commands.add_parser(
        "show", parents=[as_json], help="print one entry", description="Print one entry."
    )
    show.add_argument("vendor", metavar="VENDOR", type=_vendor_id)
    show.add_argument(
        "query",
        metavar="CODE_OR_NAME",
        help="a code or alias, a member name, an exception class name, or an old name",
    )
    show.set_defaults(run=_show)

    search = commands.add_parser(
        "search",
        parents=[as_json],
        help="find entries by code, name or any text",
        description="Find entries by code, name or any text, translations included; best first.",
    )
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--vendor", metavar="ID", type=_vendor_id, help="search one vendor")
    search.add_argument("--limit", metavar="N", type=int, help="print the N best only")
    search.set_defaults(run=_search)

    decode = commands.add_parser(
        "decode",
        parents=[as_json],
        help="what a vendor's response body reports",
        description="Read a response body and print what from_response makes of it.",
    )
    decode.add_argument("vendor", metavar="VENDOR", type=_vendor_id)
    decode.add_argument("--status", metavar="N", type=int, help="the HTTP status received")
    decode.add_argument(
        "--header",
        metavar="'NAME: VALUE'",
        type=_header,
        action="append",
        default=[],
        help="a response header (repeat for several)",
    )
    decode.add_argument(
        "file", metavar="FILE", nargs="?", default="-", help="the body; - or none: stdin"
    )
    decode.set_defaults(run=_decode)

    listing = commands.add_parser(
        "vendors", parents=[as_json], help="list the vendors", description="List the vendors."
    )
    listing.set_defaults(run=_vendors)

    dump = commands.add_parser(
        "export",
        parents=[as_json],
        help="print the catalogs as JSON",
        description="Print the catalogs as JSON (always JSON; --json is accepted for symmetry).",
    )
    dump.add_argument("vendor", metavar="VENDOR", nargs="?", type=_vendor_id)
    dump.set_defaults(run=_export)
    return parser


def _print_json(data: object, out: TextIO | None = None) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=repr)
    print(text, file=out or sys.stdout)


def _normal(text: str) -> str:
    """Text as the search compares it: NFKC, case-folded, runs of blanks as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _as_name(text: str) -> str:
    return _normal(text).replace("_", " ").replace("-", " ")


# -- show ------------------------------------------------------------------------------------


class Match(NamedTuple):
    member: Code
    by: str  # "code", "alias", "name", "class", "old name", "old class name"


def find(vendor_id: str, query: str) -> Match | None:
    """The entry `query` names: a code or alias, a member, class or old name (any case)."""
    codes = vendor_codes(vendor_id)
    member = codes.lookup(query)
    if member is not None:
        same = _normal(str(member.code)) == _normal(query)
        return Match(member, "code" if same else "alias")
    wanted = _as_name(query)
    for member in codes:
        if _as_name(member.name) == wanted:
            return Match(member, "name")
    for member in codes:
        if _as_name(member.exception.__name__) == wanted:
            return Match(member, "class")
    # Old names (a renamed code's) are attributes of the enum and of the vendor module, but
    # not members: the enum answers the exact spelling of an old member name, the module
    # that of an old class name.
    module = vendor_module(vendor_id)
    for spelling, owner, by in (
        (query.strip().upper().replace(" ", "_").replace("-", "_"), codes, "old name"),
        (query.strip(), module, "old class name"),
    ):
        if not spelling.isidentifier():
            continue
        value = getattr(owner, spelling, None)
        if isinstance(value, codes):
            return Match(value, by)
        for member in codes if isinstance(value, type) else ():
            if member.exception is value:
                return Match(member, by)
    return None


def entry(member: Code) -> dict[str, Any]:
    """What `show` and `search` say of an entry: its export record, with its vendor's id,
    locale and classes."""
    group = group_class(member)
    return {
        "vendor": member.vendor,
        "locale": vendor_module(member.vendor).__catalog_vendor__.locale,
        "code_class": public_path(type(member)),
        **code_record(member),
        "group_class": None if group is None else public_path(group),
    }


def _show(args: argparse.Namespace) -> int:
    found = find(args.vendor, args.query)
    if found is None:
        print(
            f"{args.vendor} has no code, alias or name {args.query!r}"
            f" (try: {PROG} search {args.query!r})",
            file=sys.stderr,
        )
        return NOT_FOUND
    record = entry(found.member)
    if args.json:
        _print_json({**record, "matched": {"query": args.query, "by": found.by}})
        return FOUND
    if found.by not in ("code", "name"):
        print(f"{args.query!r} is the {found.by} of {found.member.name} ({found.member.code})")
    for line in _describe(record):
        print(line)
    return FOUND


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _describe(record: dict[str, Any]) -> Iterator[str]:
    rows: list[tuple[str, object]] = [
        ("code", record["code"]),
        ("member", f"{record['code_class']}.{record['name']}"),
        ("class", record["exception"]),
        ("kind", record["kind"]),
        ("retryable", _yes_no(record["retryable"])),
        ("http status", record["http_status"] or "none documented"),
        ("group", record["group"] and f"{record['group']} ({record['group_class']})"),
        ("message", f"{record['message']}  [{record['locale']}]"),
    ]
    rows += [(f"  {tag}", text) for tag, text in record["translations"].items()]
    rows += [
        ("description", record["description"]),
        ("remedy", record["remedy"]),
        ("aliases", ", ".join(map(str, record["aliases"]))),
        ("deprecated", record["deprecated"]),
    ]
    width = max(len(label) for label, _ in rows)
    yield f"{record['vendor']} {record['code']}: {record['name']}"
    for label, value in rows:
        if value not in (None, ""):
            yield f"  {label + ':':<{width + 1}} {value}"


# -- search ----------------------------------------------------------------------------------


class Hit(NamedTuple):
    rank: int
    vendor: str
    position: int
    member: Code


def rank(member: Code, query: str) -> int | None:
    """How well `member` matches `query` (0 best, see the module's docstring), or None."""
    text = _normal(query)
    if not text:
        return None
    codes = [_normal(str(code)) for code in (member.code, *member.aliases)]
    if text in codes or type(member).lookup(query) is member:
        return 0
    names = [_as_name(member.name), _as_name(member.exception.__name__)]
    if _as_name(query) in names:
        return 1
    texts = [_normal(member.message), *map(_normal, member.translations.values())]
    if text in texts:
        return 2
    if any(text in field for field in (*codes, *names, *texts)) or _as_name(query) in names[0]:
        return 3
    more = [_normal(field) for field in (member.description, member.remedy) if field]
    if any(text in field for field in more):
        return 4
    everything = " ".join((*codes, *names, *texts, *more))
    if all(word in everything for word in text.split()):
        return 5
    return None


def search(query: str, vendor_ids: Sequence[str]) -> list[Code]:
    """The entries matching `query`, best first (the ranking of the module's docstring)."""
    hits: list[Hit] = []
    for vendor_id in vendor_ids:
        for position, member in enumerate(vendor_codes(vendor_id)):
            found = rank(member, query)
            if found is not None:
                hits.append(Hit(found, vendor_id, position, member))
    return [hit.member for hit in sorted(hits, key=lambda hit: hit[:3])]


def _search(args: argparse.Namespace) -> int:
    found = search(args.text, [args.vendor] if args.vendor else vendors())
    if args.limit is not None:
        found = found[: max(args.limit, 0)]
    if args.json:
        _print_json([entry(member) for member in found])
    else:
        for member in found:
            print(f"{member.vendor}\t{member.code}\t{member.name}\t{member.message}")
    if not found:
        print(f"nothing matches {args.text!r}", file=sys.stderr)
    return FOUND if found else NOT_FOUND


# -- decode ----------------------------------------------------------------------------------


def _read(file: str) -> bytes:
    if file == "-":
        return sys.stdin.buffer.read()
    with open(file, "rb") as body:
        return body.read()


def decoded(error: VendorError) -> dict[str, Any]:
    """What `decode` says of an error."""
    return {
        "success": False,
        "class": public_path(type(error)),  # an unknown code's: its vendor's (or group's) class
        "kind": error.kind.value,
        "code": None if error.code is None else error.code.name,
        "raw_code": error.raw_code,
        "message": error.message,
        "http_status": error.http_status,
        "retryable": error.retryable,
        "details": error.details,
        "retry_after": getattr(error, "retry_after", None),
    }


def _decode(args: argparse.Namespace) -> int:
    try:
        body = _read(args.file)
    except OSError as problem:
        print(
            f"{PROG} decode: cannot read {args.file}: {problem.strerror}",
            file=sys.stderr,
        )
        return USAGE
    error = from_response(args.vendor, body, status=args.status, headers=dict(args.header))
    if error is None:
        if args.json:
            _print_json({"success": True})
        else:
            print(f"success: {args.vendor} reports no error in this response")
        return NOT_FOUND
    result = decoded(error)
    if args.json:
        _print_json(result)
        return FOUND
    width = max(map(len, result))
    for name, value in result.items():
        if name == "success" or value in (None, {}):
            continue
        shown = _yes_no(value) if isinstance(value, bool) else value
        if isinstance(value, dict):
            shown = json.dumps(value, ensure_ascii=False, default=repr)
        print(f"{name.replace('_', ' ') + ':':<{width + 1}} {shown}")
    return FOUND


# -- vendors, export -------------------------------------------------------------------------


def _vendors(args: argparse.Namespace) -> int:
    rows: list[dict[str, str | int]] = []
    for vendor_id in vendors():
        module = vendor_module(vendor_id)
        rows.append(
            {
                "id": vendor_id,
                "name": str(module.__catalog_vendor__.name),
                "version": str(module.__catalog_version__),
                "codes": len(vendor_codes(vendor_id)),
            }
        )
    if args.json:
        _print_json(rows)
        return FOUND
    table = [{key: str(value) for key, value in row.items()} for row in rows]
    heading = {key: key for key in rows[0]}
    widths = {key: max(len(row[key]) for row in [heading, *table]) for key in heading}
    for row in [heading, *table]:
        cells = [row[key].ljust(widths[key]) for key in ("id", "name", "version")]
        print("  ".join([*cells, row["codes"].rjust(widths["codes"])]))
    return FOUND


def _export(args: argparse.Namespace) -> int:
    _print_json(export(args.vendor))
    return FOUND
