"""Only tokens we issued are accepted: signed with our key is not enough when `sub` is no user id we
could have issued (a decimal positive 32-bit integer) or `exp` is missing; such tokens are a 401 in
the envelope on every route that reads a token."""

from __future__ import annotations

import time

import jwt
import pytest

INVALID = {"errors": {"body": ["token is invalid"]}}
FORGED_CLAIMS = {
    "sub abc": {"sub": "abc"},
    "sub 1.0": {"sub": "1.0"},
    "sub of 40 digits": {"sub": "9" * 40},
    "sub beyond 32 bits": {"sub": str(2**31)},
    "sub 0": {"sub": "0"},
    "sub -1": {"sub": "-1"},
    "sub with a leading zero": {"sub": "01"},
    "sub empty": {"sub": ""},
    "sub missing": {},
    "no exp": {"sub": "1", "exp": None},
}
# A route requiring a token, one where it is optional, and a limited write keyed on it.
ROUTES = [("GET", "/api/user"), ("GET", "/api/articles"), ("POST", "/api/articles")]


def forge(app, claims):
    now = int(time.time())
    payload = {"type": "access", "fresh": False, "jti": "forged", "iat": now, "nbf": now, "exp": now + 600, **claims}
    payload = {name: value for name, value in payload.items() if value is not None}
    return jwt.encode(payload, app.config["JWT_SECRET_KEY"], algorithm=app.config["JWT_ALGORITHM"])


@pytest.mark.parametrize(("method", "path"), ROUTES)
@pytest.mark.parametrize("kind", FORGED_CLAIMS)
def test_a_token_signed_with_our_key_but_not_as_we_issue_it_is_a_401(app, client, alice, method, path, kind):
    token = forge(app, FORGED_CLAIMS[kind])

    response = client.open(path, method=method, headers={"Authorization": f"Token {token}"}, json={"article": {}})

    assert response.status_code == 401
    assert response.get_json() == INVALID


def test_a_token_shaped_as_we_issue_it_is_accepted(app, client, alice):
    user_id = jwt.decode(alice.token, options={"verify_signature": False})["sub"]
    token = forge(app, {"sub": user_id})

    response = client.get("/api/user", headers={"Authorization": f"Token {token}"})

    assert response.status_code == 200
    assert response.get_json()["user"]["username"] == "alice"
