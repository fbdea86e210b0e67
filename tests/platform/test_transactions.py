"""Reads run without a transaction (no BEGIN and ROLLBACK round trips); writes keep theirs."""

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


def test_a_write_runs_in_a_transaction(client, transactions_left_open, bob, article_by_alice):
    with transactions_left_open() as seen:
        response = client.post(f"/api/articles/{article_by_alice['slug']}/favorite", headers=bob.headers)

    assert response.status_code == 200
    assert any(seen)
