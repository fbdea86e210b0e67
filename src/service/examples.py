"""The examples the spec shows: Swagger UI's "Try it out" starts from them, ReDoc lists them and the
Prism mock server (scripts/mock) answers with them.

One story throughout: jake writes "How to train your dragon" and celeb_fan reads, comments and
follows. `ANSWERS` holds, by operationId, the body of its documented answers (every 2xx with a body
and every 422; 401, 403 and 404 where it words them its own way), `ERRORS` those worded alike
everywhere; `Blueprint.operation` puts them in the spec. tests/api/test_examples.py and
test_error_examples.py send each example's request to the app and check it answers as documented.
"""

from __future__ import annotations

from typing import Any

from service import messages

TOKEN = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwidHlwZSI6ImFjY2VzcyIsImlhdCI6MTc2NDU4MTQwMCwiZXhwIj"
    "oxNzY0NjY3ODAwfQ.1y6IY3Gv0JbWjXKXm2bD7bzrKRxC1dTb9Ef8ZCqQ3Vw"
)
JAKE = {"username": "jake", "bio": "I work at statefarm", "image": "https://i.stack.imgur.com/xHWG8.jpg"}
CELEB_FAN = {"username": "celeb_fan", "bio": "", "image": "", "following": False}
SLUG = "how-to-train-your-dragon"
CREATED_AT = "2026-12-01T09:30:00.000Z"

# The path parameters, described once for every route that has them (see Blueprint.route).
PATH_PARAMETERS: dict[str, dict[str, Any]] = {
    "slug": {"description": "The article's slug, as its answers give it.", "example": SLUG},
    "username": {"description": "The user's username.", "example": "jake"},
    "id": {"description": "The comment's id, as its answers give it.", "example": 1},
    "report_id": {"description": "The report's id, as the queue gives it.", "example": 1},
}

# Request bodies
NEW_USER = {"user": {"username": "jake", "email": "jake@jake.jake", "password": "jakejake"}}
LOGIN = {"user": {"email": "jake@jake.jake", "password": "jakejake"}}
UPDATE_USER = {"user": {"bio": JAKE["bio"], "image": JAKE["image"]}}
NEW_ARTICLE = {
    "article": {
        "title": "How to train your dragon",
        "description": "Ever wonder how?",
        "body": "It takes a Jacobian",
        "tagList": ["dragons", "training"],
    }
}
UPDATE_ARTICLE = {"article": {"body": "With two hands"}}
NEW_COMMENT = {"comment": {"body": "Thank you so much!"}}
PASSWORD_RESET = {"user": {"email": "jake@jake.jake"}}
# The token a reset email links to: 43 URL-safe characters, as service.accounts.password_reset makes them.
RESET_TOKEN = "Q2xhc3NpYy1kcmFnb24tdHJhaW5pbmctdG9rZW4tMDA"
CONFIRM_PASSWORD_RESET = {"reset": {"token": RESET_TOKEN, "password": "jakejake-again"}}
NEW_REPORT = {"report": {"reason": "spam", "note": "Links to a shop in every paragraph"}}
MODERATION_ACTION = {"action": {"reason": "Advertising, against the house rules"}}
SUSPENSION = {"action": {"reason": "Spam after two warnings", "until": "2099-01-01T00:00:00Z"}}
ROLE_CHANGE = {"role": "moderator", "reason": "Joins the moderation team"}
# A file field's example stands for the file's bytes; the replay sends a real PNG in its place.
AVATAR_UPLOAD = {"image": "(the bytes of a JPEG, PNG or WebP file)"}


def _user(**changes: Any) -> dict[str, Any]:
    return {"user": {"email": "jake@jake.jake", "token": TOKEN, "username": "jake", "bio": "", "image": "", **changes}}


def _profile(following: bool) -> dict[str, Any]:
    return {**JAKE, "following": following}


def _summary(**changes: Any) -> dict[str, Any]:
    article = {key: value for key, value in NEW_ARTICLE["article"].items() if key != "body"}
    return {
        **article,
        "slug": SLUG,
        "createdAt": CREATED_AT,
        "updatedAt": CREATED_AT,
        "favorited": False,
        "favoritesCount": 0,
        "author": _profile(False),
        **changes,
    }


def _article(**changes: Any) -> dict[str, Any]:
    return {"article": {**_summary(), "body": NEW_ARTICLE["article"]["body"], **changes}}


def _invalid(field: str, message: str) -> dict[str, Any]:
    return {"errors": {field: [message]}}


