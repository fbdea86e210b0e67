from typing import Any

import marshmallow as ma
from marshmallow import validate

from service import messages
from service.validation import WHITESPACE, Name, Password, RequestSchema, Text, UpdateSchema, storable

# Usernames live in URLs (/profiles/<username>) as one path segment: letters, digits, "_", "." and
# "-", and not dots alone ("." and ".." name other paths).
_USERNAME = r"[\w.-]*[\w-][\w.-]*"
USERNAME_PATTERN = rf"^(?:{_USERNAME})?$"  # emptiness is reported as blank
# The same rule as the spec states it, for the value as sent: blank or not, then stripped, then checked.
USERNAME_SPEC_PATTERN = rf"^[{WHITESPACE}]*{_USERNAME}[{WHITESPACE}]*$"
# An avatar is "" or an http(s) URL with a host and no whitespace or control characters. One pattern
# serves the spec (raw value, hence the optional whitespace around it) and the check (stripped value).
_URL_CHAR = rf"[^\u0000-\u0020\u007f{WHITESPACE}]"
_HOST_CHAR = rf"[^\u0000-\u0020\u007f{WHITESPACE}/?#]"
IMAGE_PATTERN = rf"^[{WHITESPACE}]*(?:[hH][tT][tT][pP][sS]?://{_HOST_CHAR}+(?:[/?#]{_URL_CHAR}*)?)?[{WHITESPACE}]*$"
_is_http_url = validate.Regexp(IMAGE_PATTERN, error=messages.INVALID)


class Email(ma.fields.Email):
    """Emails compare case-insensitively, so they are stored lowercased."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=validate.Length(max=254), **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return storable(str(super()._deserialize(value, attr, data, **kwargs))).strip().lower()


class Username(Name):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=40, metadata={"pattern": USERNAME_SPEC_PATTERN}, **kwargs)
        self.validators.append(validate.Regexp(USERNAME_PATTERN, error=messages.INVALID))


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
    image = Text(max_length=2048, allow_blank=True, allow_none=True, metadata={"pattern": IMAGE_PATTERN})

    @ma.validates("image")
    def _image_is_a_url(self, value: str | None, **_kwargs: Any) -> None:
        _is_http_url(value or "")  # the pattern accepts "" (no avatar)


class NewUserRequest(RequestSchema):
    user = ma.fields.Nested(NewUser, required=True)


class LoginRequest(RequestSchema):
    user = ma.fields.Nested(LoginUser, required=True)


class UpdateUserRequest(RequestSchema):
    user = ma.fields.Nested(UpdateUser, required=True, metadata=UpdateUser.spec_requirement())


class UserSchema(ma.Schema):
    email = ma.fields.String(required=True)
    token = ma.fields.String(required=True)
    username = ma.fields.String(required=True)
    bio = ma.fields.String(required=True)
    image = ma.fields.String(required=True)


class UserResponse(ma.Schema):
    user = ma.fields.Nested(UserSchema, required=True)
