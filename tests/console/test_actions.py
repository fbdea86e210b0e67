"""The console's action forms: each runs the moderation service the API runs, with its rules (roles,
no self-suspension), writes its audit entry, and a refusal is a message on the page, changing nothing."""

from __future__ import annotations

import re

from sqlalchemy import select

from service import messages
from service.extensions import db
from service.models import ModerationAudit, Report
from tests.support.actors import create_article, register
from tests.support.console import article_hidden, comment_hidden, report, role_and_suspension, text_of


def audit_trail(app) -> list[tuple[str, str, str, str]]:
    """(actor, action, target, reason) of every staff action, oldest first; left out: the console's
    sign-ins and the roles the fixtures gave (by `system`, as `flask users set-role` does)."""
    with app.app_context():
        query = select(ModerationAudit).where(
            ModerationAudit.target_type != "console", ModerationAudit.actor != "system"
        )
        rows = db.session.execute(query.order_by(ModerationAudit.id)).scalars()
        return [(row.actor, row.action, f"{row.target_type}:{row.target_key}", row.reason) for row in rows]


def open_reports(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(Report).where(Report.resolved_at.is_(None))).all())


def flashed(console, answer) -> str:
    assert answer.status_code == 303, answer.get_data(as_text=True)
    return text_of(console.get(answer.headers["Location"]))


def new_comment(client, author, slug: str, body: str = "Nice one") -> int:
    answer = client.post(f"/api/articles/{slug}/comments", headers=author.headers, json={"comment": {"body": body}})
    assert answer.status_code in (200, 201), answer.get_json()
    return answer.get_json()["comment"]["id"]


def test_hiding_an_article_hides_it_resolves_its_reports_and_audits(app, client, signed_in, alice, bob):
    slug = create_article(client, alice)["slug"]
    report(app, bob, slug)

    answer = signed_in.post(f"/admin/articles/{slug}/hide", {"reason": "spam", "next": "/admin/reports"})

    assert answer.headers["Location"] == "/admin/reports"
    assert article_hidden(app, slug) and open_reports(app) == 0
    assert audit_trail(app) == [("maya", "hide", f"article:{slug}", "spam")]
    assert "No open reports." in text_of(signed_in.get("/admin/reports"))  # it left the queue


def test_the_audit_entry_carries_the_console_requests_id(app, client, signed_in, alice):
    slug = create_article(client, alice)["slug"]

    signed_in.post(f"/admin/articles/{slug}/hide", {"reason": "spam"})

    with app.app_context():
        request_id = db.session.scalar(select(ModerationAudit.request_id).where(ModerationAudit.action == "hide"))
    assert request_id and len(request_id) >= 16


def test_restoring_an_article_brings_it_back(app, client, signed_in, alice):
    slug = create_article(client, alice)["slug"]
    signed_in.post(f"/admin/articles/{slug}/hide", {"reason": "spam"})

    signed_in.post(f"/admin/articles/{slug}/restore", {"reason": "a mistake"})

    assert not article_hidden(app, slug)
    assert audit_trail(app)[-1] == ("maya", "restore", f"article:{slug}", "a mistake")


def test_hiding_and_restoring_a_comment(app, client, signed_in, alice, bob):
    slug = create_article(client, alice)["slug"]
    comment_id = new_comment(client, bob, slug)

    signed_in.post(f"/admin/comments/{comment_id}/hide", {"reason": "abuse"})
    hidden = comment_hidden(app, comment_id)
    signed_in.post(f"/admin/comments/{comment_id}/restore", {"reason": "fine after all"})

    assert hidden and not comment_hidden(app, comment_id)
    assert [entry[1:3] for entry in audit_trail(app)] == [
        ("hide", f"comment:{comment_id}"),
        ("restore", f"comment:{comment_id}"),
    ]


def test_dismissing_a_report_closes_it_and_leaves_the_item_alone(app, client, signed_in, alice, bob):
    slug = create_article(client, alice)["slug"]
    report_id = report(app, bob, slug)

    page = flashed(signed_in, signed_in.post(f"/admin/reports/{report_id}/dismiss", {"reason": "not spam"}))

    assert "Done" in page and open_reports(app) == 0 and not article_hidden(app, slug)
    assert audit_trail(app) == [("maya", "dismiss", f"report:{report_id}", "not spam")]


def test_dismissing_it_again_changes_nothing_and_says_so(app, client, signed_in, alice, bob):
    report_id = report(app, bob, create_article(client, alice)["slug"])
    signed_in.post(f"/admin/reports/{report_id}/dismiss", {"reason": "not spam"})

    page = flashed(signed_in, signed_in.post(f"/admin/reports/{report_id}/dismiss", {"reason": "again"}))

    assert messages.CONSOLE_NOTHING_CHANGED.format(what=f"report {report_id} dismissed") in page
    assert len(audit_trail(app)) == 1


