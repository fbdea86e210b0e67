"""Which well-signed, unexpired tokens are still refused: signed out, or older than a password.

Every token carries its id (`jti`) and its user's token generation (`gen`). Signing out stores the
id in the database (`revoked_tokens`) until the token would expire. A password change or reset adds
one to the user's generation, refusing older tokens.

Checked on every request with a token, through flask-jwt-extended's blocklist hook, so a token the
worker remembers as verified is checked too: one statement (the user exists at that generation and
the id is not signed out). A worker keeps "checked, good" per token under the content version;
signing out and changing a password are writes, which retire what every worker keeps, so a refused
token is refused everywhere from the next request.

The ids live in the database even with Redis: a Redis outage then costs the kept answers, not the
sign-ins (reads and writes go on, as the cluster's runbook promises), and no sign-out is forgotten.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from flask import g
from sqlalchemy import Integer, String, bindparam, delete, exists, select

from service import messages
from service.caching.kept import kept
from service.database import insert_ignoring_duplicates, read, reading, write_alone
from service.errors import ApiError
from service.models import RevokedToken, User
from service.visibility import active

GOOD_TOKENS = "good-tokens"

_USER_ID = bindparam("user_id", type_=Integer)
_GENERATION = bindparam("generation", type_=Integer)
_JTI = bindparam("jti", type_=String)
# A suspended user's tokens are refused too, even one made after the suspension (a password reset's).
_CURRENT = exists().where(User.id == _USER_ID, User.token_generation == _GENERATION, active())
_SIGNED_OUT = exists().where(RevokedToken.jti == _JTI)
_USER_GONE = ~exists().where(User.id == _USER_ID)
# One statement: (the token is current, its user is gone).
_CHECK = select(_CURRENT & ~_SIGNED_OUT, _USER_GONE)


def token_refused(claims: dict[str, Any]) -> bool:
    """Whether this token was signed out or predates its user's last password change. Answers 401
    itself for a user deleted since."""
    user_id, jti = int(claims["sub"]), str(claims.get("jti", ""))
    good = kept(GOOD_TOKENS)
    if good is not None and good.get(jti) == user_id:
        if reading():  # a write asks the database whether its user exists (`auth.signed_in_id`)
            g.signed_in_id = user_id
        return False
    params = {"user_id": user_id, "generation": int(claims.get("gen", 0)), "jti": jti}
    current, user_gone = read(_CHECK, params).one()
    if user_gone:
        raise ApiError(401, messages.AUTH_USER_GONE)
    if current:
        g.signed_in_id = user_id
        if good is not None:
            good.put(jti, user_id, size=64)
    return not current


def sign_out(claims: dict[str, Any]) -> None:
    """Refuse this token from now on, until it would have expired anyway."""
    jti, expires = str(claims["jti"]), int(claims.get("exp", time.time() + 24 * 3600))
    write_alone(delete(RevokedToken).where(RevokedToken.expires_at < datetime.now(UTC)), {})  # expired by now
    insert_ignoring_duplicates(
        RevokedToken.__table__, [{"jti": jti, "expires_at": datetime.fromtimestamp(expires, UTC)}]
    )
