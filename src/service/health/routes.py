"""Liveness (the process answers) and readiness (its dependencies answer)."""

from typing import Any

import marshmallow as ma
from flask import current_app
from sqlalchemy import text

from service.blueprint import Blueprint
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
        metadata={"description": "Each dependency checked (`database`, and `redis` when configured): `ok` or why not."},
    )


def _check_database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except Exception as error:  # any failure means "not ready"; the message says which
        db.session.rollback()
        current_app.logger.warning("readiness: database check failed: %s", error.__class__.__name__)
        return f"unavailable: {error.__class__.__name__}"


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
    """Readiness: the database (and Redis, when configured) answer

    For orchestrators: 200 when the database (and Redis, when configured) answer, 503 naming the one
    that does not. It takes no input and no token, and is not rate limited, so it has no 4xx answer.
    """
    checks = {"database": _check_database()}
    if current_app.config["REDIS_URL"]:
        checks["redis"] = _check_redis()
    healthy = all(result == "ok" for result in checks.values())
    return {"status": "ok" if healthy else "unavailable", "checks": checks}, 200 if healthy else 503
