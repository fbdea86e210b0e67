"""Flask extensions, created once here and bound to the app in `create_app`."""

import re
import threading
import time
import weakref
from typing import Any

from flask import current_app, g, has_request_context, request
from flask_cors import CORS
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.session import Session
from jwt import InvalidTokenError
from sqlalchemy import Connection, Engine, QueuePool, event
from sqlalchemy.orm import DeclarativeBase

from service.errors import GenericErrorModel


class Base(DeclarativeBase):
    pass


class ConduitApi(Api):
    """flask-smorest's Api, documenting and answering errors in the RealWorld envelope."""

    ERROR_SCHEMA = GenericErrorModel
    # Every operation lists its own error codes; a catch-all "default" would hide gaps.
    DEFAULT_ERROR_RESPONSE_NAME = None

    def _register_error_handlers(self) -> None:
        """Error handlers live in `service.errors`, registered by the app factory."""

    def _register_pagination_header(self) -> None:
        """Not documented: no answer has flask-smorest's X-Pagination header (lists count in `articlesCount`)."""


class RememberingJWTManager(JWTManager):
    """flask-jwt-extended's manager, remembering in each worker the tokens it verified until they expire.

    Verifying a token costs 0.2 ms of CPU, a third of an empty request: PyJWT decodes it three times
    (claims, header, then with the signature), checking each of its ~330 characters in Python. A
    token whose signature checked once stays signed, so a token seen before costs a lookup and the
    expiry check. Only verified tokens are remembered, at most MAX_TOKENS per app, oldest dropped.
    The method overridden is flask-jwt-extended's private decoding hook; should an upgrade rename
    it, tokens are verified every time again and `test_a_token_is_verified_once_per_worker` fails.
    """

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


def reading() -> bool:
    """Whether this is an API read: GET and HEAD requests read only."""
    return has_request_context() and request.method in ("GET", "HEAD")


class HeldConnection:
    """A worker's autocommit connection, kept from one request to the next.

    Checking a connection out of SQLAlchemy's pool and back in, and switching it to autocommit and
    back, cost more CPU than a short statement: 70-120 us in one process, and under load about a
    tenth of a signed-in page's CPU. A sync worker serves one request at a time, so it keeps one
    connection for them all; a request that finds it taken (the threaded development server) checks
    one out as before. Only a queue pool's connection is held: an in-memory SQLite pool gives a
    thread the same connection each time, which the session's transactions would then share in
    autocommit. A connection a disconnect invalidated is dropped; the next request connects afresh."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: Connection | None = None

    def take(self, engine: Engine) -> Connection:
        if not isinstance(engine.pool, QueuePool) or not self._lock.acquire(blocking=False):
            return _autocommit_connection(engine)
        if self._connection is None:
            try:
                self._connection = _autocommit_connection(engine)
            except BaseException:
                self._lock.release()
                raise
        return self._connection

    def give_back(self, connection: Connection) -> None:
        if connection is not self._connection:
            connection.close()
            return
        if connection.invalidated:
            self._connection = None
            connection.close()
        self._lock.release()

    def close(self) -> None:
        """Close the held connection, unless a request is using it: the engine was disposed. Its
        pool is already gone, and giving the connection back would only park it there, open;
        invalidating closes it."""
        if self._lock.acquire(blocking=False):
            try:
                if self._connection is not None:
                    self._connection.invalidate()
                    self._connection.close()
                    self._connection = None
            finally:
                self._lock.release()


# Keyed weakly by engine: the tests build an app, and so an engine, per test. A held connection
# refers to its engine, so an entry can go once disposing of the engine has closed its connection.
_held_connections: weakref.WeakKeyDictionary[Engine, HeldConnection] = weakref.WeakKeyDictionary()
_held_connections_lock = threading.Lock()


def _autocommit_connection(engine: Engine) -> Connection:
    return engine.connect().execution_options(isolation_level="AUTOCOMMIT")


def _held_connection(engine: Engine) -> HeldConnection:
    held = _held_connections.get(engine)
    if held is None:
        with _held_connections_lock:
            held = _held_connections.setdefault(engine, HeldConnection())
    return held


@event.listens_for(Engine, "engine_disposed")
def _close_held_connection(engine: Engine) -> None:
    held = _held_connections.get(engine)
    if held is not None:
        held.close()


def request_connection() -> Connection:
    """This request's connection in autocommit, for every statement run outside a transaction: a
    GET's reads, a write's checks, a write that is one statement, and the read of a write's answer.
    Each commits on its own, sparing the BEGIN and COMMIT (or ROLLBACK) round trips a transaction
    costs, and each still sees committed data, as under READ COMMITTED. Taken on first use (see
    `HeldConnection`), given back when the request ends or when a write's transaction begins."""
    connection: Connection | None = g.get("request_connection")
    if connection is None:
        engine = db.engine
        connection = _held_connection(engine).take(engine)
        g.request_connection = connection
    return connection


def release_request_connection(_error: BaseException | None = None) -> None:
    connection: Connection | None = g.pop("request_connection", None)
    if connection is not None:
        _held_connection(connection.engine).give_back(connection)


class RequestSession(Session):
    """Flask-SQLAlchemy's session, never holding a connection beside the request's: in GETs it reads
    through the request's autocommit connection; in writes its transaction takes a connection of its
    own once the request's is given back (two per request could exhaust the pool and wait on itself)."""

    def get_bind(self, *args: Any, **kwargs: Any) -> Engine | Connection:
        if kwargs.get("bind") is None:
            if reading():
                return request_connection()
            release_request_connection()
        return super().get_bind(*args, **kwargs)


# Objects live for one request: reloading them after each commit (the default) cost a SELECT of the
# signed-in user in every write that answers with what it wrote.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False, "class_": RequestSession})
migrate = Migrate()
api = ConduitApi()
jwt = RememberingJWTManager()
cors = CORS()
# Behind a proxy, ProxyFix (PROXY_FIX_HOPS) makes remote_addr the real client address.
limiter = Limiter(key_func=get_remote_address)
