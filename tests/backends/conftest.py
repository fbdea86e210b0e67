"""Real servers for this package: databases on the session's PostgreSQL cluster, and private Redis."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from tests.support.servers import RedisServer, redis_server


@pytest.fixture(scope="session")
def new_database(database_url: str) -> Callable[[str], str]:
    """`new_database(name)` creates an empty database beside the suite's (PostgreSQL only) and returns its URL."""
    url = make_url(database_url)
    assert url.get_backend_name() == "postgresql", "live tests need TEST_DATABASE=postgresql"
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")

    def create(name: str) -> str:
        database = f"{name}_{worker}"
        engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{database}"'))
        engine.dispose()
        return url.set(database=database).render_as_string(hide_password=False)

    return create


@pytest.fixture
def redis() -> Iterator[RedisServer]:
    """A fresh, empty redis-server of this test's own (it may stop it)."""
    with redis_server() as server:
        yield server
