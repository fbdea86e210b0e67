"""Statements run without a transaction (no BEGIN and COMMIT or ROLLBACK round trips) unless a write
needs several together; a request holds one connection at a time, and a worker keeps its autocommit
connection from one request to the next."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask, g
from sqlalchemy import event

from service.extensions import db
from tests.backends.support import eventually, scalar
from tests.support.backend import BACKEND


def _in_transaction(dbapi_connection: Any) -> bool:
    if hasattr(dbapi_connection, "in_transaction"):  # sqlite3
        return bool(dbapi_connection.in_transaction)
    return dbapi_connection.info.transaction_status.name != "IDLE"  # psycopg


@pytest.fixture
def transactions_left_open(app: Flask) -> Callable[[], Any]:
    """`with transactions_left_open() as seen:` whether each statement sent meanwhile left its
    connection inside a transaction."""

    @contextmanager
    def watcher() -> Iterator[list[bool]]:
        seen: list[bool] = []

        def record(connection: Any, *_args: Any) -> None:
            seen.append(_in_transaction(connection.connection.dbapi_connection))

        with app.app_context():
            engines = list(db.engines.values())
        for engine in engines:
            event.listen(engine, "after_cursor_execute", record)
        try:
            yield seen
        finally:
            for engine in engines:
                event.remove(engine, "after_cursor_execute", record)

    return watcher


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles?limit=20",
        "/api/articles/feed",
        "/api/articles/{slug}",
        "/api/articles/{slug}/comments",
        "/api/profiles/alice",
        "/api/tags",
        "/api/user",
    ],
)
def test_reads_leave_no_transaction_open(client, transactions_left_open, alice, article_by_alice, path):
    with transactions_left_open() as seen:
        response = client.get(path.format(slug=article_by_alice["slug"]), headers=alice.headers)

    assert response.status_code == 200
    assert seen and not any(seen)


def test_a_write_of_several_statements_runs_in_a_transaction(client, transactions_left_open, alice):
    article = {"title": "Several", "description": "d", "body": "b", "tagList": ["one", "two"]}

    with transactions_left_open() as seen:
        response = client.post("/api/articles", headers=alice.headers, json={"article": article})

    assert response.status_code == 201
    assert any(seen)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/articles/{slug}/favorite", None),
        ("DELETE", "/api/articles/{slug}/favorite", None),
        ("POST", "/api/articles/{slug}/comments", {"comment": {"body": "x"}}),
        ("POST", "/api/profiles/alice/follow", None),
        ("DELETE", "/api/profiles/alice/follow", None),
    ],
)
def test_a_write_of_one_statement_runs_without_a_transaction(
    client, transactions_left_open, bob, article_by_alice, method, path, body
):
    with transactions_left_open() as seen:
        response = client.open(
            path.format(slug=article_by_alice["slug"]), method=method, headers=bob.headers, json=body
        )

    assert response.status_code == 200
    assert seen and not any(seen)


def test_a_write_gives_its_connection_back_before_its_transaction_takes_one(app, client, alice):
    """A write's checks run on the request's autocommit connection, its transaction on another:
    holding both at once, concurrent requests could take the whole pool and wait on themselves."""
    holding_another: list[bool] = []

    def checked_out(*_args: Any) -> None:
        holding_another.append(g.get("request_connection") is not None)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "checkout", checked_out)
    try:
        article = {"title": "Held", "description": "d", "body": "b", "tagList": ["one"]}
        response = client.post("/api/articles", headers=alice.headers, json={"article": article})
    finally:
        event.remove(engine, "checkout", checked_out)

    assert response.status_code == 201
    assert holding_another and not any(holding_another)


postgresql_only = pytest.mark.skipif(
    BACKEND != "postgresql", reason="an in-memory SQLite database has one connection per thread; none is held"
)


OTHER_SESSIONS = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"


def _sessions_of_this_database(database_url: str) -> int:
    return scalar(database_url, f"SELECT count(*) {OTHER_SESSIONS}")


@postgresql_only
def test_a_worker_serves_its_requests_on_one_held_connection(app, client, alice, article_by_alice):
    checkouts: list[Any] = []

    def checked_out(dbapi_connection: Any, *_args: Any) -> None:
        checkouts.append(dbapi_connection)

    with app.app_context():
        engine = db.engine
    slug = article_by_alice["slug"]
    client.get("/api/articles")  # the first request of a worker connects
    event.listen(engine, "checkout", checked_out)
    try:
        for path in ("/api/articles", "/api/articles/feed", f"/api/articles/{slug}", "/api/tags"):
            assert client.get(path, headers=alice.headers).status_code == 200
        assert client.post(f"/api/articles/{slug}/favorite", headers=alice.headers).status_code == 200
    finally:
        event.remove(engine, "checkout", checked_out)

    assert checkouts == []


@postgresql_only
def test_a_held_connection_the_database_dropped_is_replaced_before_the_next_request_uses_it(app, client, database_url):
    assert client.get("/api/articles").status_code == 200
    assert scalar(database_url, f"SELECT count(pg_terminate_backend(pid)) {OTHER_SESSIONS}") >= 1
    eventually(lambda: _sessions_of_this_database(database_url) == 0, within=10)

    first, second = client.get("/api/articles"), client.get("/api/articles")

    assert (first.status_code, second.status_code) == (200, 200)


@postgresql_only
def test_disposing_the_engine_closes_its_held_connection(app, client, database_url):
    assert client.get("/api/articles").status_code == 200
    assert _sessions_of_this_database(database_url) >= 1

    with app.app_context():
        db.engine.dispose()

    # The server ends a session just after its client hangs up, not before dispose() returns.
    eventually(lambda: _sessions_of_this_database(database_url) == 0, within=10)
