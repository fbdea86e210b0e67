def test_profile_is_public(client, alice):
    response = client.get("/api/profiles/alice")

    assert response.status_code == 200
    assert response.get_json() == {"profile": {"username": "alice", "bio": "", "image": "", "following": False}}


def test_unknown_profile_is_404(client):
    response = client.get("/api/profiles/nobody")

    assert response.status_code == 404
    assert response.get_json() == {"errors": {"body": ["profile not found"]}}


def test_follow_returns_the_profile_as_followed(client, alice, bob):
    response = client.post("/api/profiles/bob/follow", headers=alice.headers)

    assert response.status_code == 200
    assert response.get_json()["profile"]["following"] is True
    assert client.get("/api/profiles/bob", headers=alice.headers).get_json()["profile"]["following"] is True


def test_following_is_seen_only_by_the_follower(client, alice, bob):
    client.post("/api/profiles/bob/follow", headers=alice.headers)

    assert client.get("/api/profiles/bob").get_json()["profile"]["following"] is False


def test_follow_is_idempotent(client, alice, bob):
    client.post("/api/profiles/bob/follow", headers=alice.headers)
    again = client.post("/api/profiles/bob/follow", headers=alice.headers)

    assert again.status_code == 200
    assert again.get_json()["profile"]["following"] is True


def test_unfollow_returns_the_profile_as_not_followed(client, alice, bob):
    client.post("/api/profiles/bob/follow", headers=alice.headers)

    response = client.delete("/api/profiles/bob/follow", headers=alice.headers)

    assert response.status_code == 200
    assert response.get_json()["profile"]["following"] is False


def test_unfollow_without_following_is_fine(client, alice, bob):
    assert client.delete("/api/profiles/bob/follow", headers=alice.headers).status_code == 200


def test_you_cannot_follow_yourself(client, alice):
    response = client.post("/api/profiles/alice/follow", headers=alice.headers)

    assert response.status_code == 422
    assert response.get_json() == {"errors": {"username": ["you cannot follow yourself"]}}


def test_follow_needs_a_token(client, bob):
    assert client.post("/api/profiles/bob/follow").status_code == 401
    assert client.delete("/api/profiles/bob/follow").status_code == 401


def test_following_an_unknown_user_is_404(client, alice):
    assert client.post("/api/profiles/nobody/follow", headers=alice.headers).status_code == 404
