"""Dismissing a report (`POST /api/moderation/reports/{id}/dismiss`), one rule per test: it closes
that report alone, leaves the item as it is, is audited once, and only staff may."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from service import messages
from tests.support.actors import Actor
from tests.support.staff import REASON, act
from tests.support.triage import comment_on, report_article, report_comment


@pytest.fixture
def slug(article_by_alice: dict[str, Any]) -> str:
    return article_by_alice["slug"]


@pytest.fixture
def bobs_report(client: FlaskClient, bob: Actor, slug: str) -> int:
    return report_article(client, bob, slug, note="looks like spam").get_json()["report"]["id"]


def queue(client: FlaskClient, staff: Actor) -> list[dict[str, Any]]:
    return client.get("/api/moderation/reports", headers=staff.headers).get_json()["items"]


def audit(client: FlaskClient, staff: Actor) -> list[dict[str, Any]]:
    return client.get("/api/moderation/audit", headers=staff.headers).get_json()["entries"]


def test_a_dismissed_report_answers_200_closed_as_dismissed(client: FlaskClient, mod: Actor, bobs_report: int) -> None:
    response = act(client, mod, f"/reports/{bobs_report}/dismiss")

    assert response.status_code == 200
    closed = response.get_json()["report"]
    assert (closed["id"], closed["resolution"], closed["note"]) == (bobs_report, "dismissed", "looks like spam")
    assert closed["resolvedAt"] is not None


def test_an_item_whose_only_report_is_dismissed_leaves_the_queue(
    client: FlaskClient, mod: Actor, bobs_report: int
) -> None:
    act(client, mod, f"/reports/{bobs_report}/dismiss")

    assert queue(client, mod) == []


def test_an_item_with_other_open_reports_stays_in_the_queue_one_report_lower(
    client: FlaskClient, carol: Actor, mod: Actor, slug: str, bobs_report: int
) -> None:
    carols_report = report_article(client, carol, slug, reason="abuse").get_json()["report"]["id"]

    act(client, mod, f"/reports/{bobs_report}/dismiss")

    [item] = queue(client, mod)
    assert (item["slug"], item["reportCount"], item["reasons"]) == (slug, 1, {"abuse": 1})
    assert [open_report["id"] for open_report in item["reports"]] == [carols_report]


def test_the_dismissed_article_stays_visible(client: FlaskClient, mod: Actor, slug: str, bobs_report: int) -> None:
    act(client, mod, f"/reports/{bobs_report}/dismiss")

    assert client.get(f"/api/articles/{slug}").status_code == 200
    assert client.get("/api/articles").get_json()["articlesCount"] == 1


def test_the_dismissed_comment_stays_visible(
    client: FlaskClient, bob: Actor, carol: Actor, mod: Actor, slug: str
) -> None:
    comment = comment_on(client, bob, slug)
    report_id = report_comment(client, carol, slug, comment["id"]).get_json()["report"]["id"]

    act(client, mod, f"/reports/{report_id}/dismiss")

    assert client.get(f"/api/articles/{slug}/comments").get_json()["comments"] == [comment]
    assert queue(client, mod) == []


def test_dismissing_a_report_of_an_auto_hidden_item_leaves_it_hidden(
    client: FlaskClient, bob: Actor, carol: Actor, dave: Actor, mod: Actor, slug: str, bobs_report: int
) -> None:
    report_article(client, carol, slug)
    report_article(client, dave, slug)

    act(client, mod, f"/reports/{bobs_report}/dismiss")

    assert client.get(f"/api/articles/{slug}").status_code == 404
    [item] = queue(client, mod)
    assert (item["hidden"], item["reportCount"]) == (True, 2)


def test_a_dismissal_writes_one_audit_entry_with_actor_target_and_reason(
    client: FlaskClient, mod: Actor, bobs_report: int
) -> None:
    act(client, mod, f"/reports/{bobs_report}/dismiss")

    [entry] = audit(client, mod)
    assert (entry["actor"], entry["action"], entry["target"], entry["reason"]) == (
        "mod",
        "dismiss",
        {"type": "report", "key": str(bobs_report)},
        REASON["action"]["reason"],
    )


def test_dismissing_twice_answers_the_closed_report_and_audits_once(
    client: FlaskClient, mod: Actor, bobs_report: int
) -> None:
    first = act(client, mod, f"/reports/{bobs_report}/dismiss")

    again = act(client, mod, f"/reports/{bobs_report}/dismiss", {"action": {"reason": "once more"}})

    assert (again.status_code, again.get_json()) == (200, first.get_json())
    assert len(audit(client, mod)) == 1


def test_dismissing_an_unknown_report_is_404(client: FlaskClient, mod: Actor) -> None:
    response = act(client, mod, "/reports/999/dismiss")

    assert (response.status_code, response.get_json()) == (404, {"errors": {"body": [messages.REPORT_NOT_FOUND]}})
    assert audit(client, mod) == []


def test_a_dismissal_without_a_reason_is_422_and_changes_nothing(
    client: FlaskClient, mod: Actor, bobs_report: int
) -> None:
    response = act(client, mod, f"/reports/{bobs_report}/dismiss", {"action": {}})

    assert (response.status_code, list(response.get_json()["errors"])) == (422, ["reason"])
    assert queue(client, mod)[0]["reportCount"] == 1 and audit(client, mod) == []


def test_a_member_dismissing_is_403_and_changes_nothing(
    client: FlaskClient, carol: Actor, mod: Actor, bobs_report: int
) -> None:
    response = act(client, carol, f"/reports/{bobs_report}/dismiss")

    assert (response.status_code, response.get_json()) == (403, {"errors": {"body": [messages.STAFF_ONLY]}})
    assert queue(client, mod)[0]["reportCount"] == 1


def test_dismissing_signed_out_is_401_and_changes_nothing(client: FlaskClient, mod: Actor, bobs_report: int) -> None:
    response = client.post(f"/api/moderation/reports/{bobs_report}/dismiss", json=REASON)

    assert (response.status_code, list(response.get_json()["errors"])) == (401, ["body"])
    assert queue(client, mod)[0]["reportCount"] == 1
