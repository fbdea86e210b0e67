from typing import Any

import marshmallow as ma
from marshmallow import validate

from service.articles.search import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, SEARCH_CANDIDATES
from service.caching import scopes
from service.caching.dumps import KeptDumps
from service.profiles.schemas import ProfileSchema
from service.validation import Name, PaginationArgs, RequestSchema, Text, UpdateSchema, UTCTimestamp

MAX_TAGS = 20


# What each field means, shared by the request and response schemas that carry it.
TITLE = {"description": "The headline; the slug is made from it."}
DESCRIPTION = {"description": "A one-line summary, shown in lists."}
BODY = {"description": "The article itself (Markdown)."}
TAG_LIST = {"description": f"Tags, in the order given (at most {MAX_TAGS})."}


class NewArticle(RequestSchema):
    title = Text(max_length=200, required=True, metadata=TITLE)
    description = Text(max_length=1000, required=True, metadata=DESCRIPTION)
    body = Text(max_length=100_000, required=True, metadata=BODY)
    tagList = ma.fields.List(
        Name(max_length=50), load_default=list, validate=validate.Length(max=MAX_TAGS), metadata=TAG_LIST
    )


class UpdateArticle(UpdateSchema):
    title = Text(max_length=200, metadata={"description": "A new headline; the slug follows it."})
    description = Text(max_length=1000, metadata=DESCRIPTION)
    body = Text(max_length=100_000, metadata=BODY)
    tagList = ma.fields.List(
        Name(max_length=50),
        validate=validate.Length(max=MAX_TAGS),
        metadata={"description": "When present, replaces the article's tags."},
    )


class NewArticleRequest(RequestSchema):
    article = ma.fields.Nested(NewArticle, required=True, metadata={"description": "The article to publish."})


class UpdateArticleRequest(RequestSchema):
    article = ma.fields.Nested(
        UpdateArticle,
        required=True,
        metadata={"description": "The fields to change; at least one.", **UpdateArticle.spec_requirement()},
    )


class FeedArgs(PaginationArgs):
    pass


class ArticleListArgs(PaginationArgs):
    search = Text(
        max_length=MAX_SEARCH_LENGTH,
        metadata={
            "description": "Full-text search of titles, descriptions, tags and bodies: articles holding every word "
            "(letters and digits; anything else separates words, and is never an operator), stemmed (`dragons` "
            f"finds `dragon`), at most {MAX_SEARCH_WORDS} words. Ordered by relevance (a match in the title ranks "
            "above one in the description, the tags, then the body), then newest first, among the "
            f"{SEARCH_CANDIDATES} newest matches: `articlesCount` counts those (at most {SEARCH_CANDIDATES}, or a "
            "few more when articles share the last one's creation time). "
            "Combines with the other filters. A search with no word gets 422; on PostgreSQL common English words "
            "(`the`, `and`) match nothing.",
            "example": "dragon training",
        },
    )
    tag = Name(max_length=50, metadata={"description": "Only articles with this tag."})
    author = Name(max_length=40, metadata={"description": "Only articles by this username."})
    favorited = Name(max_length=40, metadata={"description": "Only articles this username favorited."})


class ArticleSummary(ma.Schema):
    """An article as lists show it: everything but the body (RealWorld spec 1.1)."""

    slug = ma.fields.String(required=True, metadata={"description": "The article's name in URLs, made from its title."})
    title = ma.fields.String(required=True, metadata=TITLE)
    description = ma.fields.String(required=True, metadata=DESCRIPTION)
    tagList = ma.fields.List(ma.fields.String(), required=True, attribute="tag_list", metadata=TAG_LIST)
    createdAt = UTCTimestamp(
        required=True, attribute="created_at", metadata={"description": "When it was published (UTC)."}
    )
    updatedAt = UTCTimestamp(
        required=True, attribute="updated_at", metadata={"description": "When it last changed (UTC)."}
    )
    favorited = ma.fields.Boolean(
        required=True, metadata={"description": "Whether the signed-in reader favorited it (false when anonymous)."}
    )
    favoritesCount = ma.fields.Integer(
        required=True, attribute="favorites_count", metadata={"description": "How many users favorited it."}
    )
    author = ma.fields.Nested(ProfileSchema, required=True, metadata={"description": "Who wrote it."})


class Article(ArticleSummary):
    body = ma.fields.String(required=True, metadata=BODY)


class ArticleResponse(ma.Schema):
    article = ma.fields.Nested(Article, required=True, metadata={"description": "The article."})


def _summary_dump_key(summary: dict[str, Any]) -> tuple[int, bool, bool]:
    """Besides the stored content, a summary's dump depends on the reader's two flags only."""
    return summary["id"], summary["favorited"], summary["author"]["following"]


def _summary_scopes(summary: dict[str, Any]) -> tuple[str, ...]:
    return (scopes.article(summary["id"]),)


class ArticlesResponse(ma.Schema):
    articles = KeptDumps(
        ArticleSummary,
        kind="article-summary-dumps",
        key=_summary_dump_key,
        scopes=_summary_scopes,
        required=True,
        metadata={
            "description": "This page of articles, newest first (by relevance for a search), without their bodies."
        },
    )
    articlesCount = ma.fields.Integer(
        required=True, metadata={"description": "How many articles match in all, not just this page."}
    )
    nextCursor = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Send as `cursor` for the next page; null on the last page."},
    )
