"""Losing PostgreSQL or Redis under a running gunicorn: fast, honest answers, and recovery by itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis as redis_client

from tests.backends.support import Reply, call, eventually, live_only
from tests.support.live import live_server
from tests.support.servers import PostgresServer, postgres_server

pytestmark = [pytest.mark.live, live_only]

DATABASE_UNAVAILABLE = {"errors": {"body": ["the database is unavailable, try again shortly"]}}
FAST = 5  # seconds: an outage must be answered, not waited out
RECOVERY = 30  # seconds the service gets to notice a server is back


@pytest.fixture
def own_postgres() -> Iterator[PostgresServer]:
    """A cluster of this test's own: it is stopped and started again mid-test."""
    with postgres_server() as server:
        yield server


def assert_fast_503_json(reply: Reply) -> None:
    assert reply.status == 503, reply.body
    assert reply.seconds < FAST
    assert reply.headers.get_content_type() == "application/json"


def test_database_outage_is_a_fast_503_and_the_server_recovers_by_itself(own_postgres):
    with live_server(own_postgres.create_database("conduit_outage"), workers=2) as server:
        user = {"user": {"username": "survivor", "email": "survivor@example.com", "password": "password1"}}
        token = call(server.url, "POST", "/api/users", user).body["user"]["token"]
        assert call(server.url, "GET", "/api/ready").status == 200

        own_postgres.stop()
        ready = call(server.url, "GET", "/api/ready")
        answers = [
            call(server.url, *request, token=token)
            for _ in range(3)  # several of each, so both workers meet their pooled, now dead, connections
            for request in (("GET", "/api/articles"), ("GET", "/api/user"), ("POST", "/api/profiles/x/follow"))
        ]

        assert_fast_503_json(ready)
        assert ready.body["status"] == "unavailable"
        assert ready.body["checks"]["database"].startswith("unavailable")
        assert call(server.url, "GET", "/api/health").status == 200  # the process itself is fine
        for reply in answers:
            assert_fast_503_json(reply)
            assert reply.body == DATABASE_UNAVAILABLE
            assert int(reply.headers["Retry-After"]) > 0

        own_postgres.start()
        eventually(lambda: call(server.url, "GET", "/api/ready").status == 200, within=RECOVERY)
        after = [call(server.url, "GET", "/api/user", token=token) for _ in range(6)]
        assert [reply.status for reply in after] == [200] * 6
        assert after[0].body["user"]["username"] == "survivor"


def test_redis_outage_fails_open_counting_in_memory_and_recovers(new_database, redis):
    # One worker, so the in-memory counting during the outage is exact and can be asserted.
    limits = {"REDIS_URL": redis.url, "RATELIMIT_LOGIN_PER_EMAIL": "3/hour"}
    with live_server(new_database("conduit_redis_outage"), workers=1, **limits) as server:
        counters = redis_client.Redis.from_url(redis.url)

        def login(email: str) -> int:
            return call(server.url, "POST", "/api/users/login", {"user": {"email": email, "password": "x"}}).status

        ready = call(server.url, "GET", "/api/ready")
        assert (ready.status, ready.body) == (
            200,
            {"status": "ok", "checks": {"database": "ok", "schema": "ok", "redis": "ok"}},
        )
        assert login("before@example.com") == 401
        assert counters.keys("*before@example.com*")

        redis.stop()
        ready = call(server.url, "GET", "/api/ready")
        reads = [call(server.url, "GET", "/api/articles") for _ in range(3)]
        logins = [login("during@example.com") for _ in range(4)]

        assert_fast_503_json(ready)
        assert ready.body == {
            "status": "unavailable",
            "checks": {"database": "ok", "schema": "ok", "redis": "unavailable"},
        }
        assert [reply.status for reply in reads] == [200] * 3
        assert all(reply.seconds < FAST for reply in reads)
        assert logins == [401, 401, 401, 429]  # still limited, counted in this process's memory
        assert "Rate limit storage unreachable - falling back to in-memory storage" in server.log_tail(200)

        redis.start()
        eventually(lambda: call(server.url, "GET", "/api/ready").status == 200, within=RECOVERY)
        # Back on Redis: a fresh email's attempts are counted there again.
        eventually(
            lambda: login("after@example.com") == 401 and bool(counters.keys("*after@example.com*")), within=RECOVERY
        )
