"""Migrations build the schema from scratch, and the models agree with them."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from service import create_app
from service.extensions import db
from service.search_index import has_recency_index, is_search_index
from tests.support.backend import BACKEND


def _not_the_search_index(_object, name, kind, *_args):
    """The full-text index is built by its migration's SQL, outside the models (see service.search_index)."""
    return not is_search_index(name, kind)


def drop_everything():
    """An empty database, not even stamped: where a migration test starts and what it leaves."""
    db.drop_all()
    db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
    db.session.commit()


def test_migrations_from_scratch_match_the_models(database_url, tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.sqlite3'}" if database_url.startswith("sqlite") else database_url
    app = create_app({"ENV_PROFILE": "testing", "DATABASE_URL": url})
    with app.app_context():
        drop_everything()

        upgrade()

        tables = {name for name in inspect(db.engine).get_table_names() if not is_search_index(name, "table")}
        assert {table.name for table in db.metadata.sorted_tables} | {"alembic_version"} == tables
        from alembic.autogenerate import compare_metadata
        from alembic.migration import MigrationContext

        with db.engine.connect() as connection:
            differences = compare_metadata(
                MigrationContext.configure(
                    connection,
                    opts={"compare_type": True, "include_object": _not_the_search_index},
                ),
                db.metadata,
            )
        assert differences == []
        drop_everything()
        db.engine.dispose()


def test_the_case_unique_username_migration_stops_naming_the_clashes_and_changes_nothing(database_url, tmp_path):
    url = f"sqlite:///{tmp_path / 'clashing.sqlite3'}" if database_url.startswith("sqlite") else database_url
    app = create_app({"ENV_PROFILE": "testing", "DATABASE_URL": url})
    with app.app_context():
        drop_everything()
        upgrade(revision="0002")
        users = db.text(
            "INSERT INTO users (username, email, password_hash, bio, image, created_at) VALUES "
            "('alice', 'a@example.com', 'x', '', '', '2026-01-01'), "
            "('Alice', 'b@example.com', 'x', '', '', '2026-01-01')"
        )
        db.session.execute(users)
        db.session.commit()

        with pytest.raises(SystemExit) as stopped:
            upgrade()
        at = db.session.execute(db.text("SELECT version_num FROM alembic_version")).scalar()
        db.session.execute(db.text("UPDATE users SET username = 'alice2' WHERE username = 'Alice'"))
        db.session.commit()
        upgrade(revision="0003")  # this migration's own step; later ones are not its business
        at_last = db.session.execute(db.text("SELECT version_num FROM alembic_version")).scalar()
        drop_everything()
        db.engine.dispose()

    assert "'alice' (2 users)" in str(stopped.value)
    assert "flask --app service db upgrade" in str(stopped.value)
    assert (at, at_last) == ("0002", "0003")


@pytest.mark.skipif(BACKEND != "postgresql", reason="the RUM recency index is PostgreSQL's")
def test_the_recency_migration_builds_the_rum_indexes_and_its_downgrade_drops_them(database_url):
    app = create_app({"ENV_PROFILE": "testing", "DATABASE_URL": database_url})
    with app.app_context():
        drop_everything()
        upgrade()
        with db.engine.connect() as connection:
            built = has_recency_index(connection)
        downgrade(revision="0007")
        with db.engine.connect() as connection:
            dropped = not has_recency_index(connection)
        drop_everything()
        db.engine.dispose()

    assert (built, dropped) == (True, True)


DOCUMENT_STORAGE = db.text(
    "SELECT attstorage FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attname = 'search_document'"
)


@pytest.mark.skipif(BACKEND != "postgresql", reason="the search window is PostgreSQL's, with RUM")
def test_the_window_migration_lets_existing_articles_in_and_its_downgrade_drops_it(database_url):
    app = create_app({"ENV_PROFILE": "testing", "DATABASE_URL": database_url})
    with app.app_context():
        drop_everything()
        upgrade(revision="0008")
        db.session.execute(
            db.text(
                "INSERT INTO users (username, email, password_hash, bio, image, created_at) "
                "VALUES ('ann', 'a@example.com', 'x', '', '', now())"
            )
        )
        db.session.execute(
            db.text(
                "INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at) "
                "SELECT 'a-' || n, 'A ' || n, 'd', 'b', 1, now(), now() FROM generate_series(1, 3) n"
            )
        )
        db.session.commit()
        upgrade()
        inside = db.session.execute(db.text("SELECT count(*) FROM articles WHERE search_recent")).scalar()
        boundary = db.session.execute(db.text("SELECT boundary FROM search_window")).scalar()
        stored_in_row = db.session.execute(DOCUMENT_STORAGE).scalar()
        db.session.commit()
        downgrade(revision="0008")
        with db.engine.connect() as connection:
            left = (has_recency_index(connection), has_recency_index(connection, window=False))
            stored_after = connection.execute(DOCUMENT_STORAGE).scalar()
        drop_everything()
        db.engine.dispose()

    assert (inside, boundary, left) == (3, None, (False, True))
    assert (stored_in_row, stored_after) == ("m", "x")  # MAIN: in the row; EXTENDED: TOAST when large
