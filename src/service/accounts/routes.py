from typing import Any

from flask import current_app, request
from flask_jwt_extended import get_jwt

from service import examples
from service.accounts import password_reset
from service.accounts.limits import reset_confirmation_limit, reset_request_limits
from service.accounts.schemas import AvatarUpload, PasswordResetConfirmation, PasswordResetRequest
from service.auth import signed_in_id, signed_in_user
from service.blueprint import BODY_ERRORS, Blueprint
from service.hardening import accepts_upload
from service.media.avatars import upload_avatar
from service.media.images import MAX_UPLOAD_BYTES
from service.ratelimits import write_limit
from service.revocation import sign_out
from service.users.routes import user_envelope
from service.users.schemas import UserResponse

blp = Blueprint(
    "Accounts", __name__, url_prefix="/api", description="Sign out, reset a forgotten password, upload an avatar."
)


@blp.route("/users/logout", methods=["POST"])
@write_limit
@blp.operation("Logout", auth="required", errors=(429,))
@blp.response(204)
def logout() -> None:
    """Sign out: this token is refused from now on

    Only the token sent is refused, on every instance; the user's other tokens still work (a password
    change refuses them all).
    """
    signed_in_id()
    sign_out(get_jwt())


@blp.route("/users/password-reset", methods=["POST"])
@reset_request_limits
@blp.operation("RequestPasswordReset", errors=(*BODY_ERRORS, 422, 429))
@blp.arguments(PasswordResetRequest, example=examples.PASSWORD_RESET)
@blp.response(202, PasswordResetRequest)
def request_password_reset(payload: dict[str, Any]) -> dict[str, Any]:
    """Email a password reset link, if the address is a user's

    The answer, the address sent back, is the same for a known and an unknown address, so it does not
    tell which accounts exist. The link carries a single-use token valid for 30 minutes (by default).
    """
    password_reset.request_reset(payload["user"]["email"])
    return payload


@blp.route("/users/password-reset/confirm", methods=["POST"])
@reset_confirmation_limit
@blp.operation("ConfirmPasswordReset", errors=(*BODY_ERRORS, 403, 422, 429), no_store=200)
@blp.arguments(PasswordResetConfirmation, example=examples.CONFIRM_PASSWORD_RESET)
@blp.response(200, UserResponse)
def confirm_password_reset(payload: dict[str, Any]) -> dict[str, Any]:
    """Set a new password with the token from a reset email

    Spends the token (and any other reset token of the user) and refuses every earlier JWT; answers
    the user with a fresh one. An unknown, used or expired token is a 422 on `token`; a suspended
    user's is a 403 on `account`, as their sign-in, and changes nothing.
    """
    reset = payload["reset"]
    return user_envelope(password_reset.confirm_reset(reset["token"], reset["password"]))


@blp.route("/user/image", methods=["PUT"])
@accepts_upload
@write_limit
@blp.operation("UploadAvatar", auth="required", errors=(413, 422, 429), no_store=202)
@blp.arguments(AvatarUpload, location="files", example=examples.AVATAR_UPLOAD)
@blp.response(202, UserResponse)
def put_avatar(files: dict[str, Any]) -> dict[str, Any]:
    """Upload an avatar

    A `multipart/form-data` body with the file in the field `image`: JPEG, PNG or WebP, at most 2 MiB.
    The answer is the user as it stands; `user.image` points at the 256x256 WebP once a job has made it.
    """
    user = signed_in_user()
    media_url = current_app.config["MEDIA_URL"] or request.host_url.rstrip("/") + "/media"
    upload_avatar(user.id, files["image"].read(MAX_UPLOAD_BYTES + 1), media_url)
    return user_envelope(user)
