"""Console sessions live on the server: the cookie is a random id, new at sign-in; they end when idle,
when too old, at sign-out, and when the user is suspended or loses the staff role."""

from __future__ import annotations

import re
import secrets
import time

from service.console import second_factor, sessions
from service.moderation.services import set_role, suspend_user
from tests.support.console import COOKIE, Console, stored_sessions, user_id

IDLE, LIFETIME = 30 * 60, 8 * 3600


def set_cookie_of(answer) -> str:
    found = [value for value in answer.headers.getlist("Set-Cookie") if "conduit_console=" in value]
    assert len(found) == 1, answer.headers
    return found[0]


class MovedClock:
    """The sessions' `time` module, `seconds` on from the real one (nothing else sees it)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def time(self) -> float:
        return time.time() + self.seconds


def clock_moved(monkeypatch, seconds: float) -> None:
    monkeypatch.setattr(sessions, "time", MovedClock(seconds))


def test_the_session_id_is_new_after_the_password_and_again_after_the_code(console, moderator):
    console.get("/admin/login")
    before = console.session_id
    console.password_step(moderator.email, moderator.password)
    after_password = console.session_id
    console.enrol()

    assert None not in (before, after_password, console.session_id)
    assert len({before, after_password, console.session_id}) == 3


def test_the_id_seen_before_sign_in_opens_nothing_after(app, console, moderator):
    console.get("/admin/login")
    planted = console.session_id
    console.sign_in(moderator)

    other = Console(app.test_client())
    other.client.set_cookie(COOKIE, planted)

    assert other.get("/admin/").status_code == 303


def test_the_cookie_carries_only_a_random_opaque_id(signed_in, moderator):
    sid = signed_in.session_id

    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", sid)
    assert "." not in sid and moderator.username not in sid  # not a signed cookie holding the data


def test_the_session_data_is_kept_in_the_store(app, signed_in):
    assert stored_sessions(app) == 1


def test_the_cookie_is_httponly_samesite_strict_for_the_whole_site(console):
    cookie = set_cookie_of(console.get("/admin/login"))

    parts = {part.strip() for part in cookie.split(";")}
    assert cookie.startswith(COOKIE + "=") and {"HttpOnly", "SameSite=Strict", "Path=/"} <= parts
    assert "Secure" not in parts  # plain HTTP in testing


def test_in_production_the_cookie_is_secure_with_the_host_prefix(make_app):
    strong = secrets.token_urlsafe(48)
    app = make_app(ENV_PROFILE="production", SECRET_KEY=strong, JWT_SECRET_KEY=strong + "x")

    cookie = set_cookie_of(app.test_client().get("/admin/login", base_url="https://localhost"))

    parts = {part.strip() for part in cookie.split(";")}
    assert cookie.startswith("__Host-" + COOKIE + "=")
    assert {"Secure", "HttpOnly", "SameSite=Strict", "Path=/"} <= parts and not any(
        p.startswith("Domain") for p in parts
    )


def test_the_api_neither_reads_nor_sets_the_cookie(signed_in):
    answer = signed_in.get("/api/tags")

    assert answer.status_code == 200 and not answer.headers.getlist("Set-Cookie")


def test_a_session_idle_past_the_limit_is_gone(signed_in, monkeypatch):
    clock_moved(monkeypatch, IDLE + 1)

    assert signed_in.get("/admin/").headers["Location"].endswith("/admin/login")


def test_a_session_used_within_the_idle_limit_stays(signed_in, monkeypatch):
    clock_moved(monkeypatch, IDLE - 60)

    assert signed_in.get("/admin/").status_code == 200


def test_a_session_in_use_ends_at_the_absolute_limit(signed_in, monkeypatch):
    for step in range(1, LIFETIME // (IDLE - 60) + 1):  # seen just within every idle limit
        clock_moved(monkeypatch, step * (IDLE - 60))
        if step * (IDLE - 60) < LIFETIME:
            assert signed_in.get("/admin/").status_code == 200, step

    clock_moved(monkeypatch, LIFETIME + 1)
    assert signed_in.get("/admin/").headers["Location"].endswith("/admin/login")


def test_after_sign_out_the_old_cookie_opens_no_page(app, signed_in):
    old = signed_in.session_id
    signed_in.sign_out()

    replayed = Console(app.test_client())
    replayed.client.set_cookie(COOKIE, old)

    assert replayed.get("/admin/").headers["Location"].endswith("/admin/login")
    assert stored_sessions(app) == 0


def test_a_suspension_ends_the_session_at_the_next_request(app, signed_in, admin):
    with app.app_context():
        suspend_user(user_id(app, admin.username), "maya", "abuse")

    assert signed_in.get("/admin/").headers["Location"].endswith("/admin/login")
    assert stored_sessions(app) == 0


def test_a_role_removal_ends_the_session_at_the_next_request(app, signed_in, admin):
    with app.app_context():
        set_role(user_id(app, admin.username), "maya", "member")

    assert signed_in.get("/admin/").headers["Location"].endswith("/admin/login")
    assert stored_sessions(app) == 0


def test_clearing_the_second_factor_ends_the_session_at_the_next_request(app, signed_in, admin):
    with app.app_context():
        second_factor.reset(user_id(app, "maya"))

    assert signed_in.get("/admin/").headers["Location"].endswith("/admin/login")
    assert stored_sessions(app) == 0
