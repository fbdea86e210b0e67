"""Signing out refuses that token, and only that token, everywhere from the next request."""

import logging

from sqlalchemy import delete

from service.extensions import db
from service.models import User
from tests.support.logs import recorded
from tests.support.servers import free_port
from tests.support.tokens import log_in


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Token {token}"}


REVOKED = {"errors": {"body": ["token has been revoked: sign in again"]}}


def test_signing_out_answers_204_without_a_body(client, alice):
    response = client.post("/api/users/logout", headers=alice.headers)

    assert response.status_code == 204
    assert response.get_data() == b""


def test_a_signed_out_token_is_refused(client, alice):
    client.get("/api/user", headers=alice.headers)  # checked and kept as good first
    client.post("/api/users/logout", headers=alice.headers)

    response = client.get("/api/user", headers=alice.headers)

    assert response.status_code == 401
    assert response.get_json() == REVOKED


def test_a_signed_out_token_is_refused_where_a_token_is_optional(client, alice, article_by_alice):
    client.post("/api/users/logout", headers=alice.headers)

    assert client.get("/api/articles", headers=alice.headers).status_code == 401


def test_a_signed_out_token_cannot_write(client, alice, article_by_alice):
    client.post("/api/users/logout", headers=alice.headers)

    response = client.post(f"/api/articles/{article_by_alice['slug']}/favorite", headers=alice.headers)

    assert response.status_code == 401
    assert client.get(f"/api/articles/{article_by_alice['slug']}").get_json()["article"]["favoritesCount"] == 0


def test_signing_out_leaves_the_users_other_tokens_working(client, alice):
    other_token = log_in(client, alice)
    client.post("/api/users/logout", headers=alice.headers)

    assert client.get("/api/user", headers={"Authorization": f"Token {other_token}"}).status_code == 200


def test_a_token_signed_out_on_one_worker_is_refused_by_another_that_kept_it_as_good(client, other_worker, alice):
    assert other_worker.get("/api/articles", headers=alice.headers).status_code == 200
    assert other_worker.get("/api/user", headers=alice.headers).status_code == 200

    client.post("/api/users/logout", headers=alice.headers)

    assert other_worker.get("/api/articles", headers=alice.headers).status_code == 401
    assert other_worker.get("/api/user", headers=alice.headers).status_code == 401


def test_signing_out_twice_is_refused_the_second_time(client, alice):
    client.post("/api/users/logout", headers=alice.headers)

    assert client.post("/api/users/logout", headers=alice.headers).status_code == 401


def test_signing_out_needs_a_token(client):
    assert client.post("/api/users/logout").status_code == 401


def test_a_deleted_users_write_keeps_the_rate_limits_where_they_are(app, client, alice, bob, article_by_alice):
    """The limiter reads an exception from its key function as its storage failing, and would count
    in memory from then on: the token's refusal must not reach it."""
    with app.app_context():
        db.session.execute(delete(User).where(User.username == "bob"))
        db.session.commit()
    with recorded("flask-limiter", logging.WARNING) as warnings:
        response = client.post(f"/api/articles/{article_by_alice['slug']}/favorite", headers=bob.headers)

    assert response.status_code == 401
    assert warnings.messages == []


def test_with_redis_away_sign_outs_still_hold_and_other_tokens_still_work(client, make_app, app_settings, alice):
    """The signed-out ids live in the database, so an outage of Redis forgets none of them."""
    signed_out = log_in(client, alice)
    assert client.post("/api/users/logout", headers=auth(signed_out)).status_code == 204
    away = make_app(**{**app_settings, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}).test_client()

    assert away.get("/api/user", headers=auth(signed_out)).get_json() == REVOKED
    assert away.get("/api/user", headers=alice.headers).status_code == 200
