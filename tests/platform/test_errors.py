"""Every error is JSON in the RealWorld envelope, never HTML or a stack trace, and writes nothing."""

import pytest

from service.models import Article


def test_unknown_route_is_404_json(client):
    response = client.get("/api/nothing-here")

    assert response.status_code == 404
    assert response.is_json
    assert response.get_json() == {"errors": {"body": ["nothing here: check the URL"]}}


def test_wrong_method_is_405_json_with_allow(client):
    response = client.patch("/api/tags")

    assert response.status_code == 405
    assert response.is_json
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_malformed_json_is_400(client, alice):
    response = client.post("/api/articles", headers=alice.headers, data="{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.get_json() == {"errors": {"body": ["request body is not valid JSON"]}}


def test_non_json_body_is_415(client, alice):
    response = client.post("/api/articles", headers=alice.headers, data="title=x", content_type="text/plain")

    assert response.status_code == 415
    assert "errors" in response.get_json()


def test_body_over_the_limit_is_413_and_writes_nothing(client, app, alice):
    huge = {"article": {"title": "t", "description": "d", "body": "x" * (1024 * 1024 + 1)}}

    response = client.post("/api/articles", headers=alice.headers, json=huge)

    assert response.status_code == 413
    assert response.get_json() == {"errors": {"body": ["request body is too large"]}}
    with app.app_context():
        assert Article.query.count() == 0


@pytest.mark.parametrize(
    "payload",
    [
        [],
        "a string",
        {"article": []},
        {"article": {"title": None, "description": "d", "body": "b"}},
        {"article": {"title": {"nested": 1}, "description": "d", "body": "b"}},
        {"article": {"title": "t", "description": "d", "body": "b", "tagList": "not-a-list"}},
        {"article": {"title": "t", "description": "d", "body": "b", "tagList": [1, None]}},
        {"article": {"title": "t\u0000", "description": "d", "body": "b"}},
        {"article": {"title": "\ud800", "description": "d", "body": "b"}},
        {"article": {"title": "t" * 201, "description": "d", "body": "b"}},
    ],
)
def test_bad_article_input_is_422_and_writes_nothing(client, app, alice, payload):
    response = client.post("/api/articles", headers=alice.headers, json=payload)

    assert response.status_code == 422
    assert response.is_json and "errors" in response.get_json()
    with app.app_context():
        assert Article.query.count() == 0


def test_odd_but_valid_unicode_round_trips(client, alice):
    title = "Ünïcödé 🐉 ‮rtl‬ 中文"
    response = client.post(
        "/api/articles", headers=alice.headers, json={"article": {"title": title, "description": "d", "body": "b"}}
    )

    assert response.status_code == 201
    assert response.get_json()["article"]["title"] == title


def test_nul_in_the_url_is_not_a_server_error(client):
    assert client.get("/api/profiles/a%00b").status_code == 404
    assert client.get("/api/articles?tag=a%00b").status_code == 422


def test_unexpected_exception_is_a_500_in_the_envelope_without_a_trace(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/api/boom")

    assert response.status_code == 500
    assert response.get_json() == {"errors": {"body": ["internal server error"]}}
    assert b"secret internals" not in response.get_data()
