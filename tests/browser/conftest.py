"""The browser test: the docs pages in headless Chromium (Debian's, at /usr/bin/chromium) against gunicorn.

It runs once per `scripts/test`, in its SQLite pass: the pages and the API they call do not change with
the database backend (the rest of the suite covers both backends).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support.live import LiveServer, live_server


@pytest.fixture(autouse=True)
def _once_per_run() -> None:
    if os.environ.get("TEST_DATABASE", "sqlite") == "postgresql":
        pytest.skip("browser tests run once, in the SQLite pass (see tests/browser/conftest.py)")


@pytest.fixture(scope="module")
def live_api() -> Iterator[LiveServer]:
    with live_server() as server:
        yield server
