from typing import Any

from service import examples
from service.articles import services
from service.articles.schemas import (
    ArticleListArgs,
    ArticleResponse,
    ArticlesResponse,
    FeedArgs,
    NewArticleRequest,
    UpdateArticleRequest,
)
from service.auth import signed_in_id, token_user_id, viewer_id
from service.blueprint import BODY_ERRORS, Blueprint
from service.caching.writes import record_write
from service.ratelimits import write_limit

blp = Blueprint("Articles", __name__, url_prefix="/api/articles", description="Articles and the personal feed.")
favorites_blp = Blueprint("Favorites", __name__, url_prefix="/api/articles", description="Favorite articles.")
# "/api/articles/feed" is the feed: an article route must not claim that segment (see StorableString).
ARTICLE = '/<string(reserved="feed"):slug>'


def _articles_page(page: services.Page) -> dict[str, Any]:
    return {"articles": page.articles, "articlesCount": page.total, "nextCursor": page.next_cursor}


@blp.route("/feed", methods=["GET"])
@blp.operation("GetArticlesFeed", auth="required", errors=(422,), versioned=True)
@blp.arguments(FeedArgs, location="query")
@blp.response(200, ArticlesResponse)
def get_feed(args: dict[str, Any]) -> dict[str, Any]:
    """Get recent articles from users you follow

    The articles of the users the signed-in user follows, newest first, a page at a time
    (`limit`, then `offset` or `cursor`); `articlesCount` counts them all. Lists leave out each article's body.
    """
    return _articles_page(services.feed(signed_in_id(), **args))


@blp.route("", methods=["GET"])
@blp.operation("GetArticles", auth="optional", errors=(422,), versioned=True)
@blp.arguments(ArticleListArgs, location="query")
@blp.response(200, ArticlesResponse)
def list_articles(args: dict[str, Any]) -> dict[str, Any]:
    """Get recent articles globally

    Every article, newest first, a page at a time (`limit`, then `offset` or `cursor`); `tag`, `author`
    and `favorited` narrow the list and combine; `search` finds articles by their words, most relevant first.
    Lists leave out each article's body. With a token, `favorited` and `following` are the reader's.
    """
    return _articles_page(services.list_articles(viewer_id(), **args))


@blp.route("", methods=["POST"])
@write_limit
@blp.operation("CreateArticle", auth="required", errors=(*BODY_ERRORS, 422, 429))
@blp.arguments(NewArticleRequest, example=examples.NEW_ARTICLE)
@blp.response(201, ArticleResponse)
def create_article(payload: dict[str, Any]) -> dict[str, Any]:
    """Create an article

    Publishes an article by the signed-in user. Its slug is made from the title (suffixed when taken);
    tags are created as needed. Answers the article as `GET /api/articles/{slug}` would.
    """
    article = services.create_article(signed_in_id(), payload["article"])
    record_write(articles=[article["id"]], slugs=[article["slug"]], lists=True)
    return {"article": article}


@blp.route(ARTICLE, methods=["GET"])
@blp.operation("GetArticle", auth="optional", errors=(404,), versioned=True)
@blp.response(200, ArticleResponse)
def get_article(slug: str) -> dict[str, Any]:
    """Get an article

    One article, with its body. With a token, `favorited` and `author.following` are the reader's.
    """
    return {"article": services.get_article(slug, viewer_id())}


@blp.route(ARTICLE, methods=["PUT"])
@write_limit
@blp.operation("UpdateArticle", auth="required", errors=(*BODY_ERRORS, 403, 404, 422, 429))
@blp.arguments(UpdateArticleRequest, example=examples.UPDATE_ARTICLE)
@blp.response(200, ArticleResponse)
def update_article(payload: dict[str, Any], slug: str) -> dict[str, Any]:
    """Update an article

    Changes the fields given, and only those; only the author may. A new title gives the article a new slug,
    so read the slug from the answer. `tagList`, when given, replaces the tags.
    """
    article = services.update_article(signed_in_id(), slug, payload["article"])
    record_write(articles=[article["id"]], slugs=[slug, article["slug"]], lists=True)
    return {"article": article}


@blp.route(ARTICLE, methods=["DELETE"])
@write_limit
@blp.operation("DeleteArticle", auth="required", errors=(403, 404, 429))
@blp.response(204)
def delete_article(slug: str) -> None:
    """Delete an article

    Deletes the article with its comments and favorites; only the author may.
    """
    article_id = services.delete_article(signed_in_id(), slug)
    record_write(articles=[article_id], slugs=[slug], lists=True, favorites=True)


@favorites_blp.route("/<slug>/favorite", methods=["POST"])
@write_limit
@favorites_blp.operation("CreateArticleFavorite", auth="required", errors=(404, 429))
@favorites_blp.response(200, ArticleResponse)
def favorite_article(slug: str) -> dict[str, Any]:
    """Favorite an article

    Adds the article to the signed-in user's favorites; favoriting twice changes nothing.
    """
    user_id = token_user_id()
    article, changed = services.favorite(user_id, slug)
    _record_favorite(changed, article, user_id)
    return {"article": article}


@favorites_blp.route("/<slug>/favorite", methods=["DELETE"])
@write_limit
@favorites_blp.operation("DeleteArticleFavorite", auth="required", errors=(404, 429))
@favorites_blp.response(200, ArticleResponse)
def unfavorite_article(slug: str) -> dict[str, Any]:
    """Unfavorite an article

    Removes the article from the signed-in user's favorites; doing it twice changes nothing.
    """
    user_id = token_user_id()
    article, changed = services.unfavorite(user_id, slug)
    _record_favorite(changed, article, user_id)
    return {"article": article}


def _record_favorite(changed: bool, article: dict[str, Any], user_id: int) -> None:
    """A favorite changes the article's count, its favoriter's flag and the `favorited` lists; not
    which articles the other lists hold, nor any other article."""
    record_write(changed=changed, articles=[article["id"]], slugs=[article["slug"]], readers=[user_id], favorites=True)
