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
        metadata = {"pattern": USERNAME_SPEC_PATTERN, **kwargs.pop("metadata", {})}
        super().__init__(max_length=40, metadata=metadata, **kwargs)
        self.validators.append(validate.Regexp(USERNAME_PATTERN, error=messages.INVALID))


# What each field means, shared by the request and response schemas that carry it.
EMAIL = {"description": "The email address the user logs in with; stored lowercased."}
PASSWORD = {"description": "8 to 256 characters, taken as typed; never answered back."}
USERNAME = {"description": "The public name: letters, digits, `_`, `.` and `-`; unique."}
BIO = {"description": "A few words about the user; empty when not set."}
IMAGE = {"description": "The avatar: an http(s) URL, or empty when not set."}


class NewUser(RequestSchema):
    username = Username(required=True, metadata=USERNAME)
    email = Email(required=True, metadata=EMAIL)
    password = Password(required=True, metadata=PASSWORD)


class LoginUser(RequestSchema):
    email = Email(required=True, metadata=EMAIL)
    # Any length is accepted here: a wrong password gets the same 401 as a short one.
    password = ma.fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(max=256),
        metadata={"description": "The password, as given when registering."},
    )


class UpdateUser(UpdateSchema):
    email = Email(metadata=EMAIL)
    password = Password(metadata=PASSWORD)
    username = Username(metadata=USERNAME)
    bio = Text(
        max_length=2000,
        allow_blank=True,
        allow_none=True,
        metadata={"description": "A few words about the user; `null` or empty clears it."},
    )
    image = Text(
        max_length=2048,
        allow_blank=True,
        allow_none=True,
        metadata={"pattern": IMAGE_PATTERN, "description": "The avatar's http(s) URL; `null` or empty clears it."},
    )

    @ma.validates("image")
    def _image_is_a_url(self, value: str | None, **_kwargs: Any) -> None:
        _is_http_url(value or "")  # the pattern accepts "" (no avatar)


class NewUserRequest(RequestSchema):
    user = ma.fields.Nested(NewUser, required=True, metadata={"description": "The account to create."})


class LoginRequest(RequestSchema):
    user = ma.fields.Nested(LoginUser, required=True, metadata={"description": "The credentials."})


class UpdateUserRequest(RequestSchema):
    user = ma.fields.Nested(
        UpdateUser,
        required=True,
        metadata={"description": "The fields to change; at least one.", **UpdateUser.spec_requirement()},
    )


class UserSchema(ma.Schema):
    email = ma.fields.String(required=True, metadata=EMAIL)
    token = ma.fields.String(
        required=True, metadata={"description": "A JWT for this user: send it as `Authorization: Token <jwt>`."}
    )
    username = ma.fields.String(required=True, metadata=USERNAME)
    bio = ma.fields.String(required=True, metadata=BIO)
    image = ma.fields.String(required=True, metadata=IMAGE)


class UserResponse(ma.Schema):
    user = ma.fields.Nested(UserSchema, required=True, metadata={"description": "The signed-in user."})
