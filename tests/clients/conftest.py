"""The server every test here talks to: one per test process, on an ephemeral port."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.clients.server import Server, serve


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    yield from serve(time.time())
