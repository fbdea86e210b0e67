"""Configuration, read once from the environment (and `.env` in development).

Three profiles: `development` (the default), `testing` and `production`. Every
setting can be overridden by an environment variable of the same name.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

WEAK_SECRETS = {"", "dev", "secret", "changeme", "change-me", "development-only-secret"}
MIN_SECRET_LENGTH = 32
DEV_SECRET = "development-only-secret"


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says why in one line."""


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from None


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in _env(name, default).split(",") if item.strip()]


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
    profile = overrides.get("ENV_PROFILE") or _env("APP_ENV", "development")
    defaults = _profile_defaults(profile)

    def pick(name: str, fallback: Any) -> Any:
        if name in overrides:
            return overrides[name]
        if name in os.environ:
            return os.environ[name]
        return defaults.get(name, fallback)

    sqlite_default = "sqlite:///" + os.path.join(instance_path, "conduit.sqlite3")
    config: dict[str, Any] = {
        "ENV_PROFILE": profile,
        "TESTING": defaults.get("TESTING", False),
        "SECRET_KEY": pick("SECRET_KEY", ""),
        "JWT_SECRET_KEY": pick("JWT_SECRET_KEY", ""),
        "SQLALCHEMY_DATABASE_URI": pick("DATABASE_URL", sqlite_default),
        "REDIS_URL": pick("REDIS_URL", ""),
        "MAX_CONTENT_LENGTH": _env_int("MAX_CONTENT_LENGTH", 1024 * 1024),
        "JWT_ACCESS_TOKEN_EXPIRES": timedelta(minutes=_env_int("JWT_EXPIRES_MINUTES", 60 * 24)),
        "CORS_ORIGINS": _env_list("CORS_ORIGINS", "*"),
        "PROXY_FIX_HOPS": _env_int("PROXY_FIX_HOPS", 0),
        "PREFERRED_URL_SCHEME": _env("PREFERRED_URL_SCHEME", "http"),
        "RATELIMIT_ENABLED": pick("RATELIMIT_ENABLED", "1") not in ("0", "false", "False", False),
        "RATELIMIT_LOGIN_PER_IP": pick("RATELIMIT_LOGIN_PER_IP", "10/minute;100/hour"),
        "RATELIMIT_LOGIN_PER_EMAIL": pick("RATELIMIT_LOGIN_PER_EMAIL", "10/minute;20/hour"),
        "RATELIMIT_REGISTER_PER_IP": pick("RATELIMIT_REGISTER_PER_IP", "5/minute"),
        "RATELIMIT_WRITES_PER_USER": pick("RATELIMIT_WRITES_PER_USER", "60/minute"),
        "ARGON2_TIME_COST": int(pick("ARGON2_TIME_COST", 2)),
        "ARGON2_MEMORY_COST": int(pick("ARGON2_MEMORY_COST", 19 * 1024)),
        "DB_STATEMENT_TIMEOUT_MS": _env_int("DB_STATEMENT_TIMEOUT_MS", 5000),
        "DB_CONNECT_TIMEOUT_S": _env_int("DB_CONNECT_TIMEOUT_S", 3),
        "LOG_LEVEL": _env("LOG_LEVEL", "INFO"),
        # Traces are exported only when an endpoint is set (see service.tracing).
        "OTEL_EXPORTER_OTLP_ENDPOINT": _env("OTEL_EXPORTER_OTLP_ENDPOINT", ""),
        "OTEL_SERVICE_NAME": _env("OTEL_SERVICE_NAME", "conduit-api"),
    }
    config.update({k: v for k, v in overrides.items() if k != "DATABASE_URL"})
    if "DATABASE_URL" in overrides:
        config["SQLALCHEMY_DATABASE_URI"] = overrides["DATABASE_URL"]
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
