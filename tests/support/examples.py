"""The spec's example requests, sent to the app as the spec states them: path parameters and bodies
from their examples, by jake or celeb_fan, in a world made by the example requests themselves."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from werkzeug.test import TestResponse

from tests.support.api_tools import SPEC, load

DOCUMENT = load(SPEC)
HTTP_METHODS = ("get", "put", "post", "delete")
OPERATIONS = {
    operation["operationId"]: (method, path, operation)
    for path, item in DOCUMENT["paths"].items()
    for method, operation in item.items()
    if method in HTTP_METHODS
}
# Who sends each example request: jake by default (the examples' author); celeb_fan follows jake and
# wrote the example comment.
SENT_BY_CELEB_FAN = {"FollowUserByUsername", "UnfollowUserByUsername", "DeleteArticleComment"}
# A request breaking each 422 rule, sent by jake, as (query, body); its answer must be the spec's 422 example.
INVALID_REQUESTS: dict[str, tuple[dict[str, Any], Any]] = {
    "CreateUser": ({}, {"user": {"username": "jake", "email": "jake", "password": "jakejake"}}),
    "Login": ({}, {"user": {"email": "jake", "password": "jakejake"}}),
    "UpdateCurrentUser": ({}, {"user": {"image": "not a url"}}),
    "FollowUserByUsername": ({}, None),  # jake, the path's example, following himself
    "GetArticles": ({"limit": 0}, None),
    "GetArticlesFeed": ({"limit": 0}, None),
    "CreateArticle": ({}, {"article": {"title": "", "description": "Ever wonder how?", "body": "Believe"}}),
    "UpdateArticle": ({}, {"article": {"title": " "}}),
    "CreateArticleComment": ({}, {"comment": {"body": ""}}),
}


def schema_validator(schema: dict[str, Any]) -> Draft202012Validator:
    """Validates against `schema`, its `#/components/...` references resolved in the spec."""
    return Draft202012Validator({**schema, "components": DOCUMENT["components"]})


def schema_errors(schema: dict[str, Any], instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in schema_validator(schema).iter_errors(instance)
    ]


def success(operation: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    code = next(code for code in operation["responses"] if code.startswith("2"))
    return int(code), operation["responses"][code]


def media(node: dict[str, Any]) -> dict[str, Any] | None:
    return node.get("content", {}).get("application/json")


def example_path(path: str, item: dict[str, Any]) -> str:
    for parameter in item.get("parameters", []):
        path = path.replace(f"{{{parameter['name']}}}", str(parameter["example"]))
    return path


def send(client: FlaskClient, operation_id: str, token: str | None, query: dict[str, Any], body: Any) -> TestResponse:
    method, path, _operation = OPERATIONS[operation_id]
    url = example_path(path, DOCUMENT["paths"][path])
    headers = {"Authorization": f"Token {token}"} if token else {}
    return client.open(url, method=method.upper(), headers=headers, query_string=query, json=body)


def example_body(operation_id: str) -> Any:
    request_body = OPERATIONS[operation_id][2].get("requestBody")
    return media(request_body)["example"] if request_body else None


class World:
    """jake registered, with his article; celeb_fan registered, with a comment on it: all made by the
    spec's own example requests."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.tokens: dict[str, str] = {}

    def build(self) -> World:
        self.tokens["jake"] = self.expect(send(self.client, "CreateUser", None, {}, example_body("CreateUser")), 201)
        fan = {"user": {"username": "celeb_fan", "email": "celeb@example.com", "password": "celeb-password"}}
        self.tokens["celeb_fan"] = self.expect(send(self.client, "CreateUser", None, {}, fan), 201)
        self.expect(send(self.client, "CreateArticle", self.tokens["jake"], {}, example_body("CreateArticle")), 201)
        comment = example_body("CreateArticleComment")
        self.expect(send(self.client, "CreateArticleComment", self.tokens["celeb_fan"], {}, comment), 200)
        return self

    @staticmethod
    def expect(response: TestResponse, status: int) -> str:
        assert response.status_code == status, response.get_json()
        return (response.get_json() or {}).get("user", {}).get("token", "")

    def token_for(self, operation_id: str, user: str | None = None) -> str | None:
        if not OPERATIONS[operation_id][2]["security"]:
            return None
        return self.tokens[user or ("celeb_fan" if operation_id in SENT_BY_CELEB_FAN else "jake")]
