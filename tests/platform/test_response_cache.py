"""Versioned reads against a real Redis holding the content version: anonymous answers served from
the worker's memory while nothing has been written since, and every reader's answers tagged, so a
client holding the current tag is answered 304."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from flask import Flask
from flask.testing import FlaskClient
from redis import Redis
from redis.connection import AbstractConnection
from sqlalchemy import delete, event

from service.caching import kept as worker_memory
from service.caching import version as content_version
from service.caching.kept import Kept
from service.extensions import db
from service.models import User
from tests.support.actors import Actor, create_article
from tests.support.servers import free_port, redis_server


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with redis_server() as server:
        yield server.url


@pytest.fixture
def shared_database_url(database_url: str, tmp_path: Path) -> str:
    """A database two apps (two workers) can share: in-memory SQLite is private to each."""
    return f"sqlite:///{tmp_path / 'conduit.db'}" if database_url == "sqlite://" else database_url


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


def read_twice(client: FlaskClient, count_queries: Callable[[], Any], path: str, **kwargs: Any) -> list[str]:
    """Read `path` twice; the statements the second read sent."""
    first = client.get(path, **kwargs)
    with count_queries() as statements:
        second = client.get(path, **kwargs)
    assert second.status_code == first.status_code
    assert second.get_data() == first.get_data()
    return statements


# The tag cloud is kept too, but it reads no SQL when repeated anyway (its own cache in Redis).
@pytest.mark.parametrize(
    "path", ["/api/articles?limit=20", "/api/articles/{slug}", "/api/articles/{slug}/comments", "/api/profiles/alice"]
)
def test_an_anonymous_read_repeated_is_answered_without_the_database(client, count_queries, article_by_alice, path):
    assert read_twice(client, count_queries, path.format(slug=article_by_alice["slug"])) == []


def test_signed_in_reads_are_never_kept(client, count_queries, alice, article_by_alice):
    assert read_twice(client, count_queries, "/api/articles?limit=20", headers=alice.headers) != []


def test_a_signed_in_page_reads_only_its_ids_once_its_summaries_are_kept(
    client, count_queries, alice, article_by_alice
):
    assert len(read_twice(client, count_queries, "/api/articles?limit=20", headers=alice.headers)) == 1


def test_a_repeated_feed_reads_only_its_ids(client, count_queries, alice, bob, article_by_alice):
    client.post("/api/profiles/alice/follow", headers=bob.headers)

    assert len(read_twice(client, count_queries, "/api/articles/feed", headers=bob.headers)) == 1


def test_a_deleted_users_token_is_refused_where_existing_users_are_kept(app, client, alice):
    with app.app_context():
        db.session.execute(delete(User).where(User.username == "alice"))
        db.session.commit()

    assert client.get("/api/articles/feed", headers=alice.headers).status_code == 401


def test_a_page_built_from_kept_summaries_shows_each_reader_their_own_flags(client, alice, bob, article_by_alice):
    client.post(f"/api/articles/{article_by_alice['slug']}/favorite", headers=bob.headers)
    client.post("/api/profiles/alice/follow", headers=bob.headers)
    client.get("/api/articles?limit=20")  # keeps the summary, as an anonymous reader sees it

    seen_by_bob = client.get("/api/articles?limit=20", headers=bob.headers).get_json()["articles"][0]
    seen_by_alice = client.get("/api/articles?limit=10", headers=alice.headers).get_json()["articles"][0]
    seen_by_anyone = client.get("/api/articles?limit=5").get_json()["articles"][0]

    assert (seen_by_bob["favorited"], seen_by_bob["author"]["following"]) == (True, True)
    assert (seen_by_alice["favorited"], seen_by_alice["author"]["following"]) == (False, False)
    assert (seen_by_anyone["favorited"], seen_by_anyone["author"]["following"]) == (False, False)
    assert seen_by_bob["favoritesCount"] == seen_by_anyone["favoritesCount"] == 1


def test_signed_in_readers_see_a_write_made_on_another_worker_at_once(
    client, other_worker, alice, bob, article_by_alice
):
    assert client.get("/api/articles", headers=alice.headers).get_json()["articles"][0]["favoritesCount"] == 0

    other_worker.post(f"/api/articles/{article_by_alice['slug']}/favorite", headers=bob.headers)

    assert client.get("/api/articles", headers=alice.headers).get_json()["articles"][0]["favoritesCount"] == 1


@pytest.mark.parametrize("path", ["/api/articles", "/api/articles/feed", "/api/articles?author=alice"])
def test_signed_in_readers_count_an_article_added_on_another_worker_at_once(
    client, other_worker, alice, bob, article_by_alice, path
):
    client.post("/api/profiles/alice/follow", headers=bob.headers)
    assert client.get(path, headers=bob.headers).get_json()["articlesCount"] == 1

    create_article(other_worker, alice, "Alice's second")

    assert client.get(path, headers=bob.headers).get_json()["articlesCount"] == 2


def test_error_answers_are_not_kept(client, count_queries):
    assert read_twice(client, count_queries, "/api/profiles/nobody") != []


WRITES: dict[str, Callable[[FlaskClient, Actor, dict[str, Any]], Any]] = {
    "favorite": lambda client, bob, article: client.post(
        f"/api/articles/{article['slug']}/favorite", headers=bob.headers
    ),
    "comment": lambda client, bob, article: client.post(
        f"/api/articles/{article['slug']}/comments", headers=bob.headers, json={"comment": {"body": "Nice"}}
    ),
    "follow": lambda client, bob, article: client.post("/api/profiles/alice/follow", headers=bob.headers),
    "new article": lambda client, bob, article: create_article(client, bob, "Bob's first"),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_write_on_one_worker_retires_the_answers_every_worker_kept(
    client, other_worker, count_queries, bob, article_by_alice, write
):
    paths = ["/api/articles?limit=20", f"/api/articles/{article_by_alice['slug']}/comments", "/api/profiles/alice"]
    for path in paths:
        client.get(path)

    assert write(other_worker, bob, article_by_alice) is not None
    for path in paths:
        with count_queries() as statements:
            client.get(path)
        assert statements != [], f"{path} answered from memory after the write"


def answers_kept_after(client: FlaskClient, count_queries: Callable[[], Any], write: Callable[[], Any]) -> bool:
    """Whether the home page, read before `write`, is still answered from memory after it."""
    client.get("/api/articles?limit=20")
    assert write().status_code == 200
    with count_queries() as statements:
        client.get("/api/articles?limit=20")
    return statements == []


REPEATABLE_WRITES: dict[str, Callable[[FlaskClient, Actor, dict[str, Any]], Any]] = {
    "favorite": WRITES["favorite"],
    "follow": WRITES["follow"],
}


@pytest.mark.parametrize("write", REPEATABLE_WRITES.values(), ids=REPEATABLE_WRITES.keys())
def test_a_write_repeated_changes_nothing_and_keeps_the_answers(client, count_queries, bob, article_by_alice, write):
    assert write(client, bob, article_by_alice).status_code == 200

    assert answers_kept_after(client, count_queries, lambda: write(client, bob, article_by_alice))


UNDOING_WRITES: dict[str, Callable[[FlaskClient, Actor, dict[str, Any]], Any]] = {
    "favorite": lambda client, bob, article: client.delete(
        f"/api/articles/{article['slug']}/favorite", headers=bob.headers
    ),
    "follow": lambda client, bob, article: client.delete("/api/profiles/alice/follow", headers=bob.headers),
}


@pytest.mark.parametrize("undo", UNDOING_WRITES.values(), ids=UNDOING_WRITES.keys())
def test_undoing_what_was_never_done_keeps_the_answers(client, count_queries, bob, article_by_alice, undo):
    assert answers_kept_after(client, count_queries, lambda: undo(client, bob, article_by_alice))


@pytest.mark.parametrize("name", UNDOING_WRITES.keys())
def test_undoing_what_was_done_retires_the_answers(client, count_queries, bob, article_by_alice, name):
    assert REPEATABLE_WRITES[name](client, bob, article_by_alice).status_code == 200

    assert not answers_kept_after(client, count_queries, lambda: UNDOING_WRITES[name](client, bob, article_by_alice))


def test_a_login_keeps_the_answers(client, count_queries, alice, article_by_alice):
    credentials = {"user": {"email": alice.email, "password": alice.password}}

    assert answers_kept_after(client, count_queries, lambda: client.post("/api/users/login", json=credentials))


def test_anonymous_readers_see_a_write_made_on_another_worker_at_once(client, other_worker, bob, article_by_alice):
    slug = article_by_alice["slug"]
    assert client.get(f"/api/articles/{slug}").get_json()["article"]["favoritesCount"] == 0

    other_worker.post(f"/api/articles/{slug}/favorite", headers=bob.headers)

    assert client.get(f"/api/articles/{slug}").get_json()["article"]["favoritesCount"] == 1
    assert client.get("/api/articles").get_json()["articles"][0]["favoritesCount"] == 1


def test_a_refused_write_keeps_the_answers(client, count_queries, bob, article_by_alice):
    client.get("/api/articles?limit=20")

    refused = client.delete(f"/api/articles/{article_by_alice['slug']}", headers=bob.headers)

    assert refused.status_code == 403
    with count_queries() as statements:
        client.get("/api/articles?limit=20")
    assert statements == []


@pytest.mark.parametrize("app_redis_url", [""])
def test_without_redis_nothing_is_kept(client, count_queries):
    assert read_twice(client, count_queries, "/api/articles?limit=20") != []


@pytest.mark.parametrize("app_redis_url", [""])
def test_without_redis_no_answer_is_tagged(client, article_by_alice):
    assert "ETag" not in client.get("/api/articles?limit=20").headers


# --- conditional GETs --------------------------------------------------------------------------------

VERSIONED_READS = {
    "list": ("/api/articles?limit=20", None),
    "list, signed in": ("/api/articles?limit=20", "alice"),
    "feed": ("/api/articles/feed", "alice"),
    "article": ("/api/articles/{slug}", None),
    "article, signed in": ("/api/articles/{slug}", "alice"),
    "comments": ("/api/articles/{slug}/comments", "alice"),
    "profile": ("/api/profiles/alice", None),
    "tags": ("/api/tags", None),
}


def path_and_headers(request: pytest.FixtureRequest, article: dict[str, Any], read: tuple[str, str | None]):
    """The path and headers of a versioned read, its reader's token included."""
    path, reader = read
    headers = request.getfixturevalue(reader).headers if reader else {}
    return path.format(slug=article["slug"]), headers


