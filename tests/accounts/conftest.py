"""Accounts run without Redis (jobs in-process, nothing kept per worker) and with a real Redis (RQ jobs,
"good tokens" kept under the content version)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from redis import Redis
from rq import SimpleWorker

from tests.support.smtp import Inbox, smtp_server


@pytest.fixture(params=["database", "redis"])
def store(request: pytest.FixtureRequest) -> str:
    """Where jobs and the content version live: nowhere (no Redis), or a real Redis."""
    return str(request.param)


@pytest.fixture
def app_settings(store: str, request: pytest.FixtureRequest, shared_database_url: str, tmp_path: Path) -> dict:
    settings = {"DATABASE_URL": shared_database_url, "MEDIA_ROOT": str(tmp_path / "media")}
    if "inbox" in request.fixturenames:
        settings["SMTP_URL"] = request.getfixturevalue("inbox").url
    if store == "redis":
        settings["REDIS_URL"] = request.getfixturevalue("redis_url")
        Redis.from_url(settings["REDIS_URL"]).flushall()  # no job or key left by an earlier test
    return settings


@pytest.fixture
def app(make_app: Callable[..., Flask], app_settings: dict) -> Flask:
    return make_app(**app_settings)


@pytest.fixture
def other_worker(make_app: Callable[..., Flask], app_settings: dict) -> FlaskClient:
    """A second app on the same database and Redis: another gunicorn worker, or another instance."""
    return make_app(**app_settings).test_client()


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def run_jobs(app: Flask, store: str) -> Callable[..., None]:
    """Run what the requests so far queued: a real RQ worker in burst mode (Redis), else nothing to do
    (without Redis, jobs ran in the server's process once each answer was sent and closed)."""

    def run(worker_app: Flask = app) -> None:
        if store == "redis":
            with worker_app.app_context():
                jobs_queue = worker_app.extensions["conduit_jobs"]
                SimpleWorker([jobs_queue], connection=jobs_queue.connection).work(burst=True)

    return run
