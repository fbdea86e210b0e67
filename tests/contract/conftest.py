"""The contract tests drive gunicorn over HTTP with the committed spec, as an outside client would
(the `live_api` fixture and the once-per-run rule live in tests/conftest.py)."""

from __future__ import annotations

import json
import urllib.request


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
