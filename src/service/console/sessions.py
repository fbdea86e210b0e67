"""Server-side sessions for the staff console: the cookie carries a random id, the data stays here.

In Redis when REDIS_URL is set, else in the database (`console_sessions`); either way every instance
sees the same sessions, so signing out or a suspension ends one everywhere. Stored under the SHA-256
of the id, as JSON (never pickle). Idle for CONSOLE_IDLE_MINUTES or older than CONSOLE_MAX_HOURS, a
session is gone. Only `/admin` opens one: the API never reads or sets the cookie. With the store
away (Redis, the database, or its sessions table) the console answers 503 (`guard.check_session_store`):
a session cannot be trusted or ended then.
Flask-Session was not used: its SQLAlchemy store creates its own table outside our migrations, it
has no absolute lifetime, and its cookie name and Secure flag cannot follow the request's scheme.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import time
from typing import Any

import redis
from flask import Flask, Request, Response, render_template, request
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import delete, select, update
from sqlalchemy.exc import InterfaceError, OperationalError, ProgrammingError
from werkzeug.datastructures import CallbackDict

from service import messages
from service.database import read, write_alone
from service.errors import schema_missing
from service.extensions import db
from service.models import ConsoleSession as SessionRow

PREFIX = "/admin"
COOKIE = "conduit_console"
SECURE_COOKIE = "__Host-conduit_console"  # __Host-: Secure, Path=/, no Domain: no subdomain can set it
REDIS_PREFIX = "conduit:console-session:"
_SID = re.compile(r"\A[A-Za-z0-9_-]{43}\Z")  # secrets.token_urlsafe(32)
RETRY_AFTER = 5  # seconds a client is told to wait while the session store is away
log = logging.getLogger(__name__)


class ServerSession(CallbackDict[str, Any], SessionMixin):
    """The session's data, and what the response must do with its id."""

    def __init__(self, data: dict[str, Any] | None = None, sid: str | None = None, created: float = 0.0) -> None:
        def changed(_self: CallbackDict[str, Any]) -> None:
            self.modified = True

        super().__init__(data or {}, changed)
        self.sid, self.created = sid, created or time.time()
        self.modified = False
        self.previous_sid: str | None = None
        self.ended = False
        self.store_down = False  # the store did not answer: the request is refused, nothing is saved

    def regenerate(self) -> None:
        """A new id for the same data (at sign-in): an id seen before sign-in is worth nothing after."""
        self.previous_sid, self.sid = self.previous_sid or self.sid, None
        self.created, self.modified = time.time(), True

    def end(self) -> None:
        """Forget it, here and in the store (sign-out, suspension, role removed)."""
        self.clear()
        self.ended = True


def _key(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def _store_away(store: RedisStore | DatabaseStore, error: Exception) -> bool:
    """Whether `error` means the store is out of reach (logged: a warning, or an error when only a
    migration can help); False for anything else, a bug the caller re-raises."""
    if isinstance(store, RedisStore):
        log.warning("console sessions unavailable: Redis did not answer (%s)", type(error).__name__)
    elif schema_missing(error):
        log.error("console sessions unavailable: their table is missing: run %s", messages.MIGRATE_COMMAND)
    elif isinstance(error, ProgrammingError):
        return False
    else:
        log.warning("console sessions unavailable: the database did not answer (%s)", type(error).__name__)
    return True


def _refuse(response: Response) -> None:
    """Turn the answer into the 503 page: what the view did could not be tied to a session."""
    page = render_template(
        "console/error.html", code=503, name="Service Unavailable", message=messages.CONSOLE_SESSIONS_UNAVAILABLE
    )
    response.status_code = 503
    response.set_data(page)
    response.mimetype = "text/html"
    response.headers.pop("Location", None)
    response.headers["Retry-After"] = str(RETRY_AFTER)


class RedisStore:
    errors: tuple[type[Exception], ...] = (redis.RedisError,)

    def __init__(self, url: str) -> None:
        self.redis = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)

    def load(self, sid: str) -> tuple[dict[str, Any], float, float] | None:
        raw = self.redis.get(REDIS_PREFIX + _key(sid))
        if raw is None:
            return None
        stored = json.loads(raw)
        return stored["data"], stored["created"], stored["seen"]

    def save(self, sid: str, data: dict[str, Any], created: float, seen: float, ttl: int) -> None:
        value = json.dumps({"data": data, "created": created, "seen": seen})
        self.redis.set(REDIS_PREFIX + _key(sid), value, ex=max(1, ttl))

    def delete(self, sid: str) -> None:
        self.redis.delete(REDIS_PREFIX + _key(sid))


