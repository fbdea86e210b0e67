"""Bodies beyond what the service parses (nested too deep, numbers too long, not JSON at all) get a
400 in the envelope on every route that reads one, before any other work, and still count
against the route's rate limit."""

from __future__ import annotations

import pytest

from service import API_DESCRIPTION

# The bounds the API description documents.
MAX_DEPTH = 32
MAX_NUMBER_LENGTH = 100

TOO_DEEP = "request body nests deeper than 32 levels"
NUMBER_TOO_LONG = "request body holds a number longer than 100 characters"
NOT_JSON = "request body is not valid JSON"

HOSTILE = {
    "arrays thousands deep": ("[" * 50_000 + "]" * 50_000, TOO_DEEP),
    "objects thousands deep": ('{"a":' * 20_000 + "1" + "}" * 20_000, TOO_DEEP),
    "one level too deep": ('{"user":' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}", TOO_DEEP),
    "an integer of 5000 digits": ('{"user": {"email": ' + "7" * 5000 + "}}", NUMBER_TOO_LONG),
    "a float of 5000 digits": ('{"user": {"email": 0.' + "7" * 5000 + "}}", NUMBER_TOO_LONG),
    "too deep, with a number too long inside": ("[" * 40 + "7" * 5000 + "]" * 40, TOO_DEEP),
    "NaN": ('{"user": {"email": NaN}}', NOT_JSON),
    "unpaired brackets": ("[" * 40 + "}" * 40, NOT_JSON),
}
# Every operation that reads a JSON body; {slug} names no article: the body is refused first.
BODY_ROUTES = [
    ("POST", "/api/users", False),
    ("POST", "/api/users/login", False),
    ("PUT", "/api/user", True),
    ("POST", "/api/articles", True),
    ("PUT", "/api/articles/no-such-article", True),
    ("POST", "/api/articles/no-such-article/comments", True),
]


@pytest.mark.parametrize(("method", "path", "signed_in"), BODY_ROUTES)
@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_json_is_a_400_in_the_envelope_on_every_body_route(client, alice, method, path, signed_in, kind):
    body, message = HOSTILE[kind]
    headers = {"Content-Type": "application/json", **(alice.headers if signed_in else {})}

    response = client.open(path, method=method, data=body, headers=headers)

    assert response.status_code == 400
    assert response.get_json() == {"errors": {"body": [message]}}


def test_json_as_deep_as_allowed_is_parsed(client):
    nested = "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2)
    body = '{"user": {"email": ' + nested + ', "password": "whatever1"}}'

    response = client.post("/api/users/login", data=body, content_type="application/json")

    assert response.status_code == 422  # parsed, then refused by the schema: not a string


def test_numbers_as_long_as_allowed_are_parsed(client):
    body = '{"user": {"email": ' + "7" * MAX_NUMBER_LENGTH + ', "password": "whatever1"}}'

    response = client.post("/api/users/login", data=body, content_type="application/json")

    assert response.status_code == 422


def test_brackets_inside_strings_do_not_count_as_nesting(client, alice):
    markdown = "[link](https://example.com) [[[" * 200
    article = {"title": "Brackets", "description": "in strings", "body": markdown, "tagList": []}

    response = client.post("/api/articles", json={"article": article}, headers=alice.headers)

    assert response.status_code == 201
    assert response.get_json()["article"]["body"] == markdown


LOGIN_BODIES = [
    ("[" * 50_000 + "]" * 50_000, "application/json"),
    ('{"user": {"email": ' + "9" * 5000 + "}}", "application/json"),
    ("{not json", "application/json"),
    ("email=a@example.com", "application/x-www-form-urlencoded"),
    ("hello", "text/plain"),
    ("", "application/json"),
    ("", None),
    ('{"user": {"email": NaN}}', "application/json"),
    ('{"user": {"email": "x@example.com", "password": "wrong-password"}}', "application/json"),
    ('{"user": "x"}', "application/json"),
]


def test_the_eleventh_login_from_one_address_is_429_whatever_the_earlier_bodies(make_app):
    client = make_app(RATELIMIT_LOGIN_PER_IP="10/minute").test_client()

    statuses = [
        client.post("/api/users/login", data=body, content_type=kind).status_code for body, kind in LOGIN_BODIES
    ]
    eleventh = client.post("/api/users/login", json={"user": {"email": "a@example.com", "password": "whatever1"}})

    assert 429 not in statuses and all(status < 500 for status in statuses)
    assert eleventh.status_code == 429


def test_a_body_that_is_not_json_is_refused_on_a_route_without_a_body_schema(client, alice, article_by_alice):
    response = client.post(
        f"/api/articles/{article_by_alice['slug']}/favorite",
        data="hello",
        content_type="text/plain",
        headers=alice.headers,
    )

    assert response.status_code == 415


def test_the_api_description_states_the_bounds():
    assert f"nested at most\n{MAX_DEPTH} levels deep" in API_DESCRIPTION
    assert f"numbers of at most {MAX_NUMBER_LENGTH} characters" in API_DESCRIPTION
