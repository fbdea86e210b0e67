from typing import Any

from service.blueprint import Blueprint
from service.tags import services
from service.tags.schemas import TagsResponse

blp = Blueprint("Tags", __name__, url_prefix="/api/tags", description="The tag cloud.")


@blp.route("", methods=["GET"])
@blp.operation("GetTags", versioned=True)
@blp.response(200, TagsResponse)
def get_tags() -> dict[str, Any]:
    """Get tags

    The tags articles use, most used first. It takes no input, so it has no 4xx answer.
    """
    return {"tags": services.popular_tags()}
