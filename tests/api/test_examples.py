"""The spec's examples are true: each example request, sent to the app as it stands in the spec
(path parameters and bodies from their examples, in a world made by the example requests), gets
the documented success answer in the documented shape; each 422 example is what the app answers
to a request that breaks that rule; and every example fits its own schema."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.support.examples import (
    INVALID_REQUESTS,
    OPERATIONS,
    World,
    example_body,
    media,
    schema_errors,
    send,
    success,
)


@pytest.fixture
def world(client: FlaskClient, request: pytest.FixtureRequest) -> Iterator[World]:
    yield World(client) if request.node.callspec.params.get("operation_id") == "CreateUser" else World(client).build()


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_an_example_request_gets_its_documented_answer(world: World, operation_id: str) -> None:
    _method, _path, operation = OPERATIONS[operation_id]
    code, documented = success(operation)

    response = send(world.client, operation_id, world.token_for(operation_id), {}, example_body(operation_id))

    assert response.status_code == code, response.get_json()
    if media(documented) is None:
        assert response.data == b""
    else:
        assert schema_errors(media(documented)["schema"], response.get_json()) == []


@pytest.mark.parametrize("operation_id", sorted(INVALID_REQUESTS))
def test_a_422_example_is_what_the_app_answers(world: World, operation_id: str) -> None:
    query, body = INVALID_REQUESTS[operation_id]
    documented = media(OPERATIONS[operation_id][2]["responses"]["422"])["example"]

    response = send(world.client, operation_id, world.token_for(operation_id, "jake"), query, body)

    assert (response.status_code, response.get_json()) == (422, documented)


def test_every_operation_documenting_422_has_an_invalid_request_here() -> None:
    documenting = {name for name, (_m, _p, operation) in OPERATIONS.items() if "422" in operation["responses"]}

    assert documenting == set(INVALID_REQUESTS)


def every_example() -> Iterator[tuple[str, dict[str, Any], Any]]:
    for name, (_method, _path, operation) in OPERATIONS.items():
        if body := operation.get("requestBody"):
            yield f"{name} request", media(body)["schema"], media(body)["example"]
        for code, answer in operation["responses"].items():
            if content := media(answer):
                yield f"{name} {code}", content["schema"], content["example"]


def test_every_body_2xx_and_422_answer_has_an_example() -> None:
    missing = []
    for name, (_method, _path, operation) in OPERATIONS.items():
        if (body := operation.get("requestBody")) and "example" not in media(body):
            missing.append(f"{name} request")
        for code, answer in operation["responses"].items():
            if (code.startswith("2") or code == "422") and (content := media(answer)) and "example" not in content:
                missing.append(f"{name} {code}")

    assert missing == []


@pytest.mark.parametrize(
    "where,schema,example", list(every_example()), ids=lambda value: value if isinstance(value, str) else ""
)
def test_every_example_fits_its_schema(where: str, schema: dict[str, Any], example: Any) -> None:
    assert schema_errors(schema, example) == [], json.dumps(example)
