"""Anonymous answers, summaries and totals kept in each worker's memory while nothing has been
written since, against a real Redis holding the content version."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import delete

from service.extensions import db
from service.models import User
from tests.support.actors import Actor, create_article
from tests.support.caching import answers_kept_after, read_twice


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


# What each write changes that anonymous readers see (issue 24: a write retires what it changed, not all).
CHANGED_BY: dict[str, list[str]] = {
    "favorite": ["/api/articles?limit=20", "/api/articles/{slug}"],
    "comment": ["/api/articles/{slug}/comments"],
    "follow": [],  # only the follower's own flags and feed: see test_scoped_invalidation
    "new article": ["/api/articles?limit=20", "/api/tags"],
}


@pytest.mark.parametrize("write", WRITES.keys())
def test_a_write_on_one_worker_retires_the_answers_it_changed_on_every_worker(
    client, other_worker, count_queries, bob, article_by_alice, write
):
    paths = [path.format(slug=article_by_alice["slug"]) for path in CHANGED_BY[write]]
    for path in paths:
        client.get(path)

    assert WRITES[write](other_worker, bob, article_by_alice) is not None
    for path in paths:
        with count_queries() as statements:
            client.get(path)
        assert statements != [], f"{path} answered from memory after the write"


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


def test_undoing_a_favorite_that_was_done_retires_the_answers(client, count_queries, bob, article_by_alice):
    assert REPEATABLE_WRITES["favorite"](client, bob, article_by_alice).status_code == 200

    undo = UNDOING_WRITES["favorite"]
    assert not answers_kept_after(client, count_queries, lambda: undo(client, bob, article_by_alice))


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
