"""Usernames are one safe path segment, NFC-normalised, and unique regardless of case; lookups
by name stay exact."""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy.exc import IntegrityError

from service.extensions import db
from service.models import User

COMPOSED = unicodedata.normalize("NFC", "josé")
DECOMPOSED = unicodedata.normalize("NFD", "josé")
TAKEN = {"errors": {"username": ["has already been taken"]}}
INVALID = {"errors": {"username": ["is invalid"]}}


def sign_up(client, username, email=None):
    email = email or f"{len(username)}-{abs(hash(username))}@example.com"
    return client.post("/api/users", json={"user": {"username": username, "email": email, "password": "password1"}})


@pytest.mark.parametrize("username", [".", "..", "...", " .. "])
def test_a_username_of_dots_alone_is_422(client, username):
    response = sign_up(client, username)

    assert response.status_code == 422
    assert response.get_json() == INVALID


@pytest.mark.parametrize("username", ["a.b", ".alice", "alice.", "..a", "-", "_"])
def test_a_username_with_dots_beside_other_characters_is_accepted(client, username):
    assert sign_up(client, username).status_code == 201


def test_renaming_oneself_to_dots_alone_is_422(client, alice):
    response = client.put("/api/user", headers=alice.headers, json={"user": {"username": ".."}})

    assert response.status_code == 422
    assert response.get_json() == INVALID


@pytest.mark.parametrize("username", ["Alice", "ALICE", "aLiCe"])
def test_a_username_differing_only_in_case_from_anothers_is_taken(client, alice, username):
    response = sign_up(client, username)

    assert response.status_code == 422
    assert response.get_json() == TAKEN


def test_renaming_oneself_to_another_users_name_in_other_case_is_taken(client, alice, bob):
    response = client.put("/api/user", headers=bob.headers, json={"user": {"username": "ALICE"}})

    assert response.status_code == 422
    assert response.get_json() == TAKEN


def test_changing_the_case_of_ones_own_username_is_allowed(client, alice):
    response = client.put("/api/user", headers=alice.headers, json={"user": {"username": "Alice"}})

    assert response.status_code == 200
    assert response.get_json()["user"]["username"] == "Alice"


def test_the_database_refuses_a_username_differing_only_in_case_even_past_the_check(app, alice):
    with app.app_context():
        db.session.add(User(username="ALICE", email="other@example.com", password_hash="x", bio="", image=""))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_profile_lookups_stay_exact_about_case(client, alice):
    assert client.get("/api/profiles/alice").status_code == 200
    assert client.get("/api/profiles/Alice").status_code == 404


def test_a_decomposed_username_is_stored_composed(client):
    response = sign_up(client, DECOMPOSED)

    assert response.status_code == 201
    assert response.get_json()["user"]["username"] == COMPOSED


def test_a_username_composed_otherwise_than_anothers_is_taken(client):
    sign_up(client, COMPOSED)

    assert sign_up(client, DECOMPOSED).get_json() == TAKEN


@pytest.mark.parametrize("form", [COMPOSED, DECOMPOSED])
def test_a_profile_is_found_whichever_way_its_name_is_composed(client, form):
    sign_up(client, DECOMPOSED)

    response = client.get(f"/api/profiles/{form}")

    assert response.status_code == 200
    assert response.get_json()["profile"]["username"] == COMPOSED


@pytest.mark.parametrize("form", [COMPOSED, DECOMPOSED])
def test_articles_are_filtered_by_author_whichever_way_the_name_is_composed(client, form):
    token = sign_up(client, DECOMPOSED).get_json()["user"]["token"]
    article = {"title": "Hola", "description": "d", "body": "b"}
    client.post("/api/articles", headers={"Authorization": f"Token {token}"}, json={"article": article})

    assert client.get("/api/articles", query_string={"author": form}).get_json()["articlesCount"] == 1
