from service.models import User
from tests.support.actors import register


def new_user(**fields):
    return {"user": {"username": "jake", "email": "jake@jake.jake", "password": "jakejake", **fields}}


def test_registration_returns_201_with_the_user_and_a_token(client):
    response = client.post("/api/users", json=new_user())

    assert response.status_code == 201
    user = response.get_json()["user"]
    assert user["username"] == "jake"
    assert user["email"] == "jake@jake.jake"
    assert user["bio"] == "" and user["image"] == ""
    assert user["token"].count(".") == 2
    assert "password" not in user


def test_registration_lowercases_the_email(client):
    response = client.post("/api/users", json=new_user(email="Jake@Jake.JAKE"))

    assert response.get_json()["user"]["email"] == "jake@jake.jake"


def test_duplicate_username_is_422_naming_the_field(client):
    client.post("/api/users", json=new_user())

    response = client.post("/api/users", json=new_user(email="other@jake.jake"))

    assert response.status_code == 422
    assert response.get_json() == {"errors": {"username": ["has already been taken"]}}


def test_duplicate_email_is_422_naming_the_field_whatever_its_case(client):
    client.post("/api/users", json=new_user())

    response = client.post("/api/users", json=new_user(username="other", email="JAKE@jake.jake"))

    assert response.status_code == 422
    assert response.get_json() == {"errors": {"email": ["has already been taken"]}}


def test_missing_fields_are_422_each_named(client):
    response = client.post("/api/users", json={"user": {}})

    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert errors == {"username": ["can't be blank"], "email": ["can't be blank"], "password": ["can't be blank"]}


def test_missing_envelope_is_422(client):
    response = client.post("/api/users", json={"username": "jake"})

    assert response.status_code == 422
    assert response.get_json() == {"errors": {"user": ["can't be blank"]}}


def test_invalid_email_short_password_and_odd_username_are_422(client):
    response = client.post("/api/users", json=new_user(email="not-an-email", password="short", username="a b/c"))

    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"email", "password", "username"}


def test_wrong_types_are_422_not_500(client):
    response = client.post("/api/users", json={"user": {"username": 1, "email": ["x"], "password": {"a": 1}}})

    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"username", "email", "password"}


def test_failed_registration_writes_nothing(client, app):
    client.post("/api/users", json=new_user(password="short"))

    with app.app_context():
        assert User.query.count() == 0


def test_password_is_stored_as_an_argon2id_hash(client, app):
    client.post("/api/users", json=new_user())

    with app.app_context():
        stored = User.query.one().password_hash
    assert stored.startswith("$argon2id$")
    assert "jakejake" not in stored


def test_unknown_fields_are_ignored(client):
    response = client.post("/api/users", json=new_user(admin=True, token="x"))

    assert response.status_code == 201


def test_registered_user_can_register_another_distinct_user(client):
    register(client, "first")
    register(client, "second")
