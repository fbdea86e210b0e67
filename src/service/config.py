"""Configuration, read once from the environment (and `.env` in development).

Three profiles: `development` (the default), `testing` and `production`. Every
setting can be overridden by an environment variable of the same name, and each is
checked here, once: a bad value stops the app with one line (`service.settings`).
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

from service.search_index import SEARCH_CANDIDATES, WINDOW_ARTICLES
from service.settings import (
    REDIS_SCHEMES,
    ConfigError,
    boolean,
    choice,
    database_url,
    integer,
    log_level,
    origins,
    rate_limit,
    retry_delays,
    smtp_url,
    url,
)

PROFILES = ("development", "testing", "production")

WEAK_SECRETS = {"", "dev", "secret", "changeme", "change-me", "development-only-secret"}
MIN_SECRET_LENGTH = 32
DEV_SECRET = "development-only-secret"


def _profile_defaults(profile: str) -> dict[str, Any]:
    if profile == "testing":
        return {
            "TESTING": True,
            "SECRET_KEY": "testing-secret-key-that-is-long-enough-0123",
            "JWT_SECRET_KEY": "testing-jwt-key-that-is-long-enough-012345",
            "DATABASE_URL": "sqlite://",
            # Rate limits stay on in tests, but high enough that only the tests
            # written for them (which set their own) ever reach them.
            "RATELIMIT_WRITES_PER_USER": "10000/minute",
            "RATELIMIT_REGISTER_PER_IP": "10000/minute",
            "RATELIMIT_LOGIN_PER_IP": "10000/minute",
            "RATELIMIT_LOGIN_PER_EMAIL": "10000/minute",
            "RATELIMIT_RESET_PER_IP": "10000/minute",
            "RATELIMIT_RESET_PER_EMAIL": "10000/minute",
            "RATELIMIT_REPORTS_PER_USER": "10000/minute",
            "RATELIMIT_CONSOLE_CODE_PER_USER": "10000/minute",
            # Cheap hashing keeps the suite fast; production keeps OWASP's parameters.
            "ARGON2_TIME_COST": 1,
            "ARGON2_MEMORY_COST": 1024,
        }
    if profile == "production":
        return {}
    return {"SECRET_KEY": DEV_SECRET, "JWT_SECRET_KEY": DEV_SECRET}


def load_config(overrides: dict[str, Any] | None = None, instance_path: str = ".") -> dict[str, Any]:
    """Build the app configuration: profile defaults < environment < explicit overrides."""
    overrides = dict(overrides or {})
    profile = choice("APP_ENV", overrides.get("ENV_PROFILE") or os.environ.get("APP_ENV", "development"), PROFILES)
    defaults = _profile_defaults(profile)

    def pick(name: str, fallback: Any) -> Any:
        if name in overrides:
            return overrides.pop(name)
        if name in os.environ:
            return os.environ[name]
        return defaults.get(name, fallback)

    def rate(name: str, fallback: str) -> str:
        return rate_limit(name, pick(name, fallback))

    def number(name: str, fallback: int, minimum: int, maximum: int) -> int:
        return integer(name, pick(name, fallback), minimum=minimum, maximum=maximum)

    overrides.pop("ENV_PROFILE", None)
    sqlite_default = "sqlite:///" + os.path.join(instance_path, "conduit.sqlite3")
    config: dict[str, Any] = {
        "ENV_PROFILE": profile,
        "TESTING": defaults.get("TESTING", False),
        "SECRET_KEY": str(pick("SECRET_KEY", "")),
        "JWT_SECRET_KEY": str(pick("JWT_SECRET_KEY", "")),
        "SQLALCHEMY_DATABASE_URI": database_url("DATABASE_URL", pick("DATABASE_URL", sqlite_default)),
        "REDIS_URL": url("REDIS_URL", pick("REDIS_URL", ""), REDIS_SCHEMES, optional=True),
        "MAX_CONTENT_LENGTH": number("MAX_CONTENT_LENGTH", 1024 * 1024, 1, 1024**3),
        "JWT_ACCESS_TOKEN_EXPIRES": timedelta(minutes=number("JWT_EXPIRES_MINUTES", 60 * 24, 1, 366 * 24 * 60)),
        "CORS_ORIGINS": origins("CORS_ORIGINS", pick("CORS_ORIGINS", "*")),
        "PROXY_FIX_HOPS": number("PROXY_FIX_HOPS", 0, 0, 10),
        "PREFERRED_URL_SCHEME": choice("PREFERRED_URL_SCHEME", pick("PREFERRED_URL_SCHEME", "http"), ("http", "https")),
        "RATELIMIT_ENABLED": boolean("RATELIMIT_ENABLED", pick("RATELIMIT_ENABLED", "1")),
        "RATELIMIT_LOGIN_PER_IP": rate("RATELIMIT_LOGIN_PER_IP", "10/minute;100/hour"),
        "RATELIMIT_LOGIN_PER_IP_EMAIL": rate("RATELIMIT_LOGIN_PER_IP_EMAIL", "5/minute;20/hour"),
        "RATELIMIT_LOGIN_PER_EMAIL": rate("RATELIMIT_LOGIN_PER_EMAIL", "100/hour"),
        "RATELIMIT_REGISTER_PER_IP": rate("RATELIMIT_REGISTER_PER_IP", "5/minute"),
        "RATELIMIT_WRITES_PER_USER": rate("RATELIMIT_WRITES_PER_USER", "60/minute"),
        "ARGON2_TIME_COST": number("ARGON2_TIME_COST", 2, 1, 100),
        "ARGON2_MEMORY_COST": number("ARGON2_MEMORY_COST", 19 * 1024, 8, 4 * 1024 * 1024),
        "DB_STATEMENT_TIMEOUT_MS": number("DB_STATEMENT_TIMEOUT_MS", 5000, 0, 3_600_000),
        "DB_CONNECT_TIMEOUT_S": number("DB_CONNECT_TIMEOUT_S", 3, 1, 300),
        # Search (docs: performance): how many of the newest articles the search window holds.
        "SEARCH_WINDOW_ARTICLES": number("SEARCH_WINDOW_ARTICLES", WINDOW_ARTICLES, SEARCH_CANDIDATES, 10_000_000),
        "LOG_LEVEL": log_level("LOG_LEVEL", pick("LOG_LEVEL", "INFO")),
        # Accounts (docs: accounts): mail, password resets, avatars, jobs.
        "SMTP_URL": smtp_url("SMTP_URL", pick("SMTP_URL", "")),
        "MAIL_FROM": str(pick("MAIL_FROM", "Conduit <no-reply@localhost>")),
        "FRONTEND_URL": url("FRONTEND_URL", pick("FRONTEND_URL", "http://localhost:3000"), ("http", "https")).rstrip(
            "/"
        ),
        "MEDIA_ROOT": str(pick("MEDIA_ROOT", os.path.join(instance_path, "media"))),
        "MEDIA_URL": url("MEDIA_URL", pick("MEDIA_URL", ""), ("http", "https"), optional=True).rstrip("/"),
        "PASSWORD_RESET_MINUTES": number("PASSWORD_RESET_MINUTES", 30, 0, 7 * 24 * 60),
        "RATELIMIT_RESET_PER_IP": rate("RATELIMIT_RESET_PER_IP", "5/minute;20/hour"),
        "RATELIMIT_RESET_PER_EMAIL": rate("RATELIMIT_RESET_PER_EMAIL", "3/hour"),
        # Moderation (docs: moderation): reports hide an item at once from this many members; 0 turns it off.
        "MODERATION_AUTO_HIDE_REPORTS": number("MODERATION_AUTO_HIDE_REPORTS", 3, 0, 1000),
        "RATELIMIT_REPORTS_PER_USER": rate("RATELIMIT_REPORTS_PER_USER", "20/hour"),
        "JOB_RETRY_SECONDS": retry_delays("JOB_RETRY_SECONDS", pick("JOB_RETRY_SECONDS", "10,60,300")),
        # The staff console (docs: console): its sessions' idle and absolute lifetimes, and second-factor tries.
        "CONSOLE_IDLE_MINUTES": number("CONSOLE_IDLE_MINUTES", 30, 1, 24 * 60),
        "CONSOLE_MAX_HOURS": number("CONSOLE_MAX_HOURS", 8, 1, 7 * 24),
        "RATELIMIT_CONSOLE_CODE_PER_USER": rate("RATELIMIT_CONSOLE_CODE_PER_USER", "5/minute;30/hour"),
        # Traces are exported only when an endpoint is set (see service.tracing).
        "OTEL_EXPORTER_OTLP_ENDPOINT": url(
            "OTEL_EXPORTER_OTLP_ENDPOINT", pick("OTEL_EXPORTER_OTLP_ENDPOINT", ""), ("http", "https"), optional=True
        ),
        "OTEL_SERVICE_NAME": str(pick("OTEL_SERVICE_NAME", "conduit-api")),
    }
    config.update(overrides)  # what is left: Flask or extension settings a test sets directly
    if profile == "production":
        _require_strong_secrets(config)
    return config


def _require_strong_secrets(config: dict[str, Any]) -> None:
    for name in ("SECRET_KEY", "JWT_SECRET_KEY"):
        value = config.get(name) or ""
        if value in WEAK_SECRETS or len(value) < MIN_SECRET_LENGTH:
            raise ConfigError(
                f"{name} is missing or weak: production needs a random value of at least "
                f"{MIN_SECRET_LENGTH} characters (python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
