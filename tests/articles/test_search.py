"""`GET /api/articles?search=`: full-text over titles, descriptions, tags and bodies, ranked, stemmed,
combinable with the other filters, and safe whatever a client sends."""

import pytest

from service.articles.search import SEARCH_CANDIDATES
from tests.support.actors import create_article

# A word no fixture uses elsewhere, so that only the articles written with it can match.
WORD = "zorblax"


def titles(response):
    return [article["title"] for article in response.get_json()["articles"]]


@pytest.fixture
def zorblax_articles(client, alice, bob):
    """Alice's article has the word in its title; bob's newer one only in its body; a third has neither."""
    create_article(client, alice, f"The {WORD} of the north", tagList=["legends"])
    create_article(client, bob, "Unrelated", tagList=["cooking"])
    create_article(client, bob, "Winter notes", body=f"Once a {WORD} came down the valley.", tagList=["legends"])


def test_a_word_finds_the_articles_holding_it_title_match_first(client, zorblax_articles):
    response = client.get(f"/api/articles?search={WORD}")

    assert response.status_code == 200
    assert titles(response) == [f"The {WORD} of the north", "Winter notes"]
    assert response.get_json()["articlesCount"] == 2


def test_the_plural_finds_the_same_articles(client, zorblax_articles):
    response = client.get(f"/api/articles?search={WORD}es")

    assert titles(response) == [f"The {WORD} of the north", "Winter notes"]
    assert response.get_json()["articlesCount"] == 2


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ("tag=legends", [f"The {WORD} of the north", "Winter notes"]),
        ("author=bob", ["Winter notes"]),
        ("author=alice&tag=legends", [f"The {WORD} of the north"]),
        ("tag=cooking", []),
        ("favorited=alice", []),
    ],
)
def test_search_combines_with_tag_author_and_favorited(client, zorblax_articles, filters, expected):
    response = client.get(f"/api/articles?search={WORD}&{filters}")

    assert titles(response) == expected
    assert response.get_json()["articlesCount"] == len(expected)


def test_every_word_must_match(client, zorblax_articles):
    assert titles(client.get(f"/api/articles?search={WORD} valley")) == ["Winter notes"]
    assert titles(client.get(f"/api/articles?search={WORD} nowhere")) == []


def test_a_title_match_ranks_above_a_newer_body_match_and_equal_ranks_go_newest_first(client, alice):
    create_article(client, alice, "Glimmerfen one", body="nothing here")
    create_article(client, alice, "Body only", body="the glimmerfen is wide")
    create_article(client, alice, "Glimmerfen two", body="nothing here")

    assert titles(client.get("/api/articles?search=glimmerfen")) == ["Glimmerfen two", "Glimmerfen one", "Body only"]


def test_description_and_tags_are_searched(client, alice):
    create_article(client, alice, "First", description="about quillworts")
    create_article(client, alice, "Second", tagList=["quillwort"])

    assert sorted(titles(client.get("/api/articles?search=quillwort"))) == ["First", "Second"]


def test_search_follows_an_articles_new_tags_body_and_deletion(client, alice):
    slug = create_article(client, alice, "Changing", body="plain", tagList=["brindlewood"])["slug"]
    edit = {"article": {"body": "now with marrowfat", "tagList": ["thistledown"]}}
    assert client.put(f"/api/articles/{slug}", headers=alice.headers, json=edit).status_code == 200

    assert titles(client.get("/api/articles?search=brindlewood")) == []
    assert titles(client.get("/api/articles?search=thistledown")) == ["Changing"]
    assert titles(client.get("/api/articles?search=marrowfat")) == ["Changing"]
    assert client.delete(f"/api/articles/{slug}", headers=alice.headers).status_code == 204
    assert titles(client.get("/api/articles?search=thistledown")) == []


def test_search_pages_carry_a_cursor_and_offset_pages_too(client, alice):
    for number in range(5):
        create_article(client, alice, f"Paged wendigo {number}")

    first = client.get("/api/articles?search=wendigo&limit=2").get_json()
    by_offset = client.get("/api/articles?search=wendigo&limit=2&offset=2").get_json()
    by_cursor = client.get(f"/api/articles?search=wendigo&limit=2&cursor={first['nextCursor']}").get_json()

    assert by_cursor["articles"] == by_offset["articles"]
    assert by_cursor["articlesCount"] == 5
    assert by_offset["nextCursor"] is not None


def test_walking_a_search_by_cursor_while_matches_arrive_yields_each_earlier_match_once(client, alice):
    existing = {create_article(client, alice, f"Walked kelpie {number}")["slug"] for number in range(7)}
    seen, url = [], "/api/articles?search=kelpie&limit=3"
    while url:
        answer = client.get(url).get_json()
        seen += [article["slug"] for article in answer["articles"]]
        create_article(client, alice, f"Late kelpie {len(seen)}")
        url = answer["nextCursor"] and f"/api/articles?search=kelpie&limit=3&cursor={answer['nextCursor']}"

    assert sorted(seen) == sorted(existing)


def test_a_search_ranks_only_its_newest_matches_and_counts_those(client, alice):
    create_article(client, alice, "Old quokkaberry", body="in its title, but older than every other match")
    for number in range(SEARCH_CANDIDATES):
        create_article(client, alice, f"Note {number}", body="a quokkaberry in the body")

    answer = client.get("/api/articles?search=quokkaberry&limit=2").get_json()

    assert [article["title"] for article in answer["articles"]] == [
        f"Note {SEARCH_CANDIDATES - 1}",
        f"Note {SEARCH_CANDIDATES - 2}",
    ]
    assert answer["articlesCount"] == SEARCH_CANDIDATES


HOSTILE_SEARCHES = [
    '"',
    "'",
    'dragon" OR "x',
    "title:dragon",
    "NEAR(dragon train, 2)",
    "dragon AND NOT train OR *",
    "dra*",
    "^dragon",
    "%",
    "_",
    "\\",
    "a\\' OR 1=1 --",
    "!dragon & (train | <->)",
    "x" * 1000,
    "\x00",
    "Дракон 龍の訓練 تنين",
    "🐉" * 50,
    "\u200b\ufeff\u202e",
]


@pytest.mark.parametrize("search", HOSTILE_SEARCHES, ids=range(len(HOSTILE_SEARCHES)))
def test_any_search_answers_200_or_a_clear_422(client, article_by_alice, search):
    response = client.get("/api/articles", query_string={"search": search})

    assert response.status_code in (200, 422), response.get_data(as_text=True)
    body = response.get_json()
    if response.status_code == 422:
        assert list(body["errors"]) == ["search"]
        assert all(isinstance(message, str) and message for message in body["errors"]["search"])
    else:
        assert isinstance(body["articlesCount"], int)
    assert client.get("/api/articles").get_json()["articlesCount"] == 1


def test_invalid_utf8_in_a_search_answers_200_or_422(client, article_by_alice):
    assert client.get("/api/articles?search=%ED%A0%80%FF").status_code in (200, 422)


@pytest.mark.parametrize(
    ("search", "message"),
    [
        ("?!", "has no word to search for: use letters or digits"),
        ("   ", "can't be blank"),
        (" ".join(["word"] * 17), "has too many words: at most 16"),
        ("x" * 201, "Longer than maximum length 200."),
    ],
)
def test_a_search_with_no_word_too_many_or_too_long_gets_422(client, search, message):
    response = client.get("/api/articles", query_string={"search": search})

    assert response.status_code == 422
    assert response.get_json() == {"errors": {"search": [message]}}
