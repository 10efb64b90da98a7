"""The generated package's runtime API, for every vendor.

The reference is the schema files themselves, read here with plain ruamel.yaml: what a
maintainer wrote is what a user must get back from the package.
"""

from __future__ import annotations

import copy
import enum
import inspect
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from ruamel.yaml import YAML

import catalog
from catalog import CatalogError, Kind
from tests.conftest import GENERATED, SCHEMAS, VENDORS, run_python

# The kinds table of docs/kinds.md, copied by hand: kind -> (exception, HTTP status, retryable).
KIND_TABLE = {
    "invalid_argument": ("InvalidArgumentError", 400, False),
    "failed_precondition": ("FailedPreconditionError", 400, False),
    "out_of_range": ("OutOfRangeError", 400, False),
    "unauthenticated": ("UnauthenticatedError", 401, False),
    "permission_denied": ("PermissionDeniedError", 403, False),
    "not_found": ("NotFoundError", 404, False),
    "already_exists": ("AlreadyExistsError", 409, False),
    "aborted": ("AbortedError", 409, True),
    "resource_exhausted": ("ResourceExhaustedError", 429, True),
    "deadline_exceeded": ("DeadlineExceededError", 504, True),
    "unimplemented": ("UnimplementedError", 501, False),
    "unavailable": ("UnavailableError", 503, True),
    "internal": ("InternalError", 500, False),
    "unknown": ("UnknownError", 500, False),
}


@dataclass(frozen=True)
class Schema:
    id: str
    data: dict[str, Any]

    @property
    def prefix(self) -> str:
        return str(self.data["vendor"].get("prefix") or self.id.capitalize())

    @property
    def codes(self) -> Any:
        return getattr(catalog, f"{self.prefix}Code")

    @property
    def error(self) -> Any:
        return getattr(catalog, f"{self.prefix}Error")

    def entries(self) -> Iterator[dict[str, Any]]:
        yield from self.data["codes"]


def _schema(vendor_id: str) -> Schema:
    with (SCHEMAS / f"{vendor_id}.yaml").open(encoding="utf-8") as stream:
        return Schema(vendor_id, YAML(typ="safe").load(stream))


@pytest.fixture(params=VENDORS)
def schema(request: pytest.FixtureRequest) -> Schema:
    return _schema(request.param)


def group_classes(schema: Schema) -> dict[str, str]:
    return {group["id"]: group["name"] for group in schema.data.get("groups") or []}


# -- the code enums -------------------------------------------------------------------------


def test_enum_type_and_members(schema: Schema) -> None:
    codes = schema.codes
    base = enum.IntEnum if schema.data["vendor"]["code_type"] == "int" else enum.StrEnum
    assert issubclass(codes, base)
    assert [member.name for member in codes] == [entry["name"] for entry in schema.entries()]
    for entry in schema.entries():
        member = codes[entry["name"]]
        assert member == entry["code"] and member.code == entry["code"]
        assert member.value == entry["code"]
        assert member.message == entry["message"]
        assert member.description == entry.get("description")
        assert member.remedy == entry.get("remedy")
        assert member.http_status == entry.get("http_status")
        assert member.group == entry.get("group")
        assert member.kind is Kind(entry["kind"])
        assert member.retryable is entry.get("retryable", KIND_TABLE[entry["kind"]][2])
        assert member.aliases == tuple(entry.get("aliases", ()))
        assert member.deprecated == entry.get("deprecated")
        assert member.vendor == schema.id
        assert member.__class__.__module__ == f"catalog.{schema.id}"


def test_lookup_by_code_alias_and_either_spelling(schema: Schema) -> None:
    codes = schema.codes
    for entry in schema.entries():
        member = codes[entry["name"]]
        for code in (entry["code"], *entry.get("aliases", ())):
            assert codes.lookup(code) is member
            assert codes(code) is member  # standard Enum call, aliases too
            assert catalog.lookup(schema.id, code) is member
            spelled = (
                str(code)
                if isinstance(code, int)
                else (int(code) if code.isdigit() and not code.startswith("0") else code)
            )
            assert codes.lookup(spelled) is member, spelled


