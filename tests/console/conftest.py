"""The console's actors: `moderator` and `admin` (staff, each with their own browser session) beside
the members `alice` and `bob`; `console` is a browser session of its own."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.support.actors import Actor, register
from tests.support.console import Console, make_staff


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
