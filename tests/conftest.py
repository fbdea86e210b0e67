"""Fixtures shared by every test: the app on the chosen database, a client, and actors.

`TEST_DATABASE=postgresql` runs the same suite against a throwaway PostgreSQL cluster
(started here, dropped afterwards); the default is in-memory SQLite.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, text

from service import create_app
from service.extensions import db
from service.search_index import WINDOW_TABLE
from tests.support.actors import Actor, create_article, register
from tests.support.backend import BACKEND
from tests.support.database import create_schema_at_head
from tests.support.servers import redis_server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Consumer tests (schemathesis, the SDKs, the browser) see only the HTTP contract, and the spec's
    tools only the committed spec, which the database backend does not change: they run once per
    `scripts/test`, in its SQLite pass."""
    if BACKEND != "postgresql":
        return
    skip = pytest.mark.skip(reason="consumer and spec-tool tests run once, in the SQLite pass of scripts/test")
    for item in items:
        if item.get_closest_marker("consumer") or item.get_closest_marker("spec_tools"):
            item.add_marker(skip)


@pytest.fixture(scope="module")
def live_api() -> Iterator[Any]:
    """gunicorn serving the app on loopback (SQLite), for tests that act as outside clients."""
    from tests.support.live import live_server

    with live_server() as server:
        yield server


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    if BACKEND == "postgresql":
        from tests.support.servers import postgres_server

        with postgres_server() as server:
            worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
            yield server.create_database(f"conduit_test_{worker}")
    else:
        yield "sqlite://"


@pytest.fixture
def make_app(database_url: str) -> Iterator[Callable[..., Flask]]:
    """Build an app with config overrides; its tables are emptied afterwards."""
    apps: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        app = create_app({"ENV_PROFILE": "testing", "DATABASE_URL": database_url, **overrides})
        create_schema_at_head(app)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        with app.app_context():
            if db.engine.dialect.name == "postgresql":
                tables = ", ".join(table.name for table in db.metadata.sorted_tables)
                db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
                if db.session.execute(text("SELECT to_regclass(:name)"), {"name": WINDOW_TABLE}).scalar():
                    db.session.execute(text(f"UPDATE {WINDOW_TABLE} SET boundary = NULL"))  # nothing behind it now
                db.session.commit()
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def alice(client: FlaskClient) -> Actor:
    return register(client, "alice")


@pytest.fixture
def bob(client: FlaskClient) -> Actor:
    return register(client, "bob")


@pytest.fixture
def article_by_alice(client: FlaskClient, alice: Actor) -> dict[str, Any]:
    return create_article(client, alice, tagList=["dragons", "training"])


@pytest.fixture
def count_queries(app: Flask) -> Callable[[], Any]:
    """`with count_queries() as statements:` collects every SQL statement sent meanwhile."""

    @contextmanager
    def counter() -> Iterator[list[str]]:
        statements: list[str] = []

        def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", record)

    return counter


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with redis_server() as server:
        yield server.url


@pytest.fixture
def shared_database_url(database_url: str, tmp_path: Path) -> str:
    """A database two apps (two workers) can share: in-memory SQLite is private to each."""
    return f"sqlite:///{tmp_path / 'conduit.db'}" if database_url == "sqlite://" else database_url
