"""The staff console driven in headless Chromium: staff made with the flask CLI, a sign-in with a
TOTP code computed from the secret the setup page shows, reports filed through the service."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import NamedTuple

from playwright import sync_api as playwright

from service import create_app
from service.moderation.reports import report_article
from tests.backends.support import call
from tests.support.console import code_for, user_id
from tests.support.live import BIN, LiveServer


def flask_cli(server: LiveServer, workdir: Path, *args: str) -> None:
    """`flask --app service ARGS` on the server's database, run where no .env is read."""
    command = [str(BIN / "flask"), "--app", "service", *args]
    result = subprocess.run(command, cwd=workdir, env=server.env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def new_user(server: LiveServer, username: str) -> tuple[str, str, str]:
    """(email, password, token) of a new member, signed up over the API."""
    email, password = f"{username}@example.com", f"{username}-password"
    reply = call(
        server.url, "POST", "/api/users", {"user": {"username": username, "email": email, "password": password}}
    )
    assert reply.status == 201, reply.body
    return email, password, reply.body["user"]["token"]


def file_report(server: LiveServer, username: str, slug: str, note: str = "") -> None:
    """`username` reports the article through the moderation service, on the server's database."""
    app = create_app({"ENV_PROFILE": "testing", "DATABASE_URL": server.env["DATABASE_URL"]})
    reporter = user_id(app, username)
    with app.app_context():
        report_article(reporter, slug, "spam", note)


def password_step(page: playwright.Page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/admin/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


class Enrolment(NamedTuple):
    secret: str
    code: str  # the code the enrolment took: used, so a replay of it must fail


def enrol(page: playwright.Page, base_url: str, email: str, password: str) -> Enrolment:
    """The first sign-in: password, then the code for the secret read off `#totp-secret`."""
    password_step(page, base_url, email, password)
    page.wait_for_url("**/admin/2fa/setup")
    secret = page.text_content("#totp-secret") or ""
    code = code_for(secret)
    page.fill("input[name=code]", code)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/admin/")
    return Enrolment(secret, code)
