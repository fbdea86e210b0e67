"""The console's pages: the overview, the queue with the reported text (escaped), user search and the
audit with its filters and CSV export (safe to open in a spreadsheet)."""

from __future__ import annotations

import csv
import io

import pytest

from service.moderation.services import hide_article, set_role, suspend_user
from tests.support.actors import create_article, register
from tests.support.console import report, text_of, user_id

HOSTILE = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'


@pytest.fixture
def reported(app, client, alice, bob):
    """Alice's article, reported by Bob as spam, with a note."""
    article = create_article(client, alice, title="Cheap pills", body="Buy now at example.test")
    report(app, bob, article["slug"], reason="spam", note="obvious spam")
    return article


def test_the_overview_counts_open_reports_hidden_items_and_suspended_users(app, client, signed_in, reported, bob):
    other = create_article(client, bob, title="Hidden one")
    staff = user_id(app, "maya")
    with app.app_context():
        hide_article(staff, other["slug"], "off-topic")
        suspend_user(staff, "alice", "spam")

    page = text_of(signed_in.get("/admin/"))

    assert "1 reported item" in page and "1 hidden" in page and "1 suspended" in page
    assert "Hidden one" in page and "alice@example.com" in page


def test_the_queue_shows_the_reported_text_its_reasons_and_notes(signed_in, reported):
    page = text_of(signed_in.get("/admin/reports"))

    assert "“Cheap pills” by alice" in page and "Buy now at example.test" in page
    assert "spam (1)" in page and "by bob" in page and "“obvious spam”" in page


def test_the_queue_escapes_what_users_wrote(app, client, signed_in, alice, bob):
    article = create_article(client, alice, title=HOSTILE, body=HOSTILE)
    report(app, bob, article["slug"], note=HOSTILE)

    raw = signed_in.get("/admin/reports").get_data(as_text=True)

    assert "<script>window" not in raw and "<img src=x" not in raw
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in raw


def test_an_empty_queue_says_so(signed_in):
    assert "No open reports." in text_of(signed_in.get("/admin/reports"))


def test_users_are_found_by_part_of_the_username(signed_in, alice, bob):
    page = text_of(signed_in.get("/admin/users?q=LIC"))

    assert "alice@example.com" in page and "bob@example.com" not in page


def test_users_are_found_by_part_of_the_email(signed_in, alice, bob):
    page = text_of(signed_in.get("/admin/users?q=bob@example"))

    assert "bob@example.com" in page and "alice@example.com" not in page


def test_a_search_with_sql_wildcards_matches_them_as_text(signed_in, alice):
    page = text_of(signed_in.get("/admin/users?q=%25"))

    assert "alice@example.com" not in page


def test_the_audit_lists_actions_newest_first(app, client, signed_in, reported):
    with app.app_context():
        suspend_user(user_id(app, "maya"), "bob", "abuse")
        hide_article(user_id(app, "maya"), reported["slug"], "spam")

    page = text_of(signed_in.get("/admin/audit"))

    assert page.index("article:cheap-pills") < page.index("user:bob") < page.index("console:")


@pytest.mark.parametrize(
    ("query", "shown", "left_out"),
    [
        ("action=suspend", "user:bob", "article:cheap-pills"),
        ("target=cheap-pills", "article:cheap-pills", "user:bob"),
        ("target=user:bob", "user:bob", "article:cheap-pills"),
        ("actor=system", "user:carol", "user:bob"),
    ],
)
def test_the_audit_filters(app, client, signed_in, reported, query, shown, left_out):
    register(client, "carol")
    with app.app_context():
        suspend_user(user_id(app, "maya"), "bob", "abuse")
        hide_article(user_id(app, "maya"), reported["slug"], "spam")
        set_role(None, "carol", "moderator")  # as `flask users set-role` does: the actor is `system`

    page = text_of(signed_in.get(f"/admin/audit?{query}"))

    assert shown in page and left_out not in page


def test_the_audit_exports_as_a_csv_attachment(app, signed_in, reported):
    with app.app_context():
        hide_article(user_id(app, "maya"), reported["slug"], "spam")

    answer = signed_in.get("/admin/audit.csv?action=hide")

    assert answer.mimetype == "text/csv"
    assert answer.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True))))
    assert rows[0] == ["created_at", "actor", "action", "target", "reason", "request_id"]
    assert [row[1:5] for row in rows[1:]] == [["maya", "hide", "article:cheap-pills", "spam"]]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_csv_cell_that_a_spreadsheet_would_run_is_defused(app, signed_in, reported, start):
    formula = start + 'HYPERLINK("http://evil.test","x")'
    with app.app_context():
        hide_article(user_id(app, "maya"), reported["slug"], formula)

    rows = list(csv.reader(io.StringIO(signed_in.get("/admin/audit.csv?action=hide").get_data(as_text=True))))

    assert rows[1][4] == "'" + formula
