"""The people in the tests, as clients of the API: registering them and writing as them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask.testing import FlaskClient


@dataclass
class Actor:
    username: str
    email: str
    password: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Token {self.token}"}


def register(client: FlaskClient, username: str) -> Actor:
    email, password = f"{username}@example.com", f"{username}-password"
    response = client.post("/api/users", json={"user": {"username": username, "email": email, "password": password}})
    assert response.status_code == 201, response.get_json()
    return Actor(username, email, password, response.get_json()["user"]["token"])


def create_article(
    client: FlaskClient, author: Actor, title: str = "How to train your dragon", **fields: Any
) -> dict[str, Any]:
    article = {"title": title, "description": "Ever wonder how?", "body": "You have to believe", **fields}
    response = client.post("/api/articles", headers=author.headers, json={"article": article})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["article"]
