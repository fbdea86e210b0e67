"""A database that was never migrated, or is behind the migrations, is a misconfiguration:
readiness says so (503, naming the schema), and every route answers 503 in the envelope without
Retry-After, logged as an error that says to migrate."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import create_engine, make_url, text

from service import create_app
from service.extensions import db
from tests.backends.support import call
from tests.support.live import live_server

BACKEND = os.environ.get("TEST_DATABASE", "sqlite")
NOT_SET_UP = {"errors": {"body": ["the service is not set up: its database schema is not migrated"]}}
MIGRATE = "run flask --app service db upgrade"
FIRST_REVISION = "0001"


@pytest.fixture
def unmigrated_database_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of this test's own."""
    if database_url == "sqlite://":
        yield f"sqlite:///{tmp_path / 'never-migrated.db'}"
        return
    server = create_engine(make_url(database_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS conduit_unmigrated"))
        connection.execute(text("CREATE DATABASE conduit_unmigrated"))
    yield make_url(database_url).set(database="conduit_unmigrated").render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text("DROP DATABASE conduit_unmigrated WITH (FORCE)"))
    server.dispose()


@pytest.fixture
def unmigrated_app(unmigrated_database_url: str) -> Iterator[Flask]:
    app = create_app({"ENV_PROFILE": "testing", "DATABASE_URL": unmigrated_database_url})
    yield app
    with app.app_context():
        db.engine.dispose()


def test_ready_is_503_naming_the_schema_when_the_database_was_never_migrated(unmigrated_app):
    response = unmigrated_app.test_client().get("/api/ready")

    assert response.status_code == 503
    assert response.get_json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "schema": f"not migrated: {MIGRATE}"},
    }


def test_ready_is_503_naming_both_revisions_when_the_schema_is_behind_the_migrations(unmigrated_app):
    with unmigrated_app.app_context():
        db.create_all()
        with db.engine.begin() as connection:
            MigrationContext.configure(connection).stamp(_scripts(unmigrated_app), FIRST_REVISION)
        head = _scripts(unmigrated_app).get_current_head()

    response = unmigrated_app.test_client().get("/api/ready")

    assert response.status_code == 503
    assert response.get_json()["checks"]["schema"] == f"at {FIRST_REVISION}, not at {head}: {MIGRATE}"


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("GET", "/api/articles", None),
        ("GET", "/api/tags", None),
        ("GET", "/api/profiles/alice", None),
        ("POST", "/api/users", {"user": {"username": "alice", "email": "a@example.com", "password": "password1"}}),
        ("POST", "/api/users/login", {"user": {"email": "a@example.com", "password": "password1"}}),
    ],
)
def test_a_route_on_a_never_migrated_database_is_a_503_without_retry_after(unmigrated_app, method, path, body):
    response = unmigrated_app.test_client().open(path, method=method, json=body)

    assert response.status_code == 503
    assert response.get_json() == NOT_SET_UP
    assert "Retry-After" not in response.headers


def test_a_route_on_a_never_migrated_database_logs_an_error_saying_to_migrate(unmigrated_app, caplog):
    with caplog.at_level(logging.ERROR, logger="service.errors"):
        unmigrated_app.test_client().get("/api/articles")

    assert any("flask --app service db upgrade" in record.getMessage() for record in caplog.records)


@pytest.mark.live
@pytest.mark.skipif(BACKEND != "sqlite", reason="the default set-up is SQLite; runs once, in the SQLite pass")
def test_gunicorn_on_a_never_migrated_database_is_not_ready_and_answers_503_json():
    with live_server(migrated=False) as server:
        ready = call(server.url, "GET", "/api/ready")
        answers = [call(server.url, "GET", "/api/articles"), call(server.url, "GET", "/api/tags")]
        log = server.log_tail(200)

    assert ready.status == 503
    assert ready.body["checks"]["schema"] == f"not migrated: {MIGRATE}"
    assert [(reply.status, reply.body) for reply in answers] == [(503, NOT_SET_UP)] * 2
    assert all("Retry-After" not in reply.headers for reply in answers)
    assert "Traceback" not in log
    assert "database schema is not migrated" in log


def _scripts(app: Flask) -> ScriptDirectory:
    return ScriptDirectory(app.extensions["migrate"].directory)
