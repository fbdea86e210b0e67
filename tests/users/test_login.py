def login(client, email, password):
    return client.post("/api/users/login", json={"user": {"email": email, "password": password}})


def test_login_returns_the_user_with_a_fresh_token(client, alice):
    response = login(client, alice.email, alice.password)

    assert response.status_code == 200
    user = response.get_json()["user"]
    assert user["username"] == "alice"
    assert client.get("/api/user", headers={"Authorization": f"Token {user['token']}"}).status_code == 200


def test_login_email_is_case_insensitive(client, alice):
    assert login(client, alice.email.upper(), alice.password).status_code == 200


def test_wrong_password_and_unknown_email_get_the_same_401(client, alice):
    wrong_password = login(client, alice.email, "not-her-password")
    unknown_email = login(client, "nobody@example.com", alice.password)

    assert wrong_password.status_code == unknown_email.status_code == 401
    assert (
        wrong_password.get_json() == unknown_email.get_json() == {"errors": {"body": ["email or password is invalid"]}}
    )


def test_login_without_fields_is_422(client):
    response = client.post("/api/users/login", json={"user": {"email": "a@b.co"}})

    assert response.status_code == 422
    assert response.get_json() == {"errors": {"password": ["can't be blank"]}}


def test_login_never_echoes_the_password(client, alice):
    body = login(client, alice.email, alice.password).get_data(as_text=True)

    assert alice.password not in body
