"""The content version each worker watches through Redis's client tracking, and the bounded kept
values it tags."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from redis import Redis
from redis.connection import AbstractConnection
from sqlalchemy import event

from service.caching import kept as worker_memory
from service.caching import version as content_version
from service.caching.kept import Kept
from service.extensions import db


def test_a_kept_answer_is_served_without_asking_redis_for_the_version(client, article_by_alice, monkeypatch):
    monkeypatch.setattr(content_version, "RECHECK_SECONDS", 3600)  # a slow machine must not recheck meanwhile
    client.get("/api/articles?limit=20")
    client.get("/api/articles?limit=20")  # the first read after a write (here the setup's) asks once

    sent = []
    monkeypatch.setattr(AbstractConnection, "send_packed_command", lambda *args, **kwargs: sent.append(args))
    assert client.get("/api/articles?limit=20").status_code == 200
    assert sent == []


@pytest.mark.parametrize("change", ["SET", "DEL", "FLUSHALL"])
def test_any_change_to_the_version_in_redis_retires_kept_answers_at_once(
    client, count_queries, redis_url, article_by_alice, change
):
    client.get("/api/articles?limit=20")
    key = "conduit:cache:" + content_version.CONTENT_VERSION
    redis = Redis.from_url(redis_url)

    {"SET": lambda: redis.set(key, '"changed elsewhere"'), "DEL": lambda: redis.delete(key)}.get(
        change, redis.flushall
    )()
    redis.ping()  # as a writer does: Redis has sent every watcher its invalidation before this answer

    with count_queries() as statements:
        client.get("/api/articles?limit=20")
    assert statements != []


def test_a_write_is_seen_on_another_worker_after_its_watching_connection_was_cut(
    client, other_worker, redis_url, bob, article_by_alice
):
    slug = article_by_alice["slug"]
    client.get(f"/api/articles/{slug}")
    Redis.from_url(redis_url).client_kill_filter(_type="normal", skipme=True)  # every app's connections

    other_worker.post(f"/api/articles/{slug}/favorite", headers=bob.headers)

    assert client.get(f"/api/articles/{slug}").get_json()["article"]["favoritesCount"] == 1
    assert client.get(f"/api/articles/{slug}").get_json()["article"]["favoritesCount"] == 1  # watching again


def test_a_worker_asks_for_the_version_again_when_it_heard_nothing_for_a_while(
    client, count_queries, redis_url, article_by_alice, monkeypatch
):
    """A connection can die without a word (the Redis host gone): its silence must not last."""
    client.get("/api/articles?limit=20")
    monkeypatch.setattr(AbstractConnection, "can_read", lambda self, timeout=0: False)  # invalidations lost
    Redis.from_url(redis_url).set("conduit:cache:" + content_version.CONTENT_VERSION, '"changed elsewhere"')
    later = content_version.time.monotonic() + content_version.RECHECK_SECONDS + 1
    monkeypatch.setattr(content_version.time, "monotonic", lambda: later)

    with count_queries() as statements:
        client.get("/api/articles?limit=20")
    assert statements != []


def test_without_client_tracking_workers_ask_for_the_version_and_warn_once(
    make_app,
    shared_database_url,
    redis_url_without_client_tracking,
    other_worker,
    bob,
    article_by_alice,
    caplog,
    monkeypatch,
):
    app = make_app(REDIS_URL=redis_url_without_client_tracking, DATABASE_URL=shared_database_url)
    root = logging.getLogger()  # building the app replaced its handlers, caplog's among them
    monkeypatch.setattr(root, "handlers", [*root.handlers, caplog.handler])
    client, slug, statements = app.test_client(), article_by_alice["slug"], []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))

    each_request_tries_again = mock.patch.object(content_version, "RETRY_WATCH_SECONDS", 0)
    with caplog.at_level("DEBUG", logger="service.caching.version"), each_request_tries_again:
        client.get(f"/api/articles/{slug}")
        kept_statements = len(statements)
        kept = client.get(f"/api/articles/{slug}")
        kept_statements = len(statements) - kept_statements
        other_worker.post(f"/api/articles/{slug}/favorite", headers=bob.headers)
        after_write = client.get(f"/api/articles/{slug}")

    assert kept.status_code == 200 and kept_statements == 0  # answers are still kept
    assert after_write.get_json()["article"]["favoritesCount"] == 1  # and still retired by a write
    tries = [record for record in caplog.records if record.name == "service.caching.version"]
    assert [record.levelname for record in tries] == ["WARNING", "DEBUG", "DEBUG"]
    assert "client|tracking" in tries[0].getMessage()


def test_kept_values_drop_the_oldest_beyond_their_byte_budget():
    kept = Kept(max_bytes=10)
    kept.put("/a", "v1", b"12345", 5)
    kept.put("/b", "v1", b"12345", 5)

    kept.put("/c", "v1", b"123", 3)

    assert kept.get("/a", "v1") is None
    assert kept.get("/b", "v1") == b"12345"
    assert kept.get("/c", "v1") == b"123"


def test_kept_values_serve_only_their_own_version():
    kept = Kept(max_bytes=100)
    kept.put("/a", "v1", b"old", 3)

    assert kept.get("/a", "v2") is None


def test_kept_values_expire_even_when_no_new_version_arrives(monkeypatch):
    kept = Kept(max_bytes=100)
    kept.put("/a", "v1", b"body", 4)
    later = worker_memory.time.monotonic() + worker_memory.MAX_AGE_SECONDS + 1

    monkeypatch.setattr(worker_memory.time, "monotonic", lambda: later)

    assert kept.get("/a", "v1") is None
