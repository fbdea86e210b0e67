"""With its sessions in the database (no REDIS_URL) and the table that holds them out of reach (as
on a database never migrated to 0007), the console answers a 503 page saying to migrate, never a
500 or a traceback."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from sqlalchemy import text

from service import messages
from service.extensions import db
from tests.support.console import assert_store_down_page


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def sessions_table_away(app: Flask) -> Iterator[Callable[[], None]]:
    """Take the sessions table out of reach when called; put it back after the test."""
    taken = []

    def take_away() -> None:
        with app.app_context():
            db.session.execute(text("ALTER TABLE console_sessions RENAME TO console_sessions_away"))
            db.session.commit()
        taken.append(True)

    yield take_away
    if taken:
        with app.app_context():
            db.session.rollback()
            db.session.execute(text("ALTER TABLE console_sessions_away RENAME TO console_sessions"))
            db.session.commit()


def test_with_the_sessions_table_out_of_reach_a_page_is_a_503_saying_to_migrate(signed_in, sessions_table_away, caplog):
    sessions_table_away()

    answer = signed_in.get("/admin/reports")

    assert_store_down_page(answer, caplog.records, messages.MIGRATE_COMMAND)


def test_with_the_sessions_table_out_of_reach_the_sign_in_page_is_a_503(console, sessions_table_away, caplog):
    sessions_table_away()

    answer = console.get("/admin/login")

    assert_store_down_page(answer, caplog.records, messages.MIGRATE_COMMAND)