def test_dismissing_one_of_two_reports_keeps_the_item_in_the_queue_one_report_lower(app, client, signed_in, alice, bob):
    slug = create_article(client, alice, title="Twice reported")["slug"]
    report_id = report(app, bob, slug)
    report(app, register(client, "carol"), slug, reason="abuse")

    signed_in.post(f"/admin/reports/{report_id}/dismiss", {"reason": "not spam"})

    page = text_of(signed_in.get("/admin/reports"))
    assert re.search(r"“Twice reported” by alice\s+— 1 open report\s", page) and "abuse (1)" in page
    assert open_reports(app) == 1 and not article_hidden(app, slug)


def test_an_unknown_report_is_a_message_not_an_error_page(app, signed_in):
    page = flashed(signed_in, signed_in.post("/admin/reports/999/dismiss", {"reason": "not spam"}))

    assert messages.REPORT_NOT_FOUND in page and audit_trail(app) == []


def test_suspending_and_reinstating_a_member(app, signed_in, alice):
    signed_in.post("/admin/users/alice/suspend", {"reason": "spam", "next": "/admin/users?q=alice"})
    suspended = role_and_suspension(app, "alice")
    signed_in.post("/admin/users/alice/reinstate", {"reason": "appeal granted"})

    assert suspended == ("member", True) and role_and_suspension(app, "alice") == ("member", False)
    assert [entry[1] for entry in audit_trail(app)] == ["suspend", "reinstate"]


def test_a_suspension_until_a_time_records_it(app, signed_in, alice):
    signed_in.post("/admin/users/alice/suspend", {"reason": "cool off", "until": "2099-01-01T12:00"})

    assert role_and_suspension(app, "alice") == ("member", True)
    assert audit_trail(app)[-1][3] == "cool off (until 2099-01-01T12:00:00+00:00)"


def test_a_suspension_until_a_past_time_is_refused(app, signed_in, alice):
    page = flashed(
        signed_in, signed_in.post("/admin/users/alice/suspend", {"reason": "x", "until": "2000-01-01T00:00"})
    )

    assert "until" in page and role_and_suspension(app, "alice") == ("member", False)


def test_a_moderator_cannot_suspend_an_admin(app, signed_in, admin):
    page = flashed(signed_in, signed_in.post("/admin/users/ada/suspend", {"reason": "coup"}))

    assert messages.CANNOT_SUSPEND_STAFF in page
    assert role_and_suspension(app, "ada") == ("admin", False) and audit_trail(app) == []


def test_nobody_suspends_themselves(app, signed_in):
    page = flashed(signed_in, signed_in.post("/admin/users/maya/suspend", {"reason": "tired"}))

    assert messages.CANNOT_SUSPEND_SELF in page
    assert role_and_suspension(app, "maya") == ("moderator", False)


def test_an_admin_sets_a_role(app, admin_console, alice):
    admin_console.post("/admin/users/alice/role", {"role": "moderator", "reason": "trusted"})

    assert role_and_suspension(app, "alice") == ("moderator", False)
    assert audit_trail(app)[-1] == ("ada", "set-role", "user:alice", "member -> moderator: trusted")


def test_a_moderator_cannot_set_a_role(app, signed_in, alice):
    page = flashed(signed_in, signed_in.post("/admin/users/alice/role", {"role": "admin"}))

    assert messages.ADMIN_ONLY in page
    assert role_and_suspension(app, "alice") == ("member", False)


def test_an_unknown_role_is_refused(app, admin_console, alice):
    page = flashed(admin_console, admin_console.post("/admin/users/alice/role", {"role": "overlord"}))

    assert "role" in page and role_and_suspension(app, "alice") == ("member", False)


def test_an_action_without_a_reason_is_refused_and_changes_nothing(app, client, signed_in, alice):
    slug = create_article(client, alice)["slug"]

    page = flashed(signed_in, signed_in.post(f"/admin/articles/{slug}/hide", {"reason": ""}))

    assert "reason" in page and not article_hidden(app, slug) and audit_trail(app) == []


def test_an_unknown_article_is_a_message_not_an_error_page(app, signed_in):
    page = flashed(signed_in, signed_in.post("/admin/articles/no-such-thing/hide", {"reason": "spam"}))

    assert messages.ARTICLE_NOT_FOUND in page and audit_trail(app) == []


def test_an_outside_next_address_is_ignored(client, signed_in, alice):
    slug = create_article(client, alice)["slug"]

    answer = signed_in.post(f"/admin/articles/{slug}/hide", {"reason": "spam", "next": "//evil.test/admin"})

    assert answer.headers["Location"] == "/admin/"


def test_a_signed_out_post_acts_on_nothing(app, client, console, alice):
    slug = create_article(client, alice)["slug"]

    answer = console.post(f"/admin/articles/{slug}/hide", {"reason": "spam"}, form_page="/admin/login")

    assert answer.headers["Location"].endswith("/admin/login") and not article_hidden(app, slug)
