"""Demo data for trying the API by hand, created through the same services the API uses."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import select

from service.articles import services as articles
from service.comments import services as comments
from service.extensions import db
from service.models import Article, User
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

Progress = Callable[[Iterable[Any], str], AbstractContextManager[Iterator[Any]]]


def _user(spec: dict[str, str]) -> User:
    user = db.session.scalars(select(User).where(User.username == spec["username"])).one_or_none()
    if user is None:
        user = users.register(spec["username"], spec["email"], PASSWORD)
        users.update_user(user, {"bio": spec["bio"]})
    return user


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
    return created
