"""With its sessions in Redis and Redis away, the console answers a 503 page with Retry-After (no
traceback, no 500, no cookie) and changes nothing; once Redis is back it answers again."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.support.actors import create_article
from tests.support.console import article_hidden, assert_store_down_page, csrf_token
from tests.support.servers import RedisServer, free_port


@pytest.fixture
def redis_store() -> Iterator[RedisServer]:
    """A Redis of this test's own, which the test stops and starts."""
    base_dir = Path(tempfile.mkdtemp(prefix="conduit-redis-"))
    server = RedisServer(base_dir, free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base_dir, ignore_errors=True)


@pytest.fixture
def app(make_app: Callable[..., Flask], redis_store: RedisServer) -> Flask:
    return make_app(REDIS_URL=redis_store.url)


def assert_redis_down_page(answer, caplog) -> None:
    assert_store_down_page(answer, caplog.records, "Redis did not answer")  # a warning
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_with_redis_away_the_sign_in_page_is_a_503_without_a_cookie(console, redis_store, caplog):
    redis_store.stop()

    answer = console.get("/admin/login")

    assert_redis_down_page(answer, caplog)


def test_with_redis_away_a_signed_in_moderators_action_is_a_503_and_changes_nothing(
    app, client, signed_in, alice, redis_store, caplog
):
    slug = create_article(client, alice)["slug"]
    token = csrf_token(signed_in.get("/admin/reports"))
    redis_store.stop()

    answer = signed_in.post(f"/admin/articles/{slug}/hide", {"reason": "spam"}, token=token)

    assert_redis_down_page(answer, caplog)
    assert not article_hidden(app, slug)


def test_once_redis_is_back_the_console_answers_again(console, redis_store):
    redis_store.stop()
    assert console.get("/admin/login").status_code == 503

    redis_store.start()

    assert console.get("/admin/login").status_code == 200
