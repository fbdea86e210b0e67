"""Writes that name what they changed (`record_write`) retire only the answers read under those
scopes, on every worker; whoever reads next, on any worker, sees the write. Two workers (two apps)
share one database and one Redis."""

from __future__ import annotations

import pytest

from tests.support.actors import create_article, register
from tests.support.caching import read_twice


@pytest.fixture
def carol(client):
    return register(client, "carol")


@pytest.fixture
def other_article(client, carol):
    return create_article(client, carol, "Another article entirely")


def _favorite(client, reader, article):
    return client.post(f"/api/articles/{article['slug']}/favorite", headers=reader.headers)


def _article(client, article, reader=None):
    headers = reader.headers if reader else {}
    return client.get(f"/api/articles/{article['slug']}", headers=headers).get_json()["article"]


def _listed(client, path, article, reader=None):
    headers = reader.headers if reader else {}
    answer = client.get(path, headers=headers).get_json()
    return next(listed for listed in answer["articles"] if listed["slug"] == article["slug"])


def test_a_favorite_on_another_worker_shows_on_the_next_read_of_the_article(
    client, other_worker, alice, bob, article_by_alice
):
    before = (_article(client, article_by_alice), _article(client, article_by_alice, alice))
    assert [article["favoritesCount"] for article in before] == [0, 0]

    _favorite(other_worker, bob, article_by_alice)

    assert _article(client, article_by_alice)["favoritesCount"] == 1
    assert _article(client, article_by_alice, alice)["favoritesCount"] == 1


@pytest.mark.parametrize("path", ["/api/articles", "/api/articles?tag=dragons", "/api/articles?author=alice"])
def test_a_favorite_on_another_worker_shows_on_the_next_read_of_every_list_holding_it(
    client, other_worker, alice, bob, article_by_alice, path
):
    assert _listed(client, path, article_by_alice)["favoritesCount"] == 0
    assert _listed(client, path, article_by_alice, alice)["favoritesCount"] == 0

    _favorite(other_worker, bob, article_by_alice)

    assert _listed(client, path, article_by_alice)["favoritesCount"] == 1
    assert _listed(client, path, article_by_alice, alice)["favoritesCount"] == 1


def test_a_favorite_on_another_worker_shows_on_the_next_read_of_a_feed_holding_it(
    client, other_worker, alice, bob, carol, article_by_alice
):
    client.post("/api/profiles/alice/follow", headers=carol.headers)
    assert _listed(client, "/api/articles/feed", article_by_alice, carol)["favoritesCount"] == 0

    _favorite(other_worker, bob, article_by_alice)

    assert _listed(client, "/api/articles/feed", article_by_alice, carol)["favoritesCount"] == 1


def test_a_favorite_shows_in_the_favoriters_favorited_list_at_once(client, other_worker, bob, article_by_alice):
    assert client.get("/api/articles?favorited=bob").get_json()["articlesCount"] == 0

    _favorite(other_worker, bob, article_by_alice)

    assert client.get("/api/articles?favorited=bob").get_json()["articlesCount"] == 1
    assert _article(client, article_by_alice, bob)["favorited"] is True
    assert _listed(client, "/api/articles", article_by_alice, bob)["favorited"] is True


def test_a_favorite_keeps_the_answers_it_does_not_change(
    client, other_worker, count_queries, bob, article_by_alice, other_article
):
    paths = [f"/api/articles/{other_article['slug']}", "/api/profiles/alice", "/api/tags"]
    for path in paths:
        client.get(path)

    _favorite(other_worker, bob, article_by_alice)

    for path in paths:
        with count_queries() as statements:
            client.get(path)
        assert statements == [], f"{path} was read again"


def test_a_favorite_makes_an_anonymous_page_read_again_only_the_summary_it_changed(
    client, other_worker, count_queries, bob, article_by_alice, other_article
):
    client.get("/api/articles?limit=20")

    _favorite(other_worker, bob, article_by_alice)

    with count_queries() as statements:
        listed = _listed(client, "/api/articles?limit=20", article_by_alice)
    assert listed["favoritesCount"] == 1
    assert len(statements) == 1, statements


