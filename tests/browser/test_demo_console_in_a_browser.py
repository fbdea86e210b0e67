"""The demo's moderator as a newcomer meets it after the README's first command: gunicorn serving the
demo data with the production profile, as `scripts/run` does; `mod@example.com` / `conduit-demo` signs
in to the console in Chromium, enrols TOTP from `#totp-secret`, and finds the demo's reports waiting."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from service import demo
from tests.support.console_browser import enrol, flask_cli
from tests.support.live import LiveServer, live_server

pytestmark = [pytest.mark.live, pytest.mark.consumer]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`scripts/run`'s set-up: the production profile with random secrets, migrated, the demo seeded."""
    keys = {"SECRET_KEY": secrets.token_urlsafe(48), "JWT_SECRET_KEY": secrets.token_urlsafe(48)}
    with live_server(APP_ENV="production", **keys) as running:
        running.cli_dir = Path(tmp_path_factory.mktemp("cli"))  # type: ignore[attr-defined]
        flask_cli(running, running.cli_dir, "seed-demo")  # type: ignore[attr-defined]
        yield running


@pytest.fixture
def newcomer(demo_server: LiveServer) -> LiveServer:
    """The demo as first met: the moderator has no second factor yet (an earlier test enrolled one)."""
    flask_cli(demo_server, demo_server.cli_dir, "users", "reset-2fa", "mod@example.com")  # type: ignore[attr-defined]
    return demo_server


def test_the_demo_moderator_enrols_at_the_first_sign_in_with_a_production_cookie(newcomer, page):
    page, watch = page

    enrol(page, newcomer.url, "mod@example.com", demo.PASSWORD)

    assert page.locator("header .who").text_content().endswith("(moderator)")
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert cookies["__Host-conduit_console"]["secure"] and cookies["__Host-conduit_console"]["httpOnly"]
    assert not watch.problems(), "\n".join(watch.problems())


def test_the_demo_moderator_finds_the_demo_reports_in_the_queue(newcomer, page):
    page, watch = page
    enrol(page, newcomer.url, "mod@example.com", demo.PASSWORD)

    page.goto(f"{newcomer.url}/admin/reports")

    headings = [" ".join(text.split()) for text in page.locator(".queue-item h3").all_text_contents()]
    assert len(headings) == 3
    assert "“Dragons of the north” by jane — 2 open reports" in headings[0]
    assert any(heading.startswith("Comment #") and "“How to train your dragon”" in heading for heading in headings)
    assert page.locator(".queue-item .hidden-badge").count() == 0
    assert not watch.problems(), "\n".join(watch.problems())
