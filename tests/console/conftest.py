"""The console's actors: `moderator` and `admin` (staff, each with their own browser session) beside
the members `alice` and `bob`; `console` is a browser session of its own. Every console test runs
twice: with the sessions in the database, and in Redis (REDIS_URL set)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from tests.support.actors import Actor, register
from tests.support.console import Console, make_staff


@pytest.fixture(params=["database-sessions", "redis-sessions"])
def app(request: pytest.FixtureRequest, make_app: Callable[..., Flask]) -> Flask:
    if request.param == "database-sessions":
        return make_app()
    url = request.getfixturevalue("redis_url")
    redis.Redis.from_url(url).flushdb()  # one server per module: nothing kept from the test before
    return make_app(REDIS_URL=url)


@pytest.fixture
def moderator(app: Flask, client: FlaskClient) -> Actor:
    return make_staff(app, register(client, "maya"), "moderator")


@pytest.fixture
def admin(app: Flask, client: FlaskClient) -> Actor:
    return make_staff(app, register(client, "ada"), "admin")


@pytest.fixture
def console(app: Flask) -> Console:
    """A browser of its own (cookies apart from `client`, which the API tests use)."""
    return Console(app.test_client())


@pytest.fixture
def signed_in(console: Console, moderator: Actor) -> Console:
    console.sign_in(moderator)
    return console


@pytest.fixture
def admin_console(app: Flask, admin: Actor) -> Console:
    console = Console(app.test_client())
    console.sign_in(admin)
    return console
