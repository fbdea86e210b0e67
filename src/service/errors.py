"""Every error answer, in one envelope: `{"errors": {"<field or body>": ["message", ...]}}`.

Validation errors (422) name the offending field, as RealWorld clients expect; every other
error puts its message under `body`. All handlers are registered here and nowhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from typing import Any

import marshmallow as ma
from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, ProgrammingError
from werkzeug.exceptions import HTTPException

from service import messages

log = logging.getLogger(__name__)

# webargs wraps messages by where they came from; clients only care about the field.
_LOCATIONS = {"json", "query", "path", "headers", "form", "files", "cookies", "view_args"}
# Request bodies are wrapped in one envelope key ({"user": {...}}); field names are inside it.
_ENVELOPES = {"user", "article", "comment", "reset", "report", "action"}
_MESSAGE_REWRITES = {
    "Missing data for required field.": messages.BLANK,
    "Field may not be null.": messages.BLANK,
    "Unknown field.": messages.UNKNOWN_FIELD,
}


class GenericErrorModel(ma.Schema):
    """The error envelope every non-2xx answer uses (RealWorld's GenericErrorModel)."""

    errors = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.List(ma.fields.String()),
        required=True,
        metadata={
            "description": "Messages by field name; `body` holds errors not tied to a field.",
            "example": {"body": ["can't be blank"]},
        },
    )


class ApiError(HTTPException):
    """An expected failure raised by service code: status code plus messages by field."""

    def __init__(self, code: int, message: str, field: str = "body") -> None:
        super().__init__(description=message)
        self.code = code
        self.errors: dict[str, list[str]] = {field: [message]}

    @classmethod
    def invalid(cls, errors: dict[str, list[str]]) -> ApiError:
        """A 422 naming several fields at once."""
        error = cls(422, messages.INVALID)
        error.errors = errors
        return error


def error_body(errors: Mapping[str, list[str]]) -> dict[str, Any]:
    return {"errors": dict(errors)}


def _flatten(messages_tree: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(messages_tree, Mapping):
        for key, value in messages_tree.items():
            yield from _flatten(value, (*path, str(key)))
    elif isinstance(messages_tree, (list, tuple)):
        for item in messages_tree:
            yield from _flatten(item, path)
    else:
        yield path, str(messages_tree)


def validation_errors(messages_tree: Any) -> dict[str, list[str]]:
    """Turn webargs' nested messages into RealWorld's `{field: [messages]}`."""
    errors: dict[str, list[str]] = {}
    for path, message in _flatten(messages_tree):
        parts = [p for p in path if p not in _LOCATIONS]
        if len(parts) > 1 and parts[0] in _ENVELOPES:
            parts = parts[1:]
        field = ".".join(p for p in parts if p != "_schema") or "body"
        errors.setdefault(field, []).append(_MESSAGE_REWRITES.get(message, message))
    return errors


def _http_error(error: HTTPException) -> ResponseReturnValue:
    code = error.code or 500
    data = getattr(error, "data", None) or {}
    if isinstance(error, ApiError):
        errors = error.errors
    elif code == 422 and "messages" in data:
        errors = validation_errors(data["messages"])
    elif code == 400 and "messages" in data:  # webargs: the body could not be parsed as JSON
        errors = {"body": [messages.MALFORMED_JSON]}
    else:
        errors = {"body": [_DEFAULT_MESSAGES.get(code) or data.get("message") or error.description or ""]}
    # Keep what werkzeug says belongs to the status (Allow on 405, WWW-Authenticate...).
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    headers += list((data.get("headers") or {}).items())
    return jsonify(error_body(errors)), code, headers


_DEFAULT_MESSAGES = {
    404: messages.NOT_FOUND,
    405: messages.METHOD_NOT_ALLOWED,
    413: messages.BODY_TOO_LARGE,
    429: messages.RATE_LIMITED,
    500: messages.INTERNAL_ERROR,
}


# PostgreSQL's undefined table and undefined column; SQLite says so in its message.
_MISSING_SCHEMA_SQLSTATES = frozenset({"42P01", "42703"})
_MISSING_SCHEMA_SQLITE = ("no such table", "no such column")


def schema_missing(error: BaseException) -> bool:
    """Whether a database error says that a table or column the code needs does not exist: the
    schema is not migrated (a misconfiguration, not an outage)."""
    if not isinstance(error, DBAPIError):
        return False
    if getattr(error.orig, "sqlstate", None) in _MISSING_SCHEMA_SQLSTATES:
        return True
    return isinstance(error, OperationalError) and str(error.orig).startswith(_MISSING_SCHEMA_SQLITE)


def database_failure(error: DBAPIError) -> tuple[str, dict[str, str]] | None:
    """The message and headers of the 503 a database error answers (and its log line): the schema
    not migrated (no Retry-After: retrying will not help until an operator migrates) or the database
    away. None for anything else, a bug the caller re-raises (Flask answers 500)."""
    if schema_missing(error):
        log.error("database schema is not migrated (%s): run `%s`", error.orig, messages.MIGRATE_COMMAND)
        return messages.SCHEMA_NOT_MIGRATED, {}
    if isinstance(error, ProgrammingError):
        return None
    log.error("database unavailable: %s", error.__class__.__name__, exc_info=error)
    return messages.DATABASE_UNAVAILABLE, {"Retry-After": "5"}


def _database_error(error: DBAPIError) -> ResponseReturnValue:
    answer = database_failure(error)
    if answer is None:
        raise error
    message, headers = answer
    return jsonify(error_body({"body": [message]})), 503, headers


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    for database_error in (OperationalError, InterfaceError, ProgrammingError):
        app.register_error_handler(database_error, _database_error)
