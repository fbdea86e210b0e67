"""The spec's example requests, sent to the app as the spec states them: path parameters and bodies
from their examples, by jake or celeb_fan, in a world made by the example requests themselves."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from io import BytesIO
from typing import Any

from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from sqlalchemy import select
from werkzeug.test import TestResponse

from service.examples import RESET_TOKEN
from service.extensions import db
from service.models import PasswordReset, User
from tests.support.api_tools import SPEC, load
from tests.support.images import image_bytes

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
    "GetArticleComments": ({"limit": 0}, None),
    "RequestPasswordReset": ({}, {"user": {"email": "jake"}}),
    "ConfirmPasswordReset": ({}, {"reset": {"token": "not-a-token-anyone-was-mailed", "password": "jakejake-again"}}),
    "UploadAvatar": ({}, {"image": b"GIF89a: not a JPEG, PNG or WebP"}),
}
FORM = "multipart/form-data"


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
    """The JSON content of an answer or a body; for an upload's body, its form."""
    content = node.get("content", {})
    return content.get("application/json") or content.get(FORM)


def example_path(path: str, item: dict[str, Any]) -> str:
    for parameter in item.get("parameters", []):
        path = path.replace(f"{{{parameter['name']}}}", str(parameter["example"]))
    return path


def send(client: FlaskClient, operation_id: str, token: str | None, query: dict[str, Any], body: Any) -> TestResponse:
    method, path, _operation = OPERATIONS[operation_id]
    url = example_path(path, DOCUMENT["paths"][path])
    headers = {"Authorization": f"Token {token}"} if token else {}
    return client.open(
        url, method=method.upper(), headers=headers, query_string=query, **body_arguments(operation_id, body)
    )


def _takes_form(operation_id: str) -> bool:
    return FORM in OPERATIONS[operation_id][2].get("requestBody", {}).get("content", {})


def body_arguments(operation_id: str, body: Any) -> dict[str, Any]:
    """The test client's arguments sending `body`: as JSON, or as the operation's form, bytes as files."""
    if body is None or not _takes_form(operation_id):
        return {"json": body}
    files = {
        name: (BytesIO(value), f"{name}.png") if isinstance(value, bytes) else value for name, value in body.items()
    }
    return {"data": files}


def example_body(operation_id: str) -> Any:
    """The example request body as sent; a file field's example only stands for the file, so a real
    PNG goes in its place."""
    request_body = OPERATIONS[operation_id][2].get("requestBody")
    if not request_body:
        return None
    example = media(request_body)["example"]
    if not _takes_form(operation_id):
        return example
    schema = DOCUMENT["components"]["schemas"][media(request_body)["schema"]["$ref"].rsplit("/", 1)[1]]
    binary = {name for name, field in schema["properties"].items() if field.get("format") == "binary"}
    return {name: image_bytes() if name in binary else value for name, value in example.items()}


def mail_reset_token(client: FlaskClient, email: str, token: str) -> None:
    """As if `email` had asked for a password reset and been mailed `token`: stored as the app stores
    it, the SHA-256 of the token. The one thing example requests cannot make, as only the mail has it."""
    with client.application.app_context():
        user_id = db.session.scalars(select(User.id).where(User.email == email)).one()
        expires_at = datetime.now(UTC) + timedelta(minutes=30)
        token_hash = hashlib.sha256(token.encode()).hexdigest()
        db.session.add(PasswordReset(token_hash=token_hash, user_id=user_id, expires_at=expires_at))
        db.session.commit()


class World:
    """jake registered, with his article and the example's reset token in his mail; celeb_fan
    registered, with a comment on it: made by the spec's own example requests (but for the mail)."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.tokens: dict[str, str] = {}

    def build(self) -> World:
        self.tokens["jake"] = self.expect(send(self.client, "CreateUser", None, {}, example_body("CreateUser")), 201)
        mail_reset_token(self.client, example_body("RequestPasswordReset")["user"]["email"], RESET_TOKEN)
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
