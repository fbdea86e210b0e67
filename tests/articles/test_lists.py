import pytest

from tests.support.actors import create_article, register


@pytest.fixture
def library(client, alice, bob):
    """Three articles, oldest first: alice's "dragons", bob's "python", alice's "python" (favorited by bob)."""
    create_article(client, alice, "A1", tagList=["dragons"])
    create_article(client, bob, "B1", tagList=["python"])
    a2 = create_article(client, alice, "A2", tagList=["python"])
    client.post(f"/api/articles/{a2['slug']}/favorite", headers=bob.headers)


def titles(response):
    return [article["title"] for article in response.get_json()["articles"]]


def test_list_is_newest_first_with_the_total_count(client, library):
    response = client.get("/api/articles")

    assert response.status_code == 200
    assert titles(response) == ["A2", "B1", "A1"]
    assert response.get_json()["articlesCount"] == 3


def test_list_omits_the_body(client, library):
    assert all("body" not in article for article in client.get("/api/articles").get_json()["articles"])


def test_articles_count_is_the_total_not_the_page_size(client, library):
    response = client.get("/api/articles?limit=1&offset=1")

    assert titles(response) == ["B1"]
    assert response.get_json()["articlesCount"] == 3


def test_offset_past_the_end_gives_an_empty_page_and_the_total(client, library):
    response = client.get("/api/articles?offset=10")

    assert response.get_json() == {"articles": [], "articlesCount": 3, "nextCursor": None}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tag=python", ["A2", "B1"]),
        ("author=alice", ["A2", "A1"]),
        ("favorited=bob", ["A2"]),
        ("tag=python&author=alice", ["A2"]),
        ("tag=dragons&favorited=bob", []),
        ("tag=unknown", []),
        ("author=nobody", []),
        ("favorited=nobody", []),
    ],
)
def test_filters_combine_and_unknown_values_match_nothing(client, library, query, expected):
    response = client.get(f"/api/articles?{query}")

    assert response.status_code == 200
    assert titles(response) == expected
    assert response.get_json()["articlesCount"] == len(expected)


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=-1", "offset=-1", "limit=abc", "offset=1e3"])
def test_out_of_range_pagination_is_422(client, query):
    response = client.get(f"/api/articles?{query}")

    assert response.status_code == 422
    assert set(response.get_json()["errors"]) <= {"limit", "offset"}


def test_list_shows_favorited_and_following_for_the_viewer(client, library, alice, bob):
    client.post("/api/profiles/alice/follow", headers=bob.headers)

    articles = client.get("/api/articles", headers=bob.headers).get_json()["articles"]

    by_title = {article["title"]: article for article in articles}
    assert by_title["A2"]["favorited"] is True and by_title["A2"]["favoritesCount"] == 1
    assert by_title["A1"]["favorited"] is False
    assert by_title["A2"]["author"]["following"] is True
    assert by_title["B1"]["author"]["following"] is False


def test_feed_lists_only_followed_authors_newest_first(client, library, alice, bob):
    create_article(client, bob, "B2")
    client.post("/api/profiles/bob/follow", headers=alice.headers)

    response = client.get("/api/articles/feed", headers=alice.headers)

    assert response.status_code == 200
    assert titles(response) == ["B2", "B1"]
    assert response.get_json()["articlesCount"] == 2
    assert all(article["author"]["following"] for article in response.get_json()["articles"])


def test_feed_is_empty_when_following_nobody(client, library, alice):
    assert client.get("/api/articles/feed", headers=alice.headers).get_json() == {
        "articles": [],
        "articlesCount": 0,
        "nextCursor": None,
    }


def test_feed_needs_a_token(client):
    assert client.get("/api/articles/feed").status_code == 401


def test_feed_pages_interleave_followed_authors_newest_first(client, alice, bob):
    carol = register(client, "carol")
    for title, author in [("B1", bob), ("C1", carol), ("B2", bob), ("C2", carol), ("B3", bob)]:
        create_article(client, author, title)
    for followed in ("bob", "carol"):
        client.post(f"/api/profiles/{followed}/follow", headers=alice.headers)

    pages = [client.get(f"/api/articles/feed?limit=2&offset={offset}", headers=alice.headers) for offset in (0, 2, 4)]

    assert [titles(page) for page in pages] == [["B3", "C2"], ["B2", "C1"], ["B1"]]
    assert {page.get_json()["articlesCount"] for page in pages} == {5}


def test_feed_paginates(client, library, alice, bob):
    client.post("/api/profiles/bob/follow", headers=alice.headers)
    create_article(client, bob, "B2")

    response = client.get("/api/articles/feed?limit=1&offset=1", headers=alice.headers)

    assert titles(response) == ["B1"]
    assert response.get_json()["articlesCount"] == 2
