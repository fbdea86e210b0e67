import marshmallow as ma
from marshmallow import validate

from service.comments.services import MAX_COMMENTS
from service.profiles.schemas import ProfileSchema
from service.validation import RequestSchema, Text, UTCTimestamp, cursor_field


class NewComment(RequestSchema):
    body = Text(max_length=10_000, required=True, metadata={"description": "The comment's text."})


class NewCommentRequest(RequestSchema):
    comment = ma.fields.Nested(NewComment, required=True, metadata={"description": "The comment to post."})


class CommentSchema(ma.Schema):
    id = ma.fields.Integer(required=True, metadata={"description": "The comment's id (names it in a DELETE)."})
    createdAt = UTCTimestamp(
        required=True, attribute="created_at", metadata={"description": "When it was posted (UTC)."}
    )
    updatedAt = UTCTimestamp(
        required=True, attribute="updated_at", metadata={"description": "When it last changed (UTC)."}
    )
    body = ma.fields.String(required=True, metadata={"description": "The comment's text."})
    author = ma.fields.Nested(ProfileSchema, required=True, metadata={"description": "Who wrote it."})


class CommentResponse(ma.Schema):
    comment = ma.fields.Nested(CommentSchema, required=True, metadata={"description": "The comment."})


class CommentsArgs(ma.Schema):
    limit = ma.fields.Integer(
        load_default=MAX_COMMENTS,
        validate=validate.Range(min=1, max=MAX_COMMENTS),
        metadata={"description": f"How many comments to return (1-{MAX_COMMENTS}, {MAX_COMMENTS} when not given)."},
    )
    cursor = cursor_field("comments")


class CommentsResponse(ma.Schema):
    comments = ma.fields.List(
        ma.fields.Nested(CommentSchema),
        required=True,
        metadata={"description": f"The comments, newest first: all of them, up to `limit` ({MAX_COMMENTS})."},
    )
    commentsCount = ma.fields.Integer(
        required=True, metadata={"description": "How many comments the article has in all, not just on this page."}
    )
    nextCursor = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Send as `cursor` for the next (older) comments; null on the last page."},
    )
