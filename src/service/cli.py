"""`flask --app service ...` commands beyond Flask-Migrate's `db`: demo data and the spec."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy.exc import InterfaceError, OperationalError, ProgrammingError

from service import demo, messages
from service.caching.version import start_new_version
from service.errors import schema_missing


def spec_json(spec: dict[str, Any]) -> str:
    """The committed form of the spec: sorted keys, so diffs show real changes only."""
    return json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def database_errors_in_one_line(command: Callable[..., None]) -> Callable[..., None]:
    """An operator's command on a database that is away or never migrated: one line saying which
    (click prints it and exits 1), never a traceback. A bug in a statement still raises."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except (OperationalError, InterfaceError, ProgrammingError) as error:
            if schema_missing(error):
                raise click.ClickException(f"{messages.SCHEMA_NOT_MIGRATED}: run {messages.MIGRATE_COMMAND}") from None
            if isinstance(error, ProgrammingError):
                raise
            reason = (str(error.orig).strip().splitlines() or [type(error.orig).__name__])[0]
            raise click.ClickException(f"the database (DATABASE_URL) is unavailable: {reason}") from None

    return wrapper


@click.command("seed-demo")
@with_appcontext
@database_errors_in_one_line
def seed_demo_command() -> None:
    """Create demo users, articles, comments, follows, favorites, a moderator and open reports (safe to run twice)."""
    created = demo.seed(progress=lambda steps, label: click.progressbar(steps, label=label))
    start_new_version()  # a running server must not keep answering from before the demo data
    click.echo(f"demo data ready ({created} new articles); log in as {demo.USERS[0]['email']} / {demo.PASSWORD}")
    click.echo(f"staff console at /admin: {demo.MODERATOR['email']} / {demo.PASSWORD} (enrols TOTP at first sign-in)")


@click.command("export-openapi")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path), default="openapi/openapi.json")
@with_appcontext
def export_openapi_command(output: Path) -> None:
    """Write the generated OpenAPI document (default: openapi/openapi.json)."""
    from service.extensions import api

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(spec_json(api.spec.to_dict()), encoding="utf-8")
    click.echo(f"wrote {output}")


@click.group("users")
def users_group() -> None:
    """Manage accounts: roles (and, from the console's issue, second factors)."""


@users_group.command("set-role")
@click.argument("email")
@click.argument("role")
@with_appcontext
@database_errors_in_one_line
def set_role_command(email: str, role: str) -> None:
    """Give the user with EMAIL the role ROLE (member, moderator or admin): how the first admin is made."""
    from sqlalchemy import select

    from service.errors import ApiError
    from service.extensions import db
    from service.models import User
    from service.moderation.roles import ROLES
    from service.moderation.services import set_role

    if role not in ROLES:
        raise click.ClickException(f"unknown role {role!r}: expected one of {', '.join(ROLES)}")
    username = db.session.scalar(select(User.username).where(User.email == email.strip().lower()))
    if username is None:
        raise click.ClickException(f"no user with the email {email!r}")
    try:
        _, changed = set_role(None, username, role, reason="set by the command line")
    except ApiError as error:  # pragma: no cover - the checks above leave none it could raise
        raise click.ClickException(error.description or "refused") from None
    start_new_version()
    click.echo(f"{username} is {role}" if changed else f"{username} was {role} already")


@users_group.command("reset-2fa")
@click.argument("email")
@with_appcontext
@database_errors_in_one_line
def reset_second_factor_command(email: str) -> None:
    """Clear the console second factor of the user with EMAIL: their next sign-in enrols again."""
    from sqlalchemy import select

    from service.console.second_factor import reset
    from service.extensions import db
    from service.models import User

    user = db.session.execute(select(User.id, User.username).where(User.email == email.strip().lower())).one_or_none()
    if user is None:
        raise click.ClickException(f"no user with the email {email!r}")
    reset(user.id)
    db.session.commit()
    click.echo(f"{user.username}'s second factor is cleared: the next console sign-in enrols a new one")


def register_commands(app: Flask) -> None:
    from service.jobs_cli import jobs_command, worker_command

    app.cli.add_command(worker_command)
    app.cli.add_command(jobs_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(export_openapi_command)
    app.cli.add_command(users_group)
