from typing import Any

from service.auth import signed_in_id, viewer_id
from service.blueprint import Blueprint
from service.caching.writes import record_write
from service.profiles import services
from service.profiles.schemas import ProfileResponse
from service.ratelimits import write_limit

blp = Blueprint("Profile", __name__, url_prefix="/api/profiles", description="Public profiles and follows.")


@blp.route("/<username>", methods=["GET"])
@blp.operation("GetProfileByUsername", auth="optional", errors=(404,), versioned=True)
@blp.response(200, ProfileResponse)
def get_profile(username: str) -> dict[str, Any]:
    """Get a profile

    A user's public profile. With a token, `following` says whether the reader follows them.
    """
    return {"profile": services.get_profile(username, viewer_id())}


@blp.route("/<username>/follow", methods=["POST"])
@write_limit
@blp.operation("FollowUserByUsername", auth="required", errors=(404, 422, 429))
@blp.response(200, ProfileResponse)
def follow_user(username: str) -> dict[str, Any]:
    """Follow a user

    The signed-in user follows this one; following twice changes nothing. Nobody can follow themselves (422).
    """
    follower_id = signed_in_id()
    profile, changed = services.follow(follower_id, username)
    record_write(changed=changed, readers=[follower_id])  # only the follower's flags and feed change
    return {"profile": profile}


@blp.route("/<username>/follow", methods=["DELETE"])
@write_limit
@blp.operation("UnfollowUserByUsername", auth="required", errors=(404, 429))
@blp.response(200, ProfileResponse)
def unfollow_user(username: str) -> dict[str, Any]:
    """Unfollow a user

    The signed-in user stops following this one; doing it twice changes nothing.
    """
    follower_id = signed_in_id()
    profile, changed = services.unfollow(follower_id, username)
    record_write(changed=changed, readers=[follower_id])
    return {"profile": profile}
