"""The corpus of real responses (tests/corpus/<vendor>.json, each case citing where it was
found): its files and cases, which the corpus tests read and the local server replays, and what
`from_response` reads in the bytes the server sends for each."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import catalog
from catalog import CatalogError

CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpus"


def files() -> dict[str, dict[str, Any]]:
    """Vendor id -> its corpus file (`vendor`, `traffic`, `cases`), as tests/corpus holds it."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(CORPUS_DIR.glob("*.json"))
    }


FILES = files()
# (vendor, case) for every case of every vendor, and the test ids naming them.
CASES = [(vendor, case) for vendor, file in FILES.items() for case in file["cases"]]
IDS = [f"{vendor}-{case['id']}" for vendor, case in CASES]


def path(vendor: str, case: dict[str, Any]) -> str:
    """The server's route replaying `case`."""
    return f"/corpus/{vendor}/{case['id']}"


def body(case: dict[str, Any]) -> bytes:
    """The body the server sends for `case`: its text as it is, or its JSON."""
    sent = case["body"]
    return sent.encode() if isinstance(sent, str) else json.dumps(sent).encode()


def read_as_sent(vendor: str, case: dict[str, Any]) -> CatalogError | None:
    """`catalog.from_response` on the body, status and headers the server sends for `case`:
    what every client's reader must find in its own response object."""
    return catalog.from_response(vendor, body(case), status=case["status"], headers=case["headers"])
