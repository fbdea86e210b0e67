def favorite(client, actor, slug):
    return client.post(f"/api/articles/{slug}/favorite", headers=actor.headers)


def test_favorite_returns_the_article_favorited_and_counted(client, bob, article_by_alice):
    response = favorite(client, bob, article_by_alice["slug"])

    assert response.status_code == 200
    article = response.get_json()["article"]
    assert article["favorited"] is True
    assert article["favoritesCount"] == 1


def test_favorite_is_idempotent(client, bob, article_by_alice):
    favorite(client, bob, article_by_alice["slug"])

    again = favorite(client, bob, article_by_alice["slug"])

    assert again.get_json()["article"]["favoritesCount"] == 1


def test_favorites_count_counts_every_user(client, alice, bob, article_by_alice):
    favorite(client, alice, article_by_alice["slug"])
    favorite(client, bob, article_by_alice["slug"])

    article = client.get(f"/api/articles/{article_by_alice['slug']}").get_json()["article"]

    assert article["favoritesCount"] == 2
    assert article["favorited"] is False  # anonymous viewer


def test_unfavorite_returns_the_article_unfavorited(client, bob, article_by_alice):
    favorite(client, bob, article_by_alice["slug"])

    response = client.delete(f"/api/articles/{article_by_alice['slug']}/favorite", headers=bob.headers)

    assert response.status_code == 200
    assert response.get_json()["article"]["favorited"] is False
    assert response.get_json()["article"]["favoritesCount"] == 0


def test_favorite_needs_a_token(client, article_by_alice):
    assert client.post(f"/api/articles/{article_by_alice['slug']}/favorite").status_code == 401


def test_favoriting_an_unknown_article_is_404(client, bob):
    assert favorite(client, bob, "nope").status_code == 404
    assert client.delete("/api/articles/nope/favorite", headers=bob.headers).status_code == 404
