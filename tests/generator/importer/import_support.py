"""Shared by the `codegen import` tests: the seed pages, the options each needs, and helpers."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from codegen.importer.command import Options, Result, run
from tests.conftest import ROOT, SCHEMAS

SEEDS = ROOT / "tests" / "seeds"

# The only per-page input: command-line options. Edu and Tuya lost their cell borders, so a
# row pattern reads them (Edu: the code runs straight into the text; Tuya: code, message, then
# a description that starts with a capital letter).
SEED_OPTIONS: dict[str, dict[str, str]] = {
    "authing": {},
    "edu": {"row_pattern": r"(?P<code>\d+)(?P<message>\D.*)"},
    "iam": {},
    "mtauth": {},
    "tuya": {"row_pattern": r"(?P<code>[\d,]+) (?P<message>.+?) (?P<description>[A-Z][a-z’].*)"},
}
SEED_VENDORS = tuple(SEED_OPTIONS)
TEXT_FIELDS = ("message", "description", "remedy", "http_status")


def cli_options(vendor: str) -> list[str]:
    """SEED_OPTIONS[vendor] as command-line arguments."""
    args: list[str] = []
    for key, value in SEED_OPTIONS[vendor].items():
        args += [f"--{key.replace('_', '-')}", value]
    return args


def import_page(
    page: Path | str,
    vendor: str,
    schemas: Path,
    *,
    stdin: str | None = None,
    **options: Any,
) -> Result:
    """Run the importer in-process (nothing written: the caller writes `result.after`)."""
    given = {**SEED_OPTIONS.get(vendor, {}), **options}
    return run(
        Options(page=str(page), vendor=vendor, schemas=schemas, **given),
        io.StringIO(stdin or ""),
    )


def copy_schemas(tmp_path: Path, *vendors: str) -> Path:
    """The repository's catalogs as they are now (others edit them too), in a scratch dir."""
    target = tmp_path / "schemas"
    target.mkdir(exist_ok=True)
    shutil.copy(SCHEMAS / "catalog.schema.json", target)
    for vendor in vendors or SEED_VENDORS:
        shutil.copy(SCHEMAS / f"{vendor}.yaml", target)
    return target


def load(text: str) -> Any:
    return YAML(typ="safe").load(text)


def codes_of(data: Any) -> dict[Any, dict[str, Any]]:
    """Every code and alias of a loaded catalog -> its entry."""
    found: dict[Any, dict[str, Any]] = {}
    for entry in data["codes"]:
        for code in (entry["code"], *entry.get("aliases", [])):
            found[code] = entry
    return found
