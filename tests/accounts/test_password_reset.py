"""Password reset by email: the same answer for any address, one mail to a known one, a token used once."""

import pytest

from tests.support.actors import register
from tests.support.smtp import html_of, reset_token_in, text_of
from tests.support.staff import act, give_role
from tests.support.tokens import log_in


def ask_for_reset(client, email):
    # Buffered, so the answer is closed, as a server closes it: without Redis the job runs then.
    return client.post("/api/users/password-reset", json={"user": {"email": email}}, buffered=True)


def confirm(client, token, password="a-brand-new-password"):
    return client.post("/api/users/password-reset/confirm", json={"reset": {"token": token, "password": password}})


@pytest.fixture
def reset_token(client, alice, inbox, run_jobs):
    ask_for_reset(client, alice.email)
    run_jobs()
    return reset_token_in(inbox.wait_for(1)[0])


def test_a_known_and_an_unknown_address_get_the_same_answer(client, alice, inbox, run_jobs):
    known = ask_for_reset(client, alice.email)
    unknown = ask_for_reset(client, "nobody@example.com")

    assert known.status_code == unknown.status_code == 202
    assert known.get_json() == {"user": {"email": alice.email}}
    assert unknown.get_json() == {"user": {"email": "nobody@example.com"}}
    assert set(known.headers.keys()) == set(unknown.headers.keys())


def test_only_the_known_address_gets_a_mail_with_a_link_to_the_front_end(client, alice, inbox, run_jobs):
    ask_for_reset(client, "nobody@example.com")
    ask_for_reset(client, alice.email)
    run_jobs()

    [message] = inbox.wait_for(1)
    assert message["To"] == alice.email
    assert message["From"] == "Conduit <no-reply@localhost>"
    token = reset_token_in(message)
    assert f"http://localhost:3000/reset-password?token={token}" in text_of(message)
    assert f'href="http://localhost:3000/reset-password?token={token}"' in html_of(message)
    inbox.wait_for(1, within=0.5)
    assert len(inbox.messages) == 1


def test_the_token_sets_a_new_password_and_answers_a_working_token(client, alice, reset_token):
    response = confirm(client, reset_token, "a-brand-new-password")

    assert response.status_code == 200
    user = response.get_json()["user"]
    assert user["email"] == alice.email
    assert client.get("/api/user", headers={"Authorization": f"Token {user['token']}"}).status_code == 200
    log_in(client, alice, "a-brand-new-password")


def test_the_token_works_once(client, reset_token):
    assert confirm(client, reset_token).status_code == 200

    again = confirm(client, reset_token, "yet-another-password")

    assert again.status_code == 422
    assert again.get_json() == {"errors": {"token": ["is invalid, used or expired: ask for a new reset email"]}}


def test_a_reset_refuses_every_earlier_token(client, alice, reset_token):
    confirm(client, reset_token)

    assert client.get("/api/user", headers=alice.headers).status_code == 401


def test_the_database_keeps_only_a_hash_of_the_token(app, reset_token):
    from service.extensions import db
    from service.models import PasswordReset

    with app.app_context():
        stored = [row.token_hash for row in db.session.query(PasswordReset)]
    assert len(stored) == 1 and reset_token not in stored[0]


def test_an_expired_token_is_refused(make_app, app_settings, client, alice, inbox, run_jobs):
    app = make_app(**app_settings, PASSWORD_RESET_MINUTES=0)
    expiring = app.test_client()
    ask_for_reset(expiring, alice.email)
    run_jobs(app)

    response = confirm(client, reset_token_in(inbox.wait_for(1)[0]))

    assert response.status_code == 422


def test_a_short_new_password_is_refused_and_the_token_still_works(client, reset_token):
    assert confirm(client, reset_token, "short").status_code == 422

    assert confirm(client, reset_token).status_code == 200


def test_an_unknown_token_is_refused(client, alice):
    assert confirm(client, "not-a-token").status_code == 422


def test_asking_for_resets_is_limited_per_email(make_app, app_settings, alice):
    client = make_app(**app_settings, RATELIMIT_RESET_PER_EMAIL="2/hour").test_client()

    answers = [ask_for_reset(client, alice.email).status_code for _ in range(3)]

    assert answers == [202, 202, 429]


@pytest.fixture
def suspended_alice(client, alice):
    moderator = give_role(client, register(client, "mod"), "moderator")
    assert act(client, moderator, f"/users/{alice.username}/suspend").status_code == 200
    return alice, moderator


def test_a_suspended_user_cannot_sign_in_through_a_reset_and_it_changes_nothing(client, reset_token, suspended_alice):
    alice, moderator = suspended_alice

    response = confirm(client, reset_token)

    assert response.status_code == 403
    assert response.get_json() == {"errors": {"account": ["is suspended"]}}
    assert act(client, moderator, f"/users/{alice.username}/reinstate").status_code == 200
    log_in(client, alice)  # the old password still holds
    assert confirm(client, reset_token).status_code == 200  # and the token, kept, works now
