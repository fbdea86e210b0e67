"""Every reader's versioned answers tagged with an ETag, so that a client holding the current tag is
answered 304 Not Modified."""

from __future__ import annotations

import pytest
from redis import Redis

from tests.support.actors import create_article
from tests.support.caching import path_and_headers, read_twice
from tests.support.servers import free_port, redis_server

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
