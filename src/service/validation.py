"""Shared marshmallow building blocks for request and response schemas."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any

import marshmallow as ma
from marshmallow import validate

from service import messages
from service.cursors import MAX_CURSOR_LENGTH

MAX_PAGE_SIZE = 100
# Far beyond any real page, well inside a 64-bit OFFSET on every backend.
MAX_OFFSET = 1_000_000

# What Text and Password enforce, stated in the spec as JSON Schema patterns (which cannot say "after
# stripping"): no NUL anywhere and, unless blank is allowed, one character that str.strip() keeps.
# The class lists exactly the characters str.isspace() accepts; \s differs between Python and ECMA-262.
WHITESPACE = r"\t-\r\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NO_NUL_PATTERN = r"^[^\u0000]*$"
NOT_BLANK_PATTERN = rf"^[^\u0000]*[^\u0000{WHITESPACE}][^\u0000]*$"


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

    @classmethod
    def spec_requirement(cls) -> dict[str, Any]:
        """The same rule for the spec, as metadata of the Nested field holding this schema: "at least
        one of these fields" (minProperties would count the unknown fields that loading drops)."""
        return {"anyOf": [{"required": [field.data_key or name]} for name, field in cls().fields.items()]}


class Text(ma.fields.String):
    """A string that is stripped and must not be blank; `max_length` bounds it as sent (the spec's
    maxLength), so whitespace around an over-long value does not sneak it in."""

    def __init__(self, *, max_length: int, allow_blank: bool = False, **kwargs: Any) -> None:
        self._max_length = validate.Length(max=max_length)
        validators = [self._max_length]
        if not allow_blank:
            validators.insert(0, validate.Length(min=1, error=messages.BLANK))
        metadata = {"pattern": NO_NUL_PATTERN if allow_blank else NOT_BLANK_PATTERN, **kwargs.pop("metadata", {})}
        super().__init__(validate=validators, metadata=metadata, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return self._max_length(storable(str(super()._deserialize(value, attr, data, **kwargs)))).strip()


class Name(Text):
    """Text that names something (a user, a tag), NFC-normalised: one word is one name however
    its accents were composed."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return self._max_length(unicodedata.normalize("NFC", super()._deserialize(value, attr, data, **kwargs)))


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
        metadata = {"pattern": NO_NUL_PATTERN, **kwargs.pop("metadata", {})}
        super().__init__(validate=validate.Length(min=8, max=256), load_only=True, metadata=metadata, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return storable(str(super()._deserialize(value, attr, data, **kwargs)))


class UTCTimestamp(ma.fields.DateTime):
    """ISO-8601 in UTC with milliseconds and a `Z`, as RealWorld shows: 2016-02-18T03:22:56.637Z."""

    def _serialize(self, value: datetime | None, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        if value is None:
            return None
        return value.astimezone(UTC).isoformat(timespec="milliseconds").removesuffix("+00:00") + "Z"


def cursor_field(items: str) -> Text:
    return Text(
        max_length=MAX_CURSOR_LENGTH,
        metadata={
            "description": f"Continue after the page that gave this `nextCursor`: {items} neither repeat nor go "
            "missing while new ones arrive. Send the same other parameters (a cursor of another query, or one "
            "malformed or altered, gets 422)."
        },
    )


class PaginationArgs(ma.Schema):
    limit = ma.fields.Integer(
        load_default=20,
        validate=validate.Range(min=1, max=MAX_PAGE_SIZE),
        metadata={"description": f"How many articles to return (1-{MAX_PAGE_SIZE})."},
    )
    offset = ma.fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=MAX_OFFSET),
        metadata={"description": "How many articles to skip, newest first (RealWorld); not with `cursor`."},
    )
    cursor = cursor_field("articles")

    @ma.validates_schema
    def _cursor_or_offset(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if "cursor" in data and data["offset"]:
            raise ma.ValidationError(messages.CURSOR_WITH_OFFSET, "cursor")