def test_an_article_created_on_another_worker_shows_on_the_next_anonymous_read_of_a_page(
    client, other_worker, alice, article_by_alice
):
    client.get("/api/articles?limit=20")

    created = create_article(other_worker, alice, "Wyverns of the north")

    answer = client.get("/api/articles?limit=20").get_json()
    assert [article["slug"] for article in answer["articles"]] == [created["slug"], article_by_alice["slug"]]
    assert answer["articlesCount"] == 2


def test_a_page_whose_articles_did_not_change_is_kept_through_a_favorite_of_another(
    client, other_worker, count_queries, bob, article_by_alice, other_article
):
    client.get("/api/articles?author=carol")

    _favorite(other_worker, bob, article_by_alice)

    with count_queries() as statements:
        client.get("/api/articles?author=carol")
    assert statements == []


def test_a_follow_on_another_worker_shows_on_the_followers_next_read_of_the_article(
    client, other_worker, bob, article_by_alice
):
    assert _article(client, article_by_alice, bob)["author"]["following"] is False
    assert _listed(client, "/api/articles", article_by_alice, bob)["author"]["following"] is False

    other_worker.post("/api/profiles/alice/follow", headers=bob.headers)

    assert _article(client, article_by_alice, bob)["author"]["following"] is True
    assert _listed(client, "/api/articles", article_by_alice, bob)["author"]["following"] is True
    assert client.get("/api/profiles/alice", headers=bob.headers).get_json()["profile"]["following"] is True
    assert client.get("/api/articles/feed", headers=bob.headers).get_json()["articlesCount"] == 1


def test_an_unfollow_on_another_worker_makes_the_followers_held_etags_stale(
    client, other_worker, bob, article_by_alice
):
    client.post("/api/profiles/alice/follow", headers=bob.headers)
    paths = [f"/api/articles/{article_by_alice['slug']}", "/api/profiles/alice", "/api/articles/feed"]
    held = {path: client.get(path, headers=bob.headers).headers["ETag"] for path in paths}

    other_worker.delete("/api/profiles/alice/follow", headers=bob.headers)

    for path in paths:
        again = client.get(path, headers={**bob.headers, "If-None-Match": held[path]})
        assert again.status_code == 200, f"{path} still answered 304"


def test_a_follow_keeps_what_anonymous_readers_see(client, other_worker, count_queries, bob, article_by_alice):
    paths = ["/api/articles?limit=20", f"/api/articles/{article_by_alice['slug']}", "/api/profiles/alice"]
    for path in paths:
        client.get(path)

    other_worker.post("/api/profiles/alice/follow", headers=bob.headers)

    for path in paths:
        with count_queries() as statements:
            client.get(path)
        assert statements == [], f"{path} was read again"


def test_a_follow_keeps_what_other_readers_hold(client, other_worker, alice, bob, carol, article_by_alice):
    path = f"/api/articles/{article_by_alice['slug']}"
    held = client.get(path, headers=carol.headers).headers["ETag"]

    other_worker.post("/api/profiles/alice/follow", headers=bob.headers)

    assert client.get(path, headers={**carol.headers, "If-None-Match": held}).status_code == 304


def test_an_authors_new_bio_shows_on_their_article_page_and_in_lists(client, other_worker, alice, article_by_alice):
    _article(client, article_by_alice)
    _listed(client, "/api/articles", article_by_alice)

    other_worker.put("/api/user", headers=alice.headers, json={"user": {"bio": "I train dragons"}})

    assert _article(client, article_by_alice)["author"]["bio"] == "I train dragons"
    assert _listed(client, "/api/articles", article_by_alice)["author"]["bio"] == "I train dragons"
    assert client.get("/api/profiles/alice").get_json()["profile"]["bio"] == "I train dragons"


