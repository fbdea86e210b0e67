from typing import Any

import marshmallow as ma
from marshmallow import validate

from service.caching.dumps import KeptDumps
from service.profiles.schemas import ProfileSchema
from service.validation import Name, PaginationArgs, RequestSchema, Text, UpdateSchema, UTCTimestamp

MAX_TAGS = 20


class NewArticle(RequestSchema):
    title = Text(max_length=200, required=True)
    description = Text(max_length=1000, required=True)
    body = Text(max_length=100_000, required=True)
    tagList = ma.fields.List(Name(max_length=50), load_default=list, validate=validate.Length(max=MAX_TAGS))


class UpdateArticle(UpdateSchema):
    title = Text(max_length=200)
    description = Text(max_length=1000)
    body = Text(max_length=100_000)
    tagList = ma.fields.List(
        Name(max_length=50),
        validate=validate.Length(max=MAX_TAGS),
        metadata={"description": "When present, replaces the article's tags."},
    )


class NewArticleRequest(RequestSchema):
    article = ma.fields.Nested(NewArticle, required=True)


class UpdateArticleRequest(RequestSchema):
    article = ma.fields.Nested(UpdateArticle, required=True, metadata=UpdateArticle.spec_requirement())


class FeedArgs(PaginationArgs):
    pass


class ArticleListArgs(PaginationArgs):
    tag = Name(max_length=50, metadata={"description": "Only articles with this tag."})
    author = Name(max_length=40, metadata={"description": "Only articles by this username."})
    favorited = Name(max_length=40, metadata={"description": "Only articles this username favorited."})


class ArticleSummary(ma.Schema):
    """An article as lists show it: everything but the body (RealWorld spec 1.1)."""

    slug = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    description = ma.fields.String(required=True)
    tagList = ma.fields.List(ma.fields.String(), required=True, attribute="tag_list")
    createdAt = UTCTimestamp(required=True, attribute="created_at")
    updatedAt = UTCTimestamp(required=True, attribute="updated_at")
    favorited = ma.fields.Boolean(required=True)
    favoritesCount = ma.fields.Integer(required=True, attribute="favorites_count")
    author = ma.fields.Nested(ProfileSchema, required=True)


class Article(ArticleSummary):
    body = ma.fields.String(required=True)


class ArticleResponse(ma.Schema):
    article = ma.fields.Nested(Article, required=True)


def _summary_dump_key(summary: dict[str, Any]) -> tuple[int, bool, bool]:
    """Besides the stored content, a summary's dump depends on the reader's two flags only."""
    return summary["id"], summary["favorited"], summary["author"]["following"]


class ArticlesResponse(ma.Schema):
    articles = KeptDumps(ArticleSummary, kind="article-summary-dumps", key=_summary_dump_key, required=True)
    articlesCount = ma.fields.Integer(
        required=True, metadata={"description": "How many articles match in all, not just this page."}
    )
