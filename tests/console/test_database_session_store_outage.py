"""With its sessions in the database (no REDIS_URL) and the database away, the console answers a
503 page with Retry-After (no traceback, no 500, no cookie) and changes nothing; once the database
is back it answers again, sessions intact. With the sessions in Redis, a page that needs the
database is the console's 503 page too (not the API's JSON). The sessions table alone out of reach:
test_sessions_table_out_of_reach.py."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterator

import pytest
import redis
from flask import Flask

from service import create_app, messages
from service.extensions import db
from tests.support.actors import create_article, register
from tests.support.console import Console, article_hidden, assert_store_down_page, csrf_token, make_staff, text_of
from tests.support.database import create_schema_at_head
from tests.support.servers import PostgresServer, postgres_server

_names = itertools.count()


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[PostgresServer]:
    """A cluster of this module's own: its tests stop it and start it again."""
    with postgres_server() as server:
        yield server


@pytest.fixture
def own_app(own_postgres: PostgresServer) -> Iterator[Callable[..., Flask]]:
    """Apps on databases of the test's own in that cluster, started again after the test."""
    apps: list[Flask] = []

    def factory(**overrides: str) -> Flask:
        url = own_postgres.create_database(f"console_outage_{next(_names)}")
        app = create_app({"ENV_PROFILE": "testing", "DATABASE_URL": url, **overrides})
        create_schema_at_head(app)
        apps.append(app)
        return app

    yield factory
    own_postgres.start()
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(own_app: Callable[..., Flask]) -> Flask:
    """The console with its sessions in the database (no Redis)."""
    return own_app()


def assert_database_down_page(answer, caplog) -> None:
    assert_store_down_page(answer, caplog.records, "the database did not answer")  # a warning
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_with_the_database_away_the_sign_in_page_is_a_503_without_a_cookie(console, own_postgres, caplog):
    own_postgres.stop()

    answer = console.get("/admin/login")

    assert_database_down_page(answer, caplog)


def test_with_the_database_away_a_signed_in_page_is_a_503(signed_in, own_postgres, caplog):
    own_postgres.stop()

    answer = signed_in.get("/admin/reports")

    assert_database_down_page(answer, caplog)


def test_with_the_database_away_a_moderators_action_is_a_503_and_changes_nothing(
    app, client, signed_in, alice, own_postgres, caplog
):
    slug = create_article(client, alice)["slug"]
    token = csrf_token(signed_in.get("/admin/reports"))
    own_postgres.stop()

    answer = signed_in.post(f"/admin/articles/{slug}/hide", {"reason": "spam"}, token=token)

    assert_database_down_page(answer, caplog)
    own_postgres.start()
    assert not article_hidden(app, slug)


def test_once_the_database_is_back_the_session_opens_pages_again(signed_in, own_postgres):
    own_postgres.stop()
    assert signed_in.get("/admin/reports").status_code == 503

    own_postgres.start()

    assert signed_in.get("/admin/reports").status_code == 200


def test_with_sessions_in_redis_and_the_database_away_a_page_is_the_consoles_503_page(
    own_app, own_postgres, redis_url, caplog
):
    redis.Redis.from_url(redis_url).flushdb()
    app = own_app(REDIS_URL=redis_url)
    console = Console(app.test_client())
    console.sign_in(make_staff(app, register(app.test_client(), "maya")))
    own_postgres.stop()

    answer = console.get("/admin/reports")

    assert (answer.status_code, answer.mimetype, answer.headers["Retry-After"]) == (503, "text/html", "5")
    assert "default-src 'self'" in answer.headers["Content-Security-Policy"]
    assert messages.DATABASE_UNAVAILABLE in text_of(answer)
