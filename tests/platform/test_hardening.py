import flask
import pytest
from flask.sessions import NullSession

from service import create_app
from service.config import ConfigError, load_config


def test_security_headers_are_on_every_response(client):
    for url in ("/api/tags", "/api/nothing", "/docs"):
        headers = client.get(url).headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert "Strict-Transport-Security" not in headers


def test_requests_open_no_cookie_session(app, client):
    with app.test_request_context("/api/tags"):
        assert isinstance(flask.session, NullSession)  # writing to it would raise

    assert "Set-Cookie" not in client.get("/api/tags").headers


def test_hsts_is_sent_over_https(client):
    response = client.get("/api/tags", base_url="https://localhost")

    assert "max-age=" in response.headers["Strict-Transport-Security"]


FRONT_END = "http://localhost:4200"


def preflight(client, method: str, headers: str):
    """The OPTIONS request a browser sends before a cross-origin `method` carrying `headers`."""
    return client.options(
        "/api/articles",
        headers={
            "Origin": FRONT_END,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": headers,
        },
    )


def test_cors_preflight_answers_what_browsers_need(client):
    response = preflight(client, "POST", "Authorization, Content-Type")

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] in ("*", FRONT_END)
    allowed = response.headers["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed and "content-type" in allowed
    assert "POST" in response.headers["Access-Control-Allow-Methods"]


def test_cors_lets_a_browser_revalidate_and_read_the_etag(client):
    allowed = preflight(client, "GET", "If-None-Match").headers["Access-Control-Allow-Headers"]
    answer = client.get("/api/tags", headers={"Origin": FRONT_END})

    assert "if-none-match" in allowed.lower()
    assert "etag" in answer.headers["Access-Control-Expose-Headers"].lower()


def test_cors_origins_come_from_configuration(make_app, monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", "https://app.example.com")
    client = make_app().test_client()

    allowed = client.get("/api/tags", headers={"Origin": "https://app.example.com"})
    other = client.get("/api/tags", headers={"Origin": "https://evil.example.com"})

    assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "Access-Control-Allow-Origin" not in other.headers


@pytest.mark.parametrize("secret", [None, "", "secret", "short-but-not-empty"])
def test_production_refuses_missing_or_weak_secrets(monkeypatch, secret):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("JWT_SECRET_KEY", raising=False)
    overrides = {"ENV_PROFILE": "production"}
    if secret is not None:
        overrides |= {"SECRET_KEY": secret, "JWT_SECRET_KEY": secret}

    with pytest.raises(ConfigError, match="missing or weak"):
        load_config(overrides)


def test_the_app_refuses_to_start_with_one_clear_line(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "weak")
    monkeypatch.setenv("JWT_SECRET_KEY", "weak")

    with pytest.raises(SystemExit) as exit_info:
        create_app({"ENV_PROFILE": "production"})

    message = str(exit_info.value)
    assert message.startswith("Conduit API will not start: SECRET_KEY is missing or weak")
    assert "\n" not in message


def test_production_accepts_strong_secrets():
    strong = "x" * 48
    config = load_config({"ENV_PROFILE": "production", "SECRET_KEY": strong, "JWT_SECRET_KEY": strong + "y"})

    assert config["ENV_PROFILE"] == "production"


def test_proxy_headers_are_ignored_unless_configured(client, caplog):
    response = client.get("/api/tags", headers={"X-Forwarded-For": "203.0.113.9"})

    assert response.status_code == 200
    assert "203.0.113.9" not in caplog.text
