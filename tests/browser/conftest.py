"""A fresh headless Chromium page per browser test, watched for what fails a test (`Watch`).

Its requests are intercepted, so that any leaving 127.0.0.1 is aborted; interception turns off the
browser's HTTP cache, so a test marked `http_cache` has them watched instead (and still fails on one).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright import sync_api as playwright

from tests.support.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, Watch


@pytest.fixture
def page(request: pytest.FixtureRequest) -> Iterator[tuple[playwright.Page, Watch]]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium package")
    ARTIFACTS.mkdir(exist_ok=True)
    watch = Watch()
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        if request.node.get_closest_marker("http_cache"):
            context.on("request", watch.request)
        else:
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
