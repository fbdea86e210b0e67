"""Statements run without a transaction (no BEGIN and COMMIT or ROLLBACK round trips) unless a write
needs several together; a request holds one connection at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event

from service.extensions import db


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


def test_a_request_holds_one_connection_at_a_time(app, client, alice):
    """A write's checks run on the request's autocommit connection, its transaction on another:
    holding both at once, concurrent requests could take the whole pool and wait on themselves."""
    held, most_held = 0, 0

    def checked_out(*_args: Any) -> None:
        nonlocal held, most_held
        held += 1
        most_held = max(most_held, held)

    def checked_in(*_args: Any) -> None:
        nonlocal held
        held -= 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "checkout", checked_out)
    event.listen(engine, "checkin", checked_in)
    try:
        article = {"title": "Held", "description": "d", "body": "b", "tagList": ["one"]}
        response = client.post("/api/articles", headers=alice.headers, json={"article": article})
    finally:
        event.remove(engine, "checkout", checked_out)
        event.remove(engine, "checkin", checked_in)

    assert response.status_code == 201
    assert (most_held, held) == (1, 0)
