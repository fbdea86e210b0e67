"""Parsers for settings read from the environment, shared by `config.py` and `gunicorn_conf.py`.

Each takes the variable's name and its raw value (a string from the environment, or an already
typed value from a test's overrides) and returns the value to use, or raises `ConfigError` with
one line naming the variable, the value and what is allowed. Imports nothing from Flask, so
gunicorn's config module can use it before the app exists.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from limits import parse_many

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DATABASE_SCHEMES = ("sqlite", "postgresql", "postgresql+psycopg", "postgres")
REDIS_SCHEMES = ("redis", "rediss", "unix")
_HOST_PORT = re.compile(r"^(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]*):(?P<port>[0-9]{1,5})$")


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says why in one line."""


def refuse(name: str, raw: Any, allowed: str) -> ConfigError:
    return ConfigError(f"{name}={_shown(raw)} is not allowed: {allowed}")


def _shown(raw: Any) -> str:
    text = repr(raw)
    return text if len(text) <= 80 else text[:77] + "..."


def boolean(name: str, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise refuse(name, raw, "expected 1/0, true/false, yes/no or on/off (any case)")


def integer(name: str, raw: Any, *, minimum: int, maximum: int) -> int:
    allowed = f"expected a whole number from {minimum} to {maximum}"
    if isinstance(raw, bool):
        raise refuse(name, raw, allowed)
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw).strip().replace("_", "")
        if not re.fullmatch(r"[+-]?[0-9]{1,12}", text):
            raise refuse(name, raw, allowed)
        value = int(text)
    if not minimum <= value <= maximum:
        raise refuse(name, raw, allowed)
    return value


def choice(name: str, raw: Any, options: tuple[str, ...], *, any_case: bool = True) -> str:
    text = str(raw).strip()
    for option in options:
        if text == option or (any_case and text.lower() == option.lower()):
            return option
    raise refuse(name, raw, "expected one of " + ", ".join(options))


def log_level(name: str, raw: Any) -> str:
    """A level name in any case; returned upper case, as `logging` wants it."""
    return choice(name, raw, LOG_LEVELS)


def rate_limit(name: str, raw: Any) -> str:
    """A `limits` rate string such as "10/minute;100/hour" (flask-limiter's notation)."""
    text = str(raw).strip()
    try:
        parsed = parse_many(text)
    except ValueError:
        parsed = []
    if not parsed or any(item.amount < 1 for item in parsed):
        raise refuse(name, raw, 'expected rates such as "10/minute" or "10/minute;100/hour"')
    return text


def url(name: str, raw: Any, schemes: tuple[str, ...], *, optional: bool = False) -> str:
    text = str(raw).strip()
    if optional and not text:
        return ""
    allowed = "expected a URL starting " + " or ".join(f"{scheme}://" for scheme in schemes)
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in range
    except ValueError:
        raise refuse(name, _without_password(text), allowed) from None
    if parts.scheme.lower() not in schemes or "://" not in text:
        raise refuse(name, _without_password(text), allowed)
    return text


def database_url(name: str, raw: Any) -> str:
    """A SQLAlchemy URL; plain postgresql:// (and postgres://) mean the installed driver, psycopg 3."""
    text = url(name, raw, DATABASE_SCHEMES)
    scheme, rest = text.split("://", 1)
    return f"postgresql+psycopg://{rest}" if scheme.lower() in ("postgresql", "postgres") else text


def _without_password(text: str) -> str:
    """A URL as an error may show it: never with the password it carries."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", text)


def bind(name: str, raw: Any) -> str:
    """gunicorn's address: HOST:PORT, [IPv6]:PORT or unix:PATH."""
    text = str(raw).strip()
    if text.startswith("unix:") and len(text) > len("unix:"):
        return text
    match = _HOST_PORT.match(text)
    if match is None or not 1 <= int(match["port"]) <= 65535:
        raise refuse(name, raw, "expected HOST:PORT (port 1-65535) or unix:PATH")
    return text


def origins(name: str, raw: Any) -> list[str]:
    """CORS origins: `*`, or comma-separated origins such as https://app.example.com."""
    items = raw if isinstance(raw, list) else [item.strip() for item in str(raw).split(",") if item.strip()]
    for item in items:
        if item != "*" and not re.fullmatch(r"https?://[^/\s,]+", item):
            raise refuse(name, raw, "expected * or comma-separated origins such as https://app.example.com")
    return items


def retry_delays(name: str, raw: Any) -> list[int]:
    """Seconds between retries, comma-separated ("10,60,300"); empty for none."""
    text = str(raw).replace(" ", "")
    if not re.fullmatch(r"(\d{1,6}(,\d{1,6})*)?", text):
        raise refuse(name, raw, "expected comma-separated seconds, e.g. 10,60,300")
    return [int(seconds) for seconds in text.split(",") if seconds]


def smtp_url(name: str, raw: Any) -> str:
    """`smtp://[user:password@]host[:port]` or `smtp+starttls://...`; empty for none (mail is logged)."""
    text = url(name, raw, ("smtp", "smtp+starttls"), optional=True)
    if text and not urlsplit(text).hostname:
        raise refuse(name, _without_password(text), "expected smtp://[user:password@]host[:port]")
    return text
