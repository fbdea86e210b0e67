"""The scopes a read can be kept under besides the content version, each with its own version
(`caching.version`), and the writes that retire them (`caching.writes.record_write`).

A read names the scopes of what it shows before reading it; a write names the scopes of what it
changed. A write that names none retires everything: the content version itself.
"""

from __future__ import annotations

# Which articles exist, in which order, with which tags: every list, feed, total and the tag cloud.
LISTS = "lists"
# Who favorited what: the lists filtered by `favorited`.
FAVORITES = "favorites"


def article(article_id: int) -> str:
    """One article as lists show it: its summary (title, tags, favorites count) and its dumps."""
    return f"article:{article_id}"


def article_page(slug: str) -> str:
    """The answers under one slug: the article with its body, and its comments."""
    return f"slug:{slug}"


def reader(user_id: int) -> str:
    """What one signed-in reader alone sees: their `favorited` and `following` flags, their feed."""
    return f"reader:{user_id}"
