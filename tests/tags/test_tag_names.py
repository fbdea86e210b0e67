"""Tags are NFC-normalised: one word is one tag however its accents were composed."""

from __future__ import annotations

import unicodedata

import pytest

COMPOSED = unicodedata.normalize("NFC", "café")
DECOMPOSED = unicodedata.normalize("NFD", "café")


def write_article(client, author, title, tags):
    article = {"title": title, "description": "d", "body": "b", "tagList": tags}
    response = client.post("/api/articles", headers=author.headers, json={"article": article})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["article"]


def test_a_decomposed_tag_is_stored_composed(client, alice):
    assert write_article(client, alice, "One", [DECOMPOSED])["tagList"] == [COMPOSED]


def test_one_word_composed_two_ways_is_one_tag_in_the_cloud(client, alice):
    write_article(client, alice, "One", [COMPOSED])
    write_article(client, alice, "Two", [DECOMPOSED])

    assert client.get("/api/tags").get_json()["tags"] == [COMPOSED]


def test_one_word_composed_two_ways_in_one_article_is_one_tag(client, alice):
    assert write_article(client, alice, "One", [COMPOSED, DECOMPOSED])["tagList"] == [COMPOSED]


def test_retagging_with_a_decomposed_tag_stores_it_composed(client, alice):
    slug = write_article(client, alice, "One", ["x"])["slug"]

    response = client.put(f"/api/articles/{slug}", headers=alice.headers, json={"article": {"tagList": [DECOMPOSED]}})

    assert response.get_json()["article"]["tagList"] == [COMPOSED]


@pytest.mark.parametrize("form", [COMPOSED, DECOMPOSED])
def test_articles_are_filtered_by_a_tag_whichever_way_it_is_composed(client, alice, form):
    write_article(client, alice, "One", [COMPOSED])
    write_article(client, alice, "Two", [DECOMPOSED])

    assert client.get("/api/articles", query_string={"tag": form}).get_json()["articlesCount"] == 2
