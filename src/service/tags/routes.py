from typing import Any

from service.blueprint import Blueprint
from service.response_cache import cached_for_anonymous
from service.tags import services
from service.tags.schemas import TagsResponse

blp = Blueprint("Tags", __name__, url_prefix="/api/tags", description="The tag cloud.")


@blp.route("", methods=["GET"])
@cached_for_anonymous
@blp.operation("GetTags")
@blp.response(200, TagsResponse)
def get_tags() -> dict[str, Any]:
    """Get tags"""
    return {"tags": services.popular_tags()}
