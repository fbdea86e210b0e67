"""No N+1 on what staff read: the statements of a page of the queue or of the audit do not grow with
the rows on it (2 reported items against 15, 2 audit entries against 15)."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from tests.support.actors import Actor
from tests.support.staff import act
from tests.support.triage import file_reports, hide_and_restore

FEW, MANY = 2, 15


def statements_for(client: FlaskClient, count_queries: Any, staff: Actor, url: str, rows: str) -> tuple[int, int]:
    """(statements sent, rows answered) for one staff GET."""
    with count_queries() as statements:
        response = client.get(url, headers=staff.headers)
    assert response.status_code == 200, response.get_json()
    return len(statements), len(response.get_json()[rows])


def test_a_page_of_the_queue_costs_the_same_statements_for_2_items_as_for_15(
    client: FlaskClient, count_queries: Any, alice: Actor, bob: Actor, carol: Actor, mod: Actor
) -> None:
    file_reports(client, alice, [bob, carol], FEW)
    few = statements_for(client, count_queries, mod, "/api/moderation/reports?limit=100", "items")

    file_reports(client, alice, [bob, carol], MANY - FEW, start=FEW)
    many = statements_for(client, count_queries, mod, "/api/moderation/reports?limit=100", "items")

    assert (few[1], many[1]) == (FEW, MANY)
    assert few[0] == many[0] <= 6  # the token, the staff check, the queue's four


def test_a_page_of_the_audit_costs_the_same_statements_for_2_entries_as_for_15(
    client: FlaskClient, count_queries: Any, alice: Actor, mod: Actor, article_by_alice: dict[str, Any]
) -> None:
    slug = article_by_alice["slug"]
    hide_and_restore(client, mod, slug, FEW)
    few = statements_for(client, count_queries, mod, "/api/moderation/audit?limit=100", "entries")

    hide_and_restore(client, mod, slug, MANY - FEW)
    act(client, mod, f"/users/{alice.username}/suspend")
    many = statements_for(client, count_queries, mod, "/api/moderation/audit?limit=100", "entries")

    assert (few[1], many[1]) == (FEW, MANY + 1)
    assert few[0] == many[0] <= 3  # the token, the staff check, the entries
