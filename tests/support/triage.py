"""Work for staff, made over the API as members and moderators make it: reported articles and
comments, comment reports, and audit entries."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.support.actors import Actor, create_article
from tests.support.staff import act


def comment_on(client: FlaskClient, author: Actor, slug: str, body: str = "hi") -> dict[str, Any]:
    response = client.post(f"/api/articles/{slug}/comments", json={"comment": {"body": body}}, headers=author.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["comment"]


def report_article(client: FlaskClient, reporter: Actor | None, slug: str, **fields: Any) -> TestResponse:
    """POST a report of the article (reason `spam` unless given); signed out when `reporter` is None."""
    body = {"report": {"reason": "spam", **fields}}
    headers = reporter.headers if reporter is not None else {}
    return client.post(f"/api/articles/{slug}/reports", json=body, headers=headers)


def report_comment(
    client: FlaskClient, reporter: Actor | None, slug: str, comment_id: Any, **fields: Any
) -> TestResponse:
    """POST a report of the comment (reason `spam` unless given); signed out when `reporter` is None."""
    body = {"report": {"reason": "spam", **fields}}
    headers = reporter.headers if reporter is not None else {}
    return client.post(f"/api/articles/{slug}/comments/{comment_id}/reports", json=body, headers=headers)


def file_reports(client: FlaskClient, author: Actor, reporters: list[Actor], items: int, start: int = 0) -> None:
    """`items` new items by `author`, every other one a comment, each reported by every reporter."""
    for number in range(start, start + items):
        slug = create_article(client, author, f"Reported {number}")["slug"]
        if number % 2:
            comment_id = comment_on(client, author, slug)["id"]
            for reporter in reporters:
                assert report_comment(client, reporter, slug, comment_id).status_code == 201
            continue
        for reporter in reporters:
            answer = report_article(client, reporter, slug, reason="abuse")
            assert answer.status_code == 201, answer.get_json()


def hide_and_restore(client: FlaskClient, staff: Actor, slug: str, entries: int) -> None:
    """Hide the article, restore it, hide it…: `entries` audit entries by `staff`."""
    for number in range(entries):
        assert act(client, staff, f"/articles/{slug}/{'restore' if number % 2 else 'hide'}").status_code == 200