@pytest.mark.parametrize("read", VERSIONED_READS.values(), ids=VERSIONED_READS.keys())
def test_a_versioned_answer_carries_a_weak_etag_to_revalidate_with(request, client, article_by_alice, read):
    path, headers = path_and_headers(request, article_by_alice, read)

    answer = client.get(path, headers=headers)

    assert answer.status_code == 200
    assert answer.headers["ETag"].startswith('W/"')
    assert answer.headers["Cache-Control"] == "no-cache"
    assert "Authorization" in answer.headers["Vary"]


@pytest.mark.parametrize("read", VERSIONED_READS.values(), ids=VERSIONED_READS.keys())
def test_a_client_holding_the_current_etag_gets_304_without_the_database(
    request, client, count_queries, article_by_alice, read
):
    path, headers = path_and_headers(request, article_by_alice, read)
    tag = client.get(path, headers=headers).headers["ETag"]

    with count_queries() as statements:
        answer = client.get(path, headers={**headers, "If-None-Match": tag})

    assert (answer.status_code, answer.get_data(), statements) == (304, b"", [])
    assert answer.headers["ETag"] == tag


def test_each_reader_and_each_url_has_its_own_etag(client, alice, bob, article_by_alice):
    tags = {
        client.get("/api/articles?limit=20").headers["ETag"],
        client.get("/api/articles?limit=20", headers=alice.headers).headers["ETag"],
        client.get("/api/articles?limit=20", headers=bob.headers).headers["ETag"],
        client.get("/api/articles?limit=10").headers["ETag"],
    }
    anonymous_tag = client.get("/api/articles?limit=20").headers["ETag"]

    assert len(tags) == 4
    assert (
        client.get("/api/articles?limit=20", headers={**bob.headers, "If-None-Match": anonymous_tag}).status_code == 200
    )


