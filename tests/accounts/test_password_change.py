"""Changing the password answers a fresh token and refuses every token issued before."""

from tests.support.tokens import claims_of, log_in


def change_password(client, actor, new_password="a-brand-new-password"):
    response = client.put("/api/user", headers=actor.headers, json={"user": {"password": new_password}})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["user"]["token"]


def test_a_password_change_answers_a_token_that_works(client, alice):
    new_token = change_password(client, alice)

    assert client.get("/api/user", headers={"Authorization": f"Token {new_token}"}).status_code == 200


def test_a_password_change_refuses_every_earlier_token(client, alice):
    other_device = log_in(client, alice)

    change_password(client, alice)

    assert client.get("/api/user", headers=alice.headers).status_code == 401
    assert client.get("/api/user", headers={"Authorization": f"Token {other_device}"}).status_code == 401


def test_earlier_tokens_are_refused_on_another_worker_that_kept_them_as_good(client, other_worker, alice):
    assert other_worker.get("/api/articles", headers=alice.headers).status_code == 200

    change_password(client, alice)

    assert other_worker.get("/api/articles", headers=alice.headers).status_code == 401


def test_the_new_password_logs_in_and_the_old_one_does_not(client, alice):
    change_password(client, alice, "a-brand-new-password")

    assert (
        client.post("/api/users/login", json={"user": {"email": alice.email, "password": alice.password}}).status_code
        == 401
    )
    log_in(client, alice, "a-brand-new-password")


def test_other_changes_keep_earlier_tokens_working(client, alice):
    client.put("/api/user", headers=alice.headers, json={"user": {"bio": "still me"}})

    assert client.get("/api/user", headers=alice.headers).status_code == 200


def test_tokens_carry_the_users_token_generation(client, alice):
    assert claims_of(alice.token)["gen"] == 0
    assert claims_of(change_password(client, alice))["gen"] == 1