def test_lookup_of_unknown_codes(schema: Schema) -> None:
    codes = schema.codes
    for unknown in ("no-such-code", "", 987654321, "987654321", True, None, 1.5):
        assert codes.lookup(unknown) is None
    assert catalog.lookup(schema.id, 987654321) is None
    with pytest.raises(ValueError, match="unknown vendor id"):
        catalog.lookup("no-such-vendor", 1000)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        codes("no-such-code")


def test_catalog_version(schema: Schema) -> None:
    import importlib

    module = importlib.import_module(f"catalog.{schema.id}")
    assert module.__catalog_version__ == schema.data["vendor"]["version"]


# -- the exception hierarchy ----------------------------------------------------------------


def test_every_code_has_its_class_under_vendor_group_and_kind(schema: Schema) -> None:
    groups = group_classes(schema)
    for entry in schema.entries():
        member = schema.codes[entry["name"]]
        cls = member.exception
        assert cls.__name__ == entry.get("exception") or cls.__name__.endswith("Error")
        assert cls.code is member
        assert issubclass(cls, schema.error) and issubclass(cls, CatalogError)
        assert issubclass(cls, getattr(catalog, KIND_TABLE[entry["kind"]][0]))
        assert issubclass(cls, member.kind.exception)
        if "group" in entry:
            group_cls = getattr(
                __import__(f"catalog.{schema.id}", fromlist=["x"]), groups[entry["group"]]
            )
            assert issubclass(cls, group_cls) and issubclass(group_cls, schema.error)
        assert (
            cls.__doc__ is not None
            and entry["message"].split()[0] in cls.__doc__
            or "\\" in entry["message"]
        )
        assert str(entry["code"]) in (cls.__doc__ or "")


def test_from_code_builds_the_most_specific_class(schema: Schema) -> None:
    for entry in schema.entries():
        member = schema.codes[entry["name"]]
        for code in (entry["code"], *entry.get("aliases", ())):
            error = schema.error.from_code(code)
            assert type(error) is member.exception
            assert error.code is member and error.raw_code == code  # an alias keeps its raw code
            assert error.message == entry["message"]
            assert error.vendor == schema.id
            assert error.kind is member.kind
            assert error.retryable is member.retryable
            assert error.http_status == (entry.get("http_status") or KIND_TABLE[entry["kind"]][1])
            assert str(error) == f"[{code}] {entry['message']}"
        custom = schema.error.from_code(entry["code"], "as the server said", request_id="r-1")
        assert custom.message == "as the server said" and custom.details == {"request_id": "r-1"}


def test_from_code_never_raises_for_an_unknown_code(schema: Schema) -> None:
    for raw in ("no-such-code", 987654321, "", "0000000", [1010], {"code": 1}, 12.5, None):
        if schema.codes.lookup(raw) is not None:
            continue
        error = schema.error.from_code(raw)
        assert isinstance(error, schema.error) and isinstance(error, catalog.UnknownError)
        assert type(error).__bases__ == (schema.error, catalog.UnknownError)
        assert error.code is None and error.raw_code == raw
        # No status was received: the package does not invent one.
        assert error.kind is Kind.UNKNOWN and error.http_status is None and not error.retryable
        assert str(error) == ("unknown error" if raw is None else f"[{raw}] unknown error")
        assert schema.error.from_code(raw, "vendor text").message == "vendor text"


def test_from_code_reads_the_same_through_every_class_and_instance(schema: Schema) -> None:
    """`from_code` answers the same whether read from the vendor's error, one of its instances,
    a per-code class or a user's subclass (which gets an error of its own class for an unknown
    code), and shows its signature and docstring."""
    member = next(iter(schema.codes))

    class Mine(schema.error):  # type: ignore[name-defined,misc]
        pass

    for owner in (schema.error, schema.error.from_code("x-none"), member.exception, Mine):
        error = owner.from_code(member.code)
        assert type(error) is member.exception and error.raw_code == member.code
    assert type(schema.error.from_code("x-none")).__bases__[0] is schema.error
    assert type(Mine.from_code("x-none")).__bases__[0] is Mine
    parameters = inspect.signature(schema.error.from_code).parameters
    assert list(parameters) == ["code", "message", "details"]
    assert parameters["message"].default is None
    assert (schema.error.from_code.__doc__ or "").startswith("An instance of the most specific")


