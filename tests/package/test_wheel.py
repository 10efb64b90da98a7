"""A clean install: the wheel holds the package alone and works with no dependency.

The wheel and its environment are the `install` fixture (tests/package/conftest.py); the API
is exercised there.
"""

from __future__ import annotations

import email.message
import email.parser
import json
import re
import zipfile
from pathlib import Path

from tests.conftest import GENERATED, ROOT, vendor_prefixes
from tests.package.conftest import Install, run_installed

PREFIXES = vendor_prefixes()
BUILD_TOOLS = ("jinja2", "markupsafe", "ruamel", "black", "codegen", "hypothesis", "pytest")


def test_the_wheel_holds_the_package_and_its_metadata_only(install: Install) -> None:
    with zipfile.ZipFile(install.wheel) as wheel:
        names = wheel.namelist()
        contents = {name: wheel.read(name) for name in names if name.startswith("catalog/")}
    dist_info = {name.split("/")[0] for name in names if not name.startswith("catalog/")}
    assert len(dist_info) == 1, names
    assert re.fullmatch(r"vendor_error_catalog-[^/]+\.dist-info", dist_info.pop()), names
    assert "catalog/py.typed" in contents
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    committed = {
        path.relative_to(GENERATED).as_posix(): path.read_bytes()
        for path in (GENERATED / "catalog").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert contents == committed  # every generated file, byte for byte, and nothing else


def wheel_metadata(install: Install) -> email.message.Message:
    with zipfile.ZipFile(install.wheel) as wheel:
        (name,) = [name for name in wheel.namelist() if name.endswith(".dist-info/METADATA")]
        return email.parser.Parser().parsestr(wheel.read(name).decode("utf-8"))


def test_the_wheel_requires_nothing_to_run(install: Install) -> None:
    metadata = wheel_metadata(install)
    assert metadata["Name"] == "vendor-error-catalog"
    unconditional = [
        req for req in metadata.get_all("Requires-Dist") or [] if "extra ==" not in req
    ]
    assert unconditional == []
    assert metadata["Requires-Python"] == ">=3.11"
    import catalog  # the committed package, from generated/

    assert metadata["Version"] == catalog.__version__
    assert "Typing :: Typed" in (metadata.get_all("Classifier") or [])


def test_the_wheel_metadata_names_no_dependency_at_all(install: Install) -> None:
    metadata = wheel_metadata(install)
    assert metadata.get_all("Requires-Dist") is None
    assert metadata.get_all("Provides-Extra") is None


def test_the_installed_package_needs_no_build_tool(install: Install) -> None:
    probe = """
import importlib.metadata, importlib.util, json, sys, sysconfig
import catalog
print(json.dumps({
    "file": catalog.__file__,
    "purelib": sysconfig.get_paths()["purelib"],
    "found": [name for name in sys.argv[1:] if importlib.util.find_spec(name) is not None],
    "distributions": sorted(d.metadata["Name"] for d in importlib.metadata.distributions()),
}))
"""
    seen = json.loads(run_installed(install, probe, *BUILD_TOOLS))
    assert Path(seen["file"]).is_relative_to(seen["purelib"])  # the installed copy, not generated/
    assert seen["found"] == []
    assert seen["distributions"] == ["vendor-error-catalog"]  # nothing else, not even pip


SMOKE = """
import copy, json, pickle, sys
import catalog
from catalog import CatalogError, Kind

prefixes = json.loads(sys.argv[1])
assert catalog.vendors() == sorted(prefixes), catalog.vendors()
checked = 0
for vendor_id, prefix in prefixes.items():
    codes = getattr(catalog, prefix + "Code")
    error = getattr(catalog, prefix + "Error")
    assert issubclass(error, CatalogError)
    assert error.from_response({}) is None  # no error code, no error
    for member in codes:
        assert catalog.lookup(vendor_id, member.code) is member
        assert codes.lookup(str(member.code)) is member and codes(member.code) is member
        assert isinstance(member.message, str) and member.message
        assert isinstance(member.kind, Kind)
        exc = error.from_code(member.code, details_key=1)
        assert type(exc) is member.exception and exc.code is member and exc.raw_code == member.code
        assert exc.details == {"details_key": 1} and exc.vendor == vendor_id
        assert str(exc) == f"[{member.code}] {member.message}"
        try:
            raise exc
        except member.kind.exception as caught:  # except by kind, across vendors
            assert caught is exc
        try:
            raise member.exception()
        except error as caught:  # except by vendor; a per-code class needs no argument
            assert caught.code is member and caught.message == member.message
        assert pickle.loads(pickle.dumps(exc)).code is member and copy.copy(exc).code is member
        assert exc.to_problem()["status"] == exc.http_status
        checked += 1
    unknown = error.from_code("no such code")
    assert isinstance(unknown, error) and isinstance(unknown, catalog.UnknownError)
    assert unknown.code is None and unknown.raw_code == "no such code"

# The example of docs/api.md and the README, with the first IAM code.
from catalog import IamCode, IamError
first = next(iter(IamCode))
try:
    IamError.raise_for_response({"error_code": first.code, "error_msg": "as the server said"})
except IamError as exc:
    assert exc.code is first and exc.raw_code == first.code and exc.message == "as the server said"
    assert exc.response == {"error_code": first.code, "error_msg": "as the server said"}
else:
    raise AssertionError("raise_for_response did not raise")
print(checked)
"""


def test_the_api_works_in_the_clean_environment(install: Install) -> None:
    checked = int(run_installed(install, SMOKE, json.dumps(PREFIXES)))
    assert checked > len(PREFIXES)


def test_the_wheel_carries_its_license(install: Install) -> None:
    metadata = wheel_metadata(install)
    assert metadata["License-Expression"] == "MIT"  # PEP 639
    assert metadata.get_all("License-File") == ["LICENSE"]
    # PEP 639: a license expression replaces the license classifiers.
    assert not [c for c in metadata.get_all("Classifier") or [] if c.startswith("License ::")]
    with zipfile.ZipFile(install.wheel) as wheel:
        (name,) = [
            name for name in wheel.namelist() if name.endswith(".dist-info/licenses/LICENSE")
        ]
        assert wheel.read(name) == (ROOT / "LICENSE").read_bytes()


def test_the_wheel_ships_the_export_schema(install: Install) -> None:
    probe = """
import importlib.resources, json
import catalog
schema = json.loads(importlib.resources.files("catalog").joinpath("export.schema.json").read_text())
print(schema["properties"]["format"]["const"] == catalog.export()["format"])
"""
    assert run_installed(install, probe).strip() == "True"
