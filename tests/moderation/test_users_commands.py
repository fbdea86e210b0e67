"""`flask --app service users set-role EMAIL ROLE` and `users reset-2fa EMAIL`: what they change
holds at the next request, and every refusal is one line naming the problem, with a non-zero exit
(never a traceback), in the test runner and in a real process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import messages
from tests.support.actors import Actor, register
from tests.support.commands import flask_command
from tests.support.console import Console, make_staff

UNKNOWN_EMAIL = "Error: no user with the email 'nobody@example.com'"


def invoke(app: Flask, *args: str) -> Any:
    return app.test_cli_runner().invoke(args=["users", *args])


def assert_one_line_refusal(result: Any, line: str) -> None:
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit), result.exception  # refused, not crashed
    assert result.output.strip().splitlines() == [line]


def test_set_role_with_an_unknown_email_is_one_line(app: Flask) -> None:
    assert_one_line_refusal(invoke(app, "set-role", "nobody@example.com", "admin"), UNKNOWN_EMAIL)


def test_set_role_with_an_unknown_role_is_one_line_naming_the_roles(app: Flask, alice: Actor) -> None:
    result = invoke(app, "set-role", alice.email, "overlord")

    assert_one_line_refusal(result, "Error: unknown role 'overlord': expected one of member, moderator, admin")


def test_reset_2fa_with_an_unknown_email_is_one_line(app: Flask) -> None:
    assert_one_line_refusal(invoke(app, "reset-2fa", "nobody@example.com"), UNKNOWN_EMAIL)


def test_set_role_holds_from_the_users_next_request(app: Flask, client: FlaskClient, alice: Actor) -> None:
    assert client.get("/api/moderation/reports", headers=alice.headers).status_code == 403

    result = invoke(app, "set-role", alice.email.upper(), "moderator")

    assert (result.exit_code, result.output) == (0, "alice is moderator\n")
    assert client.get("/api/moderation/reports", headers=alice.headers).status_code == 200


def test_set_role_is_audited_as_system(app: Flask, client: FlaskClient, alice: Actor) -> None:
    invoke(app, "set-role", alice.email, "admin")

    [entry] = client.get("/api/moderation/audit", headers=alice.headers).get_json()["entries"]
    assert (entry["actor"], entry["action"], entry["target"]) == (
        "system",
        "set-role",
        {"type": "user", "key": "alice"},
    )


def test_set_role_to_the_role_held_changes_nothing_and_says_so(app: Flask, alice: Actor) -> None:
    result = invoke(app, "set-role", alice.email, "member")

    assert (result.exit_code, result.output) == (0, "alice was member already\n")


def test_reset_2fa_sends_the_next_console_sign_in_to_enrol_again(app: Flask, alice: Actor) -> None:
    staff = make_staff(app, alice, "moderator")
    console = Console(app.test_client())
    console.sign_in(staff)
    console.sign_out()
    assert console.password_step(staff.email, staff.password).headers["Location"].endswith("/admin/2fa")

    result = invoke(app, "reset-2fa", staff.email)

    assert result.exit_code == 0, result.output
    fresh = Console(app.test_client())
    assert fresh.password_step(staff.email, staff.password).headers["Location"].endswith("/admin/2fa/setup")


# --- as a real process ------------------------------------------------------------------


@pytest.fixture
def shared_app(make_app: Any, shared_database_url: str) -> Flask:
    """The app on a database another process can open too."""
    return make_app(DATABASE_URL=shared_database_url)


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("set-role", "nobody@example.com", "admin"), UNKNOWN_EMAIL),
        (("set-role", "alice@example.com", "overlord"), "Error: unknown role 'overlord': expected one of "),
        (("reset-2fa", "nobody@example.com"), UNKNOWN_EMAIL),
    ],
    ids=["set-role-unknown-email", "set-role-unknown-role", "reset-2fa-unknown-email"],
)
def test_a_real_process_prints_one_line_and_exits_non_zero(
    shared_app: Flask, shared_database_url: str, tmp_path: Path, args: tuple[str, ...], line: str
) -> None:
    register(shared_app.test_client(), "alice")

    result = flask_command(shared_database_url, tmp_path, "users", *args)

    assert result.returncode != 0
    assert result.stdout == ""
    [printed] = result.stderr.strip().splitlines()
    assert printed.startswith(line)


def test_a_real_process_sets_a_role_that_holds_at_the_next_request(
    shared_app: Flask, shared_database_url: str, tmp_path: Path
) -> None:
    client = shared_app.test_client()
    alice = register(client, "alice")

    result = flask_command(shared_database_url, tmp_path, "users", "set-role", alice.email, "moderator")

    assert (result.returncode, result.stdout) == (0, "alice is moderator\n"), result.stderr
    assert client.get("/api/moderation/reports", headers=alice.headers).status_code == 200


OPERATOR_COMMANDS = [
    pytest.param(("users", "set-role", "a@example.com", "admin"), id="set-role"),
    pytest.param(("users", "reset-2fa", "a@example.com"), id="reset-2fa"),
    pytest.param(("seed-demo",), id="seed-demo"),
]


@pytest.mark.parametrize("args", OPERATOR_COMMANDS)
def test_on_a_database_never_migrated_the_command_says_to_migrate_in_one_line(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    result = flask_command(f"sqlite:///{tmp_path / 'never-migrated.db'}", tmp_path, *args)

    assert result.returncode != 0
    [printed] = result.stderr.strip().splitlines()
    assert printed == f"Error: {messages.SCHEMA_NOT_MIGRATED}: run {messages.MIGRATE_COMMAND}"


@pytest.mark.parametrize("args", OPERATOR_COMMANDS)
def test_with_the_database_away_the_command_says_so_in_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = flask_command("postgresql://conduit@127.0.0.1:1/conduit", tmp_path, *args)

    assert result.returncode != 0
    [printed] = result.stderr.strip().splitlines()
    assert printed.startswith("Error: the database (DATABASE_URL) is unavailable: ")
