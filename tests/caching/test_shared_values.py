"""What a write retired, read again by one worker and shared through Redis with the others (anonymous
answers, article summaries), which take it while the versions it was read under hold."""

from __future__ import annotations

import pytest
from redis import Redis

from service.caching.shared import SHARED
from service.caching.store import PREFIX

PATHS = ["/api/articles?limit=20", "/api/articles/{slug}"]


def _favorite(worker, bob, article, favorited=True):
    path = f"/api/articles/{article['slug']}/favorite"
    answer = worker.post(path, headers=bob.headers) if favorited else worker.delete(path, headers=bob.headers)
    assert answer.status_code == 200


@pytest.fixture
def shared_values(redis_url):
    """The keys of what is shared from now on (Redis outlives a test)."""
    redis = Redis.from_url(redis_url)
    pattern = f"{PREFIX}{SHARED}*"
    for key in redis.keys(pattern):
        redis.delete(key)
    return lambda: redis.keys(pattern)


@pytest.mark.parametrize("path", PATHS)
def test_an_answer_built_again_after_a_write_is_taken_by_the_other_workers_without_the_database(
    client, other_worker, count_queries, bob, article_by_alice, path
):
    path = path.format(slug=article_by_alice["slug"])
    client.get(path), other_worker.get(path)
    _favorite(other_worker, bob, article_by_alice)
    built = other_worker.get(path)

    with count_queries() as statements:
        taken = client.get(path)

    assert statements == []
    assert taken.get_data() == built.get_data()
    assert taken.headers["ETag"] == built.headers["ETag"]


def test_a_shared_answer_is_not_taken_once_another_write_retired_it(
    client, other_worker, count_queries, bob, article_by_alice
):
    client.get("/api/articles"), other_worker.get("/api/articles")
    _favorite(other_worker, bob, article_by_alice)
    other_worker.get("/api/articles")  # shares the count of 1

    _favorite(other_worker, bob, article_by_alice, favorited=False)

    with count_queries() as statements:
        answer = client.get("/api/articles")
    assert statements != []
    assert answer.get_json()["articles"][0]["favoritesCount"] == 0


def test_what_no_worker_kept_before_is_not_shared(client, shared_values, alice, article_by_alice):
    client.get("/api/articles"), client.get("/api/articles", headers=alice.headers)

    assert shared_values() == []


def test_an_answer_is_shared_under_one_key_per_url_whatever_the_writes(client, shared_values, bob, article_by_alice):
    client.get("/api/articles")
    for favorited in (True, False, True):
        _favorite(client, bob, article_by_alice, favorited)
        assert client.get("/api/articles").status_code == 200

    assert len([key for key in shared_values() if b":answers:" in key]) == 1


def test_a_summary_read_again_after_a_write_is_taken_by_the_other_workers_signed_in_pages(
    client, other_worker, count_queries, alice, bob, article_by_alice
):
    client.get("/api/articles", headers=alice.headers), other_worker.get("/api/articles", headers=alice.headers)
    _favorite(other_worker, bob, article_by_alice)
    built = other_worker.get("/api/articles", headers=alice.headers)

    with count_queries() as statements:
        taken = client.get("/api/articles", headers=alice.headers)

    assert len(statements) == 1  # the page's ids and alice's flags; not the summary
    assert taken.get_data() == built.get_data()
    assert taken.get_json()["articles"][0]["favoritesCount"] == 1
