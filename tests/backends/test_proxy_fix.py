"""Behind PROXY_FIX_HOPS trusted proxies, the per-address login limit keys on X-Forwarded-For;
with none (the default) the header is the client's word and is ignored."""

from __future__ import annotations

import pytest


@pytest.fixture
def client_behind(make_app):
    def build(hops: int):
        return make_app(PROXY_FIX_HOPS=hops, RATELIMIT_LOGIN_PER_IP="2/minute").test_client()

    return build


def logins(client, forwarded_for: list[str]) -> list[int]:
    """One login per entry, each with a new email, all arriving from the proxy's address."""
    return [
        client.post(
            "/api/users/login",
            json={"user": {"email": f"user{n}@example.com", "password": "whatever"}},
            headers={"X-Forwarded-For": address},
            environ_base={"REMOTE_ADDR": "10.0.0.1"},
        ).status_code
        for n, address in enumerate(forwarded_for)
    ]


def test_behind_one_proxy_the_limit_keys_on_the_forwarded_address(client_behind):
    client = client_behind(1)

    assert logins(client, ["203.0.113.1"] * 3) == [401, 401, 429]
    assert logins(client, ["203.0.113.2"]) == [401]  # another client behind the same proxy


def test_behind_one_proxy_addresses_the_client_prepends_are_ignored(client_behind):
    client = client_behind(1)

    spoofed = [f"192.0.2.{n}, 203.0.113.1" for n in range(3)]  # the proxy appends the real address last

    assert logins(client, spoofed) == [401, 401, 429]


def test_without_a_trusted_proxy_forwarded_for_is_ignored(client_behind):
    client = client_behind(0)

    assert logins(client, [f"203.0.113.{n}" for n in range(3)]) == [401, 401, 429]
