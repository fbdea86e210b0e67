"""scripts/mock: Prism serving the committed spec answers as the examples say, and refuses requests
the spec does not allow with a 4xx, as a front end working without the backend would see it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.api_tools import REPO, SPEC, ensure_tools, load
from tests.support.servers import free_port

pytestmark = pytest.mark.spec_tools
START_TIMEOUT = 60


def call(url: str, method: str = "GET", body: Any = None, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


@pytest.fixture(scope="module")
def mock_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    ensure_tools()
    port = free_port()
    log = tmp_path_factory.mktemp("mock") / "prism.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [str(REPO / "scripts" / "mock")], env={**os.environ, "MOCK_PORT": str(port)}, stdout=output, stderr=output
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()
            try:
                call(f"{url}/api/tags")
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"scripts/mock did not answer within {START_TIMEOUT}s:\n{log.read_text()}")
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def example(path: str, method: str, code: str) -> Any:
    return load(SPEC)["paths"][path][method]["responses"][code]["content"]["application/json"]["example"]


def test_the_mock_answers_the_article_list_with_the_spec_example(mock_url: str) -> None:
    assert call(f"{mock_url}/api/articles") == (200, example("/api/articles", "get", "200"))


def test_the_mock_answers_a_path_with_parameters(mock_url: str) -> None:
    status, body = call(f"{mock_url}/api/articles/how-to-train-your-dragon")

    assert (status, body) == (200, example("/api/articles/{slug}", "get", "200"))


def test_the_mock_refuses_a_query_parameter_out_of_range(mock_url: str) -> None:
    status, body = call(f"{mock_url}/api/articles?limit=0")

    assert status == 422 and body == example("/api/articles", "get", "422")


def test_the_mock_refuses_a_write_without_a_token(mock_url: str) -> None:
    body = load(SPEC)["paths"]["/api/articles"]["post"]["requestBody"]["content"]["application/json"]["example"]

    assert call(f"{mock_url}/api/articles", "POST", body)[0] == 401


def test_the_mock_refuses_a_body_missing_a_required_field(mock_url: str) -> None:
    status, _body = call(f"{mock_url}/api/users", "POST", {"user": {"username": "jake", "password": "jakejake"}})

    assert status == 422


def test_the_mock_accepts_the_example_request_with_a_token(mock_url: str) -> None:
    body = load(SPEC)["paths"]["/api/articles"]["post"]["requestBody"]["content"]["application/json"]["example"]

    status, answer = call(f"{mock_url}/api/articles", "POST", body, {"Authorization": "Token anything"})

    assert (status, answer) == (201, example("/api/articles", "post", "201"))
