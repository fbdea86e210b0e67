"""With REDIS_URL set, rate-limit counters live in Redis, where every worker and instance shares them."""

from __future__ import annotations

import pytest
import redis as redis_client

from tests.support.actors import register

NEW_ARTICLE = {"article": {"title": "t", "description": "d", "body": "b"}}


@pytest.fixture
def counters(redis) -> redis_client.Redis:
    return redis_client.Redis.from_url(redis.url)


def login(client, email):
    return client.post("/api/users/login", json={"user": {"email": email, "password": "whatever"}}).status_code


def test_login_attempts_are_counted_in_redis(make_app, redis, counters):
    client = make_app(REDIS_URL=redis.url, RATELIMIT_LOGIN_PER_IP="2/minute").test_client()

    assert [login(client, f"user{n}@example.com") for n in range(3)] == [401, 401, 429]
    assert counters.keys("*login-ip/*")

    counters.flushdb()  # the count lived in Redis and nowhere else: without it, attempts start over
    assert login(client, "user3@example.com") == 401


def test_writes_are_counted_per_user_in_redis(make_app, redis, counters):
    client = make_app(REDIS_URL=redis.url, RATELIMIT_WRITES_PER_USER="1/minute").test_client()
    writer = register(client, "writer")

    statuses = [client.post("/api/articles", headers=writer.headers, json=NEW_ARTICLE).status_code for _ in range(2)]

    assert statuses == [201, 429]
    assert counters.keys("*/user:*/writes/*")


def test_writes_with_a_bad_token_are_still_counted_by_address(make_app, redis, counters):
    # A key function that raised made flask-limiter take Redis for dead: it skipped the limit and
    # switched the process to in-memory counting.
    client = make_app(REDIS_URL=redis.url, RATELIMIT_WRITES_PER_USER="1/minute").test_client()
    bad_token = {"Authorization": "Token not.a.jwt"}

    statuses = [client.post("/api/articles", headers=bad_token, json=NEW_ARTICLE).status_code for _ in range(2)]

    assert statuses == [401, 429]
    assert counters.keys("*/ip:*/writes/*")
