"""The SDK tests: the committed clients match the spec, and each one works end to end against gunicorn.

They run once per `scripts/test`, in its SQLite pass: the clients see the HTTP contract, which the
database backend does not change (the rest of the suite covers both backends).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support.live import LiveServer, live_server


@pytest.fixture(autouse=True)
def _once_per_run() -> None:
    if os.environ.get("TEST_DATABASE", "sqlite") == "postgresql":
        pytest.skip("SDK tests run once, in the SQLite pass (see tests/sdk/conftest.py)")


@pytest.fixture(scope="module")
def live_api() -> Iterator[LiveServer]:
    with live_server() as server:
        yield server