def test_per_code_classes_construct_with_no_arguments(schema: Schema) -> None:
    for member in schema.codes:
        error = member.exception()
        assert error.code is member and error.raw_code == member.code
        assert str(error) == f"[{member.code}] {member.message}"
        with pytest.raises(schema.error):
            raise error


def _pickled_equal(error: CatalogError) -> None:
    for clone in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert type(clone) is type(error)
        assert (clone.code, clone.raw_code, clone.message, clone.details, clone.response) == (
            error.code,
            error.raw_code,
            error.message,
            error.details,
            error.response,
        )
        assert str(clone) == str(error) and clone.args == error.args


def test_errors_pickle_and_copy_losslessly(schema: Schema) -> None:
    first = next(schema.entries())
    code = first.get("aliases", [first["code"]])[0]
    _pickled_equal(schema.error.from_code(code, "custom", attempt=3))
    _pickled_equal(schema.error.from_code("no-such-code"))
    groups = group_classes(schema)
    if groups:
        module = __import__(f"catalog.{schema.id}", fromlist=["x"])
        group_cls = getattr(module, next(iter(groups.values())))
        _pickled_equal(group_cls("a group error", raw_code="x-1"))


def test_to_problem_is_rfc9457(schema: Schema) -> None:
    member = next(iter(schema.codes))
    problem = schema.error.from_code(member.code, "as received").to_problem()
    assert problem["type"] == f"urn:catalog:{schema.id}:{member.code}"
    assert problem["title"] == member.message
    assert problem["status"] == member.exception().http_status
    assert problem["detail"] == "as received"
    assert problem["code"] == member.code and problem["vendor"] == schema.id
    unknown = schema.error.from_code("no-such-code").to_problem()
    assert unknown["type"] == "about:blank" and unknown["title"] == "Unknown error"
    assert "status" not in unknown and unknown["code"] == "no-such-code"
    upstream = schema.error.from_response(b"<html>Bad Gateway</html>", status=502).to_problem()
    assert upstream["title"] == "Bad Gateway" and upstream["status"] == 502


# -- responses ------------------------------------------------------------------------------


def _nest(path: str, value: object) -> dict[str, Any]:
    keys = path.split(".")
    payload: dict[str, Any] = {keys[-1]: value}
    for key in reversed(keys[:-1]):
        payload = {key: payload}
    return payload


