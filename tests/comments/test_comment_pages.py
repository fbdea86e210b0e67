"""Comment pages: all comments up to the bound in one answer, and every one of them by cursor beyond it."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from service.comments.services import MAX_COMMENTS
from service.extensions import db
from service.models import Article, Comment
from tests.support.rows import user_id


def add_comments(app, slug, author, count):
    """`count` comments straight into the database (as many through HTTP would only be slower)."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with app.app_context():
        article_id = db.session.scalar(select(Article.id).where(Article.slug == slug))
        author_id = user_id(author)
        rows = [
            {
                "article_id": article_id,
                "author_id": author_id,
                "body": f"c{number}",
                "created_at": when,
                "updated_at": when,
            }
            for number in range(count)
            for when in [start + timedelta(seconds=number // 2)]  # pairs share a timestamp: ties go by id
        ]
        db.session.execute(insert(Comment), rows)
        db.session.commit()


def test_every_comment_beyond_the_bound_can_be_read_by_cursor(app, client, bob, article_by_alice):
    slug = article_by_alice["slug"]
    add_comments(app, slug, "bob", MAX_COMMENTS + 3)

    first = client.get(f"/api/articles/{slug}/comments").get_json()
    rest = client.get(f"/api/articles/{slug}/comments?cursor={first['nextCursor']}").get_json()

    assert len(first["comments"]) == MAX_COMMENTS
    assert first["commentsCount"] == rest["commentsCount"] == MAX_COMMENTS + 3
    assert rest["nextCursor"] is None
    bodies = [comment["body"] for comment in first["comments"] + rest["comments"]]
    assert sorted(bodies) == sorted(f"c{number}" for number in range(MAX_COMMENTS + 3))


def test_comments_walk_by_limit_and_cursor_newest_first(app, client, bob, article_by_alice):
    slug = article_by_alice["slug"]
    add_comments(app, slug, "bob", 7)
    walked, url = [], f"/api/articles/{slug}/comments?limit=3"
    while url:
        answer = client.get(url).get_json()
        walked += [comment["body"] for comment in answer["comments"]]
        url = answer["nextCursor"] and f"/api/articles/{slug}/comments?limit=3&cursor={answer['nextCursor']}"

    assert walked == [f"c{number}" for number in reversed(range(7))]


def test_a_comment_cursor_of_another_article_or_forged_gets_422(app, client, alice, bob, article_by_alice):
    slug = article_by_alice["slug"]
    other = client.post(
        "/api/articles",
        headers=alice.headers,
        json={"article": {"title": "Other", "description": "d", "body": "b"}},
    ).get_json()["article"]["slug"]
    add_comments(app, slug, "bob", 3)
    cursor = client.get(f"/api/articles/{slug}/comments?limit=1").get_json()["nextCursor"]

    assert client.get(f"/api/articles/{other}/comments?cursor={cursor}").status_code == 422
    assert client.get(f"/api/articles/{slug}/comments?cursor={cursor[:-1]}x").status_code == 422


def test_an_unknown_article_is_404_and_a_limit_out_of_range_422(client, article_by_alice):
    assert client.get("/api/articles/no-such-article/comments").status_code == 404
    assert client.get(f"/api/articles/{article_by_alice['slug']}/comments?limit=501").status_code == 422
