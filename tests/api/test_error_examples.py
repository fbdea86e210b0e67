"""The error examples are the app's answers too: the spec's 401, 403, 404, 400 and 415 examples are
exactly what the app says to missing or wrong credentials, to someone else, for something that does
not exist, and to a body that is malformed JSON or not JSON at all. (429 and 413 are worded by the same
handler as these and the same messages; the rate-limit tests check the 429 answers themselves.)"""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.support.api_tools import SPEC, load
from tests.support.examples import OPERATIONS, STAFF_OPERATIONS, World, body_arguments, example_body, media, send

DOCUMENT = load(SPEC)
# What names nothing, for each path parameter; the comment id names nothing on a real article.
MISSING = {"slug": "no-such-article", "username": "nobody", "id": "999", "report_id": "999"}
# Who is not the owner: celeb_fan for jake's article, jake for celeb_fan's comment; jake, a member, for
# the staff's operations.
NOT_THE_OWNER = {
    "UpdateArticle": "celeb_fan",
    "DeleteArticle": "celeb_fan",
    "DeleteArticleComment": "jake",
    **dict.fromkeys(STAFF_OPERATIONS, "jake"),
}


def documented(operation_id: str, code: str) -> Any:
    return media(OPERATIONS[operation_id][2]["responses"][code])["example"]


def url(operation_id: str, missing: str | None = None) -> str:
    _method, path, _operation = OPERATIONS[operation_id]
    for parameter in DOCUMENT["paths"][path].get("parameters", []):
        name = parameter["name"]
        value = MISSING[name] if name == missing else parameter["example"]
        path = path.replace(f"{{{name}}}", str(value))
    return path


def having(code: str) -> list[str]:
    return sorted(name for name, (_m, _p, operation) in OPERATIONS.items() if code in operation["responses"])


@pytest.fixture
def world(client: FlaskClient) -> World:
    return World(client).build()


def unauthorized_request(operation_id: str) -> tuple[dict[str, str], Any]:
    """What gets a 401: no token where one is required, a bad one where it is optional, and a wrong
    password for the login."""
    security = OPERATIONS[operation_id][2]["security"]
    if security == [{"Token": []}]:
        return {}, example_body(operation_id)
    if security:
        return {"Authorization": "Token not-a-jwt"}, None
    return {}, {"user": {"email": "jake@jake.jake", "password": "not-jakes-password"}}


@pytest.mark.parametrize("operation_id", having("401"))
def test_the_401_example_is_the_answer_to_missing_or_wrong_credentials(world: World, operation_id: str) -> None:
    method = OPERATIONS[operation_id][0]
    headers, body = unauthorized_request(operation_id)

    response = world.client.open(
        url(operation_id), method=method.upper(), headers=headers, **body_arguments(operation_id, body)
    )

    assert (response.status_code, response.get_json()) == (401, documented(operation_id, "401"))


def forbidden_headers(world: World, operation_id: str) -> dict[str, str]:
    """Someone else's token; for the login and jake's password reset, none, as jake is suspended first."""
    if operation_id in ("Login", "ConfirmPasswordReset"):
        suspended = send(world.client, "SuspendUser", world.tokens["mod"], {}, example_body("SuspendUser"))
        assert suspended.status_code == 200, suspended.get_json()
        return {}
    return {"Authorization": f"Token {world.tokens[NOT_THE_OWNER[operation_id]]}"}


@pytest.mark.parametrize("operation_id", having("403"))
def test_the_403_example_is_the_answer_to_someone_else(world: World, operation_id: str) -> None:
    method = OPERATIONS[operation_id][0]
    headers = forbidden_headers(world, operation_id)

    response = world.client.open(
        url(operation_id),
        method=method.upper(),
        headers=headers,
        **body_arguments(operation_id, example_body(operation_id)),
    )

    assert (response.status_code, response.get_json()) == (403, documented(operation_id, "403"))


@pytest.mark.parametrize("operation_id", having("404"))
def test_the_404_example_is_the_answer_for_what_does_not_exist(world: World, operation_id: str) -> None:
    method, path, _operation = OPERATIONS[operation_id]
    missing = next((name for name in ("id", "report_id", "username") if f"{{{name}}}" in path), "slug")
    token = world.token_for(operation_id)
    headers = {"Authorization": f"Token {token}"} if token else {}

    response = world.client.open(
        url(operation_id, missing),
        method=method.upper(),
        headers=headers,
        **body_arguments(operation_id, example_body(operation_id)),
    )

    assert (response.status_code, response.get_json()) == (404, documented(operation_id, "404"))


@pytest.mark.parametrize("operation_id", having("400"))
def test_the_400_example_is_the_answer_to_malformed_json(world: World, operation_id: str) -> None:
    method = OPERATIONS[operation_id][0]
    token = world.token_for(operation_id)
    headers = {"Content-Type": "application/json", **({"Authorization": f"Token {token}"} if token else {})}

    response = world.client.open(url(operation_id), method=method.upper(), headers=headers, data=b'{"user": ')

    assert (response.status_code, response.get_json()) == (400, documented(operation_id, "400"))


@pytest.mark.parametrize("operation_id", having("415"))
def test_the_415_example_is_the_answer_to_a_body_that_is_not_json(world: World, operation_id: str) -> None:
    method = OPERATIONS[operation_id][0]
    token = world.token_for(operation_id)
    headers = {"Content-Type": "text/plain", **({"Authorization": f"Token {token}"} if token else {})}

    response = world.client.open(url(operation_id), method=method.upper(), headers=headers, data=b"hello")

    assert (response.status_code, response.get_json()) == (415, documented(operation_id, "415"))
