"""Answers that carry a token tell every cache not to keep them: `Cache-Control: no-store`,
sent and documented for register, login and the current user."""

from __future__ import annotations

import pytest

from service.extensions import api

TOKEN_OPERATIONS = [("/api/users", "post", "201"), ("/api/users/login", "post", "200"), ("/api/user", "get", "200")]
TOKEN_OPERATIONS.append(("/api/user", "put", "200"))


def test_registering_is_answered_no_store(client):
    body = {"user": {"username": "carol", "email": "carol@example.com", "password": "carol-password"}}

    response = client.post("/api/users", json=body)

    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"


def test_logging_in_is_answered_no_store(client, alice):
    response = client.post("/api/users/login", json={"user": {"email": alice.email, "password": alice.password}})

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_reading_the_current_user_is_answered_no_store(client, alice):
    response = client.get("/api/user", headers=alice.headers)

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_updating_the_current_user_is_answered_no_store(client, alice):
    response = client.put("/api/user", json={"user": {"bio": "hello"}}, headers=alice.headers)

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(("path", "method", "status"), TOKEN_OPERATIONS)
def test_the_spec_documents_no_store_on_answers_carrying_a_token(app, path, method, status):
    with app.app_context():
        spec = api.spec.to_dict()

    headers = spec["paths"][path][method]["responses"][status]["headers"]
    assert headers["Cache-Control"]["schema"]["const"] == "no-store"
