"""Liveness (the process answers) and readiness (its dependencies answer, and the database
schema is at the migrations' head)."""

from functools import cache
from typing import Any

import marshmallow as ma
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import text

from service import messages
from service.blueprint import Blueprint
from service.errors import schema_missing
from service.extensions import db, limiter

blp = Blueprint("Health", __name__, url_prefix="/api", description="Probes for load balancers and orchestrators.")


class HealthSchema(ma.Schema):
    status = ma.fields.String(required=True, metadata={"description": "Always `ok`: the process answers."})


class ReadinessSchema(ma.Schema):
    status = ma.fields.String(required=True, metadata={"description": "`ok` or `unavailable`"})
    checks = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.String(),
        required=True,
        metadata={"description": "Each check (`database`, `schema`, and `redis` when configured): `ok` or why not."},
    )


@cache
def _migration_heads(directory: str) -> frozenset[str]:
    """The revisions the migration scripts end in, read from the files once per process."""
    return frozenset(ScriptDirectory(directory).get_heads())


def _check_database() -> dict[str, str]:
    """The database and its schema, in one statement: the revision Alembic recorded there."""
    try:
        found = frozenset(db.session.execute(text("SELECT version_num FROM alembic_version")).scalars())
    except Exception as error:  # any failure means "not ready"; the message says which
        db.session.rollback()
        if schema_missing(error):
            return {"database": "ok", "schema": _not_migrated("not migrated")}
        current_app.logger.warning("readiness: database check failed: %s", error.__class__.__name__)
        return {"database": f"unavailable: {error.__class__.__name__}", "schema": "unknown"}
    heads = _migration_heads(current_app.extensions["migrate"].directory)
    if found == heads:
        return {"database": "ok", "schema": "ok"}
    at = ", ".join(sorted(found)) or "no revision"
    return {"database": "ok", "schema": _not_migrated(f"at {at}, not at {', '.join(sorted(heads))}")}


def _not_migrated(state: str) -> str:
    current_app.logger.error("readiness: database schema %s: run `%s`", state, messages.MIGRATE_COMMAND)
    return f"{state}: run {messages.MIGRATE_COMMAND}"


def _check_redis() -> str:
    if limiter.storage.check():  # pings Redis; False (never an exception) when it is away
        return "ok"
    current_app.logger.warning("readiness: redis check failed")
    return "unavailable"


@blp.route("/health", methods=["GET"])
@limiter.exempt
@blp.operation("GetHealth")
@blp.response(200, HealthSchema)
def health() -> dict[str, Any]:
    """Liveness: the process is up (touches nothing else)

    For load balancers: answers 200 while the process runs, without touching the database or Redis.
    It takes no input and no token, and is not rate limited, so it has no 4xx answer.
    """
    return {"status": "ok"}


@blp.route("/ready", methods=["GET"])
@limiter.exempt
@blp.operation("GetReadiness")
@blp.response(200, ReadinessSchema)
@blp.alt_response(503, schema=ReadinessSchema, description="A dependency is unavailable")
def ready() -> Any:
    """Readiness: the database answers at the migrations' head (and Redis, when configured)

    For orchestrators: 200 when the database answers with its schema migrated to the head (and Redis,
    when configured, answers), 503 naming what is not. It takes no input and no token, and is not rate
    limited, so it has no 4xx answer.
    """
    checks = _check_database()
    if current_app.config["REDIS_URL"]:
        checks["redis"] = _check_redis()
    healthy = all(result == "ok" for result in checks.values())
    return {"status": "ok" if healthy else "unavailable", "checks": checks}, 200 if healthy else 503
