"""Every variable the service reads is checked once, at startup: the usual spellings are taken,
anything else stops the app (or gunicorn) with one line naming the variable, the value and what
is allowed, never a traceback."""

from __future__ import annotations

import importlib
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from service import create_app
from service.config import ConfigError, load_config

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

# variable -> ([(spelling, config key, value it gives)], [spellings refused])
APP_SETTINGS = {
    "APP_ENV": ([("testing", "ENV_PROFILE", "testing"), ("Testing", "ENV_PROFILE", "testing")], ["staging", ""]),
    "DATABASE_URL": (
        [
            ("sqlite://", "SQLALCHEMY_DATABASE_URI", "sqlite://"),
            ("postgresql://u@h/db", "SQLALCHEMY_DATABASE_URI", "postgresql+psycopg://u@h/db"),
            ("postgresql+psycopg://u@h:5432/db", "SQLALCHEMY_DATABASE_URI", "postgresql+psycopg://u@h:5432/db"),
        ],
        ["mysql://u@h/db", "conduit.sqlite3", "postgresql://u@h:port/db", ""],
    ),
    "REDIS_URL": (
        [("", "REDIS_URL", ""), ("redis://127.0.0.1:6379/0", "REDIS_URL", "redis://127.0.0.1:6379/0")],
        ["http://127.0.0.1:6379", "localhost:6379", "redis://h:99999/0"],
    ),
    "MAX_CONTENT_LENGTH": ([("2048", "MAX_CONTENT_LENGTH", 2048)], ["0", "-1", "1MB", "1.5"]),
    "JWT_EXPIRES_MINUTES": (
        [("30", "JWT_ACCESS_TOKEN_EXPIRES", timedelta(minutes=30))],
        ["0", "-5", "forever", "999999999"],
    ),
    "CORS_ORIGINS": (
        [("*", "CORS_ORIGINS", ["*"]), ("https://a.example, http://b.example:8080", "CORS_ORIGINS", None)],
        ["a.example", "https://a.example/path"],
    ),
    "PROXY_FIX_HOPS": ([("0", "PROXY_FIX_HOPS", 0), ("2", "PROXY_FIX_HOPS", 2)], ["-1", "one", "11"]),
    "PREFERRED_URL_SCHEME": (
        [("https", "PREFERRED_URL_SCHEME", "https"), ("HTTP", "PREFERRED_URL_SCHEME", "http")],
        ["ftp", ""],
    ),
    "RATELIMIT_ENABLED": (
        [
            *[(word, "RATELIMIT_ENABLED", True) for word in ("1", "true", "True", "YES", "on")],
            *[(word, "RATELIMIT_ENABLED", False) for word in ("0", "false", "FALSE", "no", "Off")],
        ],
        ["maybe", "2", "", "enabled"],
    ),
    **{
        name: (
            [("10/minute;100/hour", name, "10/minute;100/hour"), ("5 per second", name, "5 per second")],
            ["lots", "10", "0/minute", "10/fortnight", ""],
        )
        for name in (
            "RATELIMIT_LOGIN_PER_IP",
            "RATELIMIT_LOGIN_PER_IP_EMAIL",
            "RATELIMIT_LOGIN_PER_EMAIL",
            "RATELIMIT_REGISTER_PER_IP",
            "RATELIMIT_WRITES_PER_USER",
            "RATELIMIT_RESET_PER_IP",
            "RATELIMIT_RESET_PER_EMAIL",
        )
    },
    "SMTP_URL": (
        [
            ("", "SMTP_URL", ""),
            ("smtp://mailer:s%40cret@mail.example:587", "SMTP_URL", "smtp://mailer:s%40cret@mail.example:587"),
            ("smtp+starttls://mail.example", "SMTP_URL", "smtp+starttls://mail.example"),
        ],
        ["http://mail.example", "smtp://", "mail.example:25", "smtp://mail.example:99999"],
    ),
    "FRONTEND_URL": (
        [("https://conduit.example/", "FRONTEND_URL", "https://conduit.example")],
        ["conduit.example", ""],
    ),
    "MEDIA_URL": (
        [("", "MEDIA_URL", ""), ("https://cdn.example/media/", "MEDIA_URL", "https://cdn.example/media")],
        ["cdn.example/media"],
    ),
    "PASSWORD_RESET_MINUTES": ([("45", "PASSWORD_RESET_MINUTES", 45)], ["-1", "half an hour"]),
    "JOB_RETRY_SECONDS": (
        [("10, 60", "JOB_RETRY_SECONDS", [10, 60]), ("", "JOB_RETRY_SECONDS", [])],
        ["soon", "10;60", "-5"],
    ),
    "ARGON2_TIME_COST": ([("3", "ARGON2_TIME_COST", 3)], ["0", "two"]),
    "ARGON2_MEMORY_COST": ([("65536", "ARGON2_MEMORY_COST", 65536)], ["4", "19MiB"]),
    "DB_STATEMENT_TIMEOUT_MS": (
        [("0", "DB_STATEMENT_TIMEOUT_MS", 0), ("250", "DB_STATEMENT_TIMEOUT_MS", 250)],
        ["-1", "5s"],
    ),
    "DB_CONNECT_TIMEOUT_S": ([("10", "DB_CONNECT_TIMEOUT_S", 10)], ["0", "3.5"]),
    "SEARCH_WINDOW_ARTICLES": ([("200000", "SEARCH_WINDOW_ARTICLES", 200_000)], ["199", "50k"]),
    "LOG_LEVEL": (
        [("warning", "LOG_LEVEL", "WARNING"), ("Debug", "LOG_LEVEL", "DEBUG"), ("ERROR", "LOG_LEVEL", "ERROR")],
        ["loud", "WARN ING", "10"],
    ),
}
GUNICORN_SETTINGS = {
    "BIND": ([("0.0.0.0:8000", "bind", "0.0.0.0:8000"), ("unix:/run/conduit.sock", "bind", None)], ["8000", "h:0"]),
    "WEB_CONCURRENCY": ([("4", "workers", 4)], ["0", "four", "-2"]),
    "GUNICORN_TIMEOUT": ([("60", "timeout", 60)], ["0", "1m"]),
    "GUNICORN_GRACEFUL_TIMEOUT": ([("0", "graceful_timeout", 0)], ["-1", "soon"]),
    "GUNICORN_MAX_REQUESTS": ([("0", "max_requests", 0), ("5000", "max_requests", 5000)], ["-1", "many"]),
    "LOG_LEVEL": ([("WARNING", "loglevel", "warning"), ("debug", "loglevel", "debug")], ["loud"]),
}


