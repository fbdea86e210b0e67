"""The tokens a worker verified, sparing a signed-in request the signature check. Whether a token
is still good (not signed out, its user there at its generation) is kept beside that check, in
`service.revocation`. The JWT manager also refuses, once, a validly signed token we could not have
issued (`_as_issued`)."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

from flask import current_app
from flask_jwt_extended import JWTManager
from jwt import InvalidTokenError


class RememberingJWTManager(JWTManager):
    """flask-jwt-extended's manager, remembering in each worker the tokens it verified until they
    expire: PyJWT decodes a token three times, and a token whose signature checked once stays
    signed, so a token seen before costs a lookup and the expiry check. Only verified tokens are
    remembered, at most MAX_TOKENS per app, oldest dropped. The method overridden is a private
    hook; should an upgrade rename it, `test_a_token_is_verified_once_per_worker` fails."""

    MAX_TOKENS = 10_000

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()

    def _decode_jwt_from_config(
        self, encoded_token: str, csrf_value: str | None = None, allow_expired: bool = False
    ) -> dict[str, Any]:
        if csrf_value is not None or allow_expired:
            return _as_issued(super()._decode_jwt_from_config(encoded_token, csrf_value, allow_expired))
        verified: dict[str, dict[str, Any]] = current_app.extensions.setdefault("conduit_verified_tokens", {})
        claims = verified.get(encoded_token)
        if claims is not None and claims.get("exp", float("inf")) > time.time():
            return claims
        claims = _as_issued(super()._decode_jwt_from_config(encoded_token))  # raises unless valid and unexpired
        with self._lock:
            verified.pop(encoded_token, None)
            while len(verified) >= self.MAX_TOKENS:
                verified.pop(next(iter(verified)))
            verified[encoded_token] = claims
        return claims


# `auth.issue_token` makes `sub` the user's id, a positive 32-bit integer, in decimal.
_ISSUED_SUBJECT = re.compile(r"[1-9][0-9]{0,9}")
MAX_USER_ID = 2**31 - 1


def _as_issued(claims: dict[str, Any]) -> dict[str, Any]:
    """The claims of a token as we issue them, or InvalidTokenError (a 401): signed with our key
    is not enough when `sub` is no id we could have issued, or `exp` is missing."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not _ISSUED_SUBJECT.fullmatch(subject) or int(subject) > MAX_USER_ID:
        raise InvalidTokenError("sub is not a user id")
    if not isinstance(claims.get("exp"), (int, float)):
        raise InvalidTokenError("exp is missing")
    return claims
