"""Over HTTP against gunicorn, as clients reach it: a chunked body is held to the same size limit
(413) and content type (415) as a sized one, and no hostile body or token answers 5xx."""

from __future__ import annotations

import json
import time

import jwt
import pytest

from service.config import load_config
from tests.support.live import live_server
from tests.support.raw_http import chunks, send

pytestmark = pytest.mark.live
JSON = {"Content-Type": "application/json"}
LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def server():
    with live_server(MAX_CONTENT_LENGTH=str(LIMIT)) as live:
        yield live


def login_body(padding: int = 0) -> bytes:
    return json.dumps({"user": {"email": "a@example.com", "password": "whatever1", "pad": "x" * padding}}).encode()


def test_a_chunked_body_over_the_size_limit_is_413(server):
    status, body = send(server.url, "POST", "/api/users/login", chunks(login_body(2 * LIMIT)), JSON)

    assert status == 413
    assert body == {"errors": {"body": ["request body is too large"]}}


def test_a_sized_body_over_the_size_limit_is_413(server):
    status, _body = send(server.url, "POST", "/api/users/login", login_body(2 * LIMIT), JSON)

    assert status == 413


def test_a_chunked_body_within_the_limit_is_read(server):
    status, _body = send(server.url, "POST", "/api/users/login", chunks(login_body(), size=7), JSON)

    assert status == 401  # read and checked: nobody has that email


def test_a_chunked_body_that_is_not_json_is_415(server):
    status, body = send(server.url, "POST", "/api/users/login", chunks(b"hello " * 100), {"Content-Type": "text/plain"})

    assert status == 415
    assert body == {"errors": {"body": ["request body must be JSON: send 'Content-Type: application/json'"]}}


def test_a_chunked_body_that_is_not_json_is_415_on_a_route_without_a_body_schema(server):
    status, _body = send(
        server.url, "POST", "/api/articles/some-slug/favorite", chunks(b"hello"), {"Content-Type": "text/plain"}
    )

    assert status == 415


HOSTILE_BODIES = [
    b"[" * 20_000 + b"]" * 20_000,  # within MAX_CONTENT_LENGTH: refused for its depth, not its size
    b'{"a":' * 5_000 + b"1" + b"}" * 5_000,
    b'{"user": {"email": ' + b"1" * 10_000 + b"}}",
    b'{"user": {"email": 1e99999}}',
    b'{"user": {"email": "\\ud800", "password": "\\u0000\\u0000\\u0000\\u0000"}}',
    b'{"user": {"email": "a@b.c", "email": "d@e.f"}}',
    b"\xff\xfe\x00",
    b"",
]
BODY_ROUTES = [("POST", "/api/users"), ("POST", "/api/users/login"), ("PUT", "/api/user"), ("POST", "/api/articles")]


def test_json_nested_too_deep_is_400_over_http(server):
    status, body = send(server.url, "POST", "/api/users/login", chunks(HOSTILE_BODIES[0]), JSON)

    assert (status, body) == (400, {"errors": {"body": ["request body nests deeper than 32 levels"]}})


@pytest.mark.parametrize(("method", "path"), BODY_ROUTES)
def test_no_hostile_body_answers_5xx(server, method, path):
    statuses = [send(server.url, method, path, body, JSON)[0] for body in HOSTILE_BODIES]
    statuses += [send(server.url, method, path, chunks(body), JSON)[0] for body in HOSTILE_BODIES if body]

    assert all(400 <= status < 500 for status in statuses), statuses


def test_no_forged_token_answers_5xx(server):
    now = int(time.time())
    secret = "testing-jwt-key-that-is-long-enough-012345"  # the testing profile's key, as gunicorn runs it
    forged = [
        jwt.encode({"type": "access", "sub": sub, "iat": now, "nbf": now, "exp": now + 60}, secret, algorithm="HS256")
        for sub in ("abc", "1.0", "9" * 40, "-1", "0")
    ]
    forged.append(jwt.encode({"type": "access", "sub": "1", "iat": now, "nbf": now}, secret, algorithm="HS256"))
    forged += ["", "x", "a.b.c", "Token", "\u00e9"]

    statuses = [
        send(server.url, method, path, b"{}", {**JSON, "Authorization": f"Token {token}"})[0]
        for token in forged
        for method, path in [("GET", "/api/user"), ("GET", "/api/articles"), ("POST", "/api/articles")]
    ]

    assert set(statuses) == {401}, statuses


@pytest.fixture(scope="module")
def limited_server():
    """The shipped login limits, one worker (so per-process counting is exact), behind one proxy."""
    shipped = {name: value for name, value in load_config({"ENV_PROFILE": "development"}).items() if "LOGIN" in name}
    with live_server(workers=1, PROXY_FIX_HOPS="1", MAX_CONTENT_LENGTH=str(LIMIT), **shipped) as live:
        yield live


def from_address(address: str, headers: dict[str, str] | None = None) -> dict[str, str]:
    return {"X-Forwarded-For": address, **(headers or {})}


def test_the_eleventh_login_from_one_address_is_429_whatever_the_earlier_bodies(limited_server):
    earlier = [
        (HOSTILE_BODIES[0], JSON),
        (HOSTILE_BODIES[2], JSON),
        (chunks(login_body(2 * LIMIT)), JSON),
        (chunks(b"hello"), {"Content-Type": "text/plain"}),
        (b"hello", {"Content-Type": "text/plain"}),
        (b"{not json", JSON),
        (b"", JSON),
        (b"", {}),
        (b"\xff\xfe\x00", JSON),
        (login_body(), JSON),
    ]
    statuses = [
        send(limited_server.url, "POST", "/api/users/login", body, from_address("203.0.113.77", headers))[0]
        for body, headers in earlier
    ]
    eleventh = send(limited_server.url, "POST", "/api/users/login", login_body(), from_address("203.0.113.77", JSON))

    assert all(400 <= status < 500 and status != 429 for status in statuses), statuses
    assert eleventh[0] == 429


def test_the_owner_logs_in_after_strangers_failures_from_many_addresses(limited_server):
    owner = {"username": "owner", "email": "owner@example.com", "password": "owner-password"}
    assert send(limited_server.url, "POST", "/api/users", json.dumps({"user": owner}).encode(), JSON)[0] == 201
    guess = json.dumps({"user": {"email": owner["email"], "password": "guess-password"}}).encode()
    right = json.dumps({"user": {"email": owner["email"], "password": owner["password"]}}).encode()

    failures = [
        send(limited_server.url, "POST", "/api/users/login", guess, from_address(f"198.51.100.{n}", JSON))[0]
        for n in range(25)
    ]
    status, body = send(limited_server.url, "POST", "/api/users/login", right, from_address("192.0.2.1", JSON))

    assert failures == [401] * 25
    assert status == 200
    assert body["user"]["username"] == "owner"
