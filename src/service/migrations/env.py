"""Alembic environment, run through Flask-Migrate (`flask --app service db upgrade`).

Shipped inside the package so an installed wheel can migrate its own database.
"""

from alembic import context
from flask import current_app

from service import models  # noqa: F401 - registers every table on the metadata
from service.search_index import is_search_index

db = current_app.extensions["migrate"].db
target_metadata = db.metadata


def include_object(_object: object, name: str | None, type_: str, _reflected: bool, _compare_to: object) -> bool:
    """The full-text index is built by its migration's SQL, not from the models: autogenerate leaves it be."""
    return not is_search_index(name, type_)


def run_migrations_offline() -> None:
    context.configure(
        url=db.engine.url,
        target_metadata=target_metadata,
        literal_binds=True,
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    with db.engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            compare_type=True,
            include_object=include_object,
            # SQLite alters tables by copying them; batch mode does that for us.
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
