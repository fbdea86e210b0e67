"""scripts/bench's data set and scale scenarios (issue 24): what they measure must be what the
service does. PostgreSQL only, as the benchmark is: it seeds with COPY."""

import pytest
from sqlalchemy import text

from service.extensions import db
from tests.support.backend import BACKEND
from tests.support.bench import dataset, libpq_url, probes, scale

pytestmark = pytest.mark.skipif(BACKEND != "postgresql", reason="the benchmark seeds PostgreSQL with COPY")


@pytest.fixture
def seeded(app, database_url):
    """The benchmark's default data set (2,000 articles), seeded into the test database."""
    params = {"time_cost": app.config["ARGON2_TIME_COST"], "memory_cost": app.config["ARGON2_MEMORY_COST"]}
    return dataset.seed(libpq_url(database_url), dataset.Scale(), **params)


def test_seeded_articles_carry_the_search_document_the_trigger_would_write(app, seeded):
    with app.app_context():
        differing = db.session.execute(
            text(
                "SELECT count(*) FROM articles "
                "WHERE search_document IS DISTINCT FROM article_search_document(id, title, description, body)"
            )
        ).scalar_one()
    assert seeded.counts["articles"] == dataset.DEFAULT_ARTICLES
    assert differing == 0


def test_the_planted_word_is_found_in_one_article_of_every_hundred(client, seeded):
    found = client.get(f"/api/articles?search={dataset.SEARCH_WORD}").get_json()

    assert found["articlesCount"] == dataset.DEFAULT_ARTICLES // dataset.SEARCH_WORD_EVERY


def test_seeding_leaves_every_index_of_the_migrations_in_place(app, seeded):
    with app.app_context():
        names = set(db.session.execute(text("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).scalars())
    assert {"ix_articles_search_document", "ix_articles_created_at_id", "ix_comments_article_id"} <= names


def test_scale_cursors_answer_the_page_at_their_depth_as_the_offset_does(app, client, seeded):
    tokens = probes.issue_tokens(app, seeded.reader_ids)
    scenarios = {scenario.key: scenario for scenario in scale.scenarios(app, seeded, tokens)}

    deepest = dataset.DEFAULT_ARTICLES - scale.PAGE  # 2,000 articles have no depth 10,000
    by_offset, by_cursor = scenarios["scale_list_offset"].requests[0], scenarios["scale_list_cursor"].requests[0]
    assert by_offset.path.endswith(f"offset={deepest}")
    offset_page = client.get(by_offset.path, headers=by_offset.headers()).get_json()["articles"]
    cursor_page = client.get(by_cursor.path, headers=by_cursor.headers()).get_json()["articles"]
    assert [article["slug"] for article in cursor_page] == [article["slug"] for article in offset_page]
    assert len(cursor_page) == scale.PAGE
