"""Swagger UI and ReDoc as a person uses them, in headless Chromium against gunicorn.

/docs: Authorize with a registered user's token, then Try it out -> Execute on GET /api/user, and the
page shows 200 with the username. /redoc: every operation is listed. Screenshots go to test-artifacts/.
The test fails on any console error or uncaught page error, and on any request leaving 127.0.0.1
(such requests are also aborted, so nothing leaves the machine).
"""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.support.browser import ARTIFACTS, REPO
from tests.support.live import LiveServer

SPEC = json.loads((REPO / "openapi" / "openapi.json").read_text(encoding="utf-8"))

pytestmark = [pytest.mark.live, pytest.mark.consumer]


@pytest.fixture(scope="module")
def user(live_api: LiveServer) -> dict[str, str]:
    body = {"user": {"username": "browser_user", "email": "browser@example.com", "password": "browser-password"}}
    request = urllib.request.Request(
        f"{live_api.url}/api/users", json.dumps(body).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["user"]


def test_swagger_ui_authorizes_and_runs_get_current_user(live_api, user, page) -> None:
    page, watch = page
    page.goto(f"{live_api.url}/docs")
    page.locator(".swagger-ui .info .title").wait_for()

    page.locator("button.authorize").first.click()
    dialog = page.locator(".modal-ux")
    dialog.locator("input").first.fill(f"Token {user['token']}")
    dialog.locator("button.authorize").click()
    dialog.locator("button.btn-done").click()

    operation = page.locator("#operations-User_and_Authentication-GetCurrentUser")
    operation.locator(".opblock-summary").click()
    operation.locator("button.try-out__btn").click()
    operation.locator("button.execute").click()
    response = operation.locator(".live-responses-table .response").first
    response.wait_for()
    page.screenshot(path=str(ARTIFACTS / "docs.png"), full_page=True)
    operation.screenshot(path=str(ARTIFACTS / "docs-get-current-user.png"))

    assert response.locator(".response-col_status").inner_text().strip() == "200"
    body = json.loads(response.locator(".response-col_description pre").first.inner_text())
    assert body["user"]["username"] == user["username"]
    assert not watch.problems(), "\n".join(watch.problems())


def test_redoc_lists_every_operation(live_api, page) -> None:
    page, watch = page
    page.goto(f"{live_api.url}/redoc")
    page.locator(".api-content h2", has_text="Get current user").wait_for()
    page.screenshot(path=str(ARTIFACTS / "redoc.png"))

    headings = page.locator(".api-content h2").all_inner_texts()
    summaries = [op["summary"] for item in SPEC["paths"].values() for op in item.values() if "summary" in op]
    missing = [summary for summary in summaries if summary not in headings]
    assert len(summaries) >= 19 and not missing, f"not listed by ReDoc: {missing}"
    assert not watch.problems(), "\n".join(watch.problems())
