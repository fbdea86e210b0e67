def test_current_user_needs_a_token(client):
    response = client.get("/api/user")

    assert response.status_code == 401
    assert "errors" in response.get_json()


def test_current_user_is_returned_with_a_token(client, alice):
    response = client.get("/api/user", headers=alice.headers)

    assert response.status_code == 200
    assert response.get_json()["user"]["username"] == "alice"


def test_update_changes_only_the_given_fields(client, alice):
    response = client.put("/api/user", headers=alice.headers, json={"user": {"bio": "I like to skateboard"}})

    assert response.status_code == 200
    user = response.get_json()["user"]
    assert user["bio"] == "I like to skateboard"
    assert user["username"] == "alice" and user["email"] == alice.email


def test_update_password_lets_the_user_log_in_with_the_new_one(client, alice):
    client.put("/api/user", headers=alice.headers, json={"user": {"password": "a-new-password"}})

    old = client.post("/api/users/login", json={"user": {"email": alice.email, "password": alice.password}})
    new = client.post("/api/users/login", json={"user": {"email": alice.email, "password": "a-new-password"}})
    assert old.status_code == 401
    assert new.status_code == 200


def test_update_to_a_taken_username_is_422(client, alice, bob):
    response = client.put("/api/user", headers=alice.headers, json={"user": {"username": "bob"}})

    assert response.status_code == 422
    assert response.get_json() == {"errors": {"username": ["has already been taken"]}}


def test_update_to_own_username_is_allowed(client, alice):
    response = client.put("/api/user", headers=alice.headers, json={"user": {"username": "alice"}})

    assert response.status_code == 200


def test_update_with_no_fields_is_422(client, alice):
    response = client.put("/api/user", headers=alice.headers, json={"user": {}})

    assert response.status_code == 422


def test_image_must_be_an_http_url_or_empty(client, alice):
    bad = client.put("/api/user", headers=alice.headers, json={"user": {"image": "javascript:alert(1)"}})
    cleared = client.put("/api/user", headers=alice.headers, json={"user": {"image": None}})

    assert bad.status_code == 422
    assert bad.get_json() == {"errors": {"image": ["is invalid"]}}
    assert cleared.status_code == 200
    assert cleared.get_json()["user"]["image"] == ""


def test_update_needs_a_token(client):
    assert client.put("/api/user", json={"user": {"bio": "x"}}).status_code == 401
