"""Favorites as the service states them, called without HTTP: each says whether it changed anything."""

from service.articles import services
from tests.support.rows import user_id


def test_a_new_favorite_says_it_changed_something(app, bob, article_by_alice):
    with app.app_context():
        article, changed = services.favorite(user_id("bob"), article_by_alice["slug"])

    assert (article["favorited"], article["favorites_count"], changed) == (True, 1, True)


def test_favoriting_twice_says_it_changed_nothing(app, bob, article_by_alice):
    with app.app_context():
        services.favorite(user_id("bob"), article_by_alice["slug"])
        article, changed = services.favorite(user_id("bob"), article_by_alice["slug"])

    assert (article["favorites_count"], changed) == (1, False)


def test_unfavoriting_what_was_never_favorited_says_it_changed_nothing(app, bob, article_by_alice):
    with app.app_context():
        article, changed = services.unfavorite(user_id("bob"), article_by_alice["slug"])

    assert (article["favorited"], changed) == (False, False)