def _cases(table, valid: bool) -> list:
    return list(_each_case(table, valid))


def _each_case(table, valid: bool):
    for name, (accepted, refused) in table.items():
        if valid:
            yield from (pytest.param(name, raw, key, value, id=f"{name}={raw}") for raw, key, value in accepted)
        else:
            yield from (pytest.param(name, raw, id=f"{name}={raw}") for raw in refused)


@pytest.fixture
def clean_env(monkeypatch):
    for name in {*APP_SETTINGS, *GUNICORN_SETTINGS, "SECRET_KEY", "JWT_SECRET_KEY"}:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize(("name", "raw", "key", "value"), _cases(APP_SETTINGS, valid=True))
def test_each_app_setting_takes_its_usual_spellings(clean_env, name, raw, key, value):
    clean_env.setenv(name, raw)

    config = load_config()

    if value is not None:
        assert config[key] == value
    else:
        assert config[key]


@pytest.mark.parametrize(("name", "raw"), _cases(APP_SETTINGS, valid=False))
def test_each_app_setting_refuses_other_values_naming_variable_and_value(clean_env, name, raw):
    clean_env.setenv(name, raw)

    with pytest.raises(ConfigError) as refused:
        load_config()

    message = str(refused.value)
    assert message.startswith(f"{name}={raw!r} is not allowed: expected ")
    assert "\n" not in message


