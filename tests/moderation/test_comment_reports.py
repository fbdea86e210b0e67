"""Reporting a comment (`POST /api/articles/{slug}/comments/{id}/reports`), one rule per test: the
answer, one report per member, what may not be reported, the rate limit and auto-hide."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from service import messages
from tests.support.actors import Actor, create_article, register
from tests.support.staff import act
from tests.support.triage import comment_on, report_article, report_comment


@pytest.fixture
def comment_by_bob(client: FlaskClient, bob: Actor, article_by_alice: dict[str, Any]) -> dict[str, Any]:
    return comment_on(client, bob, article_by_alice["slug"], "buy cheap pills")


@pytest.fixture
def slug(article_by_alice: dict[str, Any]) -> str:
    return article_by_alice["slug"]


def open_reports(client: FlaskClient, staff: Actor) -> list[dict[str, Any]]:
    return client.get("/api/moderation/reports", headers=staff.headers).get_json()["items"]


def test_a_report_of_a_comment_is_201_with_the_report(
    client: FlaskClient, carol: Actor, slug: str, comment_by_bob: dict[str, Any]
) -> None:
    response = report_comment(client, carol, slug, comment_by_bob["id"], reason="abuse", note="rude")

    assert response.status_code == 201
    report = response.get_json()["report"]
    assert set(report) == {"id", "reason", "note", "createdAt"}
    assert (report["reason"], report["note"]) == ("abuse", "rude")


def test_a_reported_comment_is_in_the_queue_with_its_text(
    client: FlaskClient, carol: Actor, mod: Actor, slug: str, comment_by_bob: dict[str, Any]
) -> None:
    report_comment(client, carol, slug, comment_by_bob["id"])

    [item] = open_reports(client, mod)

    assert (item["type"], item["commentId"], item["slug"]) == ("comment", comment_by_bob["id"], slug)
    assert (item["text"], item["author"], item["reportCount"]) == ("buy cheap pills", "bob", 1)


def test_reporting_ones_own_comment_is_422_and_files_nothing(
    client: FlaskClient, bob: Actor, mod: Actor, slug: str, comment_by_bob: dict[str, Any]
) -> None:
    response = report_comment(client, bob, slug, comment_by_bob["id"])

    assert (response.status_code, response.get_json()) == (422, {"errors": {"body": [messages.CANNOT_REPORT_OWN]}})
    assert open_reports(client, mod) == []


def test_reporting_a_comment_again_answers_200_with_the_first_report(
    client: FlaskClient, carol: Actor, slug: str, comment_by_bob: dict[str, Any]
) -> None:
    first = report_comment(client, carol, slug, comment_by_bob["id"], note="first")
    again = report_comment(client, carol, slug, comment_by_bob["id"], reason="abuse", note="second")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json() == first.get_json()


def test_a_comment_and_its_article_are_two_items_to_report(
    client: FlaskClient, carol: Actor, mod: Actor, slug: str, comment_by_bob: dict[str, Any]
) -> None:
    on_comment = report_comment(client, carol, slug, comment_by_bob["id"])
    on_article = report_article(client, carol, slug)

    assert (on_comment.status_code, on_article.status_code) == (201, 201)
    assert {item["type"] for item in open_reports(client, mod)} == {"comment", "article"}


def test_a_note_of_500_characters_is_taken(
    client: FlaskClient, carol: Actor, slug: str, comment_by_bob: dict[str, Any]
) -> None:
    response = report_comment(client, carol, slug, comment_by_bob["id"], note="x" * 500)

    assert (response.status_code, response.get_json()["report"]["note"]) == (201, "x" * 500)


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"note": "x" * 501}, "note"), ({"reason": "boring"}, "reason"), ({"reason": None}, "reason")],
    ids=["note-over-500", "unknown-reason", "null-reason"],
)
def test_a_bad_field_is_422_naming_it_and_files_nothing(
    client: FlaskClient,
    carol: Actor,
    mod: Actor,
    slug: str,
    comment_by_bob: dict[str, Any],
    fields: dict[str, Any],
    field: str,
) -> None:
    response = report_comment(client, carol, slug, comment_by_bob["id"], **fields)

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]
    assert open_reports(client, mod) == []


def test_reporting_a_comment_signed_out_is_401(client: FlaskClient, slug: str, comment_by_bob: dict[str, Any]) -> None:
    response = report_comment(client, None, slug, comment_by_bob["id"])

    assert response.status_code == 401
    assert list(response.get_json()["errors"]) == ["body"]


@pytest.mark.parametrize("comment_id", ["999", str(2**31)], ids=["unknown", "beyond-any-id"])
def test_an_unknown_comment_is_404(
    client: FlaskClient, carol: Actor, slug: str, comment_by_bob: dict[str, Any], comment_id: str
) -> None:
    response = report_comment(client, carol, slug, comment_id)

    assert response.status_code == 404
    assert "errors" in response.get_json()


def test_a_comment_under_another_articles_slug_is_404(
    client: FlaskClient, alice: Actor, carol: Actor, comment_by_bob: dict[str, Any]
) -> None:
    other = create_article(client, alice, "Another article")["slug"]

    response = report_comment(client, carol, other, comment_by_bob["id"])

    assert (response.status_code, response.get_json()) == (404, {"errors": {"body": [messages.COMMENT_NOT_FOUND]}})


def test_a_comment_under_an_unknown_slug_is_404(
    client: FlaskClient, carol: Actor, comment_by_bob: dict[str, Any]
) -> None:
    response = report_comment(client, carol, "no-such-article", comment_by_bob["id"])

    assert (response.status_code, response.get_json()) == (404, {"errors": {"body": [messages.ARTICLE_NOT_FOUND]}})


def test_a_hidden_comment_cannot_be_reported(
    client: FlaskClient, carol: Actor, mod: Actor, slug: str, comment_by_bob: dict[str, Any]
) -> None:
    act(client, mod, f"/comments/{comment_by_bob['id']}/hide")

    response = report_comment(client, carol, slug, comment_by_bob["id"])

    assert (response.status_code, response.get_json()) == (404, {"errors": {"body": [messages.COMMENT_NOT_FOUND]}})
    assert open_reports(client, mod) == []


def test_a_comment_of_a_hidden_article_cannot_be_reported(
    client: FlaskClient, carol: Actor, mod: Actor, slug: str, comment_by_bob: dict[str, Any]
) -> None:
    act(client, mod, f"/articles/{slug}/hide")

    response = report_comment(client, carol, slug, comment_by_bob["id"])

    assert (response.status_code, response.get_json()) == (404, {"errors": {"body": [messages.ARTICLE_NOT_FOUND]}})
    assert open_reports(client, mod) == []


def test_a_comment_of_a_suspended_author_cannot_be_reported(
    client: FlaskClient, bob: Actor, carol: Actor, mod: Actor, slug: str, comment_by_bob: dict[str, Any]
) -> None:
    act(client, mod, f"/users/{bob.username}/suspend")

    response = report_comment(client, carol, slug, comment_by_bob["id"])

    assert (response.status_code, response.get_json()) == (404, {"errors": {"body": [messages.COMMENT_NOT_FOUND]}})


def test_comment_reports_are_rate_limited_per_user(make_app: Any) -> None:
    client = make_app(RATELIMIT_REPORTS_PER_USER="1/hour").test_client()
    writer, reporter = register(client, "writer"), register(client, "reporter")
    slug = create_article(client, writer)["slug"]
    comments = [comment_on(client, writer, slug, f"comment {n}")["id"] for n in range(2)]

    assert report_comment(client, reporter, slug, comments[0]).status_code == 201
    limited = report_comment(client, reporter, slug, comments[1])

    assert (limited.status_code, list(limited.get_json()["errors"])) == (429, ["body"])


def test_the_rate_limit_counts_article_and_comment_reports_together(make_app: Any) -> None:
    client = make_app(RATELIMIT_REPORTS_PER_USER="1/hour").test_client()
    writer, reporter = register(client, "writer"), register(client, "reporter")
    slug = create_article(client, writer)["slug"]
    comment_id = comment_on(client, writer, slug)["id"]

    assert report_article(client, reporter, slug).status_code == 201
    assert report_comment(client, reporter, slug, comment_id).status_code == 429


def test_the_rate_limit_is_per_user(make_app: Any) -> None:
    client = make_app(RATELIMIT_REPORTS_PER_USER="1/hour").test_client()
    writer, first, second = register(client, "writer"), register(client, "first"), register(client, "second")
    slug = create_article(client, writer)["slug"]
    comment_id = comment_on(client, writer, slug)["id"]

    assert report_comment(client, first, slug, comment_id).status_code == 201
    assert report_comment(client, second, slug, comment_id).status_code == 201


def test_the_third_members_report_hides_a_comment_at_once_and_it_stays_in_the_queue(
    client: FlaskClient,
    alice: Actor,
    carol: Actor,
    dave: Actor,
    mod: Actor,
    slug: str,
    comment_by_bob: dict[str, Any],
) -> None:
    report_comment(client, alice, slug, comment_by_bob["id"])
    report_comment(client, carol, slug, comment_by_bob["id"])
    assert client.get(f"/api/articles/{slug}/comments").get_json()["commentsCount"] == 1

    report_comment(client, dave, slug, comment_by_bob["id"])

    assert client.get(f"/api/articles/{slug}/comments").get_json()["commentsCount"] == 0
    [item] = open_reports(client, mod)
    assert (item["commentId"], item["hidden"], item["reportCount"]) == (comment_by_bob["id"], True, 3)
    [entry] = client.get("/api/moderation/audit", headers=mod.headers).get_json()["entries"]
    assert (entry["actor"], entry["action"], entry["target"]) == (
        "system",
        "hide",
        {"type": "comment", "key": str(comment_by_bob["id"])},
    )
