"""The staff console in headless Chromium against gunicorn: a moderator signs in with password and
TOTP (a replayed code fails), handles a report end to end, a form posted without its CSRF token is
refused, and an article full of markup runs nothing when the queue shows it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backends.support import call
from tests.support.console import code_for
from tests.support.console_browser import enrol, file_report, flask_cli, new_user, password_step
from tests.support.live import LiveServer, live_server

pytestmark = [pytest.mark.live, pytest.mark.consumer]

HOSTILE = '<script>window.__xss = 1; alert(1)</script><img src=x onerror="window.__xss = 2; alert(2)">'
_names = itertools.count(1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server() as running:
        running.cli_dir = Path(tmp_path_factory.mktemp("cli"))  # type: ignore[attr-defined]
        yield running


@pytest.fixture
def moderator(server: LiveServer) -> tuple[str, str]:
    """A new moderator's (email, password): signed up over the API, made staff with the CLI."""
    email, password, _token = new_user(server, f"mod{next(_names)}")
    flask_cli(server, server.cli_dir, "users", "set-role", email, "moderator")  # type: ignore[attr-defined]
    return email, password


def reported_article(server: LiveServer, title: str, body: str) -> str:
    """A member's article, reported by another member; its slug."""
    _email, _password, token = new_user(server, f"author{next(_names)}")
    article = {"title": title, "description": "read me", "body": body}
    slug = call(server.url, "POST", "/api/articles", {"article": article}, token=token).body["article"]["slug"]
    reporter = f"reporter{next(_names)}"
    new_user(server, reporter)
    file_report(server, reporter, slug, note=body)
    return slug


def test_a_moderator_signs_in_with_password_and_totp(server, moderator, page):
    page, watch = page

    enrol(page, server.url, *moderator)

    assert page.locator("header .who").text_content().endswith("(moderator)")
    assert not watch.problems(), "\n".join(watch.problems())


def test_a_replayed_code_fails(server, moderator, page):
    page, watch = page
    enrolment = enrol(page, server.url, *moderator)
    page.click("form.sign-out button")
    page.wait_for_url("**/admin/login")
    password_step(page, server.url, *moderator)
    page.wait_for_url("**/admin/2fa")

    page.fill("input[name=code]", enrolment.code)
    page.click("form.stacked button[type=submit]")

    assert "used already" in page.text_content("main")
    page.fill("input[name=code]", code_for(enrolment.secret, steps_ahead=1))
    page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/admin/")
    assert watch.page_errors == [] and watch.outside_requests == []  # the replay's 401 is the one console error


def test_a_report_is_handled_end_to_end(server, moderator, page):
    page, watch = page
    slug = reported_article(server, "Cheap pills today", "Buy now")
    assert call(server.url, "GET", f"/api/articles/{slug}").status == 200
    enrol(page, server.url, *moderator)
    page.goto(f"{server.url}/admin/reports")

    item = page.locator(f"#item-article-{slug}")
    item.locator("form[action$='/hide'] input[name=reason]").fill("spam")
    item.locator("form[action$='/hide'] button").click()
    page.wait_for_load_state()

    assert "hidden" in page.text_content(".flash")
    assert call(server.url, "GET", f"/api/articles/{slug}").status == 404
    assert page.locator(f"#item-article-{slug}").count() == 0  # it left the queue
    assert not watch.problems(), "\n".join(watch.problems())


def test_a_form_posted_without_its_csrf_token_is_refused(server, moderator, page):
    page, _watch = page
    slug = reported_article(server, "Kept visible", "Fine text")
    enrol(page, server.url, *moderator)
    page.goto(f"{server.url}/admin/reports")
    form = page.locator(f"#item-article-{slug} form[action$='/hide']")
    form.locator("input[name=csrf_token]").evaluate("input => input.remove()")
    form.locator("input[name=reason]").fill("spam")

    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        form.locator("button").click()

    assert posted.value.status == 400
    assert call(server.url, "GET", f"/api/articles/{slug}").status == 200


def test_an_article_full_of_markup_runs_nothing_in_the_queue(server, moderator, page):
    page, watch = page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    slug = reported_article(server, HOSTILE, HOSTILE)
    enrol(page, server.url, *moderator)

    page.goto(f"{server.url}/admin/reports")
    page.wait_for_load_state("load")

    item = page.locator(f"#item-article-{slug}")
    assert HOSTILE in item.locator(".reported-text").text_content()  # shown as text
    assert item.locator("script, img[onerror]").count() == 0
    assert page.evaluate("() => window.__xss") is None and dialogs == []
    assert not watch.problems(), "\n".join(watch.problems())
