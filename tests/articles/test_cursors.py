"""Cursor pages of the article list and the feed: `nextCursor` continues where a page ended, pages
neither repeat nor skip while articles arrive, and a cursor the service did not give gets 422."""

import base64

import pytest

from tests.support.actors import create_article


def slugs(answer):
    return [article["slug"] for article in answer["articles"]]


def walk(client, url, headers=None):
    """Every page of `url`, each asked for by the previous one's nextCursor; the answers, in order."""
    answers = []
    while True:
        answer = client.get(url if not answers else f"{url}&cursor={answers[-1]['nextCursor']}", headers=headers)
        assert answer.status_code == 200, answer.get_json()
        answers.append(answer.get_json())
        if answers[-1]["nextCursor"] is None:
            return answers


@pytest.fixture
def tagged(client, alice, bob):
    """Ten articles tagged "walk", by alice and bob in turn, between untagged ones."""
    made = []
    for number in range(10):
        made.append(create_article(client, alice if number % 2 else bob, f"Walk {number}", tagList=["walk"])["slug"])
        create_article(client, alice, f"Other {number}")
    return made


def test_walking_a_tag_by_cursor_while_articles_arrive_yields_each_existing_article_once(client, alice, tagged):
    seen, cursor, pages = [], None, 0
    while True:
        url = "/api/articles?tag=walk&limit=4" + (f"&cursor={cursor}" if cursor else "")
        answer = client.get(url).get_json()
        seen += slugs(answer)
        pages += 1
        create_article(client, alice, f"Arrived {pages}", tagList=["walk"])  # lands before the cursor
        cursor = answer["nextCursor"]
        if cursor is None:
            break

    assert sorted(seen) == sorted(tagged)
    assert len(seen) == len(set(seen)) == 10
    assert pages == 3


def test_offset_pages_repeat_an_article_when_one_arrives_which_cursor_pages_do_not(client, alice, tagged):
    first = client.get("/api/articles?tag=walk&limit=4").get_json()
    create_article(client, alice, "Arrived", tagList=["walk"])
    by_offset = client.get("/api/articles?tag=walk&limit=4&offset=4").get_json()
    by_cursor = client.get(f"/api/articles?tag=walk&limit=4&cursor={first['nextCursor']}").get_json()

    assert set(slugs(first)) & set(slugs(by_offset))
    assert not set(slugs(first)) & set(slugs(by_cursor))


def test_the_last_page_has_no_next_cursor_and_counts_still_count_all(client, tagged):
    answers = walk(client, "/api/articles?tag=walk&limit=4")

    assert [len(answer["articles"]) for answer in answers] == [4, 4, 2]
    assert {answer["articlesCount"] for answer in answers} == {10}
    assert answers[-1]["nextCursor"] is None


def test_an_exactly_full_last_page_has_no_next_cursor(client, tagged):
    assert client.get("/api/articles?tag=walk&limit=10").get_json()["nextCursor"] is None


def test_an_offset_page_gives_a_cursor_to_continue_from(client, tagged):
    by_offset = client.get("/api/articles?tag=walk&limit=3&offset=3").get_json()
    after = client.get(f"/api/articles?tag=walk&limit=3&cursor={by_offset['nextCursor']}").get_json()

    assert slugs(after) == slugs(client.get("/api/articles?tag=walk&limit=3&offset=6").get_json())


def test_the_whole_list_walks_by_cursor_signed_in_or_not(client, alice, tagged):
    anonymous = [slug for answer in walk(client, "/api/articles?limit=7") for slug in slugs(answer)]
    signed_in = [slug for answer in walk(client, "/api/articles?limit=7", alice.headers) for slug in slugs(answer)]

    assert anonymous == signed_in == slugs(client.get("/api/articles?limit=100").get_json())
    assert len(anonymous) == 20


def test_the_feed_walks_by_cursor(client, alice, bob, tagged):
    client.post("/api/profiles/alice/follow", headers=bob.headers)

    walked = [slug for answer in walk(client, "/api/articles/feed?limit=3", bob.headers) for slug in slugs(answer)]

    assert walked == slugs(client.get("/api/articles/feed?limit=100", headers=bob.headers).get_json())
    assert len(walked) == 15


def _forged(cursor):
    """The cursor with its position (the last id) changed but its signature kept."""
    payload, signature = cursor.rsplit(".", 1)
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).replace(b"]]", b"9]]")
    return base64.urlsafe_b64encode(decoded).decode().rstrip("=") + "." + signature


@pytest.mark.parametrize(
    "tamper",
    [
        _forged,
        lambda cursor: cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB"),
        lambda _cursor: "not-a-cursor",
        lambda _cursor: base64.urlsafe_b64encode(b'["articles","0",[1,1]]').decode() + ".c2ln",
        lambda cursor: cursor + "." + cursor,
        lambda _cursor: "x" * 201,
        lambda _cursor: "%00",
    ],
    ids=["position-changed", "signature-changed", "garbage", "unsigned", "doubled", "too-long", "nul"],
)
def test_a_forged_or_malformed_cursor_gets_422(client, tagged, tamper):
    cursor = client.get("/api/articles?tag=walk&limit=4").get_json()["nextCursor"]

    response = client.get(f"/api/articles?tag=walk&limit=4&cursor={tamper(cursor)}")

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["cursor"]


@pytest.mark.parametrize(
    "other_query",
    ["/api/articles?limit=4", "/api/articles?tag=other&limit=4", "/api/articles?tag=walk&search=walk&limit=4"],
)
def test_a_cursor_of_another_query_gets_422(client, tagged, other_query):
    cursor = client.get("/api/articles?tag=walk&limit=4").get_json()["nextCursor"]

    response = client.get(f"{other_query}&cursor={cursor}")

    assert response.status_code == 422
    assert response.get_json() == {
        "errors": {
            "cursor": ["belongs to another list or other filters: send the same query, or start again without it"]
        }
    }


def test_a_list_cursor_is_refused_by_the_feed_and_another_readers_feed(client, alice, bob, tagged):
    client.post("/api/profiles/alice/follow", headers=bob.headers)
    list_cursor = client.get("/api/articles?limit=4").get_json()["nextCursor"]
    feed_cursor = client.get("/api/articles/feed?limit=4", headers=bob.headers).get_json()["nextCursor"]

    assert client.get(f"/api/articles/feed?cursor={list_cursor}", headers=bob.headers).status_code == 422
    assert client.get(f"/api/articles/feed?cursor={feed_cursor}", headers=alice.headers).status_code == 422


def test_a_cursor_with_an_offset_gets_422(client, tagged):
    cursor = client.get("/api/articles?tag=walk&limit=4").get_json()["nextCursor"]

    response = client.get(f"/api/articles?tag=walk&limit=4&offset=4&cursor={cursor}")

    assert response.get_json() == {"errors": {"cursor": ["give a cursor or an offset, not both"]}}


def test_a_cursor_signed_with_another_secret_gets_422(make_app, tagged, client):
    cursor = client.get("/api/articles?tag=walk&limit=4").get_json()["nextCursor"]
    other = make_app(SECRET_KEY="another-secret-that-is-long-enough-0123456789").test_client()

    assert other.get(f"/api/articles?tag=walk&limit=4&cursor={cursor}").status_code == 422