@pytest.mark.parametrize(("name", "raw", "key", "value"), _cases(GUNICORN_SETTINGS, valid=True))
def test_each_gunicorn_setting_takes_its_usual_spellings(clean_env, name, raw, key, value):
    clean_env.setenv(name, raw)

    conf = importlib.reload(importlib.import_module("service.gunicorn_conf"))

    assert getattr(conf, key) == (raw if value is None else value)


@pytest.mark.parametrize(("name", "raw"), _cases(GUNICORN_SETTINGS, valid=False))
def test_each_gunicorn_setting_refuses_other_values_with_one_line(clean_env, name, raw):
    clean_env.setenv(name, raw)

    with pytest.raises(SystemExit) as stopped:
        importlib.reload(importlib.import_module("service.gunicorn_conf"))

    assert str(stopped.value).startswith(f"Conduit API will not start: {name}={raw!r} is not allowed: expected ")
    clean_env.delenv(name)
    importlib.reload(importlib.import_module("service.gunicorn_conf"))  # leave the module as the suite found it


def test_a_password_in_a_refused_url_is_not_shown(clean_env):
    clean_env.setenv("DATABASE_URL", "mysql://user:hunter2@db/conduit")

    with pytest.raises(ConfigError) as refused:
        load_config()

    assert "hunter2" not in str(refused.value)


def test_rate_limits_turned_off_start_an_app_that_does_not_limit(make_app):
    client = make_app(RATELIMIT_ENABLED="0", RATELIMIT_LOGIN_PER_IP="1/minute").test_client()

    statuses = [
        client.post("/api/users/login", json={"user": {"email": "a@example.com", "password": "whatever1"}}).status_code
        for _ in range(3)
    ]

    assert statuses == [401, 401, 401]


def test_tokens_expire_after_the_configured_minutes(make_app):
    app = make_app(JWT_EXPIRES_MINUTES="5")

    assert app.config["JWT_ACCESS_TOKEN_EXPIRES"] == timedelta(minutes=5)


def test_create_app_stops_with_one_line_on_a_bad_setting(clean_env):
    clean_env.setenv("LOG_LEVEL", "loud")

    with pytest.raises(SystemExit) as stopped:
        create_app({"ENV_PROFILE": "testing", "DATABASE_URL": "sqlite://"})

    assert str(stopped.value).startswith("Conduit API will not start: LOG_LEVEL='loud' is not allowed")


def _run(command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": str(BIN) + ":/usr/bin:/bin", "PYTHONPATH": str(REPO / "src"), "APP_ENV": "testing"}
    return subprocess.run(command, cwd=REPO, env={**base, **env}, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("name", "raw"), [("RATELIMIT_ENABLED", "maybe"), ("JWT_EXPIRES_MINUTES", "0"), ("DATABASE_URL", "mysql://x/y")]
)
def test_the_flask_cli_prints_one_line_and_exits_non_zero(name, raw):
    result = _run([str(BIN / "flask"), "--app", "service", "routes"], **{name: raw})

    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Conduit API will not start: {name}={raw!r} is not allowed: expected ")


@pytest.mark.parametrize(
    ("name", "raw"), [("RATELIMIT_ENABLED", "maybe"), ("WEB_CONCURRENCY", "0"), ("BIND", "nowhere")]
)
def test_gunicorn_prints_one_line_and_exits_non_zero(name, raw):
    command = [str(BIN / "gunicorn"), "-c", "python:service.gunicorn_conf", "service:create_app()"]
    result = _run(command, **{"BIND": "127.0.0.1:1", name: raw})

    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Conduit API will not start: {name}={raw!r} is not allowed: expected ")
