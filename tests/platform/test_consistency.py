"""Without Redis (the default set-up) no worker keeps anything that a write on another worker
could make stale: two apps on one database stand for two gunicorn workers, and a live gunicorn
with four workers shows the same to parallel readers."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.backends.support import call
from tests.support.live import live_server

BACKEND = os.environ.get("TEST_DATABASE", "sqlite")
READS = 40  # parallel reads after the write, spread over the workers


@pytest.fixture
def app(make_app: Callable[..., Flask], shared_database_url: str) -> Flask:
    return make_app(REDIS_URL="", DATABASE_URL=shared_database_url)


@pytest.fixture
def other_worker(make_app: Callable[..., Flask], shared_database_url: str) -> FlaskClient:
    return make_app(REDIS_URL="", DATABASE_URL=shared_database_url).test_client()


def test_the_article_count_seen_by_other_workers_includes_a_new_article_at_once(
    client, other_worker, alice, article_by_alice
):
    assert other_worker.get("/api/articles").get_json()["articlesCount"] == 1

    _write_article(client, alice, "Alice's second", [])

    assert other_worker.get("/api/articles").get_json()["articlesCount"] == 2


def test_the_article_count_seen_by_other_workers_drops_a_deleted_article_at_once(
    client, other_worker, alice, article_by_alice
):
    assert other_worker.get("/api/articles").get_json()["articlesCount"] == 1

    client.delete(f"/api/articles/{article_by_alice['slug']}", headers=alice.headers)

    assert other_worker.get("/api/articles").get_json()["articlesCount"] == 0


def test_the_tag_cloud_seen_by_other_workers_shows_a_new_tag_at_once(client, other_worker, alice, article_by_alice):
    assert "griffins" not in other_worker.get("/api/tags").get_json()["tags"]

    _write_article(client, alice, "Griffins", ["griffins"])

    assert "griffins" in other_worker.get("/api/tags").get_json()["tags"]


def test_the_tag_cloud_seen_by_other_workers_drops_a_retagged_tag_at_once(
    client, other_worker, alice, article_by_alice
):
    assert "dragons" in other_worker.get("/api/tags").get_json()["tags"]

    slug = article_by_alice["slug"]
    client.put(f"/api/articles/{slug}", headers=alice.headers, json={"article": {"tagList": ["wyverns"]}})

    assert "dragons" not in other_worker.get("/api/tags").get_json()["tags"]


@pytest.mark.live
@pytest.mark.skipif(BACKEND != "sqlite", reason="the default set-up is SQLite; runs once, in the SQLite pass")
def test_every_parallel_read_on_four_workers_without_redis_sees_a_write_made_just_before():
    with live_server(workers=4) as server:
        token = call(server.url, "POST", "/api/users", _new_user("alice")).body["user"]["token"]
        _post_article(server.url, token, "First", ["dragons"])
        with ThreadPoolExecutor(max_workers=8) as pool:  # every worker reads, and keeps what it may
            list(pool.map(lambda _: _read_all(server.url), range(READS)))

        _post_article(server.url, token, "Second", ["griffins"])
        with ThreadPoolExecutor(max_workers=8) as pool:
            seen = list(pool.map(lambda _: _read_all(server.url), range(READS)))

    assert all(reads == (2, True, "Second") for reads in seen), seen


def _write_article(client: FlaskClient, author, title: str, tags: list[str]) -> None:
    article = {"title": title, "description": "d", "body": "b", "tagList": tags}
    assert client.post("/api/articles", headers=author.headers, json={"article": article}).status_code == 201


def _new_user(name: str) -> dict[str, dict[str, str]]:
    return {"user": {"username": name, "email": f"{name}@example.com", "password": f"{name}-password"}}


def _post_article(url: str, token: str, title: str, tags: list[str]) -> None:
    article = {"title": title, "description": "d", "body": "b", "tagList": tags}
    assert call(url, "POST", "/api/articles", {"article": article}, token=token).status == 201


def _read_all(url: str) -> tuple[int, bool, str]:
    """What a reader sees: the article count, whether the tag cloud has the new tag, the newest title."""
    articles = call(url, "GET", "/api/articles").body
    tags = call(url, "GET", "/api/tags").body["tags"]
    return articles["articlesCount"], "griffins" in tags, articles["articles"][0]["title"]
