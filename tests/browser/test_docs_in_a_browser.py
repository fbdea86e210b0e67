"""Swagger UI and ReDoc as a person uses them, in headless Chromium against gunicorn.

/docs: Authorize with a registered user's token, then Try it out -> Execute on GET /api/user, and the
page shows 200 with the username. /redoc: every operation is listed. Screenshots go to test-artifacts/.
The test fails on any console error or uncaught page error, and on any request leaving 127.0.0.1
(such requests are also aborted, so nothing leaves the machine).
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright import sync_api as playwright

from tests.support.live import LiveServer

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
SPEC = json.loads((REPO / "openapi" / "openapi.json").read_text(encoding="utf-8"))
CHROMIUM = "/usr/bin/chromium"  # Debian's package (scripts/test installs it); Playwright's download is not used
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
LOCAL_SCHEMES = {"data", "blob", "about"}
TIMEOUT_MS = 20_000

pytestmark = [pytest.mark.live, pytest.mark.consumer]


class Watch:
    """What the page did that fails the test: console errors, page errors, requests leaving 127.0.0.1."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.outside_requests: list[str] = []

    def route(self, route: playwright.Route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in LOCAL_SCHEMES or url.hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside_requests.append(route.request.url)
            route.abort()

    def problems(self) -> list[str]:
        return (
            [f"console error: {text}" for text in self.console_errors]
            + [f"page error: {text}" for text in self.page_errors]
            + [f"request leaving 127.0.0.1: {url}" for url in self.outside_requests]
        )


@pytest.fixture(scope="module")
def user(live_api: LiveServer) -> dict[str, str]:
    body = {"user": {"username": "browser_user", "email": "browser@example.com", "password": "browser-password"}}
    request = urllib.request.Request(
        f"{live_api.url}/api/users", json.dumps(body).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["user"]


@pytest.fixture
def page(live_api: LiveServer) -> Iterator[tuple[playwright.Page, Watch]]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium package")
    ARTIFACTS.mkdir(exist_ok=True)
    watch = Watch()
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        context.route("**/*", watch.route)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.on("console", lambda message: message.type == "error" and watch.console_errors.append(message.text))
        page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
        try:
            yield page, watch
        finally:
            context.close()
            browser.close()


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