def test_a_comment_on_another_worker_shows_on_the_next_read_of_the_comments(
    client, other_worker, alice, bob, article_by_alice
):
    path = f"/api/articles/{article_by_alice['slug']}/comments"
    assert client.get(path).get_json()["comments"] == []
    held = client.get(path, headers=alice.headers).headers["ETag"]

    other_worker.post(path, headers=bob.headers, json={"comment": {"body": "Nice"}})

    assert [comment["body"] for comment in client.get(path).get_json()["comments"]] == ["Nice"]
    assert client.get(path, headers={**alice.headers, "If-None-Match": held}).status_code == 200


def test_a_comment_on_another_worker_shows_on_the_next_read_of_a_comment_page(
    client, other_worker, alice, bob, article_by_alice
):
    path = f"/api/articles/{article_by_alice['slug']}/comments?limit=2"
    assert client.get(path).get_json()["commentsCount"] == 0

    other_worker.post(path.split("?")[0], headers=bob.headers, json={"comment": {"body": "Nice"}})

    assert client.get(path).get_json()["commentsCount"] == 1


def test_an_article_edited_on_another_worker_is_found_by_its_new_words_at_once(
    client, other_worker, alice, article_by_alice
):
    assert client.get("/api/articles?search=wyverns").get_json()["articlesCount"] == 0

    path = f"/api/articles/{article_by_alice['slug']}"
    other_worker.put(path, headers=alice.headers, json={"article": {"body": "Wyverns everywhere"}})

    assert client.get("/api/articles?search=wyverns").get_json()["articlesCount"] == 1


def test_a_comment_keeps_the_lists(client, other_worker, count_queries, bob, article_by_alice):
    client.get("/api/articles?limit=20")

    other_worker.post(
        f"/api/articles/{article_by_alice['slug']}/comments", headers=bob.headers, json={"comment": {"body": "Nice"}}
    )

    with count_queries() as statements:
        client.get("/api/articles?limit=20")
    assert statements == []


def test_an_article_edited_on_another_worker_shows_under_its_old_and_new_slug(
    client, other_worker, alice, article_by_alice
):
    old_path = f"/api/articles/{article_by_alice['slug']}"
    client.get(old_path)
    client.get("/api/articles?tag=dragons")

    edited = other_worker.put(old_path, headers=alice.headers, json={"article": {"title": "Dragons, revised"}})

    new_slug = edited.get_json()["article"]["slug"]
    assert client.get(old_path).status_code == 404
    assert client.get(f"/api/articles/{new_slug}").get_json()["article"]["title"] == "Dragons, revised"
    assert client.get("/api/articles?tag=dragons").get_json()["articles"][0]["title"] == "Dragons, revised"


def test_an_article_deleted_on_another_worker_leaves_every_answer_that_showed_it(
    client, other_worker, alice, bob, article_by_alice
):
    slug = article_by_alice["slug"]
    _favorite(client, bob, article_by_alice)
    for path in [f"/api/articles/{slug}", "/api/articles", "/api/articles?favorited=bob", "/api/tags"]:
        client.get(path)

    other_worker.delete(f"/api/articles/{slug}", headers=alice.headers)

    assert client.get(f"/api/articles/{slug}").status_code == 404
    assert client.get("/api/articles").get_json()["articlesCount"] == 0
    assert client.get("/api/articles?favorited=bob").get_json()["articlesCount"] == 0
    assert client.get("/api/tags").get_json()["tags"] == []


def test_a_write_whose_route_names_no_scope_retires_everything(
    app, client, other_worker, count_queries, alice, article_by_alice
):
    """A route that does not say what it changed (a new one, say) is taken to have changed all."""
    paths = ["/api/articles?limit=20", f"/api/articles/{article_by_alice['slug']}", "/api/profiles/alice"]
    for path in paths:
        client.get(path)

    other_worker.post("/api/users/logout", headers=alice.headers)

    for path in paths:
        with count_queries() as statements:
            client.get(path)
        assert statements != [], f"{path} answered from memory after the write"


def test_a_repeated_read_of_an_article_is_still_answered_from_memory(client, count_queries, bob, article_by_alice):
    _favorite(client, bob, article_by_alice)

    assert read_twice(client, count_queries, f"/api/articles/{article_by_alice['slug']}") == []
