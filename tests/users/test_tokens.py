"""Every bad token is a 401 in the RealWorld envelope, never flask-jwt-extended's {"msg": ...}."""

import base64
import json
import time
from datetime import timedelta
from unittest import mock

import flask_jwt_extended.jwt_manager
import flask_jwt_extended.view_decorators
import jwt as pyjwt
import pytest
from flask_jwt_extended import create_access_token

from service.extensions import db
from service.models import User


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def assert_401(response):
    assert response.status_code == 401
    body = response.get_json()
    assert set(body) == {"errors"} and body["errors"]["body"]


def test_tampered_signature_is_401(client, alice):
    header, payload, signature = alice.token.split(".")
    forged = b64({**json.loads(base64.urlsafe_b64decode(payload + "==")), "sub": "2"})

    assert_401(client.get("/api/user", headers={"Authorization": f"Token {header}.{forged}.{signature}"}))


def test_alg_none_token_is_401(client, alice):
    payload = alice.token.split(".")[1]
    unsigned = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{payload}."

    assert_401(client.get("/api/user", headers={"Authorization": f"Token {unsigned}"}))


def test_token_signed_with_another_key_is_401(client, alice):
    claims = pyjwt.decode(alice.token, options={"verify_signature": False})
    foreign = pyjwt.encode(claims, "another-key-that-is-long-enough-0123456789", algorithm="HS256")

    assert_401(client.get("/api/user", headers={"Authorization": f"Token {foreign}"}))


def test_expired_token_is_401(app, client, alice):
    with app.app_context():
        user = User.query.filter_by(username="alice").one()
        expired = create_access_token(identity=str(user.id), expires_delta=timedelta(seconds=-1))

    response = client.get("/api/user", headers={"Authorization": f"Token {expired}"})

    assert_401(response)
    assert response.get_json() == {"errors": {"body": ["token has expired"]}}


def test_a_token_is_verified_once_per_worker(client, alice):
    client.get("/api/user", headers=alice.headers)

    decode = flask_jwt_extended.jwt_manager._decode_jwt
    with mock.patch.object(flask_jwt_extended.jwt_manager, "_decode_jwt", wraps=decode) as verifications:
        assert client.get("/api/user", headers=alice.headers).status_code == 200

    assert verifications.call_count == 0


def test_a_write_checks_its_token_once(client, alice, article_by_alice):
    """Its rate limit keys on the token before the view checks it: the second check is spared."""
    check = flask_jwt_extended.view_decorators._decode_jwt_from_request
    with mock.patch.object(flask_jwt_extended.view_decorators, "_decode_jwt_from_request", wraps=check) as checks:
        favorited = client.post(f"/api/articles/{article_by_alice['slug']}/favorite", headers=alice.headers)

    assert favorited.status_code == 200
    assert checks.call_count == 1


def test_a_token_verified_before_is_refused_once_it_expires(app, client, alice):
    with app.app_context():
        user = User.query.filter_by(username="alice").one()
        short_lived = create_access_token(identity=str(user.id), expires_delta=timedelta(seconds=2))
    headers = {"Authorization": f"Token {short_lived}"}
    assert client.get("/api/user", headers=headers).status_code == 200

    time.sleep(2.1)
    response = client.get("/api/user", headers=headers)

    assert_401(response)
    assert response.get_json() == {"errors": {"body": ["token has expired"]}}


@pytest.mark.parametrize("header", ["Bearer {token}", "{token}", "Token", "Token ", "Basic dXNlcjpwYXNz"])
def test_wrong_header_type_is_401(client, alice, header):
    assert_401(client.get("/api/user", headers={"Authorization": header.format(token=alice.token)}))


def delete_user(app, username):
    with app.app_context():
        db.session.delete(User.query.filter_by(username=username).one())
        db.session.commit()


@pytest.mark.parametrize("path", ["/api/user", "/api/articles/feed"])
def test_token_of_a_deleted_user_is_401(app, client, alice, path):
    delete_user(app, "alice")

    response = client.get(path, headers=alice.headers)

    assert_401(response)
    assert response.get_json() == {"errors": {"body": ["token refers to a user that no longer exists"]}}


WRITES_ON_AN_ARTICLE = [
    ("POST", "/favorite", None),
    ("DELETE", "/favorite", None),
    ("POST", "/comments", {"comment": {"body": "Still here?"}}),
]


@pytest.mark.parametrize(("method", "suffix", "body"), WRITES_ON_AN_ARTICLE)
def test_a_deleted_users_write_is_401_and_changes_nothing(
    app, client, alice, bob, article_by_alice, method, suffix, body
):
    slug = article_by_alice["slug"]
    delete_user(app, "bob")

    response = client.open(f"/api/articles/{slug}{suffix}", method=method, headers=bob.headers, json=body)

    assert_401(response)
    assert response.get_json() == {"errors": {"body": ["token refers to a user that no longer exists"]}}
    assert client.get(f"/api/articles/{slug}").get_json()["article"]["favoritesCount"] == 0
    assert client.get(f"/api/articles/{slug}/comments").get_json()["comments"] == []


@pytest.mark.parametrize(("method", "suffix", "body"), WRITES_ON_AN_ARTICLE)
def test_a_deleted_users_write_on_an_unknown_article_is_401_not_404(app, client, bob, method, suffix, body):
    delete_user(app, "bob")

    response = client.open(f"/api/articles/no-such-article{suffix}", method=method, headers=bob.headers, json=body)

    assert_401(response)


def test_token_subject_is_the_user_id_as_a_string(client, alice):
    claims = pyjwt.decode(alice.token, options={"verify_signature": False})

    assert isinstance(claims["sub"], str) and claims["sub"].isdigit()
    assert "exp" in claims


def test_a_bad_token_on_an_optional_auth_route_is_still_401(client, article_by_alice):
    assert_401(
        client.get(f"/api/articles/{article_by_alice['slug']}/comments", headers={"Authorization": "Token x.y.z"})
    )
