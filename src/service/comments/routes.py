from typing import Any

from service import examples
from service.auth import signed_in_id, token_user_id, viewer_id
from service.blueprint import BODY_ERRORS, Blueprint
from service.caching.writes import record_write
from service.comments import services
from service.comments.schemas import CommentResponse, CommentsArgs, CommentsResponse, NewCommentRequest
from service.ratelimits import write_limit

blp = Blueprint("Comments", __name__, url_prefix="/api/articles", description="Comments on articles.")

# Comment ids are 32-bit on every backend; larger numbers cannot name a comment (404).
MAX_ID = 2**31 - 1


@blp.route("/<slug>/comments", methods=["GET"])
@blp.operation("GetArticleComments", auth="optional", errors=(404, 422), versioned=True)
@blp.arguments(CommentsArgs, location="query")
@blp.response(200, CommentsResponse)
def get_comments(args: dict[str, Any], slug: str) -> dict[str, Any]:
    """Get comments for an article

    The article's comments, newest first: all of them (as RealWorld has it) when they are at most
    500, the newest 500 otherwise, and `nextCursor` to read on from. `limit` and `cursor` page through
    them; `commentsCount` counts them all. With a token, `author.following` is the reader's.
    """
    page = services.list_comments(slug, viewer_id(), **args)
    return {"comments": page.comments, "commentsCount": page.total, "nextCursor": page.next_cursor}


@blp.route("/<slug>/comments", methods=["POST"])
@write_limit
@blp.operation("CreateArticleComment", auth="required", errors=(*BODY_ERRORS, 404, 422, 429))
@blp.arguments(NewCommentRequest, example=examples.NEW_COMMENT)
@blp.response(200, CommentResponse)
def add_comment(payload: dict[str, Any], slug: str) -> dict[str, Any]:
    """Create a comment for an article

    Posts a comment by the signed-in user on the article.
    """
    comment = services.add_comment(token_user_id(), slug, payload["comment"]["body"])
    record_write(slugs=[slug])  # comments show under their article's slug only
    return {"comment": comment}


@blp.route(f"/<slug>/comments/<int(max={MAX_ID}):id>", methods=["DELETE"])
@write_limit
@blp.operation("DeleteArticleComment", auth="required", errors=(403, 404, 429))
@blp.response(204)
def delete_comment(slug: str, id: int) -> None:
    """Delete a comment for an article

    Deletes the comment; only its author may.
    """
    services.delete_comment(signed_in_id(), slug, id)
    record_write(slugs=[slug])
