import marshmallow as ma

from service.profiles.schemas import ProfileSchema
from service.validation import RequestSchema, Text, UTCTimestamp


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


class CommentsResponse(ma.Schema):
    comments = ma.fields.List(
        ma.fields.Nested(CommentSchema), required=True, metadata={"description": "The comments, newest first."}
    )
