"""Rate limits on sensitive routes, answered with 429 in the envelope plus Retry-After."""

import pytest

from tests.support.actors import Actor, register


@pytest.fixture
def limited_client(make_app):
    app = make_app(
        RATELIMIT_LOGIN_PER_IP="3/minute",
        RATELIMIT_LOGIN_PER_EMAIL="2/minute",
        RATELIMIT_REGISTER_PER_IP="2/minute",
        RATELIMIT_WRITES_PER_USER="2/minute",
    )
    return app.test_client()


def login(client, email, remote_addr="10.0.0.1"):
    return client.post(
        "/api/users/login",
        json={"user": {"email": email, "password": "whatever-password"}},
        environ_base={"REMOTE_ADDR": remote_addr},
    )


def test_login_is_limited_per_email_across_addresses(limited_client):
    statuses = [login(limited_client, "victim@example.com", f"10.0.0.{n}").status_code for n in range(3)]

    assert statuses == [401, 401, 429]


def test_login_is_limited_per_address_across_emails(limited_client):
    statuses = [login(limited_client, f"user{n}@example.com").status_code for n in range(4)]

    assert statuses == [401, 401, 401, 429]


def test_429_uses_the_error_envelope_and_rate_limit_headers(limited_client):
    for _ in range(2):
        login(limited_client, "victim@example.com")

    response = login(limited_client, "victim@example.com")

    assert response.status_code == 429
    assert response.get_json() == {"errors": {"body": ["too many requests, slow down"]}}
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["X-RateLimit-Limit"] == "2"
    assert response.headers["X-RateLimit-Remaining"] == "0"
    assert "X-RateLimit-Reset" in response.headers


def test_registration_is_limited_per_address(limited_client):
    statuses = [
        limited_client.post(
            "/api/users", json={"user": {"username": f"u{n}", "email": f"u{n}@x.io", "password": "password1"}}
        ).status_code
        for n in range(3)
    ]

    assert statuses == [201, 201, 429]


def test_writes_are_limited_per_user_across_routes(limited_client):
    writer = register(limited_client, "writer")
    other = register(limited_client, "other")
    new_article = {"article": {"title": "t", "description": "d", "body": "b"}}

    first = limited_client.post("/api/articles", headers=writer.headers, json=new_article)
    second = limited_client.post("/api/profiles/other/follow", headers=writer.headers)
    third = limited_client.post("/api/articles", headers=writer.headers, json=new_article)
    someone_else = limited_client.post("/api/articles", headers=other.headers, json=new_article)

    assert (first.status_code, second.status_code, third.status_code) == (201, 200, 429)
    assert someone_else.status_code == 201


def test_reads_are_not_limited_by_the_write_limit(limited_client):
    writer: Actor = register(limited_client, "reader")

    statuses = {limited_client.get("/api/articles", headers=writer.headers).status_code for _ in range(5)}

    assert statuses == {200}


def test_profile_updates_count_against_the_write_limit(limited_client):
    writer = register(limited_client, "writer")
    new_bio = {"user": {"bio": "still me"}}

    statuses = [limited_client.put("/api/user", headers=writer.headers, json=new_bio).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
