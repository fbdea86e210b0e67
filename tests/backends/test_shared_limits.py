"""Rate limits are exact across processes: two gunicorn servers (3 workers each) share one Redis.

Counted per process, 40 simultaneous logins spread over six workers would let through up to six
times the limit; counted in Redis with the moving window, exactly the limit gets through.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

import pytest

from tests.backends.support import Reply, at_once, call, live_only
from tests.support.live import LiveServer, live_server
from tests.support.servers import redis_server

pytestmark = [pytest.mark.live, live_only]

PER_IP, PER_EMAIL = 7, 5
ATTEMPTS = 40


@pytest.fixture(scope="module")
def servers(new_database) -> Iterator[tuple[LiveServer, LiveServer]]:
    database_url = new_database("conduit_shared_limits")
    with redis_server() as redis:
        settings = {
            "REDIS_URL": redis.url,
            "RATELIMIT_LOGIN_PER_IP": f"{PER_IP}/hour",
            "RATELIMIT_LOGIN_PER_EMAIL": f"{PER_EMAIL}/hour",
            "PROXY_FIX_HOPS": "1",  # as behind a load balancer: the client address comes from X-Forwarded-For
        }
        with (
            live_server(database_url, workers=3, **settings) as first,
            live_server(database_url, workers=3, **settings) as second,
        ):
            yield first, second


def login(server: LiveServer, email: str, client_address: str | None = None) -> Reply:
    headers = {"X-Forwarded-For": client_address} if client_address else {}
    return call(server.url, "POST", "/api/users/login", {"user": {"email": email, "password": "x"}}, headers=headers)


def assert_rate_limited(reply: Reply, limit: int) -> None:
    assert reply.body == {"errors": {"body": ["too many requests, slow down"]}}
    assert int(reply.headers["Retry-After"]) > 0
    assert reply.headers["X-RateLimit-Limit"] == str(limit)
    assert reply.headers["X-RateLimit-Remaining"] == "0"
    assert int(reply.headers["X-RateLimit-Reset"]) > 0


def test_login_limit_per_address_holds_exactly_across_two_servers(servers):
    replies = at_once(
        [partial(login, servers[n % 2], f"nobody{n}@example.com", "203.0.113.7") for n in range(ATTEMPTS)]
    )

    let_through = [reply for reply in replies if reply.status != 429]
    assert [reply.status for reply in let_through] == [401] * PER_IP
    for reply in replies:
        if reply.status == 429:
            assert_rate_limited(reply, PER_IP)


def test_login_limit_per_email_holds_exactly_across_two_servers(servers):
    replies = at_once(
        [partial(login, servers[n % 2], "victim@example.com", f"198.51.100.{n}") for n in range(ATTEMPTS)]
    )

    let_through = [reply for reply in replies if reply.status != 429]
    assert [reply.status for reply in let_through] == [401] * PER_EMAIL
    for reply in replies:
        if reply.status == 429:
            assert_rate_limited(reply, PER_EMAIL)
