from typing import Any

from service import examples
from service.auth import issue_token, signed_in_user
from service.blueprint import BODY_ERRORS, Blueprint
from service.caching.writes import record_write
from service.models import User
from service.ratelimits import login_limits, registration_limit, write_limit
from service.users import services
from service.users.schemas import LoginRequest, NewUserRequest, UpdateUserRequest, UserResponse

blp = Blueprint(
    "User and Authentication", __name__, url_prefix="/api", description="Register, log in, and manage the current user."
)


def user_envelope(user: User) -> dict[str, Any]:
    return {"user": {**_public_fields(user), "token": issue_token(user)}}


def _public_fields(user: User) -> dict[str, Any]:
    return {"email": user.email, "username": user.username, "bio": user.bio, "image": user.image}


@blp.route("/users/login", methods=["POST"])
@login_limits
@blp.operation("Login", errors=(*BODY_ERRORS, 401, 403, 422, 429), no_store=200)
@blp.arguments(LoginRequest, example=examples.LOGIN)
@blp.response(200, UserResponse)
def login(payload: dict[str, Any]) -> dict[str, Any]:
    """Existing user login

    Exchanges email and password for the user and a fresh token. A wrong email or password gets the
    same 401, so it does not tell which accounts exist; repeated failures are rate limited (429).
    """
    record_write(changed=False)  # a login changes no data that readers see
    credentials = payload["user"]
    return user_envelope(services.authenticate(credentials["email"], credentials["password"]))


@blp.route("/users", methods=["POST"])
@registration_limit
@blp.operation("CreateUser", errors=(*BODY_ERRORS, 422, 429), no_store=201)
@blp.arguments(NewUserRequest, example=examples.NEW_USER)
@blp.response(201, UserResponse)
def register(payload: dict[str, Any]) -> dict[str, Any]:
    """Register a new user

    Creates an account and answers it with a token, so the client is signed in at once.
    Usernames and emails are unique (422 `has already been taken`).
    """
    new_user = payload["user"]
    return user_envelope(services.register(new_user["username"], new_user["email"], new_user["password"]))


@blp.route("/user", methods=["GET"])
@blp.operation("GetCurrentUser", auth="required", no_store=200)
@blp.response(200, UserResponse)
def get_current_user() -> dict[str, Any]:
    """Get current user

    The user the token belongs to, with a fresh token.
    """
    return user_envelope(signed_in_user())


@blp.route("/user", methods=["PUT"])
@write_limit
@blp.operation("UpdateCurrentUser", auth="required", errors=(*BODY_ERRORS, 422, 429), no_store=200)
@blp.arguments(UpdateUserRequest, example=examples.UPDATE_USER)
@blp.response(200, UserResponse)
def update_current_user(payload: dict[str, Any]) -> dict[str, Any]:
    """Update current user

    Changes the fields given, and only those; `bio` and `image` are cleared with `null` or `""`.
    Answers the user with a fresh token.
    """
    return user_envelope(services.update_user(signed_in_user(), payload["user"]))
