"""Signing in to the console: password, then TOTP; only staff get in, and every refusal looks alike."""

from __future__ import annotations

from sqlalchemy import select

from service.extensions import db
from service.models import ModerationAudit, User
from service.moderation.services import suspend_user
from tests.support.actors import register
from tests.support.console import Console, code_for, make_staff, masked, text_of


def test_a_member_a_wrong_password_and_an_unknown_email_get_the_same_answer(app, client, moderator, alice):
    answers = [
        Console(app.test_client()).password_step(alice.email, alice.password),
        Console(app.test_client()).password_step(moderator.email, "not-the-password"),
        Console(app.test_client()).password_step("nobody@example.com", "whatever-password"),
    ]
    assert {answer.status_code for answer in answers} == {401}
    assert masked(answers[0]) == masked(answers[1]) == masked(answers[2])
    assert "Sign-in failed" in text_of(answers[0])


def test_a_refused_sign_in_opens_no_page(app, alice):
    console = Console(app.test_client())
    console.password_step(alice.email, alice.password)
    for path in ("/admin/", "/admin/2fa", "/admin/2fa/setup"):
        assert console.get(path).headers["Location"].endswith("/admin/login")


def test_a_staff_member_without_a_second_factor_is_sent_to_enrol(console, moderator):
    answer = console.password_step(moderator.email, moderator.password)

    assert answer.status_code == 303 and answer.headers["Location"].endswith("/admin/2fa/setup")
    page = console.get("/admin/2fa/setup")
    assert 'id="totp-secret"' in page.get_data(as_text=True)
    assert console.get("/admin/").headers["Location"].endswith("/admin/login")  # the password alone opens nothing


def test_the_setup_page_draws_the_secret_as_a_qr_code_served_by_the_app(console, moderator):
    console.password_step(moderator.email, moderator.password)
    assert '<img class="qr" src="/admin/2fa/setup/qr.svg"' in console.get("/admin/2fa/setup").get_data(as_text=True)

    image = console.get("/admin/2fa/setup/qr.svg")

    assert image.status_code == 200 and image.mimetype == "image/svg+xml"
    assert image.get_data().startswith(b"<svg")


def test_enrolling_with_a_right_code_signs_in(console, moderator):
    answer = console.sign_in(moderator)

    assert answer.headers["Location"].endswith("/admin/")
    assert console.get("/admin/").status_code == 200


def test_enrolling_with_a_wrong_code_stores_no_second_factor(app, console, moderator):
    console.password_step(moderator.email, moderator.password)
    console.get("/admin/2fa/setup")

    answer = console.post("/admin/2fa/setup", {"code": "000000"}, form_page="/admin/2fa/setup")

    assert answer.status_code == 401 and "That code is wrong" in text_of(answer)
    with app.app_context():
        assert db.session.scalar(select(User.totp_secret).where(User.email == moderator.email)) is None


def test_a_later_sign_in_asks_for_the_code(app, console, moderator):
    console.sign_in(moderator)
    console.sign_out()

    answer = console.password_step(moderator.email, moderator.password)

    assert answer.headers["Location"].endswith("/admin/2fa")
    assert console.get("/admin/2fa/setup").headers["Location"].endswith("/admin/2fa")  # no second enrolment


def test_a_wrong_code_fails(app, console, moderator):
    console.sign_in(moderator)
    console.sign_out()
    console.password_step(moderator.email, moderator.password)

    answer = console.code_step("123456" if code_for(console.secret) != "123456" else "654321")

    assert answer.status_code == 401
    assert console.get("/admin/").headers["Location"].endswith("/admin/login")


def test_a_code_is_accepted_once_a_replay_fails(app, console, moderator):
    console.sign_in(moderator)
    used = console.last_code
    console.sign_out()
    console.password_step(moderator.email, moderator.password)

    replay = console.code_step(used)

    assert replay.status_code == 401 and "used already" in text_of(replay)
    assert console.code_step(code_for(console.secret, steps_ahead=1)).status_code == 303  # the next step's code


def test_two_sessions_cannot_both_use_one_code(app, moderator):
    first, second = Console(app.test_client()), Console(app.test_client())
    first.sign_in(moderator)
    first.sign_out()
    first.password_step(moderator.email, moderator.password)
    second.password_step(moderator.email, moderator.password)
    code = code_for(first.secret, steps_ahead=1)

    answers = [first.code_step(code).status_code, second.code_step(code).status_code]

    assert sorted(answers) == [303, 401]


def test_sign_in_and_sign_out_are_audited(app, console, moderator):
    console.sign_in(moderator)
    console.sign_out()

    with app.app_context():
        query = select(ModerationAudit.actor, ModerationAudit.action).where(ModerationAudit.target_type == "console")
        entries = db.session.execute(query.order_by(ModerationAudit.id))
        assert [tuple(entry) for entry in entries] == [("maya", "sign-in"), ("maya", "sign-out")]


def test_a_suspended_moderator_cannot_sign_in(app, client, console, moderator, admin):
    with app.app_context():
        suspend_user(db.session.scalar(select(User.id).where(User.username == "ada")), "maya", "abuse")

    assert console.password_step(moderator.email, moderator.password).status_code == 401


def test_a_member_made_moderator_gets_in_from_the_next_request(app, client, console):
    carol = register(client, "carol")
    assert console.password_step(carol.email, carol.password).status_code == 401

    make_staff(app, carol)

    assert console.password_step(carol.email, carol.password).status_code == 303


def test_sign_ins_for_one_email_are_limited(make_app):
    app = make_app(RATELIMIT_LOGIN_PER_EMAIL="2/minute")
    console = Console(app.test_client())

    statuses = [console.password_step("target@example.com", f"guess-{n}").status_code for n in range(3)]

    assert statuses == [401, 401, 429]


def test_sign_ins_from_one_address_are_limited(make_app):
    app = make_app(RATELIMIT_LOGIN_PER_IP="2/minute")
    console = Console(app.test_client())

    statuses = [console.password_step(f"user{n}@example.com", "guess-password").status_code for n in range(3)]

    assert statuses == [401, 401, 429]


def test_the_console_sign_in_limit_is_counted_apart_from_the_api_login(make_app):
    app = make_app(RATELIMIT_LOGIN_PER_EMAIL="2/minute")
    client = app.test_client()
    for _ in range(2):
        client.post("/api/users/login", json={"user": {"email": "target@example.com", "password": "guess-1234"}})

    assert Console(app.test_client()).password_step("target@example.com", "guess-1234").status_code == 401


def test_second_factor_codes_are_limited_per_user(make_app):
    app = make_app(RATELIMIT_CONSOLE_CODE_PER_USER="2/minute")
    client = app.test_client()
    moderator = make_staff(app, register(client, "maya"))
    console = Console(app.test_client())
    console.password_step(moderator.email, moderator.password)
    console.get("/admin/2fa/setup")

    statuses = [
        console.post("/admin/2fa/setup", {"code": "000000"}, form_page="/admin/2fa/setup").status_code for _ in range(3)
    ]

    assert statuses == [401, 401, 429]