COMMENT = {"id": 1, "createdAt": CREATED_AT, "updatedAt": CREATED_AT, "body": "Thank you so much!"}
ARTICLES = {
    "articles": [_summary(author=_profile(True), favorited=True, favoritesCount=1)],
    "articlesCount": 1,
    "nextCursor": None,
}
PAGE_LIMIT = _invalid("limit", "Must be greater than or equal to 1 and less than or equal to 100.")

# The error answers every operation documenting the code gives, as the app words them.
ERRORS = {
    400: _invalid("body", messages.MALFORMED_JSON),
    401: _invalid("body", messages.AUTH_MISSING),
    413: _invalid("body", messages.BODY_TOO_LARGE),
    415: _invalid("body", messages.NEEDS_JSON),
    429: _invalid("body", messages.RATE_LIMITED),
}
# Where a token is optional, a 401 means the token sent is not valid (none is fine).
BAD_TOKEN = _invalid("body", messages.AUTH_INVALID)
NO_ARTICLE = {404: _invalid("body", messages.ARTICLE_NOT_FOUND)}
NOT_THE_AUTHOR = {403: _invalid("body", messages.NOT_ARTICLE_AUTHOR)}
NO_PROFILE = {404: _invalid("body", messages.PROFILE_NOT_FOUND)}

REPORT = {"id": 1, "reason": "spam", "note": NEW_REPORT["report"]["note"], "createdAt": CREATED_AT}
STAFF_ONLY = {403: _invalid("body", messages.STAFF_ONLY)}
MODERATOR = "mod"
REASON_BLANK = _invalid("reason", messages.BLANK)


def _item(kind: str, key: str, hidden: bool) -> dict[str, Any]:
    at = CREATED_AT if hidden else None
    return {"item": {"type": kind, "key": key, "hidden": hidden, "hiddenAt": at, "resolvedReports": 1}}


def _staff_view(**changes: Any) -> dict[str, Any]:
    user = {"username": "jake", "email": "jake@jake.jake", "role": "member", "suspended": False}
    return {"user": {**user, "suspendedUntil": None, "suspensionReason": None, **changes}}


QUEUE = {
    "items": [
        {
            "type": "article",
            "slug": SLUG,
            "commentId": None,
            "title": NEW_ARTICLE["article"]["title"],
            "text": NEW_ARTICLE["article"]["body"],
            "author": "jake",
            "hidden": False,
            "reportCount": 1,
            "reasons": {"spam": 1},
            "reports": [{**REPORT, "reporter": "celeb_fan"}],
        }
    ],
    "nextCursor": None,
}
AUDIT = {
    "entries": [
        {
            "id": 1,
            "actor": MODERATOR,
            "action": "hide",
            "target": {"type": "article", "key": SLUG},
            "reason": MODERATION_ACTION["action"]["reason"],
            "createdAt": CREATED_AT,
            "requestId": "5f0c6e2b9a4d4c1e8b7a6f5e4d3c2b1a",
        }
    ],
    "nextCursor": None,
}
CURSOR_INVALID = _invalid("cursor", messages.CURSOR_INVALID)

