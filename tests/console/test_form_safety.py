"""What keeps the console's forms and pages safe: a CSRF token and this origin on every POST, and
strict headers on every answer under /admin, whatever its status."""

from __future__ import annotations

import pytest

from tests.support.actors import create_article
from tests.support.console import Console, article_hidden, csrf_token, text_of


@pytest.fixture
def article(client, alice):
    return create_article(client, alice, title="Kept as it is")


def visible(app, slug: str) -> bool:
    return not article_hidden(app, slug)


def test_a_post_without_its_csrf_token_is_400_and_changes_nothing(app, signed_in, article):
    answer = signed_in.post(f"/admin/articles/{article['slug']}/hide", {"reason": "spam"}, token="")

    assert answer.status_code == 400 and "CSRF" in text_of(answer)
    assert visible(app, article["slug"])


def test_a_post_with_a_wrong_csrf_token_is_400_and_changes_nothing(app, signed_in, article):
    answer = signed_in.post(f"/admin/articles/{article['slug']}/hide", {"reason": "spam"}, token="forged-token")

    assert answer.status_code == 400
    assert visible(app, article["slug"])


def test_another_sessions_csrf_token_does_not_pass(app, signed_in, moderator, article):
    other = Console(app.test_client())
    token = csrf_token(other.get("/admin/login"))

    answer = signed_in.post(f"/admin/articles/{article['slug']}/hide", {"reason": "spam"}, token=token)

    assert answer.status_code == 400
    assert visible(app, article["slug"])


def test_a_post_from_another_origin_is_refused_and_changes_nothing(app, signed_in, article):
    answer = signed_in.post(f"/admin/articles/{article['slug']}/hide", {"reason": "spam"}, origin="https://evil.test")

    assert answer.status_code == 403
    assert visible(app, article["slug"])


def test_a_post_with_neither_origin_nor_referer_is_refused(app, signed_in, article):
    answer = signed_in.post(f"/admin/articles/{article['slug']}/hide", {"reason": "spam"}, origin=None)

    assert answer.status_code == 403
    assert visible(app, article["slug"])


def test_a_same_origin_referer_stands_in_for_a_missing_origin(app, signed_in, article):
    token = csrf_token(signed_in.get("/admin/"))
    form = {"reason": "spam", "csrf_token": token}

    answer = signed_in.client.post(
        f"/admin/articles/{article['slug']}/hide", data=form, headers={"Referer": "http://localhost/admin/"}
    )

    assert answer.status_code == 303
    assert not visible(app, article["slug"])


def test_the_sign_in_form_checks_its_token_too(console, moderator):
    answer = console.post("/admin/login", {"email": moderator.email, "password": moderator.password}, token="")

    assert answer.status_code == 400
    assert console.get("/admin/2fa/setup").headers["Location"].endswith("/admin/login")


PAGES = ["/admin/", "/admin/reports", "/admin/users?q=a", "/admin/audit", "/admin/audit.csv"]
PUBLIC = ["/admin/login", "/admin/no-such-page"]


def assert_console_headers(answer) -> None:
    csp = answer.headers["Content-Security-Policy"]
    directives = {part.strip().split(" ", 1)[0]: part.strip() for part in csp.split(";")}
    assert directives["default-src"] == "default-src 'self'"
    assert "'unsafe-inline'" not in directives.get("script-src", directives["default-src"])
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", PAGES)
def test_every_staff_page_carries_the_console_headers(signed_in, path):
    answer = signed_in.get(path)

    assert answer.status_code == 200
    assert_console_headers(answer)


@pytest.mark.parametrize("path", PUBLIC)
def test_the_sign_in_page_and_a_missing_page_carry_them_too(console, path):
    assert_console_headers(console.get(path))


def test_a_refused_post_carries_them_too(signed_in, article):
    assert_console_headers(signed_in.post(f"/admin/articles/{article['slug']}/hide", {"reason": "x"}, token=""))


def test_a_redirect_to_sign_in_carries_them_too(console):
    answer = console.get("/admin/reports")

    assert answer.status_code == 303
    assert_console_headers(answer)
