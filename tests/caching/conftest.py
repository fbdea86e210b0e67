"""Fixtures of the caching tests: a real Redis holding the content version, and two workers (two
apps) sharing one database and one Redis."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from redis import Redis


@pytest.fixture
def app_redis_url(redis_url: str) -> str:
    """The app's REDIS_URL; a test parametrizes it to run without Redis, or with Redis away."""
    return redis_url


@pytest.fixture
def app(make_app: Callable[..., Flask], app_redis_url: str, shared_database_url: str) -> Flask:
    return make_app(REDIS_URL=app_redis_url, DATABASE_URL=shared_database_url)


@pytest.fixture
def other_worker(make_app: Callable[..., Flask], redis_url: str, shared_database_url: str) -> FlaskClient:
    return make_app(REDIS_URL=redis_url, DATABASE_URL=shared_database_url).test_client()


@pytest.fixture
def redis_url_without_client_tracking(redis_url: str) -> str:
    """A Redis user who may not turn on client tracking, as on a Redis before 6."""
    Redis.from_url(redis_url).acl_setuser(
        "no-tracking", enabled=True, passwords=["+secret"], categories=["+@all"], commands=["-client"], keys=["*"]
    )
    return redis_url.replace("redis://", "redis://no-tracking:secret@")
