"""Login throttling that strangers cannot turn against the owner, with the shipped limits: every
attempt counts per client address, failures per (address, email), and every attempt per email
across addresses only at a threshold far above what a handful of strangers reach. Addresses vary
through X-Forwarded-For behind one trusted proxy (PROXY_FIX_HOPS=1)."""

from __future__ import annotations

import pytest

from service.config import load_config

LOGIN_LIMITS = ("RATELIMIT_LOGIN_PER_IP", "RATELIMIT_LOGIN_PER_IP_EMAIL", "RATELIMIT_LOGIN_PER_EMAIL")


@pytest.fixture
def shipped_limits_client(make_app, monkeypatch):
    for name in LOGIN_LIMITS:
        monkeypatch.delenv(name, raising=False)
    shipped = load_config({"ENV_PROFILE": "development"})
    app = make_app(PROXY_FIX_HOPS=1, **{name: shipped[name] for name in LOGIN_LIMITS if name in shipped})
    return app.test_client()


@pytest.fixture
def owner(shipped_limits_client):
    body = {"user": {"username": "owner", "email": "owner@example.com", "password": "owner-password"}}
    assert shipped_limits_client.post("/api/users", json=body).status_code == 201
    return body["user"]


def login(client, email, password, address):
    return client.post(
        "/api/users/login",
        json={"user": {"email": email, "password": password}},
        headers={"X-Forwarded-For": address},
    ).status_code


def test_the_owner_logs_in_after_strangers_failed_from_25_addresses(shipped_limits_client, owner):
    failures = [login(shipped_limits_client, owner["email"], "guess-password", f"203.0.113.{n}") for n in range(25)]

    assert failures == [401] * 25
    assert login(shipped_limits_client, owner["email"], owner["password"], "198.51.100.7") == 200


def test_failures_for_one_email_from_one_address_are_limited(shipped_limits_client, owner):
    statuses = [login(shipped_limits_client, owner["email"], "guess-password", "203.0.113.9") for _ in range(6)]

    assert statuses == [401] * 5 + [429]


def test_once_an_address_is_limited_for_an_email_even_the_right_password_waits(shipped_limits_client, owner):
    for _ in range(5):
        login(shipped_limits_client, owner["email"], "guess-password", "203.0.113.9")

    assert login(shipped_limits_client, owner["email"], owner["password"], "203.0.113.9") == 429


def test_successful_logins_are_not_counted_as_failures(shipped_limits_client, owner):
    statuses = [login(shipped_limits_client, owner["email"], owner["password"], "198.51.100.7") for _ in range(8)]

    assert statuses == [200] * 8


def test_every_attempt_from_one_address_counts_across_emails(shipped_limits_client):
    statuses = [login(shipped_limits_client, f"u{n}@example.com", "guess-password", "203.0.113.5") for n in range(11)]

    assert statuses == [401] * 10 + [429]


def test_every_attempt_for_one_email_counts_across_addresses_at_a_high_threshold(make_app):
    client = make_app(PROXY_FIX_HOPS=1, RATELIMIT_LOGIN_PER_EMAIL="3/hour").test_client()

    statuses = [login(client, "victim@example.com", "guess-password", f"203.0.113.{n}") for n in range(4)]

    assert statuses == [401, 401, 401, 429]
