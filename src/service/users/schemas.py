from typing import Any

import marshmallow as ma
from marshmallow import validate

from service import messages
from service.validation import Password, RequestSchema, Text, UpdateSchema, storable

# Usernames live in URLs (/profiles/<username>): letters, digits, "_", "." and "-".
USERNAME_PATTERN = r"^[\w.-]*$"  # emptiness is reported as blank
_is_http_url = validate.URL(schemes={"http", "https"}, error=messages.INVALID)


class Email(ma.fields.Email):
    """Emails compare case-insensitively, so they are stored lowercased."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=validate.Length(max=254), **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return storable(str(super()._deserialize(value, attr, data, **kwargs))).strip().lower()


class Username(Text):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=40, **kwargs)
        self.validators.append(validate.Regexp(USERNAME_PATTERN, error=messages.INVALID))


def _blank_or_http_url(value: str) -> None:
    if value:
        _is_http_url(value)


class NewUser(RequestSchema):
    username = Username(required=True)
    email = Email(required=True)
    password = Password(required=True)


class LoginUser(RequestSchema):
    email = Email(required=True)
    # Any length is accepted here: a wrong password gets the same 401 as a short one.
    password = ma.fields.String(required=True, load_only=True, validate=validate.Length(max=256))


class UpdateUser(UpdateSchema):
    email = Email()
    password = Password()
    username = Username()
    bio = Text(max_length=2000, allow_blank=True, allow_none=True)
    image = Text(max_length=2048, allow_blank=True, allow_none=True)

    @ma.validates("image")
    def _image_is_a_url(self, value: str | None, **_kwargs: Any) -> None:
        _blank_or_http_url(value or "")


class NewUserRequest(RequestSchema):
    user = ma.fields.Nested(NewUser, required=True)


class LoginRequest(RequestSchema):
    user = ma.fields.Nested(LoginUser, required=True)


class UpdateUserRequest(RequestSchema):
    user = ma.fields.Nested(UpdateUser, required=True)


class UserSchema(ma.Schema):
    email = ma.fields.String(required=True)
    token = ma.fields.String(required=True)
    username = ma.fields.String(required=True)
    bio = ma.fields.String(required=True)
    image = ma.fields.String(required=True)


class UserResponse(ma.Schema):
    user = ma.fields.Nested(UserSchema, required=True)
