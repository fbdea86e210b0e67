"""Swagger UI and ReDoc work offline: every asset a page references is served by the app."""

import re

import pytest


def referenced_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_page_loads_every_asset_from_this_server(client, page):
    response = client.get(page)

    assert response.status_code == 200
    assert response.mimetype == "text/html"
    urls = [url for url in referenced_urls(response.get_data(as_text=True)) if not url.startswith("data:")]
    assert urls, "the page should reference its scripts"
    for url in urls:
        assert url.startswith("/"), f"{url} would leave this server"
        assert client.get(url).status_code == 200, url


def test_swagger_ui_is_a_version_that_renders_openapi_3_1(client):
    bundle = client.get("/docs/assets/swagger-ui-bundle.js").get_data(as_text=True)

    assert re.search(r'version:"5\.\d+\.\d+"|"5\.\d+\.\d+"', bundle[:2_000_000]) or "OpenAPI 3.1" in bundle


def test_docs_pages_point_at_the_served_spec(client):
    assert 'data-spec-url="/api/openapi.json"' in client.get("/docs").get_data(as_text=True)
    assert 'spec-url="/api/openapi.json"' in client.get("/redoc").get_data(as_text=True)
