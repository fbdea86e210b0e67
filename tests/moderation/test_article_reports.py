"""Reporting an article (`POST /api/articles/{slug}/reports`), one rule per test: the answer, one
report per member, what may not be reported and the rate limit. Auto-hide: test_moderation_api.py."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from service import messages
from tests.support.actors import Actor, create_article, register
from tests.support.staff import act
from tests.support.triage import report_article as report


@pytest.fixture
def slug(article_by_alice: dict[str, Any]) -> str:
    return article_by_alice["slug"]


def open_reports(client: FlaskClient, staff: Actor) -> list[dict[str, Any]]:
    return client.get("/api/moderation/reports", headers=staff.headers).get_json()["items"]


def test_a_report_of_an_article_is_201_with_the_report(client: FlaskClient, bob: Actor, slug: str) -> None:
    response = report(client, bob, slug, reason="off-topic")

    assert response.status_code == 201
    report_view = response.get_json()["report"]
    assert set(report_view) == {"id", "reason", "note", "createdAt"}
    assert (report_view["reason"], report_view["note"]) == ("off-topic", "")


def test_reporting_again_answers_200_with_the_first_report(client: FlaskClient, bob: Actor, slug: str) -> None:
    first = report(client, bob, slug, note="first")
    again = report(client, bob, slug, reason="abuse")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json() == first.get_json()


def test_a_note_of_500_characters_is_taken(client: FlaskClient, bob: Actor, slug: str) -> None:
    response = report(client, bob, slug, note="x" * 500)

    assert (response.status_code, response.get_json()["report"]["note"]) == (201, "x" * 500)


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"reason": "boring"}, "reason"), ({"note": "x" * 501}, "note"), ({"reason": None}, "reason")],
    ids=["unknown-reason", "note-over-500", "null-reason"],
)
def test_a_bad_field_is_422_naming_it_and_files_nothing(
    client: FlaskClient, bob: Actor, mod: Actor, slug: str, fields: dict[str, Any], field: str
) -> None:
    response = report(client, bob, slug, **fields)

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]
    assert open_reports(client, mod) == []


def test_reporting_ones_own_article_is_422_and_files_nothing(
    client: FlaskClient, alice: Actor, mod: Actor, slug: str
) -> None:
    response = report(client, alice, slug)

    assert (response.status_code, response.get_json()) == (422, {"errors": {"body": [messages.CANNOT_REPORT_OWN]}})
    assert open_reports(client, mod) == []


def test_reporting_signed_out_is_401(client: FlaskClient, slug: str) -> None:
    response = report(client, None, slug)

    assert response.status_code == 401
    assert list(response.get_json()["errors"]) == ["body"]


def test_an_unknown_article_is_404(client: FlaskClient, bob: Actor) -> None:
    response = report(client, bob, "no-such-article")

    assert (response.status_code, response.get_json()) == (404, {"errors": {"body": [messages.ARTICLE_NOT_FOUND]}})


def test_a_hidden_article_cannot_be_reported(client: FlaskClient, bob: Actor, mod: Actor, slug: str) -> None:
    act(client, mod, f"/articles/{slug}/hide")

    response = report(client, bob, slug)

    assert (response.status_code, response.get_json()) == (404, {"errors": {"body": [messages.ARTICLE_NOT_FOUND]}})
    assert open_reports(client, mod) == []


def test_an_article_of_a_suspended_author_cannot_be_reported(
    client: FlaskClient, alice: Actor, bob: Actor, mod: Actor, slug: str
) -> None:
    act(client, mod, f"/users/{alice.username}/suspend")

    response = report(client, bob, slug)

    assert (response.status_code, response.get_json()) == (404, {"errors": {"body": [messages.ARTICLE_NOT_FOUND]}})


def test_reports_are_rate_limited_per_user(make_app: Any) -> None:
    client = make_app(RATELIMIT_REPORTS_PER_USER="1/hour").test_client()
    writer, reporter = register(client, "writer"), register(client, "reporter")
    slugs = [create_article(client, writer, title=f"Article {n}")["slug"] for n in range(2)]

    assert report(client, reporter, slugs[0]).status_code == 201
    limited = report(client, reporter, slugs[1])

    assert (limited.status_code, list(limited.get_json()["errors"])) == (429, ["body"])


def test_the_rate_limit_is_per_user(make_app: Any) -> None:
    client = make_app(RATELIMIT_REPORTS_PER_USER="1/hour").test_client()
    writer, first, second = register(client, "writer"), register(client, "first"), register(client, "second")
    slug = create_article(client, writer)["slug"]

    assert report(client, first, slug).status_code == 201
    assert report(client, second, slug).status_code == 201
