"""Rate limits on password resets: per client address, and per email address asked about."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app

from service.extensions import limiter
from service.ratelimits import email_key


def _config(name: str) -> str:
    return str(current_app.config[name])


_per_ip = limiter.limit(lambda: _config("RATELIMIT_RESET_PER_IP"), scope="reset-ip")
_per_email = limiter.limit(lambda: _config("RATELIMIT_RESET_PER_EMAIL"), key_func=email_key, scope="reset-email")
reset_confirmation_limit = limiter.limit(lambda: _config("RATELIMIT_RESET_PER_IP"), scope="reset-confirm-ip")


def reset_request_limits(view: Callable[..., Any]) -> Callable[..., Any]:
    return _per_ip(_per_email(view))
