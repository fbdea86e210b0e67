"""Shared marshmallow building blocks for request and response schemas."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import marshmallow as ma
from marshmallow import validate

from service import messages

MAX_PAGE_SIZE = 100
# Far beyond any real page, well inside a 64-bit OFFSET on every backend.
MAX_OFFSET = 1_000_000


class RequestSchema(ma.Schema):
    """Request bodies ignore fields they do not know, as RealWorld front ends send extras
    (a whole user object on update, say); what they know is validated strictly."""

    class Meta:
        unknown = ma.EXCLUDE


class UpdateSchema(RequestSchema):
    """A partial update: every field optional, but an empty update is a mistake worth a 422."""

    @ma.validates_schema
    def _at_least_one_field(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if not data:
            raise ma.ValidationError(messages.UPDATE_NEEDS_A_FIELD)


class Text(ma.fields.String):
    """A string that is stripped and must not be blank; `max_length` bounds it."""

    def __init__(self, *, max_length: int, allow_blank: bool = False, **kwargs: Any) -> None:
        validators = [validate.Length(max=max_length)]
        if not allow_blank:
            validators.insert(0, validate.Length(min=1, error=messages.BLANK))
        super().__init__(validate=validators, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return storable(str(super()._deserialize(value, attr, data, **kwargs))).strip()


def storable(value: str) -> str:
    """Reject what no database can store: NUL bytes and lone UTF-16 surrogates (`"\\ud800"`)."""
    if "\x00" in value:
        raise ma.ValidationError(messages.INVALID)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ma.ValidationError(messages.INVALID) from None
    return value


class Password(ma.fields.String):
    """Taken as typed (never stripped); bounded so hashing stays cheap to refuse."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=validate.Length(min=8, max=256), load_only=True, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return storable(str(super()._deserialize(value, attr, data, **kwargs)))


class UTCTimestamp(ma.fields.DateTime):
    """ISO-8601 in UTC with milliseconds and a `Z`, as RealWorld shows: 2016-02-18T03:22:56.637Z."""

    def _serialize(self, value: datetime | None, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        if value is None:
            return None
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


class PaginationArgs(ma.Schema):
    limit = ma.fields.Integer(
        load_default=20,
        validate=validate.Range(min=1, max=MAX_PAGE_SIZE),
        metadata={"description": f"How many articles to return (1-{MAX_PAGE_SIZE})."},
    )
    offset = ma.fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=MAX_OFFSET),
        metadata={"description": "How many articles to skip, newest first."},
    )
