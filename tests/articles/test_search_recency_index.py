"""PostgreSQL with RUM: a search takes its newest matches from the recency index (migration 0008);
without that index it answers exactly the same from the GIN plan."""

import pytest
from sqlalchemy import event, text

from service.articles.search import uses_recency_index
from service.extensions import db
from service.search_index import has_recency_index, install_recency, uninstall_recency
from tests.support.actors import create_article
from tests.support.backend import BACKEND

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
        assert install_recency(connection)


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
