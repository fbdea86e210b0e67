"""The staff console as a browser without JavaScript uses it, over the Flask test client: pages
read as HTML, forms posted with their CSRF token and this origin, TOTP codes computed with pyotp."""

from __future__ import annotations

import html
import logging
import re
import time
from typing import Any

import pyotp
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from service import messages
from service.console.sessions import REDIS_PREFIX, RedisStore
from service.extensions import db
from service.models import Article, Comment, ConsoleSession, User
from service.moderation.reports import report_article, report_comment
from service.moderation.services import set_role
from tests.support.actors import Actor

ORIGIN = "http://localhost"  # the test client's host
_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
_SECRET = re.compile(r'id="totp-secret">([A-Z2-7]+)<')
COOKIE = "conduit_console"


def make_staff(app: Flask, actor: Actor, role: str = "moderator") -> Actor:
    """Give `actor` a role as `flask users set-role` does."""
    with app.app_context():
        set_role(None, actor.username, role)
    return actor


def user_id(app: Flask, username: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.username == username))


def report(app: Flask, reporter: Actor, slug: str, comment_id: int | None = None, reason: str = "spam",
           note: str = "") -> int:  # fmt: skip
    """`reporter` reports the article (or its comment) through the service the API calls; the report's id."""
    reporter_id = user_id(app, reporter.username)
    with app.app_context():
        if comment_id is None:
            view, _new, _hidden = report_article(reporter_id, slug, reason, note)
        else:
            view, _new, _hidden = report_comment(reporter_id, slug, comment_id, reason, note)
    return view["id"]


def article_hidden(app: Flask, slug: str) -> bool:
    with app.app_context():
        return db.session.scalar(select(Article.hidden_at).where(Article.slug == slug)) is not None


def comment_hidden(app: Flask, comment_id: int) -> bool:
    with app.app_context():
        return db.session.scalar(select(Comment.hidden_at).where(Comment.id == comment_id)) is not None


def role_and_suspension(app: Flask, username: str) -> tuple[str, bool]:
    with app.app_context():
        user = db.session.scalars(select(User).where(User.username == username)).one()
        return user.role, user.suspended_at is not None


def stored_sessions(app: Flask) -> int:
    """How many console sessions the app's store (Redis or the database) holds."""
    store = app.session_interface.store  # type: ignore[attr-defined]
    if isinstance(store, RedisStore):
        return sum(1 for _key in store.redis.scan_iter(REDIS_PREFIX + "*"))
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ConsoleSession))


def code_for(secret: str, steps_ahead: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def csrf_token(page: TestResponse) -> str:
    found = _CSRF.search(page.get_data(as_text=True))
    assert found, page.get_data(as_text=True)
    return found.group(1) or found.group(2)


def masked(page: TestResponse) -> str:
    """The page with its CSRF token taken out: the one part of a page that differs per session."""
    return _CSRF.sub("csrf", page.get_data(as_text=True))


def text_of(page: TestResponse) -> str:
    return html.unescape(page.get_data(as_text=True))


def assert_store_down_page(answer: TestResponse, log_records: list[logging.LogRecord], cause: str) -> None:
    """The console's answer with its session store out of reach: a 503 page with Retry-After and the
    console's headers, no cookie, and a log line naming `cause`."""
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "5"
    assert "default-src 'self'" in answer.headers["Content-Security-Policy"]
    assert "Set-Cookie" not in answer.headers
    assert messages.CONSOLE_SESSIONS_UNAVAILABLE in text_of(answer)
    assert any(cause in record.getMessage() for record in log_records), [r.getMessage() for r in log_records]


class Console:
    """One browser session on the console."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.secret: str | None = None
        self.last_code: str | None = None  # the code last taken: a replay of it must fail

    @property
    def session_id(self) -> str | None:
        cookie = self.client.get_cookie(COOKIE) or self.client.get_cookie("__Host-" + COOKIE)
        return cookie.value if cookie else None

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.client.get(path, **kwargs)

    def post(self, path: str, data: dict[str, str] | None = None, *, form_page: str | None = None,
             token: str | None = None, origin: str | None = ORIGIN) -> TestResponse:  # fmt: skip
        """POST a form: with the CSRF token of `form_page` (default: the overview) unless `token` is given."""
        fields = dict(data or {})
        if token is None:
            token = csrf_token(self.get(form_page or "/admin/"))
        if token:
            fields["csrf_token"] = token
        headers = {"Origin": origin} if origin else {}
        return self.client.post(path, data=fields, headers=headers)

    def password_step(self, email: str, password: str) -> TestResponse:
        return self.post("/admin/login", {"email": email, "password": password}, form_page="/admin/login")

    def enrol(self) -> TestResponse:
        page = self.get("/admin/2fa/setup")
        found = _SECRET.search(page.get_data(as_text=True))
        assert found, page.get_data(as_text=True)
        self.secret = found.group(1)
        self.last_code = code_for(self.secret)
        return self.post("/admin/2fa/setup", {"code": self.last_code}, form_page="/admin/2fa/setup")

    def code_step(self, code: str) -> TestResponse:
        return self.post("/admin/2fa", {"code": code}, form_page="/admin/2fa")

    def sign_in(self, actor: Actor, *, secret: str | None = None, steps_ahead: int = 0) -> TestResponse:
        """Both factors: enrols at the first sign-in, else uses `secret` (a code `steps_ahead` steps on)."""
        answer = self.password_step(actor.email, actor.password)
        assert answer.status_code == 303, answer.get_data(as_text=True)
        if answer.headers["Location"].endswith("/admin/2fa/setup"):
            answer = self.enrol()
        else:
            self.secret = secret or self.secret
            assert self.secret, "a sign-in after enrolment needs the secret"
            self.last_code = code_for(self.secret, steps_ahead)
            answer = self.code_step(self.last_code)
        assert answer.status_code == 303 and answer.headers["Location"].endswith("/admin/"), answer.get_data(True)
        return answer

    def sign_out(self) -> TestResponse:
        return self.post("/admin/logout")
