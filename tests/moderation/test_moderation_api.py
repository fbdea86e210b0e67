"""The moderation API's rules per role, over HTTP: who may act, what hiding and suspending do to
every public read, reports and auto-hide, and the audit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from service import visibility
from tests.support.actors import Actor
from tests.support.staff import REASON, act
from tests.support.triage import comment_on
from tests.support.triage import report_article as report

STAFF_ROUTES = [
    ("GET", "/reports"),
    ("GET", "/audit"),
    ("POST", "/articles/how-to-train-your-dragon/hide"),
    ("POST", "/articles/how-to-train-your-dragon/restore"),
    ("POST", "/comments/1/hide"),
    ("POST", "/comments/1/restore"),
    ("POST", "/reports/1/dismiss"),
    ("POST", "/users/bob/suspend"),
    ("POST", "/users/bob/reinstate"),
    ("PUT", "/users/bob/role"),
]


@pytest.mark.parametrize("method,path", STAFF_ROUTES)
def test_a_member_gets_403_from_every_moderation_route(
    client: FlaskClient, alice: Actor, bob: Actor, article_by_alice: dict[str, Any], method: str, path: str
) -> None:
    comment_on(client, bob, article_by_alice["slug"])
    report(client, bob, article_by_alice["slug"])
    body = {"role": "admin"} if method == "PUT" else REASON

    response = client.open(f"/api/moderation{path}", method=method, json=body, headers=bob.headers)

    assert response.status_code == 403, response.get_json()
    assert list(response.get_json()["errors"]) == ["body"]


def test_a_hidden_article_is_gone_from_every_read_and_restore_brings_it_back(
    client: FlaskClient, alice: Actor, bob: Actor, mod: Actor, article_by_alice: dict[str, Any]
) -> None:
    slug = article_by_alice["slug"]
    client.post(f"/api/profiles/{alice.username}/follow", headers=bob.headers)
    client.post(f"/api/articles/{slug}/favorite", headers=bob.headers)
    comment_on(client, bob, slug)
    report(client, bob, slug)

    assert act(client, mod, f"/articles/{slug}/hide").status_code == 200

    assert client.get(f"/api/articles/{slug}").status_code == 404
    assert client.get(f"/api/articles/{slug}/comments").status_code == 404
    for query in (f"author={alice.username}", "tag=dragons", f"favorited={bob.username}", "search=dragon"):
        assert client.get(f"/api/articles?{query}").get_json()["articlesCount"] == 0, query
    assert client.get("/api/articles/feed", headers=bob.headers).get_json()["articles"] == []
    assert "dragons" not in client.get("/api/tags").get_json()["tags"]
    assert client.get("/api/moderation/reports", headers=mod.headers).get_json()["items"] == []

    assert act(client, mod, f"/articles/{slug}/restore").status_code == 200
    back = client.get(f"/api/articles/{slug}", headers=bob.headers).get_json()["article"]
    assert (back["favoritesCount"], back["favorited"], back["createdAt"]) == (1, True, article_by_alice["createdAt"])
    assert client.get(f"/api/articles/{slug}/comments").get_json()["commentsCount"] == 1
    assert client.get("/api/articles?search=dragon").get_json()["articlesCount"] == 1


def test_a_hidden_comment_is_gone_and_uncounted_until_restored(
    client: FlaskClient, bob: Actor, mod: Actor, article_by_alice: dict[str, Any]
) -> None:
    slug = article_by_alice["slug"]
    comment = comment_on(client, bob, slug)

    assert act(client, mod, f"/comments/{comment['id']}/hide").status_code == 200
    page = client.get(f"/api/articles/{slug}/comments").get_json()
    assert (page["comments"], page["commentsCount"]) == ([], 0)

    assert act(client, mod, f"/comments/{comment['id']}/restore").status_code == 200
    assert client.get(f"/api/articles/{slug}/comments").get_json()["comments"] == [comment]


def test_the_third_members_report_hides_an_article_at_once_and_it_stays_in_the_queue(
    client: FlaskClient, bob: Actor, carol: Actor, dave: Actor, mod: Actor, article_by_alice: dict[str, Any]
) -> None:
    slug = article_by_alice["slug"]
    report(client, bob, slug)
    report(client, carol, slug)
    assert client.get(f"/api/articles/{slug}").status_code == 200

    report(client, dave, slug)

    assert client.get(f"/api/articles/{slug}").status_code == 404
    [item] = client.get("/api/moderation/reports", headers=mod.headers).get_json()["items"]
    assert (item["slug"], item["hidden"], item["reportCount"]) == (slug, True, 3)
    [entry] = client.get("/api/moderation/audit", headers=mod.headers).get_json()["entries"]
    assert (entry["actor"], entry["action"]) == ("system", "hide")


def test_a_suspended_user_is_refused_and_gone_until_reinstated(
    client: FlaskClient, alice: Actor, bob: Actor, mod: Actor, article_by_alice: dict[str, Any]
) -> None:
    slug = article_by_alice["slug"]
    comment_on(client, alice, slug)
    login = {"user": {"email": alice.email, "password": alice.password}}

    assert act(client, mod, f"/users/{alice.username}/suspend").status_code == 200

    assert client.get("/api/user", headers=alice.headers).status_code == 401
    refused = client.post("/api/users/login", json=login)
    assert (refused.status_code, refused.get_json()) == (403, {"errors": {"account": ["is suspended"]}})
    assert client.get(f"/api/profiles/{alice.username}").status_code == 404
    assert client.get(f"/api/articles/{slug}").status_code == 404
    assert client.get("/api/articles").get_json()["articlesCount"] == 0

    assert act(client, mod, f"/users/{alice.username}/reinstate").status_code == 200
    assert client.get("/api/user", headers=alice.headers).status_code == 401
    fresh = client.post("/api/users/login", json=login).get_json()["user"]["token"]
    assert client.get("/api/user", headers={"Authorization": f"Token {fresh}"}).status_code == 200
    assert client.get(f"/api/articles/{slug}/comments").get_json()["commentsCount"] == 1


def test_a_suspension_with_until_lifts_by_itself(
    client: FlaskClient, alice: Actor, mod: Actor, article_by_alice: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    until = datetime.now(UTC) + timedelta(hours=1)
    body = {"action": {"reason": "cool off", "until": until.isoformat()}}
    assert act(client, mod, f"/users/{alice.username}/suspend", body).status_code == 200
    assert client.get(f"/api/articles/{article_by_alice['slug']}").status_code == 404

    monkeypatch.setattr(visibility, "utcnow", lambda: until + timedelta(seconds=1))  # the clock, moved on
    assert client.get(f"/api/articles/{article_by_alice['slug']}").status_code == 200


def test_a_moderator_cannot_suspend_an_admin_or_change_a_role(
    client: FlaskClient, mod: Actor, admin: Actor, bob: Actor
) -> None:
    assert act(client, mod, f"/users/{admin.username}/suspend").status_code == 403
    role = client.put(f"/api/moderation/users/{bob.username}/role", json={"role": "moderator"}, headers=mod.headers)
    assert role.status_code == 403


def test_nobody_suspends_themselves(client: FlaskClient, admin: Actor) -> None:
    response = act(client, admin, f"/users/{admin.username}/suspend")

    assert response.status_code == 422


def test_an_admins_role_change_holds_from_the_next_request(client: FlaskClient, admin: Actor, bob: Actor) -> None:
    assert client.get("/api/moderation/reports", headers=bob.headers).status_code == 403

    changed = client.put(
        f"/api/moderation/users/{bob.username}/role", json={"role": "moderator"}, headers=admin.headers
    )

    assert changed.status_code == 200
    assert client.get("/api/moderation/reports", headers=bob.headers).status_code == 200


def test_the_audit_lists_actions_newest_first_filtered_and_paged(
    client: FlaskClient, alice: Actor, mod: Actor, article_by_alice: dict[str, Any]
) -> None:
    slug = article_by_alice["slug"]
    act(client, mod, f"/articles/{slug}/hide")
    act(client, mod, f"/articles/{slug}/restore")
    act(client, mod, f"/users/{alice.username}/suspend")

    first = client.get("/api/moderation/audit?limit=2", headers=mod.headers).get_json()
    rest = client.get(f"/api/moderation/audit?limit=2&cursor={first['nextCursor']}", headers=mod.headers).get_json()
    hides = client.get("/api/moderation/audit?action=hide", headers=mod.headers).get_json()["entries"]

    assert [e["action"] for e in first["entries"] + rest["entries"]] == ["suspend", "restore", "hide"]
    assert {(e["actor"], e["reason"]) for e in first["entries"]} == {("mod", REASON["action"]["reason"])}
    assert [(e["action"], e["target"]) for e in hides] == [("hide", {"type": "article", "key": slug})]


def test_a_forged_audit_cursor_is_422(client: FlaskClient, mod: Actor) -> None:
    response = client.get("/api/moderation/audit?cursor=forged", headers=mod.headers)

    assert (response.status_code, list(response.get_json()["errors"])) == (422, ["cursor"])


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_the_audit_cannot_be_changed(client: FlaskClient, mod: Actor, method: str) -> None:
    assert client.open("/api/moderation/audit", method=method, json={}, headers=mod.headers).status_code == 405