def test_a_write_on_another_worker_makes_the_held_etag_stale(client, other_worker, alice, bob, article_by_alice):
    held = client.get("/api/articles?limit=20", headers=alice.headers)

    other_worker.post(f"/api/articles/{article_by_alice['slug']}/favorite", headers=bob.headers)
    again = client.get("/api/articles?limit=20", headers={**alice.headers, "If-None-Match": held.headers["ETag"]})

    assert again.status_code == 200
    assert again.get_json()["articles"][0]["favoritesCount"] == 1
    assert again.headers["ETag"] != held.headers["ETag"]


def test_an_etag_never_stands_in_for_a_token(client, alice, article_by_alice):
    tag = client.get("/api/articles/feed", headers=alice.headers).headers["ETag"]

    assert client.get("/api/articles/feed", headers={"If-None-Match": tag}).status_code == 401


def test_if_none_match_any_is_answered_in_full(client, article_by_alice):
    assert client.get(f"/api/articles/{article_by_alice['slug']}", headers={"If-None-Match": "*"}).status_code == 200
    assert client.get("/api/articles/no-such-article", headers={"If-None-Match": "*"}).status_code == 404


def test_errors_and_unversioned_reads_carry_no_etag(client, alice):
    assert "ETag" not in client.get("/api/profiles/nobody").headers
    assert "ETag" not in client.get("/api/user", headers=alice.headers).headers


