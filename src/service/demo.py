"""Demo data for trying the API and the staff console by hand, created through the same services
the API uses: members with articles, comments, favorites and follows, a moderator who enrols a
second factor at the first console sign-in, and a few open reports waiting in the queue."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from service.articles import services as articles
from service.comments import services as comments
from service.errors import ApiError
from service.extensions import db
from service.models import Article, Comment, Report, User
from service.moderation.reports import report_article, report_comment
from service.moderation.roles import Role
from service.moderation.services import set_role
from service.profiles import services as profiles
from service.users import services as users

PASSWORD = "conduit-demo"
USERS = [
    {"username": "jake", "email": "jake@example.com", "bio": "I work at statefarm"},
    {"username": "jane", "email": "jane@example.com", "bio": "Writes about dragons"},
    {"username": "sam", "email": "sam@example.com", "bio": "Front-end tinkerer"},
]
ARTICLES = [
    ("jake", "How to train your dragon", "Ever wonder how?", ["dragons", "training"]),
    ("jake", "Flask blueprints in practice", "One package per domain", ["flask", "python"]),
    ("jane", "Dragons of the north", "A field guide", ["dragons"]),
    ("jane", "Why OpenAPI first", "The contract comes first", ["openapi", "api"]),
    ("sam", "Plugging any RealWorld front end", "CORS, tokens and envelopes", ["realworld", "frontend"]),
    ("sam", "Rate limits that hold across workers", "Redis-backed counters", ["redis", "python"]),
]

MODERATOR = {"username": "mod", "email": "mod@example.com", "bio": "Keeps the queue short"}
# (reporter, article title, author of the reported comment or None for the article, reason, note).
# Two members report "Dragons of the north": an item with two reports, still under the auto-hide.
REPORTS = [
    ("sam", "Dragons of the north", None, "spam", "Every paragraph links to the same shop"),
    ("jake", "Dragons of the north", None, "off-topic", "Not about dragons at all"),
    ("jane", "Rate limits that hold across workers", None, "other", "Copied from a blog post?"),
    ("sam", "How to train your dragon", "jane", "abuse", "Mocks the author"),
]

Progress = Callable[[Iterable[Any], str], AbstractContextManager[Iterator[Any]]]


def _user(spec: dict[str, str]) -> User:
    user = db.session.scalars(select(User).where(User.username == spec["username"])).one_or_none()
    if user is None:
        user = users.register(spec["username"], spec["email"], PASSWORD)
        users.update_user(user, {"bio": spec["bio"]})
    return user


def _moderator() -> User:
    """The demo moderator, made one when created here: a later role change by an admin stays."""
    user = db.session.scalars(select(User).where(User.username == MODERATOR["username"])).one_or_none()
    if user is None:
        user = _user(MODERATOR)
        set_role(None, user.username, Role.MODERATOR, reason="demo data")
    return user


def _would_hide(reporter_id: int, article_id: int, comment_id: int | None) -> bool:
    """Whether this report would bring the item to MODERATION_AUTO_HIDE_REPORTS: the demo hides nothing."""
    threshold = current_app.config["MODERATION_AUTO_HIDE_REPORTS"]
    item = Report.comment_id == comment_id if comment_id is not None else Report.comment_id.is_(None)
    others = db.session.scalar(
        select(func.count(func.distinct(Report.reporter_id))).where(
            Report.article_id == article_id, item, Report.resolved_at.is_(None), Report.reporter_id != reporter_id
        )
    )
    return bool(threshold) and (others or 0) + 1 >= threshold


def _file_report(reporter: User, title: str, comment_author: User | None, reason: str, note: str) -> None:
    """File one demo report through the moderation service (the reporter's earlier one stays as it
    is). An item gone (hidden by staff, or missing) or a report that would hide it is skipped."""
    article = db.session.execute(select(Article.id, Article.slug).where(Article.title == title)).one_or_none()
    if article is None:
        return
    comment_id = None
    if comment_author is not None:
        comment_id = db.session.scalar(
            select(func.min(Comment.id)).where(Comment.article_id == article.id, Comment.author_id == comment_author.id)
        )
        if comment_id is None:
            return
    if _would_hide(reporter.id, article.id, comment_id):
        return
    try:
        if comment_id is None:
            report_article(reporter.id, article.slug, reason, note)
        else:
            report_comment(reporter.id, article.slug, comment_id, reason, note)
    except ApiError as error:
        if error.code != 404:
            raise
        db.session.rollback()  # hidden by staff since the last run: their decision stands


def seed(progress: Progress) -> int:
    """Create whatever of the demo data is missing; returns how many articles were new."""
    with progress(USERS, "users") as steps:
        by_name = {spec["username"]: _user(spec) for spec in steps}
    created = 0
    with progress(ARTICLES, "articles") as steps:
        for author, title, description, tags in steps:
            exists = db.session.scalar(select(Article.id).where(Article.title == title))
            if exists is not None:
                continue
            body = f"{description}. This is a demo article by {author}, written to try the API."
            article = articles.create_article(
                by_name[author].id, {"title": title, "description": description, "body": body, "tagList": tags}
            )
            for reader in by_name.values():
                if reader.username != author:
                    comments.add_comment(reader.id, article["slug"], f"Nice read, {author}!")
                    articles.favorite(reader.id, article["slug"])
            created += 1
    for follower, followed in (("jake", "jane"), ("jane", "sam"), ("sam", "jake")):
        profiles.follow(by_name[follower].id, followed)
    _moderator()
    with progress(REPORTS, "reports") as steps:
        for reporter, title, comment_author, reason, note in steps:
            author = by_name[comment_author] if comment_author else None
            _file_report(by_name[reporter], title, author, reason, note)
    return created
