"""Every vendor's code enum, built in one pass, is the enum EnumType builds from the same source.

The one-pass build relies on how EnumType lays out an enum (its class attributes, each
member's attributes, the maps between names and values), which differs between Python
versions: this test runs on every interpreter the package supports (`make test-pythons`). It
builds each vendor's module both ways in one child interpreter and compares a picture of each
enum: every class attribute and every member attribute, then what users do with members.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import GENERATED, VENDORS, run_python

# Run in a child: a picture of an enum, as JSON, and of each vendor built both ways.
PICTURE = """
import copy, enum, importlib, json, pickle, sys
import catalog
from catalog import base

def shown(value, enum_class):
    if isinstance(value, enum_class):
        return ["member", value._name_]
    if isinstance(value, (str, int, bool, type(None))):
        return [type(value).__name__, value]
    if isinstance(value, (list, tuple)):
        return [type(value).__name__, [shown(item, enum_class) for item in value]]
    if isinstance(value, dict):
        return ["dict", [[shown(k, enum_class), shown(v, enum_class)] for k, v in value.items()]]
    if value is enum_class:
        return ["the class"]
    if isinstance(value, base._DeprecatedName):  # an old name (renamed_from): what it gives
        return ["old name", shown(value.member, enum_class), value.text, value.once]
    owner = getattr(value, "__module__", None)
    if callable(value) or isinstance(value, (classmethod, staticmethod, property)):
        # The same function or descriptor object, or (for those made per class) its name.
        return ["callable", owner if owner != enum_class.__module__ else "vendor",
                getattr(value, "__qualname__", type(value).__qualname__)]
    if hasattr(value, "__slots__") and not isinstance(value, type):
        # A descriptor made per class (an old or deprecated name): the same by its state.
        state = [[slot, shown(getattr(value, slot), enum_class)] for slot in value.__slots__]
        return ["other", type(value).__qualname__, state]
    return ["other", type(value).__qualname__, repr(value)]

def picture(codes):
    members = list(codes.__members__.values())
    return {
        "class": [[key, shown(value, codes)] for key, value in codes.__dict__.items()],
        "members": [
            [member._name_, [[key, shown(value, codes)] for key, value in vars(member).items()]]
            for member in members
        ],
        "behaviour": [
            [
                repr(member), str(member), format(member), f"{member:>12}", hash(member),
                codes(member._value_) is member, codes[member._name_] is member,
                pickle.loads(pickle.dumps(member)) is member, copy.copy(member) is member,
                copy.deepcopy(member) is member, member in codes, member == member._value_,
                type(member).__name__, member.name, repr(member.value),
            ]
            for member in members
        ],
        "iteration": [member._name_ for member in codes],
        "names": list(codes.__members__),
        "dir": dir(codes),
        "length": len(codes),
        "repr": repr(codes),
        "metaclass": type(codes).__qualname__,
    }

def build(vendor_id):
    module = importlib.import_module("catalog." + vendor_id)
    [codes] = [value for value in vars(module).values() if isinstance(value, enum.EnumType)]
    return codes  # its members as the import leaves them: __all__ would load the errors module

made_in_one_pass = []
one_pass = base._build_in_one_pass
def counting(*args):
    made = one_pass(*args)
    made_in_one_pass.append(made is not None)
    return made
base._build_in_one_pass = counting

pictures = {}
for vendor_id in catalog.vendors():
    fast = picture(build(vendor_id))
    base._one_pass = False
    del sys.modules["catalog." + vendor_id]
    normal = picture(build(vendor_id))
    base._one_pass = True
    pictures[vendor_id] = {"one pass": fast, "enum": normal}
print(json.dumps({"one pass used": made_in_one_pass, "pictures": pictures}))
"""


@pytest.fixture(scope="module")
def built() -> dict[str, Any]:
    result = run_python(PICTURE, GENERATED)
    assert result.status == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_every_vendor_enum_is_built_in_one_pass(built: dict[str, Any]) -> None:
    assert built["one pass used"] == [True] * len(VENDORS)


@pytest.mark.parametrize("vendor_id", VENDORS)
@pytest.mark.parametrize("aspect", ["class", "members", "behaviour", "iteration", "names", "dir"])
def test_the_one_pass_enum_equals_the_enum_enumtype_builds(
    built: dict[str, Any], vendor_id: str, aspect: str
) -> None:
    pictures = built["pictures"][vendor_id]
    assert pictures["one pass"][aspect] == pictures["enum"][aspect]


@pytest.mark.parametrize("vendor_id", VENDORS)
def test_the_whole_picture_is_the_same(built: dict[str, Any], vendor_id: str) -> None:
    pictures = built["pictures"][vendor_id]
    assert pictures["one pass"] == pictures["enum"]


def test_a_body_the_one_pass_does_not_expect_is_built_by_enumtype() -> None:
    result = run_python(
        """
        from catalog import base

        class Shouting(base.StrCode):
            QUIET = "q"
            LOUD = "l"

            def shout(self) -> str:
                return self.value.upper()

        class Ignoring(base.IntCode):
            _ignore_ = ["SCRATCH"]
            ONE = 1
            SCRATCH = 2

        print(list(Shouting), Shouting.LOUD.shout(), Shouting("q").name)
        print(list(Ignoring), hasattr(Ignoring, "SCRATCH"))
        """,
        GENERATED,
    )
    assert result.status == 0, result.stderr
    assert result.stdout.splitlines() == [
        "[<Shouting.QUIET: 'q'>, <Shouting.LOUD: 'l'>] L QUIET",
        "[<Ignoring.ONE: 1>] False",
    ]


def test_a_vendor_enum_derives_from_its_flavour_and_the_enum_it_stands_for() -> None:
    # At run time StrCode and IntCode are mixins: the vendor's enum has the MRO of an enum
    # deriving from `StrCode(Code, StrEnum)` (or IntCode, IntEnum), as type checkers see it.
    result = run_python(
        """
        import enum, pickle
        import catalog
        from catalog import base

        for name in ("IamCode", "TuyaCode"):
            codes = getattr(catalog, name)
            member = next(iter(codes))
            print(name, [klass.__name__ for klass in codes.__mro__])
            print(isinstance(member, (base.Code, enum.Enum)), issubclass(codes, base.Code),
                  pickle.loads(pickle.dumps(member)) is member, len(base.StrCode))
        """,
        GENERATED,
    )
    assert result.status == 0, result.stderr
    assert result.stdout.splitlines() == [
        "IamCode ['IamCode', 'StrCode', 'Code', 'StrEnum', 'str', 'ReprEnum', 'Enum', 'object']",
        "True True True 0",
        "TuyaCode ['TuyaCode', 'IntCode', 'Code', 'IntEnum', 'int', 'ReprEnum', 'Enum', 'object']",
        "True True True 0",
    ]