@pytest.mark.parametrize("app_redis_url", [f"redis://127.0.0.1:{free_port()}/0"])  # nothing listens there
def test_reads_are_answered_from_the_database_while_redis_is_down(client, count_queries):
    assert read_twice(client, count_queries, "/api/articles?limit=20") != []


def test_a_write_whose_new_version_redis_refused_retires_kept_answers_once_redis_takes_writes_again(
    make_app, shared_database_url, alice, bob
):
    """Redis out of memory still answers reads with the old version; the write it refused must not be hidden."""
    with redis_server() as server:
        redis = Redis.from_url(server.url)
        client = make_app(REDIS_URL=server.url, DATABASE_URL=shared_database_url).test_client()
        article = create_article(client, alice)
        client.get(f"/api/articles/{article['slug']}")

        redis.config_set("maxmemory", 1)  # noeviction: every write command now fails with OOM
        favorited = client.post(f"/api/articles/{article['slug']}/favorite", headers=bob.headers)
        redis.config_set("maxmemory", 0)

        assert favorited.status_code == 200
        assert client.get(f"/api/articles/{article['slug']}").get_json()["article"]["favoritesCount"] == 1


# --- the content version, watched ------------------------------------------------------------


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


@pytest.fixture
def redis_url_without_client_tracking(redis_url: str) -> str:
    """A Redis user who may not turn on client tracking, as on a Redis before 6."""
    Redis.from_url(redis_url).acl_setuser(
        "no-tracking", enabled=True, passwords=["+secret"], categories=["+@all"], commands=["-client"], keys=["*"]
    )
    return redis_url.replace("redis://", "redis://no-tracking:secret@")


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
