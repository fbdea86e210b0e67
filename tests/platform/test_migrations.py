"""Migrations build the schema from scratch, and the models agree with them."""

from flask_migrate import upgrade
from sqlalchemy import inspect

from service import create_app
from service.extensions import db


def test_migrations_from_scratch_match_the_models(database_url, tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.sqlite3'}" if database_url.startswith("sqlite") else database_url
    app = create_app({"ENV_PROFILE": "testing", "DATABASE_URL": url})
    with app.app_context():
        db.drop_all()
        db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()

        upgrade()

        tables = set(inspect(db.engine).get_table_names())
        assert {table.name for table in db.metadata.sorted_tables} | {"alembic_version"} == tables
        from alembic.autogenerate import compare_metadata
        from alembic.migration import MigrationContext

        with db.engine.connect() as connection:
            differences = compare_metadata(
                MigrationContext.configure(connection, opts={"compare_type": True}), db.metadata
            )
        assert differences == []
        db.drop_all()
        db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.engine.dispose()