class DatabaseStore:
    """Rows of `console_sessions`; expired ones are dropped whenever a session is saved. Saved once
    the view is done: what it left uncommitted is rolled back first (the request's teardown would
    drop it anyway), so each write commits on its own."""

    errors: tuple[type[Exception], ...] = (OperationalError, InterfaceError, ProgrammingError)

    def load(self, sid: str) -> tuple[dict[str, Any], float, float] | None:
        query = select(SessionRow.data, SessionRow.created, SessionRow.seen).where(SessionRow.key == _key(sid))
        row = read(query, {}).one_or_none()
        return (json.loads(row.data), row.created, row.seen) if row is not None else None

    def save(self, sid: str, data: dict[str, Any], created: float, seen: float, ttl: int) -> None:
        db.session.rollback()
        key, values = _key(sid), {"data": json.dumps(data), "seen": seen, "expires": seen + ttl}
        write_alone(delete(SessionRow).where(SessionRow.expires < seen), {})
        if not write_alone(update(SessionRow).where(SessionRow.key == key).values(**values), {}).rowcount:
            write_alone(SessionRow.__table__.insert().values(key=key, created=created, **values), {})

    def delete(self, sid: str) -> None:
        db.session.rollback()
        write_alone(delete(SessionRow).where(SessionRow.key == _key(sid)), {})


class ConsoleSessionInterface(SessionInterface):
    def __init__(self, app: Flask) -> None:
        self.store = RedisStore(app.config["REDIS_URL"]) if app.config["REDIS_URL"] else DatabaseStore()
        self.idle = app.config["CONSOLE_IDLE_MINUTES"] * 60
        self.lifetime = app.config["CONSOLE_MAX_HOURS"] * 3600
        self.production = app.config["ENV_PROFILE"] == "production"

    def secure(self, request: Request) -> bool:
        """Secure in production, and whenever the request came over HTTPS (ProxyFix reads the proxy's word)."""
        return self.production or request.is_secure

    def cookie_name(self, request: Request) -> str:
        return SECURE_COOKIE if self.secure(request) else COOKIE

    def open_session(self, app: Flask, request: Request) -> ServerSession | None:
        if not (request.path == PREFIX or request.path.startswith(PREFIX + "/")):
            return None  # Flask's null session: the API has no session
        sid = request.cookies.get(self.cookie_name(request), "")
        if not _SID.match(sid):
            return ServerSession()
        try:
            stored = self.store.load(sid)
            now = time.time()
            if stored is not None:
                data, created, seen = stored
                if now - seen < self.idle and now - created < self.lifetime:
                    return ServerSession(data, sid, created)
                self.store.delete(sid)
        except self.store.errors as error:
            if not _store_away(self.store, error):
                raise
            away = ServerSession()
            away.store_down = True
            return away
        return ServerSession()

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ServerSession)
        if session.store_down:
            return
        try:
            self._save(session, response)
        except self.store.errors as error:
            if not _store_away(self.store, error):
                raise
            _refuse(response)

    def _save(self, session: ServerSession, response: Response) -> None:
        name, secure = self.cookie_name(request), self.secure(request)
        if session.previous_sid:
            self.store.delete(session.previous_sid)
        if session.ended or (not session and session.sid is None):
            if session.sid:
                self.store.delete(session.sid)
            if session.ended or session.previous_sid:
                response.delete_cookie(name, path="/", secure=secure, httponly=True, samesite="Strict")
            return
        session.sid = session.sid or secrets.token_urlsafe(32)
        now = time.time()
        ttl = int(min(self.idle, self.lifetime - (now - session.created)))
        self.store.save(session.sid, dict(session), session.created, now, ttl)
        response.set_cookie(name, session.sid, path="/", secure=secure, httponly=True, samesite="Strict")
        response.vary.add("Cookie")
