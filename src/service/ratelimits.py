"""Rate limits on the routes worth abusing, with limits read from the configuration.

That is logins, registrations and every write. Reads carry no limit here: each would cost a
Redis round trip, more than the read itself, and a per-client ceiling on reads belongs at the
edge (the reverse proxy) where it is cheap. Key functions never raise, so every request counts.

Counters live in Redis when REDIS_URL is set, so a limit holds across gunicorn workers and
instances; `memory://` (per process) is only the embedded default. If Redis goes away the
limiter fails open: requests are served, counted per process in memory, and a warning is
logged until Redis answers again. Availability wins over exact limits for the outage.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, request, session
from flask_jwt_extended import get_jwt_identity
from flask_limiter.util import get_remote_address

from service.auth import verify_token
from service.extensions import limiter

log = logging.getLogger(__name__)


def configure_limiter(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["REDIS_URL"] or "memory://")
    app.config.setdefault("RATELIMIT_STRATEGY", "moving-window")  # exact: no burst at window edges
    # flask-limiter's own headers cost a second storage round trip on every request; they are
    # added to 429 answers only, by _headers_on_429.
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "conduit")
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", {"socket_connect_timeout": 1, "socket_timeout": 1})
    limiter.init_app(app)
    # Each limit here decorates its routes, and its decorator checks it. flask-limiter also checks
    # every request in a before_request hook, for the application-wide and default limits this app
    # does not set: CPU on every request, for nothing.
    hooks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in hooks:  # absent when RATELIMIT_ENABLED is off
        hooks.remove(limiter._check_request_limit)
    app.after_request(_headers_on_429)


def _headers_on_429(response: Response) -> Response:
    """Tell a limited client when to come back: Retry-After and the X-RateLimit-* headers."""
    if response.status_code != 429:  # before asking flask-limiter, which is not free on every answer
        return response
    current = limiter.current_limit
    if current is None:
        return response
    try:
        reset_at = int(current.reset_at)
    except Exception:  # storage gone between the hit and now: the 429 stands without the timing
        log.warning("rate limit window unknown for Retry-After", exc_info=True)
        return response
    response.headers["Retry-After"] = str(max(1, reset_at - int(time.time())))
    response.headers["X-RateLimit-Limit"] = str(current.limit.amount)
    response.headers["X-RateLimit-Remaining"] = str(current.remaining)
    response.headers["X-RateLimit-Reset"] = str(reset_at)
    return response


def _client_address() -> str:
    return get_remote_address() or "unknown"


def _submitted_email() -> str | None:
    """The email a login body names, lower-cased, or None. Never raises: flask-limiter would then
    skip every limit of the request (see `_user_or_ip`), and a hostile body is exactly what must count."""
    try:
        body = request.get_json(silent=True)  # bounded (service.json_body); None unless JSON
    except Exception:  # a chunked body over MAX_CONTENT_LENGTH (413): the view answers it
        return None
    user = body.get("user") if isinstance(body, dict) else None
    email = user.get("email") if isinstance(user, dict) else None
    return email.strip().lower() if isinstance(email, str) else None


def email_key() -> str:
    """Per submitted email (`{"user": {"email": ...}}`), else per client address."""
    email = _submitted_email()
    return f"email:{email}" if email is not None else f"ip:{_client_address()}"


def _address_and_email_key() -> str:
    email = _submitted_email()
    return f"ip:{_client_address()}|email:{email}" if email is not None else f"ip:{_client_address()}"


def _login_failed(response: Response) -> bool:
    return response.status_code == 401


def _user_or_ip() -> str:
    """The signed-in user, else the client address. Never raises: flask-limiter reads any exception
    from a key function as its storage failing and falls back to per-process counting, so a bad token
    (the view answers it with 401) must not reach it."""
    try:
        verify_token(optional=True)  # decodes the token only; no database query
        identity = get_jwt_identity()
    except Exception:  # JWTExtendedException, PyJWTError or a body the token check cannot read
        identity = None  # the view answers 401
    return f"user:{identity}" if identity is not None else f"ip:{_client_address()}"


def _config(name: str) -> str:
    return str(current_app.config[name])


login_limits_per_ip = limiter.limit(lambda: _config("RATELIMIT_LOGIN_PER_IP"), scope="login-ip")
login_failures_per_ip_email = limiter.limit(
    lambda: _config("RATELIMIT_LOGIN_PER_IP_EMAIL"),
    key_func=_address_and_email_key,
    scope="login-failures",
    deduct_when=_login_failed,
)
login_limits_per_email = limiter.limit(
    lambda: _config("RATELIMIT_LOGIN_PER_EMAIL"), key_func=email_key, scope="login-email"
)
registration_limit = limiter.limit(lambda: _config("RATELIMIT_REGISTER_PER_IP"), scope="register")
write_limit = limiter.shared_limit(lambda: _config("RATELIMIT_WRITES_PER_USER"), scope="writes", key_func=_user_or_ip)
# Reports of articles and comments, together, per user (besides the write limit).
report_limit = limiter.shared_limit(
    lambda: _config("RATELIMIT_REPORTS_PER_USER"), scope="reports", key_func=_user_or_ip
)


def login_limits(view: Callable[..., Any]) -> Callable[..., Any]:
    """Every attempt per client address (password spraying); failures per address and email
    (guessing one account from one place); every attempt per email from all addresses, at a
    threshold far above what the owner reaches, so strangers' failures do not lock the owner out."""
    return login_limits_per_ip(login_failures_per_ip_email(login_limits_per_email(view)))


def _console_email() -> str | None:
    """The email the console's sign-in form names, lower-cased, or None; never raises."""
    try:
        email = request.form.get("email")
    except Exception:  # a body over MAX_CONTENT_LENGTH (413): the view answers it
        return None
    return email.strip().lower() if isinstance(email, str) else None


def _console_email_key() -> str:
    email = _console_email()
    return f"email:{email}" if email is not None else f"ip:{_client_address()}"


def _console_address_and_email_key() -> str:
    return f"ip:{_client_address()}|email:{_console_email()}"


def _console_pending_user() -> str:
    """The user whose second factor is being asked (the console's session), else the address."""
    user_id = session.get("pending_uid") if session else None
    return f"user:{user_id}" if user_id is not None else f"ip:{_client_address()}"


def console_login_limits(view: Callable[..., Any]) -> Callable[..., Any]:
    """The API login's limits (the same settings) on the console's sign-in form, counted apart."""
    per_ip = limiter.limit(lambda: _config("RATELIMIT_LOGIN_PER_IP"), scope="console-login-ip", methods=["POST"])
    failures = limiter.limit(
        lambda: _config("RATELIMIT_LOGIN_PER_IP_EMAIL"),
        key_func=_console_address_and_email_key,
        scope="console-login-failures",
        deduct_when=_login_failed,
        methods=["POST"],
    )
    per_email = limiter.limit(
        lambda: _config("RATELIMIT_LOGIN_PER_EMAIL"),
        key_func=_console_email_key,
        scope="console-login-email",
        methods=["POST"],
    )
    return per_ip(failures(per_email(view)))


def console_code_limit(view: Callable[..., Any]) -> Callable[..., Any]:
    """Second-factor tries per user: a six-digit code must not be guessable by trying them all."""
    return limiter.limit(
        lambda: _config("RATELIMIT_CONSOLE_CODE_PER_USER"),
        key_func=_console_pending_user,
        scope="console-code",
        methods=["POST"],
    )(view)
