"""Engine settings per backend and the few SQL helpers every domain shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from service.extensions import db


def engine_options(database_uri: str, config: dict[str, Any]) -> dict[str, Any]:
    """Fail fast instead of hanging when the database is away, and recover when it returns."""
    backend = make_url(database_uri).get_backend_name()
    if backend == "postgresql":
        timeout_ms = config["DB_STATEMENT_TIMEOUT_MS"]
        return {
            "pool_pre_ping": True,
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
    return {"pool_pre_ping": True}


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
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    db.session.execute(dialect.insert(table).on_conflict_do_nothing(), list(rows))
