"""No N+1: the SQL statements a list request sends do not grow with the page size; writes send few."""

import pytest

from tests.support.actors import create_article
from tests.support.backend import BACKEND


@pytest.fixture
def many_articles(client, alice, bob):
    for number in range(30):
        author = alice if number % 2 else bob
        article = create_article(client, author, f"Article {number}", tagList=[f"tag{number % 5}", "common"])
        client.post(f"/api/articles/{article['slug']}/favorite", headers=alice.headers)
        client.post(f"/api/articles/{article['slug']}/comments", headers=alice.headers, json={"comment": {"body": "x"}})
    client.post("/api/profiles/bob/follow", headers=alice.headers)


def statements_for(client, count_queries, url, headers=None):
    with count_queries() as statements:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200
    return len(statements), len(response.get_json().get("articles", response.get_json().get("comments", [])))


@pytest.mark.parametrize("who", ["anonymous", "authenticated"])
def test_article_list_statements_do_not_grow_with_page_size(client, count_queries, many_articles, alice, who):
    headers = alice.headers if who == "authenticated" else None

    small, small_size = statements_for(client, count_queries, "/api/articles?limit=1", headers)
    large, large_size = statements_for(client, count_queries, "/api/articles?limit=100", headers)

    assert (small_size, large_size) == (1, 30)
    assert small == large
    assert large <= 4


def test_feed_statements_do_not_grow_with_page_size(client, count_queries, many_articles, alice):
    small, small_size = statements_for(client, count_queries, "/api/articles/feed?limit=1", alice.headers)
    large, large_size = statements_for(client, count_queries, "/api/articles/feed?limit=100", alice.headers)

    assert (small_size, large_size) == (1, 15)
    assert small == large <= 4


def test_filtered_list_statements_do_not_grow_with_page_size(client, count_queries, many_articles, alice):
    small, _ = statements_for(client, count_queries, "/api/articles?tag=common&limit=1", alice.headers)
    large, _ = statements_for(client, count_queries, "/api/articles?tag=common&limit=100", alice.headers)

    assert small == large <= 4


def test_comment_list_statements_do_not_grow_with_comment_count(client, count_queries, many_articles, alice):
    slug = client.get("/api/articles?limit=1").get_json()["articles"][0]["slug"]
    for _ in range(10):
        client.post(f"/api/articles/{slug}/comments", headers=alice.headers, json={"comment": {"body": "more"}})

    with count_queries() as statements:
        response = client.get(f"/api/articles/{slug}/comments", headers=alice.headers)

    assert len(response.get_json()["comments"]) == 11
    assert len(statements) <= 3


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [("POST", "/favorite", None), ("DELETE", "/favorite", None), ("POST", "/comments", {"comment": {"body": "x"}})],
)
def test_a_write_on_an_article_finds_it_and_checks_its_user_in_the_statement_that_writes(
    client, count_queries, alice, bob, method, suffix, body
):
    slug = create_article(client, alice, "Counted")["slug"]

    with count_queries() as statements:
        response = client.open(f"/api/articles/{slug}{suffix}", method=method, headers=bob.headers, json=body)

    assert response.status_code == 200
    # PostgreSQL reads the answer in the statement that writes; SQLite cannot, and reads it after.
    # Before both, the token's check (without Redis, whose kept answers spare it: see service.revocation).
    assert len(statements) == 1 + (1 if BACKEND == "postgresql" else 2), statements