def _merge(*parts: dict[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = _merge(merged[key], value)
            else:
                merged[key] = value
    return merged


def _response(
    envelope: dict[str, Any], code: object, message: str | None
) -> tuple[dict[str, Any], dict[str, str]]:
    """A failed response in this envelope's shape: its body and its headers."""
    parts: list[dict[str, Any]] = [{"request_id": "extra field", "data": None}]
    headers: dict[str, str] = {}
    if envelope.get("header"):
        headers[envelope["header"].title()] = str(code)  # read case-insensitively
    elif envelope.get("code"):
        parts.append(_nest(envelope["code"], code))
    if message is not None and envelope.get("message"):
        parts.append(_nest(envelope["message"], message))
    if envelope.get("success"):
        parts.append(_nest(envelope["success"], False))
    return _merge(*parts), headers


def test_from_response_for_every_envelope(schema: Schema) -> None:
    envelopes = schema.data["vendor"].get("response") or []
    assert envelopes, "every seed vendor documents (or is given) an envelope"
    entry = list(schema.entries())[-1]
    member = schema.codes[entry["name"]]
    for envelope in envelopes:
        if not (envelope.get("code") or envelope.get("header")):
            continue
        payload, headers = _response(envelope, entry["code"], "as sent")
        error = schema.error.from_response(payload, headers=headers)
        assert type(error) is member.exception, payload
        assert error.raw_code == entry["code"] and error.response == payload
        assert error.message == ("as sent" if envelope.get("message") else entry["message"])
        with pytest.raises(member.exception):
            schema.error.raise_for_response(payload, headers=headers)
        without_message, headers = _response(envelope, entry["code"], None)
        assert (
            schema.error.from_response(without_message, headers=headers).message == entry["message"]
        )
        # The code as a string where the vendor uses integers (and vice versa) still resolves.
        as_text, headers = _response(envelope, str(entry["code"]), None)
        assert type(schema.error.from_response(as_text, headers=headers)) is member.exception


def test_from_response_without_an_error(schema: Schema) -> None:
    vendor = schema.data["vendor"]
    assert schema.error.from_response({}) is None
    assert schema.error.from_response({"data": {"id": 1}, "unrelated": "x"}) is None
    assert schema.error.raise_for_response({}) is None
    for code in vendor.get("success") or []:
        for envelope in vendor.get("response") or []:
            if envelope.get("code") and not envelope.get("error"):  # an error list fails
                assert schema.error.from_response(_nest(envelope["code"], code)) is None
    for envelope in vendor.get("response") or []:
        if envelope.get("success"):
            ok = _merge(_nest(envelope["success"], True), {"result": {"id": 1}, "t": 1})
            assert schema.error.from_response(ok) is None


def test_from_response_with_an_unknown_code(schema: Schema) -> None:
    envelope = (schema.data["vendor"].get("response") or [])[0]
    payload, headers = _response(envelope, "no-such-code", None)
    error = schema.error.from_response(payload, headers=headers)
    assert isinstance(error, schema.error) and isinstance(error, catalog.UnknownError)
    assert error.code is None and error.raw_code == "no-such-code"


# -- kinds ----------------------------------------------------------------------------------


def test_kinds_match_the_spec_table() -> None:
    assert [kind.value for kind in Kind] == list(KIND_TABLE)
    for kind in Kind:
        name, status, retryable = KIND_TABLE[kind.value]
        assert kind.exception is getattr(catalog, name) and kind.exception.__name__ == name
        assert issubclass(kind.exception, CatalogError)
        assert (kind.http_status, kind.retryable) == (status, retryable)


def test_catch_one_kind_across_vendors() -> None:
    caught = []
    for vendor_id in VENDORS:
        schema = _schema(vendor_id)
        entry = next(
            e for e in schema.entries() if e["kind"] in ("unauthenticated", "invalid_argument")
        )
        error = schema.error.from_code(entry["code"])
        try:
            raise error
        except (catalog.UnauthenticatedError, catalog.InvalidArgumentError) as exc:
            caught.append(exc.vendor)
    assert caught == list(VENDORS)


# -- the top-level package -------------------------------------------------------------------


def test_vendors_and_exports() -> None:
    assert catalog.vendors() == sorted(VENDORS)
    for vendor_id in VENDORS:
        schema = _schema(vendor_id)
        assert (
            f"{schema.prefix}Code" in catalog.__all__ and f"{schema.prefix}Error" in catalog.__all__
        )
        assert f"{schema.prefix}Code" in dir(catalog)
    assert isinstance(catalog.__version__, str) and catalog.__version__
    with pytest.raises(AttributeError):
        catalog.NoSuchThing  # noqa: B018


def test_import_catalog_loads_no_vendor_and_a_name_loads_one_vendor() -> None:
    result = run_python(
        """
        import sys
        import catalog
        loaded = lambda: sorted(m for m in sys.modules if m.startswith("catalog."))
        print(loaded())
        from catalog import IamError
        print(loaded())
        from catalog.iam import IamCode
        next(iter(IamCode)).exception
        print(loaded())
        """,
        GENERATED,
    )
    assert result.status == 0, result.stderr
    assert result.stdout.splitlines() == [
        "[]",
        "['catalog.base', 'catalog.iam']",
        "['catalog.base', 'catalog.iam', 'catalog.iam.errors', 'catalog.kinds']",
    ]


def test_the_catalog_data_loads_with_the_per_code_classes_on_first_use() -> None:
    # A vendor's rows live in its errors module: importing the vendor reads neither; the first
    # read of a member's data (or a lookup, which indexes aliases) loads both.
    result = run_python(
        """
        import sys
        from catalog import IamCode, TuyaCode
        loaded = lambda: sorted(m for m in sys.modules if m.startswith("catalog."))
        print(loaded())
        print(IamCode.lookup("no-such-code"), TuyaCode(1010).message)
        print(loaded())
        """,
        GENERATED,
    )
    assert result.status == 0, result.stderr
    assert result.stdout.splitlines() == [
        "['catalog.base', 'catalog.iam', 'catalog.tuya']",
        "None token is expired",
        "['catalog._entries', 'catalog.base', 'catalog.iam', 'catalog.iam.errors',"
        " 'catalog.kinds', 'catalog.tuya', 'catalog.tuya.errors']",
    ]


def test_lazy_loading_is_thread_safe() -> None:
    result = run_python(
        """
        import threading
        import catalog
        # every vendor's enum and base error, and every kind exception, from 4 threads each
        names = [n for n in catalog.__all__ if n.endswith(("Code", "Error"))] * 4
        seen, errors = {}, []
        barrier = threading.Barrier(len(names))
        def touch(name):
            barrier.wait()
            try:
                value = getattr(catalog, name)
                seen.setdefault(name, set()).add(id(value))
                if name.endswith("Code") and name != "Code":  # Code: the base, no members
                    member = next(iter(value))
                    assert issubclass(member.exception, catalog.CatalogError)
                    assert member.message
            except Exception as exc:
                errors.append(repr(exc))
        threads = [threading.Thread(target=touch, args=(n,)) for n in names]
        for t in threads: t.start()
        for t in threads: t.join()
        print(errors, all(len(ids) == 1 for ids in seen.values()))
        """,
        GENERATED,
    )
    assert result.status == 0, result.stderr
    assert result.stdout.strip() == "[] True"


def test_the_package_imports_with_only_the_standard_library() -> None:
    result = run_python(
        """
        import sys
        import catalog
        for name in catalog.__all__:
            value = getattr(catalog, name)
            if name.endswith("Code") and name != "Code":  # Code: the base, no members
                for member in value:
                    member.exception
        for module in ("jinja2", "ruamel", "black", "yaml", "codegen"):
            assert module not in sys.modules, module
        print("ok")
        """,
        GENERATED,
    )
    assert result.status == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_from_code_gives_the_same_answer_before_and_after_the_classes_load() -> None:
    """The first call goes through lookup() and loads the per-code classes; later calls answer
    from a table. Both must accept 1010 and "1010" and aliases alike, and refuse a bool."""
    result = run_python(
        """
        import sys
        from catalog import TuyaError
        def answers():
            return [
                (type(e).__name__, e.raw_code, e.code and e.code.name)
                for e in map(TuyaError.from_code, (1010, "1010", 1400, "1400", " 1010 ", True, 1.5))
            ]
        first = answers()
        assert "catalog.tuya.errors" in sys.modules
        assert answers() == first, (answers(), first)
        print(first)
        """,
        GENERATED,
    )
    assert result.status == 0, result.stderr
    assert result.stdout.strip() == str(
        [
            ("TokenExpiredError", 1010, "TOKEN_EXPIRED"),
            ("TokenExpiredError", "1010", "TOKEN_EXPIRED"),
            ("TokenInvalidError", 1400, "TOKEN_INVALID"),
            ("TokenInvalidError", "1400", "TOKEN_INVALID"),
            ("TokenExpiredError", " 1010 ", "TOKEN_EXPIRED"),
            ("TuyaError", True, None),
            ("TuyaError", 1.5, None),
        ]
    )


def test_a_malformed_envelope_gives_an_unknown_error_not_an_exception() -> None:
    from catalog import IamError, TuyaError

    error = IamError.from_response({"error_code": ["IAM.0061"], "error_msg": {"text": "locked"}})
    assert isinstance(error, IamError) and error.code is None and error.raw_code == ["IAM.0061"]
    assert error.message == "unknown error"  # a mapping is not a message
    tuya = TuyaError.from_response({"success": False, "code": {"nested": 1010}, "msg": None})
    assert isinstance(tuya, TuyaError) and tuya.code is None and tuya.message == "unknown error"