ANSWERS: dict[str, dict[int, Any]] = {
    "CreateUser": {201: _user(), 422: _invalid("email", "Not a valid email address.")},
    "Login": {
        200: _user(**JAKE),
        401: _invalid("body", messages.CREDENTIALS_INVALID),
        403: _invalid("account", messages.ACCOUNT_SUSPENDED),
        422: _invalid("email", "Not a valid email address."),
    },
    "GetCurrentUser": {200: _user(**JAKE)},
    "UpdateCurrentUser": {200: _user(**JAKE), 422: _invalid("image", messages.INVALID)},
    "GetProfileByUsername": {200: {"profile": _profile(False)}, **NO_PROFILE},
    "FollowUserByUsername": {
        200: {"profile": _profile(True)},
        **NO_PROFILE,
        422: _invalid("username", messages.CANNOT_FOLLOW_SELF),
    },
    "UnfollowUserByUsername": {200: {"profile": _profile(False)}, **NO_PROFILE},
    "GetArticles": {200: ARTICLES, 422: PAGE_LIMIT},
    "GetArticlesFeed": {200: ARTICLES, 422: PAGE_LIMIT},
    "CreateArticle": {201: _article(), 422: _invalid("title", messages.BLANK)},
    "GetArticle": {200: _article(), **NO_ARTICLE},
    "DeleteArticle": {**NOT_THE_AUTHOR, **NO_ARTICLE},
    "DeleteArticleComment": {
        403: _invalid("body", messages.NOT_COMMENT_AUTHOR),
        404: _invalid("body", messages.COMMENT_NOT_FOUND),
    },
    "UpdateArticle": {
        **NOT_THE_AUTHOR,
        **NO_ARTICLE,
        200: _article(body=UPDATE_ARTICLE["article"]["body"], updatedAt="2026-12-01T10:05:00.000Z"),
        422: _invalid("title", messages.BLANK),
    },
    "CreateArticleFavorite": {200: _article(favorited=True, favoritesCount=1), **NO_ARTICLE},
    "DeleteArticleFavorite": {200: _article(), **NO_ARTICLE},
    "GetArticleComments": {
        200: {"comments": [{**COMMENT, "author": CELEB_FAN}], "commentsCount": 1, "nextCursor": None},
        **NO_ARTICLE,
        422: _invalid("limit", "Must be greater than or equal to 1 and less than or equal to 500."),
    },
    "CreateArticleComment": {
        200: {"comment": {**COMMENT, "author": CELEB_FAN}},
        **NO_ARTICLE,
        422: _invalid("body", messages.BLANK),
    },
    "RequestPasswordReset": {202: PASSWORD_RESET, 422: _invalid("email", "Not a valid email address.")},
    "ConfirmPasswordReset": {
        200: _user(**JAKE),
        403: _invalid("account", messages.ACCOUNT_SUSPENDED),
        422: _invalid("token", messages.RESET_TOKEN_INVALID),
    },
    "UploadAvatar": {202: _user(**JAKE), 422: _invalid("image", messages.IMAGE_NOT_SUPPORTED)},
    "GetTags": {200: {"tags": ["dragons", "training"]}},
    "ReportArticle": {
        200: {"report": REPORT},
        201: {"report": REPORT},
        **NO_ARTICLE,
        422: _invalid("body", messages.CANNOT_REPORT_OWN),
    },
    "ReportComment": {
        200: {"report": REPORT},
        201: {"report": REPORT},
        404: _invalid("body", messages.COMMENT_NOT_FOUND),
        422: _invalid("reason", "Must be one of: spam, abuse, off-topic, other."),
    },
    "GetModerationQueue": {200: QUEUE, **STAFF_ONLY, 422: CURSOR_INVALID},
    "HideArticle": {200: _item("article", SLUG, True), **STAFF_ONLY, **NO_ARTICLE, 422: REASON_BLANK},
    "RestoreArticle": {200: _item("article", SLUG, False), **STAFF_ONLY, **NO_ARTICLE, 422: REASON_BLANK},
    "HideComment": {
        200: _item("comment", "1", True),
        **STAFF_ONLY,
        404: _invalid("body", messages.COMMENT_NOT_FOUND),
        422: REASON_BLANK,
    },
    "RestoreComment": {
        200: _item("comment", "1", False),
        **STAFF_ONLY,
        404: _invalid("body", messages.COMMENT_NOT_FOUND),
        422: REASON_BLANK,
    },
    "DismissReport": {
        200: {"report": {**REPORT, "resolution": "dismissed", "resolvedAt": CREATED_AT}},
        **STAFF_ONLY,
        404: _invalid("body", messages.REPORT_NOT_FOUND),
        422: REASON_BLANK,
    },
    "SuspendUser": {
        200: _staff_view(
            suspended=True, suspendedUntil="2099-01-01T00:00:00.000Z", suspensionReason=SUSPENSION["action"]["reason"]
        ),
        **STAFF_ONLY,
        404: _invalid("body", messages.USER_NOT_FOUND),
        422: _invalid("until", messages.UNTIL_NOT_AHEAD),
    },
    "ReinstateUser": {
        200: _staff_view(),
        **STAFF_ONLY,
        404: _invalid("body", messages.USER_NOT_FOUND),
        422: REASON_BLANK,
    },
    "SetUserRole": {
        200: _staff_view(role="moderator"),
        403: _invalid("body", messages.ADMIN_ONLY),
        404: _invalid("body", messages.USER_NOT_FOUND),
        422: _invalid("role", "Must be one of: member, moderator, admin."),
    },
    "GetModerationAudit": {200: AUDIT, **STAFF_ONLY, 422: CURSOR_INVALID},
    "GetHealth": {200: {"status": "ok"}},
    "GetReadiness": {
        200: {"status": "ok", "checks": {"database": "ok", "schema": "ok", "redis": "ok"}},
        503: {"status": "unavailable", "checks": {"database": "ok", "schema": "ok", "redis": "unavailable"}},
    },
}
