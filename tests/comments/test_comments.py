import pytest


@pytest.fixture
def comment_by_bob(client, bob, article_by_alice):
    response = client.post(
        f"/api/articles/{article_by_alice['slug']}/comments", headers=bob.headers, json={"comment": {"body": "Nice!"}}
    )
    return response.get_json()["comment"]


def test_adding_a_comment_returns_200_with_the_comment(client, bob, article_by_alice):
    response = client.post(
        f"/api/articles/{article_by_alice['slug']}/comments", headers=bob.headers, json={"comment": {"body": "Nice!"}}
    )

    assert response.status_code == 200
    comment = response.get_json()["comment"]
    assert comment["body"] == "Nice!"
    assert comment["author"] == {"username": "bob", "bio": "", "image": "", "following": False}
    assert isinstance(comment["id"], int)
    assert comment["createdAt"].endswith("Z")


def test_comments_are_listed_newest_first_for_anyone(client, bob, article_by_alice):
    slug = article_by_alice["slug"]
    for body in ("first", "second"):
        client.post(f"/api/articles/{slug}/comments", headers=bob.headers, json={"comment": {"body": body}})

    response = client.get(f"/api/articles/{slug}/comments")

    assert response.status_code == 200
    assert [c["body"] for c in response.get_json()["comments"]] == ["second", "first"]


def test_comment_authors_show_whether_the_viewer_follows_them(client, alice, bob, comment_by_bob, article_by_alice):
    client.post("/api/profiles/bob/follow", headers=alice.headers)

    comments = client.get(f"/api/articles/{article_by_alice['slug']}/comments", headers=alice.headers).get_json()

    assert comments["comments"][0]["author"]["following"] is True


def test_empty_comment_is_422(client, bob, article_by_alice):
    response = client.post(
        f"/api/articles/{article_by_alice['slug']}/comments", headers=bob.headers, json={"comment": {"body": "   "}}
    )

    assert response.status_code == 422
    assert response.get_json() == {"errors": {"body": ["can't be blank"]}}


def test_commenting_needs_a_token(client, article_by_alice):
    response = client.post(f"/api/articles/{article_by_alice['slug']}/comments", json={"comment": {"body": "x"}})

    assert response.status_code == 401


def test_comments_of_an_unknown_article_are_404(client, bob):
    assert client.get("/api/articles/nope/comments").status_code == 404
    assert (
        client.post("/api/articles/nope/comments", headers=bob.headers, json={"comment": {"body": "x"}}).status_code
        == 404
    )


def test_author_can_delete_own_comment(client, bob, article_by_alice, comment_by_bob):
    slug = article_by_alice["slug"]

    response = client.delete(f"/api/articles/{slug}/comments/{comment_by_bob['id']}", headers=bob.headers)

    assert response.status_code == 204
    assert client.get(f"/api/articles/{slug}/comments").get_json() == {
        "comments": [],
        "commentsCount": 0,
        "nextCursor": None,
    }


def test_only_comment_author_can_delete_comment(client, alice, article_by_alice, comment_by_bob):
    response = client.delete(
        f"/api/articles/{article_by_alice['slug']}/comments/{comment_by_bob['id']}", headers=alice.headers
    )

    assert response.status_code == 403
    assert response.get_json() == {"errors": {"body": ["only the author can delete this comment"]}}


def test_deleting_an_unknown_comment_is_404(client, bob, article_by_alice):
    slug = article_by_alice["slug"]

    assert client.delete(f"/api/articles/{slug}/comments/999", headers=bob.headers).status_code == 404
    assert client.delete(f"/api/articles/{slug}/comments/99999999999999999999", headers=bob.headers).status_code == 404


def test_a_comment_cannot_be_deleted_through_another_article(client, alice, bob, comment_by_bob):
    other = client.post(
        "/api/articles", headers=bob.headers, json={"article": {"title": "Other", "description": "d", "body": "b"}}
    ).get_json()["article"]

    response = client.delete(f"/api/articles/{other['slug']}/comments/{comment_by_bob['id']}", headers=bob.headers)

    assert response.status_code == 404
