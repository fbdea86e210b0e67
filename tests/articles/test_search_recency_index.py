"""PostgreSQL with RUM: a search takes its newest matches from the recency index (migration 0008),
first from the search window's (0009), which a job keeps to the newest articles; without those
indexes it answers exactly the same from the GIN plan."""

import pytest
from sqlalchemy import event, text

from service.articles.search import uses_recency_index
from service.extensions import db
from service.search_index import (
    SEARCH_CANDIDATES,
    WINDOW_COLUMN,
    WINDOW_TABLE,
    has_recency_index,
    install_recency,
    install_window,
    uninstall_recency,
)
from tests.support.actors import create_article
from tests.support.backend import BACKEND
from tests.support.console import user_id

pytestmark = pytest.mark.skipif(BACKEND != "postgresql", reason="the RUM recency index is PostgreSQL's")

SEARCHES = [
    "/api/articles?search=marshwort",
    "/api/articles?search=marshwort&limit=2&offset=1",
    "/api/articles?search=marshwort&author=alice",
    "/api/articles?search=marshwort&tag=fens",
    "/api/articles?search=marshwort lantern",
]


@pytest.fixture
def marshwort_articles(client, alice, bob):
    create_article(client, alice, "Marshwort at dusk", tagList=["fens"])
    create_article(client, bob, "Lanterns", body="a marshwort lantern, twice: marshwort")
    create_article(client, alice, "Notes", description="on marshwort", tagList=["fens"])
    create_article(client, bob, "Marshwort again", body="marshwort and more marshwort")


@pytest.fixture
def drop_recency_index(app):
    """Drops the recency indexes when called; they are back after the test, for the next ones."""

    def drop():
        with app.app_context(), db.engine.begin() as connection:
            uninstall_recency(connection)

    yield drop
    with app.app_context(), db.engine.begin() as connection:
        assert install_recency(connection) and install_window(connection)


def answers(client):
    return [client.get(search).get_json() for search in SEARCHES]


def test_a_search_orders_its_candidates_as_the_recency_index_does(app, client, marshwort_articles):
    statements = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    client.get("/api/articles?search=marshwort")

    with app.app_context():
        assert uses_recency_index(db.engine)
    assert any("<=|" in statement and "WITH TIES" in statement for statement in statements)


def test_without_the_recency_index_a_search_answers_the_same(
    app, client, make_app, marshwort_articles, drop_recency_index
):
    with_index = answers(client)
    assert all(answer["articles"] for answer in with_index)
    drop_recency_index()
    gin_app = make_app()  # a new engine, which looks the index up again

    with app.app_context():
        assert uses_recency_index(db.engine)
    with gin_app.app_context():
        assert not uses_recency_index(db.engine)
    assert answers(gin_app.test_client()) == with_index


def test_a_role_that_may_not_create_the_extension_migrates_without_the_recency_index(app, drop_recency_index):
    drop_recency_index()
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text("DROP EXTENSION IF EXISTS rum"))
        if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = 'conduit_plain'")).first() is None:
            connection.execute(text("CREATE ROLE conduit_plain NOLOGIN"))
        connection.execute(text("SET ROLE conduit_plain"))
        installed = install_recency(connection)
        connection.execute(text("RESET ROLE"))
        left = has_recency_index(connection)

    assert (installed, left) == (False, False)


def add_articles(app, author_id, count, *, title, minutes_ago_from):
    """`count` articles titled `title N`, one a minute, the newest `minutes_ago_from` minutes ago;
    written in one statement (the search triggers index them as the API's writes would)."""
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at) "
                "SELECT :title || '-' || n, :title || ' ' || n, 'notes', 'text', :author, t, t "
                "FROM generate_series(1, :count) n, "
                "LATERAL (SELECT now() - (:start + :count - n) * interval '1 minute') s(t)"
            ),
            {"title": title, "author": author_id, "count": count, "start": minutes_ago_from},
        )


def window(app):
    """(articles in the search window, its boundary)."""
    with app.app_context(), db.engine.connect() as connection:
        inside = connection.execute(text(f"SELECT count(*) FROM articles WHERE {WINDOW_COLUMN}")).scalar_one()
        return inside, connection.execute(text(f"SELECT boundary FROM {WINDOW_TABLE}")).scalar_one()


@pytest.fixture
def small_window(make_app):
    """An app whose search window holds the 200 newest articles, refitted after every 4th."""
    return make_app(SEARCH_WINDOW_ARTICLES=SEARCH_CANDIDATES)


@pytest.fixture
def fens_and_moors(small_window, alice, bob):
    """448 articles: 250 old ones (100 `moorland`, then 150 of bob's `fenland`), then 197 new ones of
    bob's `fenland`, then alice's, written over the API, which fits the window to the 200 newest."""
    bob_id = user_id(small_window, bob.username)
    add_articles(small_window, user_id(small_window, alice.username), 100, title="Moorland", minutes_ago_from=1000)
    add_articles(small_window, bob_id, 150, title="Fenland", minutes_ago_from=500)
    add_articles(small_window, bob_id, 197, title="Fenland new", minutes_ago_from=1)
    article = {"title": "Fenland at last", "description": "notes", "body": "text"}
    answer = small_window.test_client().post("/api/articles", headers=alice.headers, json={"article": article})
    assert answer.status_code == 201  # id 448, a multiple of 4: it queues a fit
    answer.close()  # which runs in this process once the answer is sent
    return small_window


WINDOW_SEARCHES = [
    "/api/articles?search=fenland",  # 200 matches in the window: the newest of all 348
    "/api/articles?search=fenland&offset=180",
    "/api/articles?search=fenland&author=bob",  # 197 in the window: too few, so from every article
    "/api/articles?search=moorland",  # none in the window
    "/api/articles?search=fenland new&limit=5",
]


def test_a_fit_keeps_exactly_the_newest_articles_in_the_window(fens_and_moors):
    inside, boundary = window(fens_and_moors)

    with fens_and_moors.app_context(), db.engine.connect() as connection:
        newest = connection.execute(
            text("SELECT created_at FROM articles ORDER BY created_at DESC OFFSET :keep LIMIT 1"),
            {"keep": SEARCH_CANDIDATES},
        ).scalar_one()
    assert (inside, boundary) == (SEARCH_CANDIDATES, newest)


def test_a_search_answers_the_same_from_the_window_as_from_every_article(fens_and_moors, make_app, drop_recency_index):
    client = fens_and_moors.test_client()
    from_window = [client.get(search).get_json() for search in WINDOW_SEARCHES]
    assert [answer["articlesCount"] for answer in from_window] == [200, 200, 200, 100, 197]
    drop_recency_index()

    assert [make_app().test_client().get(search).get_json() for search in WINDOW_SEARCHES] == from_window


def test_articles_written_in_the_window_but_behind_its_boundary_hide_no_newer_match(
    fens_and_moors, make_app, bob, drop_recency_index
):
    # Backdated (older than every other), yet in the window, as every new article is: bob then has
    # 200 matches there, but the newest of all his are 3 older ones outside it.
    add_articles(fens_and_moors, user_id(fens_and_moors, bob.username), 3, title="Fenland late", minutes_ago_from=2000)
    client = fens_and_moors.test_client()
    from_window = [client.get(search).get_json() for search in WINDOW_SEARCHES]
    drop_recency_index()

    assert [make_app().test_client().get(search).get_json() for search in WINDOW_SEARCHES] == from_window
