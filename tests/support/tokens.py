"""Reading and getting tokens in tests."""

from __future__ import annotations

from typing import Any

import jwt as pyjwt
from flask.testing import FlaskClient


def claims_of(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = pyjwt.decode(token, options={"verify_signature": False})
    return claims


def log_in(client: FlaskClient, actor: Any, password: str | None = None) -> str:
    """A fresh token for `actor` (another device, say)."""
    credentials = {"email": actor.email, "password": password or actor.password}
    response = client.post("/api/users/login", json={"user": credentials})
    assert response.status_code == 200, response.get_json()
    token: str = response.get_json()["user"]["token"]
    return token
