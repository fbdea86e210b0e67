"""The database: engine settings per backend, the request's connection, the session that shares it,
and the few SQL helpers every domain shares."""

from __future__ import annotations

import select
import threading
import weakref
from collections.abc import Sequence
from typing import Any

from flask import current_app, g, has_request_context, request
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.session import Session
from sqlalchemy import JSON, Connection, CursorResult, Engine, Executable, Pool, QueuePool, Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class Base(DeclarativeBase):
    pass


def _db() -> SQLAlchemy:
    """The app's Flask-SQLAlchemy (`extensions.db`), found through the app: extensions imports this
    module for the session class, so this one cannot import extensions."""
    bound: SQLAlchemy = current_app.extensions["sqlalchemy"]
    return bound


def engine_options(database_uri: str, config: dict[str, Any]) -> dict[str, Any]:
    """Fail fast instead of hanging when the database is away, and recover when it returns.

    No pre-ping: it would cost a round trip on every request. A connection that fails with a
    disconnect error makes SQLAlchemy discard the whole pool, so the request that meets a
    restarted database answers 503 and the next ones reconnect.
    """
    backend = make_url(database_uri).get_backend_name()
    if backend == "postgresql":
        timeout_ms = config["DB_STATEMENT_TIMEOUT_MS"]
        return {
            "pool_size": 5,
            "max_overflow": 5,
            "pool_timeout": config["DB_CONNECT_TIMEOUT_S"],
            "connect_args": {
                "connect_timeout": config["DB_CONNECT_TIMEOUT_S"],
                "options": f"-c statement_timeout={timeout_ms}",
            },
        }
    if backend == "sqlite":
        # Writers wait for each other (gunicorn workers share the file) instead of failing.
        return {"connect_args": {"timeout": 15}}
    return {}


def reading() -> bool:
    """Whether this is an API read: GET and HEAD requests read only."""
    return has_request_context() and request.method in ("GET", "HEAD")


class HeldConnection:
    """A worker's autocommit connection, kept from one request to the next.

    Checking a connection out of SQLAlchemy's pool and back in, and switching it to autocommit and
    back, cost more CPU than a short statement. A sync worker serves one request at a time, so it
    keeps one connection for them all; a request that finds it taken (the threaded development
    server) checks one out as before. Only a queue pool's connection is held: an in-memory SQLite pool gives a
    thread the same connection each time, which the session's transactions would then share in
    autocommit. One the server closed, or a disconnect invalidated, is replaced before it is used."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: Connection | None = None

    def take(self, engine: Engine) -> Connection:
        if not isinstance(engine.pool, QueuePool) or not self._lock.acquire(blocking=False):
            return _autocommit_connection(engine)
        if self._connection is not None and closed_by_server(self._connection.connection.dbapi_connection):
            self._connection.invalidate()
            self._connection.close()
            self._connection = None
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


def closed_by_server(dbapi_connection: Any) -> bool:
    """Whether the server closed this idle connection (a restart, `pg_terminate_backend`): its socket
    then holds the server's goodbye or EOF, where an idle connection has nothing to read. One poll
    of the socket, no round trip; a connection without one (SQLite) is never closed this way."""
    pgconn = getattr(dbapi_connection, "pgconn", None)
    if pgconn is None:
        return False
    try:
        readable, _, _ = select.select([pgconn.socket], [], [], 0)
    except Exception:  # psycopg or the OS says the socket is gone already
        return True
    return bool(readable)


@event.listens_for(Pool, "checkout")
def _replace_if_closed_by_server(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """A pooled connection the server closed is replaced at checkout (the pool retries on this error),
    so a write after a database restart does not fail on a connection that died while parked."""
    if closed_by_server(dbapi_connection):
        raise DisconnectionError("the server closed this connection")


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
        engine = _db().engine
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


def read(statement: Executable, params: dict[str, Any]) -> CursorResult[Any]:
    """Run a read of plain columns on a connection, not through the session: its execute would
    also autoflush and pass the rows through ORM loading, and its bookkeeping around the
    connection costs more than a short statement."""
    return _connection().execute(statement, params)


def write_alone(statement: Executable, params: dict[str, Any] | list[dict[str, Any]]) -> CursorResult[Any]:
    """Run a write that is one statement, atomic on its own: outside a transaction it commits by
    itself, without the BEGIN and COMMIT round trips. With its checks and its answer also read
    outside one, a favorite makes 3 round trips instead of 7."""
    return _connection().execute(statement, params)


def rows_written(statement: Executable, params: dict[str, Any]) -> int:
    """Run a write as `write_alone` does and count the rows it changed: 0 for an INSERT that met
    its ON CONFLICT DO NOTHING, or a DELETE that found nothing. (Without `preserve_rowcount`
    SQLAlchemy keeps the count of an UPDATE or DELETE only.)"""
    return _connection().execute(statement, params, execution_options={"preserve_rowcount": True}).rowcount


def writes_inside_with(dialect_name: str) -> bool:
    """Whether the backend runs an INSERT or DELETE inside a WITH clause, so that a write and the
    answer read after it go in one statement: PostgreSQL does, SQLite does not. That statement's
    SELECT sees the tables as they were before its write, so an answer takes what the write
    changed from its RETURNING, or knows it (an article just favorited is favorited). A favorite
    or a comment then costs one round trip instead of two."""
    return dialect_name == "postgresql"


def _connection() -> Connection:
    """Inside the session's transaction (a write of several statements), in it, so that the write
    reads what it wrote; otherwise on the request's autocommit connection. A request that has not
    used the session yet has no transaction: asking its session would build one (and its teardown
    remove it) for nothing, on every read."""
    session = _db().session
    in_transaction = session.registry.has() and session().in_transaction()
    return session.connection() if in_transaction else request_connection()


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """SQLite: enforce foreign keys (cascading deletes) and let readers run beside a writer."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def insert_ignoring_duplicates(table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING: idempotent, and safe when requests race."""
    if not rows:
        return
    write_alone(upsert(table, _db().engine.dialect.name).on_conflict_do_nothing(), list(rows))


def upsert(table: Table, dialect_name: str) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that can say ON CONFLICT, in the dialect of the backend named."""
    return postgresql.insert(table) if dialect_name == "postgresql" else sqlite.insert(table)


class json_array_agg(FunctionElement[Any]):
    """Aggregate values into a JSON array, so a row can carry a list (an article its tags):
    `json_agg` on PostgreSQL, `json_group_array` on SQLite. NULL when no row matches on PostgreSQL."""

    type = JSON()
    inherit_cache = True


@compiles(json_array_agg, "postgresql")
def _json_agg(element: json_array_agg, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_agg({compiler.process(element.clauses, **kw)})"


@compiles(json_array_agg, "sqlite")
def _json_group_array(element: json_array_agg, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_group_array({compiler.process(element.clauses, **kw)})"
