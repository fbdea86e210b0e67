"""After a write, the first worker to read an answer or a summary again shares it through Redis,
under the versions it read it under; the other workers take it instead of reading the database,
and never once a newer write retired those versions. Two workers (two apps) share one database
and one Redis."""

from __future__ import annotations

import pytest

PAGE = "/api/articles?limit=20"


def _favorite(worker, reader, article, method="POST"):
    response = worker.open(f"/api/articles/{article['slug']}/favorite", method=method, headers=reader.headers)
    assert response.status_code == 200


@pytest.mark.parametrize("path", [PAGE, "/api/articles/{slug}"])
def test_an_answer_one_worker_read_again_after_a_write_is_served_by_the_others_without_the_database(
    client, other_worker, count_queries, bob, article_by_alice, path
):
    path = path.format(slug=article_by_alice["slug"])
    for worker in (client, other_worker):
        worker.get(path)
    _favorite(other_worker, bob, article_by_alice)
    rebuilt = other_worker.get(path)

    with count_queries() as statements:
        served = client.get(path)

    assert statements == []
    assert served.get_data() == rebuilt.get_data()
    assert served.headers["ETag"] == rebuilt.headers["ETag"]
    assert b'"favoritesCount":1' in served.get_data()


def test_an_answer_shared_before_a_write_is_not_served_after_it(client, other_worker, bob, article_by_alice):
    for worker in (client, other_worker):
        worker.get(PAGE)
    _favorite(other_worker, bob, article_by_alice)
    assert other_worker.get(PAGE).get_json()["articles"][0]["favoritesCount"] == 1  # shared

    _favorite(other_worker, bob, article_by_alice, method="DELETE")

    assert client.get(PAGE).get_json()["articles"][0]["favoritesCount"] == 0


def test_a_summary_one_worker_read_again_after_a_write_is_taken_by_the_others(
    client, other_worker, count_queries, alice, bob, article_by_alice
):
    for worker in (client, other_worker):
        worker.get(PAGE, headers=alice.headers)
    _favorite(other_worker, bob, article_by_alice)
    read_again = other_worker.get(PAGE, headers=alice.headers).get_json()

    with count_queries() as statements:
        taken = client.get(PAGE, headers=alice.headers).get_json()

    assert len(statements) == 1, statements  # the page's ids with alice's flags, not the summary
    assert taken == read_again
    assert taken["articles"][0]["favoritesCount"] == 1
