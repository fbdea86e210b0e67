"""Headless Chromium for the browser tests: where it is, how it starts, and what fails a test."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from playwright import sync_api as playwright

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"  # Debian's package (scripts/test installs it); Playwright's download is not used
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
LOCAL_SCHEMES = {"data", "blob", "about"}
TIMEOUT_MS = 20_000


class Watch:
    """What the page did that fails the test: console errors, page errors, requests leaving 127.0.0.1."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.outside_requests: list[str] = []

    def route(self, route: playwright.Route) -> None:
        """Let a local request through; abort one leaving 127.0.0.1, and note it."""
        if self.request(route.request):
            route.continue_()
        else:
            route.abort()

    def request(self, request: playwright.Request) -> bool:
        """Whether the request stays local; one leaving 127.0.0.1 is noted."""
        url = urlsplit(request.url)
        if url.scheme in LOCAL_SCHEMES or url.hostname == "127.0.0.1":
            return True
        self.outside_requests.append(request.url)
        return False

    def problems(self) -> list[str]:
        return (
            [f"console error: {text}" for text in self.console_errors]
            + [f"page error: {text}" for text in self.page_errors]
            + [f"request leaving 127.0.0.1: {url}" for url in self.outside_requests]
        )
