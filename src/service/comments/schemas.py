import marshmallow as ma

from service.profiles.schemas import ProfileSchema
from service.validation import RequestSchema, Text, UTCTimestamp


class NewComment(RequestSchema):
    body = Text(max_length=10_000, required=True)


class NewCommentRequest(RequestSchema):
    comment = ma.fields.Nested(NewComment, required=True)


class CommentSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    createdAt = UTCTimestamp(required=True, attribute="created_at")
    updatedAt = UTCTimestamp(required=True, attribute="updated_at")
    body = ma.fields.String(required=True)
    author = ma.fields.Nested(ProfileSchema, required=True)


class CommentResponse(ma.Schema):
    comment = ma.fields.Nested(CommentSchema, required=True)


class CommentsResponse(ma.Schema):
    comments = ma.fields.List(ma.fields.Nested(CommentSchema), required=True)
