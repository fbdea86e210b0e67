"""JWT authentication: `Authorization: Token <jwt>`, identity = the user id as a string.

flask-jwt-extended answers bad tokens with 401/422 `{"msg": ...}` by default; every one of
its callbacks is replaced here so clients always get 401 in the RealWorld error envelope.

Every token is checked against sign-outs and its user's token generation (`service.revocation`),
which also finds a token whose user was deleted (401). A write whose checks took a kept answer
asks again where it needs its user (`signed_in_id`), or its statements check as they write (see
`token_user_id`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, Request, Response, g, jsonify
from flask.sessions import SessionInterface, SessionMixin
from flask.typing import ResponseReturnValue
from flask_jwt_extended import create_access_token, get_jwt_identity, verify_jwt_in_request
from sqlalchemy import ColumnElement, Integer, bindparam, exists, select

from service import messages
from service.database import read
from service.errors import ApiError, error_body
from service.extensions import db, jwt
from service.models import User
from service.revocation import token_refused

TOKEN_SECURITY: list[dict[str, list[str]]] = [{"Token": []}]
# An empty requirement documents that the token is optional.
OPTIONAL_TOKEN_SECURITY: list[dict[str, list[str]]] = [{"Token": []}, {}]
SECURITY_SCHEME = {
    "type": "apiKey",
    "in": "header",
    "name": "Authorization",
    "description": "A JWT from `POST /api/users` or `POST /api/users/login`, sent as "
    "`Authorization: Token <jwt>`. In Swagger UI's Authorize dialog, type `Token ` before the token.",
}
_EXISTING_USER = User.__table__.alias("existing_user")


def issue_token(user: User) -> str:
    """A token for `user`, carrying their token generation: changing the password refuses it."""
    return create_access_token(identity=str(user.id), additional_claims={"gen": user.token_generation or 0})


def signed_in_id() -> int:
    """The id of the user whose token authenticated this request (routes with auth="required"),
    checked once per request to still exist: all most routes need of their user. The token's own
    check (`service.revocation`) has done so unless it took a kept answer in a write: a write asks
    the database, since it is about to store rows that point at the user."""
    user_id = token_user_id()
    if g.get("signed_in_id") != user_id:
        require_existing_user(user_id)
        g.signed_in_id = user_id
    return user_id


def token_user_id() -> int:
    """The id in this request's token, not checked to exist: only for a write whose statements
    write nothing for a user that no longer exists (`user_exists`), and which then answers 401
    (`require_existing_user`). Asking first, as `signed_in_id` does, costs each write a round trip."""
    return int(get_jwt_identity())


def user_exists(user_id: Any) -> ColumnElement[bool]:
    """SQL for "the user `user_id` exists", to guard a write or to read beside its answer."""
    return exists().where(_EXISTING_USER.c.id == user_id)


_USER_EXISTS = select(user_exists(bindparam("user_id", type_=Integer)))


def require_existing_user(user_id: int) -> None:
    if not read(_USER_EXISTS, {"user_id": user_id}).scalar():
        raise ApiError(401, messages.AUTH_USER_GONE)


def signed_in_user() -> User:
    """The signed-in user's row, for the routes that show or change it: one statement more than
    `signed_in_id`'s check (a user deleted since is a 401 here too)."""
    user: User | None = g.get("signed_in_user")
    if user is None:
        user = db.session.get(User, signed_in_id())
        if user is None:
            raise ApiError(401, messages.AUTH_USER_GONE)
        g.signed_in_user = user
    return user


def verify_token(*, optional: bool) -> None:
    """flask-jwt-extended's check of this request's token, made once per request: a write's rate
    limit keys on the token before the view needs it, and each check parses the token again."""
    if g.get("token_verified"):
        return
    verify_jwt_in_request(optional=optional)
    g.token_verified = get_jwt_identity() is not None  # a missing token may still be required later


def viewer_id() -> int | None:
    identity = get_jwt_identity()
    return int(identity) if identity is not None else None


def enforce_auth(view: Callable[..., Any], mode: str | None) -> Callable[..., Any]:
    """Wrap a view so it checks the token first: `required`, `optional` or None. Whether a required
    token's user still exists is checked where the view asks for it (`signed_in_id`)."""
    if mode is None:
        return view

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        verify_token(optional=(mode == "optional"))
        return view(*args, **kwargs)

    return wrapper


def _unauthorized(message: str) -> ResponseReturnValue:
    return jsonify(error_body({"body": [message]})), 401, {"WWW-Authenticate": "Token"}


class NoCookieSessions(SessionInterface):
    """Requests authenticate with a token, never a cookie: no session is opened or saved (Flask
    falls back to a NullSession, which refuses writes), sparing every request the signing
    serializer a cookie session builds, and leaving no cookie to forge across sites."""

    def open_session(self, app: Flask, request: Request) -> None:
        return None

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        return None


def init_jwt(app: Flask) -> None:
    app.session_interface = NoCookieSessions()
    app.config.setdefault("JWT_HEADER_TYPE", "Token")
    app.config.setdefault("JWT_TOKEN_LOCATION", ["headers"])
    app.config.setdefault("JWT_ALGORITHM", "HS256")
    app.config.setdefault("JWT_DECODE_ALGORITHMS", ["HS256"])
    jwt.init_app(app)


@jwt.unauthorized_loader
def _missing_token(_reason: str) -> ResponseReturnValue:
    return _unauthorized(messages.AUTH_MISSING)


@jwt.invalid_token_loader
def _invalid_token(_reason: str) -> ResponseReturnValue:
    return _unauthorized(messages.AUTH_INVALID)


@jwt.expired_token_loader
def _expired_token(_header: dict[str, Any], _payload: dict[str, Any]) -> ResponseReturnValue:
    return _unauthorized(messages.AUTH_EXPIRED)


@jwt.token_in_blocklist_loader
def _token_in_blocklist(_header: dict[str, Any], payload: dict[str, Any]) -> bool:
    return token_refused(payload)


@jwt.revoked_token_loader
def _revoked_token(_header: dict[str, Any], _payload: dict[str, Any]) -> ResponseReturnValue:
    return _unauthorized(messages.AUTH_REVOKED)


@jwt.needs_fresh_token_loader
@jwt.token_verification_failed_loader
def _rejected_token(_header: dict[str, Any], _payload: dict[str, Any]) -> ResponseReturnValue:
    return _unauthorized(messages.AUTH_INVALID)
