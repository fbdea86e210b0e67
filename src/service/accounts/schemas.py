import marshmallow as ma
from flask_smorest.fields import Upload
from marshmallow import validate

from service.users.schemas import EMAIL, Email
from service.validation import Password, RequestSchema


class ResetFor(RequestSchema):
    email = Email(required=True, metadata=EMAIL)


class PasswordResetRequest(RequestSchema):
    user = ma.fields.Nested(
        ResetFor, required=True, metadata={"description": "Whose password to reset: the address a link is mailed to."}
    )


class NewPassword(RequestSchema):
    token = ma.fields.String(
        required=True,
        validate=validate.Length(min=1, max=128),
        metadata={"description": "The token from the link in the reset email."},
    )
    password = Password(
        required=True, metadata={"description": "The new password: 8 to 256 characters, taken as typed."}
    )


class PasswordResetConfirmation(RequestSchema):
    reset = ma.fields.Nested(
        NewPassword, required=True, metadata={"description": "The token from the email and the new password."}
    )


class AvatarUpload(RequestSchema):  # other form fields are ignored, as other bodies' unknown fields are
    image = Upload(
        required=True,
        metadata={"description": "A JPEG, PNG or WebP image of at most 2 MiB and 25 megapixels."},
    )
