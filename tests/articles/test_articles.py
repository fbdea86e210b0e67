from service.extensions import db
from service.models import Comment, article_tags, favorites
from tests.support.actors import create_article


def test_create_article_returns_201_with_the_full_article(client, alice):
    response = client.post(
        "/api/articles",
        headers=alice.headers,
        json={
            "article": {
                "title": "How to train your dragon",
                "description": "Ever wonder how?",
                "body": "Believe",
                "tagList": ["training", "dragons"],
            }
        },
    )

    assert response.status_code == 201
    article = response.get_json()["article"]
    assert article["slug"] == "how-to-train-your-dragon"
    assert article["body"] == "Believe"
    assert article["tagList"] == ["dragons", "training"]
    assert article["favorited"] is False and article["favoritesCount"] == 0
    assert article["author"] == {"username": "alice", "bio": "", "image": "", "following": False}
    assert article["createdAt"].endswith("Z") and article["createdAt"] == article["updatedAt"]


def test_create_article_needs_a_token(client):
    response = client.post("/api/articles", json={"article": {"title": "t", "description": "d", "body": "b"}})

    assert response.status_code == 401


def test_create_article_needs_title_description_and_body(client, alice):
    response = client.post("/api/articles", headers=alice.headers, json={"article": {"title": " "}})

    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "title": ["can't be blank"],
        "description": ["can't be blank"],
        "body": ["can't be blank"],
    }


def test_same_title_gets_a_distinct_slug(client, alice, bob):
    first = create_article(client, alice, "Same title")
    second = create_article(client, bob, "Same title")

    assert first["slug"] == "same-title"
    assert second["slug"].startswith("same-title-") and second["slug"] != first["slug"]


def test_slug_keeps_letters_of_any_script_and_drops_accents(client, alice):
    assert create_article(client, alice, "Crème brûlée, vraiment?")["slug"] == "creme-brulee-vraiment"
    assert create_article(client, alice, "Привет мир")["slug"] == "привет-мир"
    assert create_article(client, alice, "!!!")["slug"] == "article"


def test_get_article_is_public(client, article_by_alice):
    response = client.get(f"/api/articles/{article_by_alice['slug']}")

    assert response.status_code == 200
    assert response.get_json()["article"] == article_by_alice


def test_unknown_article_is_404(client):
    response = client.get("/api/articles/no-such-article")

    assert response.status_code == 404
    assert response.get_json() == {"errors": {"body": ["article not found"]}}


def test_author_can_update_and_a_new_title_changes_the_slug(client, alice, article_by_alice):
    response = client.put(
        f"/api/articles/{article_by_alice['slug']}",
        headers=alice.headers,
        json={"article": {"title": "Did you train it?"}},
    )

    assert response.status_code == 200
    article = response.get_json()["article"]
    assert article["slug"] == "did-you-train-it"
    assert article["title"] == "Did you train it?"
    assert article["body"] == article_by_alice["body"]
    assert article["updatedAt"] >= article_by_alice["updatedAt"]
    assert client.get(f"/api/articles/{article_by_alice['slug']}").status_code == 404


def test_update_without_a_title_keeps_the_slug(client, alice, article_by_alice):
    response = client.put(
        f"/api/articles/{article_by_alice['slug']}", headers=alice.headers, json={"article": {"body": "New body"}}
    )

    assert response.get_json()["article"]["slug"] == article_by_alice["slug"]
    assert response.get_json()["article"]["body"] == "New body"


def test_update_can_replace_the_tags(client, alice, article_by_alice):
    response = client.put(
        f"/api/articles/{article_by_alice['slug']}",
        headers=alice.headers,
        json={"article": {"tagList": ["zebra", "ant"]}},
    )

    assert response.get_json()["article"]["tagList"] == ["ant", "zebra"]


def test_only_author_can_update_article(client, bob, article_by_alice):
    response = client.put(
        f"/api/articles/{article_by_alice['slug']}", headers=bob.headers, json={"article": {"title": "Mine now"}}
    )

    assert response.status_code == 403
    assert response.get_json() == {"errors": {"body": ["only the author can change this article"]}}


def test_only_author_can_delete_article(client, bob, article_by_alice):
    response = client.delete(f"/api/articles/{article_by_alice['slug']}", headers=bob.headers)

    assert response.status_code == 403
    assert client.get(f"/api/articles/{article_by_alice['slug']}").status_code == 200


def test_deleting_an_article_removes_its_comments_favorites_and_tag_links(client, app, alice, bob, article_by_alice):
    slug = article_by_alice["slug"]
    client.post(f"/api/articles/{slug}/comments", headers=bob.headers, json={"comment": {"body": "Nice"}})
    client.post(f"/api/articles/{slug}/favorite", headers=bob.headers)

    response = client.delete(f"/api/articles/{slug}", headers=alice.headers)

    assert response.status_code == 204
    assert response.get_data() == b""
    assert client.get(f"/api/articles/{slug}").status_code == 404
    with app.app_context():
        assert db.session.query(Comment).count() == 0
        assert db.session.query(favorites).count() == 0
        assert db.session.query(article_tags).count() == 0


def test_deleting_an_unknown_article_is_404(client, alice):
    assert client.delete("/api/articles/nope", headers=alice.headers).status_code == 404


def test_article_with_too_many_tags_is_422(client, alice):
    response = client.post(
        "/api/articles",
        headers=alice.headers,
        json={"article": {"title": "t", "description": "d", "body": "b", "tagList": [f"t{i}" for i in range(21)]}},
    )

    assert response.status_code == 422
    assert "tagList" in response.get_json()["errors"]
