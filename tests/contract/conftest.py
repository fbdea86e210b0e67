"""The contract tests drive gunicorn over HTTP with the committed spec, as an outside client would.

They run once per `scripts/test`, in its SQLite pass: what they check is the HTTP contract, which
the database backend does not change (the rest of the suite covers both backends), and they are the
slowest tests in the suite, so a PostgreSQL pass would only double their time.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Iterator

import pytest

from tests.support.live import LiveServer, live_server


@pytest.fixture(autouse=True)
def _once_per_run() -> None:
    if os.environ.get("TEST_DATABASE", "sqlite") == "postgresql":
        pytest.skip("HTTP contract tests run once, in the SQLite pass (see tests/contract/conftest.py)")


@pytest.fixture(scope="module")
def live_api() -> Iterator[LiveServer]:
    with live_server() as server:
        yield server


def register(base_url: str, username: str) -> str:
    """Register `username` over HTTP and return its token."""
    body = {"user": {"username": username, "email": f"{username}@example.com", "password": f"{username}-password"}}
    request = urllib.request.Request(
        f"{base_url}/api/users",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["user"]["token"]
