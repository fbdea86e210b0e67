"""No N+1 on the console's pages: the statements of the queue, the audit, the user search and the
overview do not grow with the rows they show (2 against 15)."""

from __future__ import annotations

import pytest

from tests.support.actors import register
from tests.support.staff import act
from tests.support.triage import file_reports, hide_and_restore

FEW, MANY = 2, 15


def statements_for(console, count_queries, path: str, row: str) -> tuple[int, int]:
    """(statements sent, rows shown: how many times `row` is on the page) for one console page."""
    with count_queries() as statements:
        page = console.get(path)
    assert page.status_code == 200, page.get_data(as_text=True)
    return len(statements), page.get_data(as_text=True).count(row)


def suspend_members(client, moderator, numbers: range) -> None:
    for number in numbers:
        member = register(client, f"member{number}")
        assert act(client, moderator, f"/users/{member.username}/suspend").status_code == 200


@pytest.fixture
def carol(client):
    return register(client, "carol")


@pytest.mark.parametrize(("path", "shown"), [("/admin/reports", MANY), ("/admin/", 10)], ids=["queue", "overview"])
def test_the_queue_costs_the_same_statements_for_2_items_as_for_15(
    client, count_queries, signed_in, moderator, alice, bob, carol, path, shown
):
    file_reports(client, alice, [bob, carol], FEW)
    few = statements_for(signed_in, count_queries, path, 'class="queue-item"')

    file_reports(client, alice, [bob, carol], MANY - FEW, start=FEW)
    many = statements_for(signed_in, count_queries, path, 'class="queue-item"')

    assert (few[1], many[1]) == (FEW, shown)
    assert few[0] == many[0]


def test_the_audit_page_costs_the_same_statements_for_2_entries_as_for_15(
    client, count_queries, signed_in, moderator, alice, article_by_alice
):
    target = f"<td>article:{article_by_alice['slug']}</td>"
    hide_and_restore(client, moderator, article_by_alice["slug"], FEW)
    few = statements_for(signed_in, count_queries, "/admin/audit", target)

    hide_and_restore(client, moderator, article_by_alice["slug"], MANY - FEW)
    many = statements_for(signed_in, count_queries, "/admin/audit", target)

    assert (few[1], many[1]) == (FEW, MANY)
    assert few[0] == many[0]


def test_the_user_search_costs_the_same_statements_for_2_users_as_for_15(client, count_queries, signed_in, moderator):
    suspend_members(client, moderator, range(FEW))
    few = statements_for(signed_in, count_queries, "/admin/users?q=member", "@example.com</td>")

    suspend_members(client, moderator, range(FEW, MANY))
    many = statements_for(signed_in, count_queries, "/admin/users?q=member", "@example.com</td>")

    assert (few[1], many[1]) == (2 * FEW, 2 * MANY)  # each found, and each in the suspended list
    assert few[0] == many[0]
