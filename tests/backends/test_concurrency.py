"""Racing requests on gunicorn (4 worker processes) and PostgreSQL lose nothing and never answer 5xx.

Each test fires its requests at the same instant from a thread pool, then checks both the answers
and the rows behind them. A trigger holds every insert for a moment, so requests that arrive together
really overlap between "is it there?" and "insert it": on two cores they would otherwise often run
one after another and hide a missing guard.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests.backends.support import Reply, at_once, call, live_only, scalar
from tests.support.live import LiveServer, live_server

pytestmark = [pytest.mark.live, live_only]

TAKEN = {"errors": {"username": ["has already been taken"]}}
RACED_TABLES = ("users", "articles", "tags", "article_tags", "favorites", "follows")
HOLD_INSERTS = """
CREATE FUNCTION hold_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_sleep(0.05); RETURN NEW; END $$
"""
HOLD_TABLE = "CREATE TRIGGER hold_{0} BEFORE INSERT ON {0} FOR EACH ROW EXECUTE FUNCTION hold_insert()"


def widen_race_windows(database_url: str) -> None:
    engine = create_engine(database_url, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text(HOLD_INSERTS))
        for table in RACED_TABLES:
            connection.execute(text(HOLD_TABLE.format(table)))
    engine.dispose()


@pytest.fixture(scope="module")
def server(new_database) -> Iterator[LiveServer]:
    with live_server(new_database("conduit_races"), workers=4) as live:
        widen_race_windows(live.env["DATABASE_URL"])
        # Warm every worker up (database connection, first-request setup) so none starts late.
        assert statuses(at_once([partial(call, live.url, "GET", "/api/tags")] * 16)) == [200] * 16
        yield live


def rows(server: LiveServer, sql: str, **params: Any) -> int:
    return scalar(server.env["DATABASE_URL"], sql, **params)


def new_user(username: str, email: str | None = None) -> dict[str, Any]:
    return {"user": {"username": username, "email": email or f"{username}@example.com", "password": "password1"}}


def new_article(title: str, tags: list[str] | None = None) -> dict[str, Any]:
    return {"article": {"title": title, "description": "d", "body": "b", "tagList": tags or []}}


def register_all(server: LiveServer, usernames: list[str]) -> list[str]:
    replies = at_once([partial(call, server.url, "POST", "/api/users", new_user(name)) for name in usernames])
    assert [reply.status for reply in replies] == [201] * len(usernames), [r.body for r in replies if r.status != 201]
    return [reply.body["user"]["token"] for reply in replies]


def statuses(replies: list[Reply]) -> list[int]:
    return sorted(reply.status for reply in replies)


def test_parallel_registrations_of_one_username_create_exactly_one_user(server):
    replies = at_once(
        [partial(call, server.url, "POST", "/api/users", new_user("racer", f"racer{n}@example.com")) for n in range(20)]
    )

    assert statuses(replies) == [201] + [422] * 19
    assert all(reply.body == TAKEN for reply in replies if reply.status == 422)
    assert rows(server, "SELECT count(*) FROM users WHERE username = 'racer'") == 1


def test_fifty_parallel_favorites_all_count(server):
    [author] = register_all(server, ["liked-author"])
    slug = call(server.url, "POST", "/api/articles", new_article("Everyone likes this"), token=author).body["article"]
    slug = slug["slug"]
    fans = register_all(server, [f"fan{n}" for n in range(50)])

    replies = at_once([partial(call, server.url, "POST", f"/api/articles/{slug}/favorite", token=fan) for fan in fans])

    assert statuses(replies) == [200] * 50
    assert all(reply.body["article"]["favorited"] for reply in replies)
    assert call(server.url, "GET", f"/api/articles/{slug}").body["article"]["favoritesCount"] == 50
    favorites_sql = "SELECT count(*) FROM favorites JOIN articles ON articles.id = article_id WHERE slug = :slug"
    assert rows(server, favorites_sql, slug=slug) == 50


def test_parallel_articles_with_one_new_tag_share_one_tag_row(server):
    [author] = register_all(server, ["tagger"])

    replies = at_once(
        [
            partial(call, server.url, "POST", "/api/articles", new_article(f"Tagged {n}", ["brand-new"]), token=author)
            for n in range(20)
        ]
    )

    assert statuses(replies) == [201] * 20
    assert all(reply.body["article"]["tagList"] == ["brand-new"] for reply in replies)
    assert rows(server, "SELECT count(*) FROM tags WHERE name = 'brand-new'") == 1
    links_sql = "SELECT count(*) FROM article_tags JOIN tags ON tags.id = tag_id WHERE name = 'brand-new'"
    assert rows(server, links_sql) == 20
    listing = call(server.url, "GET", "/api/articles?tag=brand-new&limit=100").body
    assert listing["articlesCount"] == 20
    assert {article["title"] for article in listing["articles"]} == {f"Tagged {n}" for n in range(20)}


def test_parallel_articles_with_one_title_get_distinct_slugs(server):
    [author] = register_all(server, ["namesake"])

    replies = at_once(
        [partial(call, server.url, "POST", "/api/articles", new_article("Same Title"), token=author) for _ in range(20)]
    )

    assert statuses(replies) == [201] * 20
    slugs = [reply.body["article"]["slug"] for reply in replies]
    assert len(set(slugs)) == 20
    assert slugs.count("same-title") == 1
    assert all(slug.startswith("same-title") for slug in slugs)
    assert rows(server, "SELECT count(*) FROM articles WHERE title = 'Same Title'") == 20


def follows_between(server: LiveServer, follower: str, followed: str) -> int:
    sql = (
        "SELECT count(*) FROM follows JOIN users a ON a.id = follower_id JOIN users b ON b.id = followed_id"
        " WHERE a.username = :follower AND b.username = :followed"
    )
    return rows(server, sql, follower=follower, followed=followed)


def test_parallel_follow_and_unfollow_toggles_end_consistent(server):
    fan, _star = register_all(server, ["toggler", "star"])
    follow = partial(call, server.url, path="/api/profiles/star/follow", token=fan)

    replies = at_once([partial(follow, "POST" if n % 2 else "DELETE") for n in range(30)])

    assert statuses(replies) == [200] * 30
    following = call(server.url, "GET", "/api/profiles/star", token=fan).body["profile"]["following"]
    assert follows_between(server, "toggler", "star") == (1 if following else 0)
    assert follow("POST").body["profile"]["following"] is True
    assert follows_between(server, "toggler", "star") == 1
    assert follow("DELETE").body["profile"]["following"] is False
    assert follows_between(server, "toggler", "star") == 0


def test_parallel_duplicate_follows_store_one_follow(server):
    fan, _idol = register_all(server, ["eager", "idol"])

    replies = at_once([partial(call, server.url, "POST", "/api/profiles/idol/follow", token=fan) for _ in range(20)])

    assert statuses(replies) == [200] * 20
    assert all(reply.body["profile"]["following"] is True for reply in replies)
    assert follows_between(server, "eager", "idol") == 1
