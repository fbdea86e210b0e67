"""Test databases built from the models (`db.create_all()`, quicker than migrating), stamped at
the migrations' head so that readiness sees what `flask db upgrade` leaves."""

from __future__ import annotations

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask

from service.extensions import db


def create_schema_at_head(app: Flask) -> None:
    with app.app_context():
        db.create_all()
        with db.engine.begin() as connection:
            MigrationContext.configure(connection).stamp(ScriptDirectory(app.extensions["migrate"].directory), "heads")
