"""A realistic Conduit data set, generated in memory and loaded with COPY (no HTTP, no ORM).

Authorship and follows are Zipf-like, a few prolific authors and a long tail, so a reader who
follows ten authors gets a feed that grows with the data set instead of staying at a handful.
Every user's password is PASSWORD, hashed once with the app's argon2id parameters.
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from argon2 import PasswordHasher

PASSWORD = "bench-password-1234"
DEFAULT_ARTICLES = 2_000
FEED_READERS = 10  # users 1..10 read the feed and the authenticated list
FOLLOWED_PER_READER = 10
WRITERS = 20  # users 11..30 drive the write mix
SAMPLE_SIZE = 500  # slugs and usernames the rotating scenarios pick from
ZIPF_EXPONENT = 0.8
HISTORY = timedelta(days=730)

TAG_TEXT = """
    python flask django fastapi sqlalchemy postgresql redis docker kubernetes linux
    javascript typescript react vue angular svelte node deno rust go
    java kotlin swift ruby rails elixir haskell scala csharp dotnet
    testing security performance devops cloud aws design architecture api graphql
    databases caching observability career opensource productivity ai machinelearning writing dragons
"""
WORD_TEXT = """
    the a how why when building scaling testing shipping debugging learning writing reading designing
    fast slow simple small large modern legacy hidden practical honest gentle quiet bold tiny
    guide notes lessons patterns mistakes story journey tour field manual checklist primer deep dive
    cache queue index query schema service worker server client browser request response token
    dragon garden river mountain city forest ocean bridge lantern engine compass harbor workshop
    with without for from into beyond under over after before across our your their every one
    week month year day night morning team code data system product habit tool stack release
"""
TAGS, WORDS = TAG_TEXT.split(), WORD_TEXT.split()


@dataclass(frozen=True)
class Scale:
    """How big the data set is: everything follows from the article count (defaults at 2,000)."""

    articles: int = DEFAULT_ARTICLES

    @property
    def users(self) -> int:
        return max(FEED_READERS + WRITERS + FOLLOWED_PER_READER, self.articles // 10)

    @property
    def comments(self) -> int:
        return self.articles * 2

    @property
    def favorites(self) -> int:
        return self.articles

    @property
    def follows(self) -> int:
        return self.articles

    @property
    def tags(self) -> int:
        return len(TAGS)


@dataclass
class Dataset:
    """What the load scenarios need to know about the seeded data."""

    scale: Scale
    counts: dict[str, int]
    seconds: float
    slugs: list[str]
    usernames: list[str]
    reader_ids: list[int]
    writer_ids: list[int]
    login_emails: list[str]


def seed(libpq_url: str, scale: Scale, *, time_cost: int, memory_cost: int) -> Dataset:
    """Fill the migrated, empty database; then VACUUM ANALYZE so plans see the real row counts."""
    started = time.perf_counter()
    rng = random.Random(6)
    password_hash = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=1).hash(PASSWORD)
    users = _users(scale, password_hash, rng)
    popular = _popularity(scale.users, rng)
    articles = _articles(scale, popular, rng)
    tables = {
        "users": users,
        "tags": [(tag_id, name) for tag_id, name in enumerate(TAGS, start=1)],
        "articles": articles,
        "article_tags": _article_tags(len(articles), rng),
        "comments": _comments(scale, articles, rng),
        "favorites": _favorites(scale, rng),
        "follows": _follows(scale, popular, rng),
    }
    with psycopg.connect(libpq_url) as connection:
        with connection.cursor() as cursor:
            # The rows are consistent by construction: skip the per-row foreign-key triggers, which
            # would otherwise cost more than the COPY itself, and build the plain indexes once at the end.
            cursor.execute("SET session_replication_role = replica")
            index_definitions = _drop_plain_indexes(cursor)
            for table, rows in tables.items():
                _copy(cursor, table, COLUMNS[table], rows)
            for definition in index_definitions:
                cursor.execute(definition)
            for table in ("users", "tags", "articles", "comments"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        connection.commit()
        # A bulk load leaves no visibility map and stale statistics; autovacuum would fix both within
        # a minute in production, so measure that steady state rather than the transient one.
        connection.autocommit = True
        connection.execute("VACUUM (ANALYZE)")
    return Dataset(
        scale=scale,
        counts={table: len(rows) for table, rows in tables.items()},
        seconds=time.perf_counter() - started,
        slugs=[row[1] for row in rng.sample(articles, min(SAMPLE_SIZE, len(articles)))],
        usernames=[row[1] for row in rng.sample(users, min(SAMPLE_SIZE, len(users)))],
        reader_ids=list(range(1, FEED_READERS + 1)),
        writer_ids=list(range(FEED_READERS + 1, FEED_READERS + WRITERS + 1)),
        login_emails=[row[2] for row in users[:50]],
    )


COLUMNS = {
    "users": ("id", "username", "email", "password_hash", "bio", "image", "created_at"),
    "tags": ("id", "name"),
    "articles": ("id", "slug", "title", "description", "body", "author_id", "created_at", "updated_at"),
    "article_tags": ("article_id", "tag_id"),
    "comments": ("id", "body", "article_id", "author_id", "created_at", "updated_at"),
    "favorites": ("user_id", "article_id"),
    "follows": ("follower_id", "followed_id"),
}


def _drop_plain_indexes(cursor: psycopg.Cursor[Any]) -> list[str]:
    """Drop the indexes that back no constraint (the migrations' ix_*) and return their CREATE statements."""
    rows = cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
        "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
    ).fetchall()
    for name, _definition in rows:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in rows]


def _copy(cursor: psycopg.Cursor[Any], table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


# --- generating rows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Popularity:
    """User ids from most to least prolific, with cumulative Zipf weights for random.choices."""

    user_ids: list[int]
    cum_weights: list[float]

    def pick(self, rng: random.Random, count: int) -> list[int]:
        return rng.choices(self.user_ids, cum_weights=self.cum_weights, k=count)


def _popularity(user_count: int, rng: random.Random) -> Popularity:
    user_ids = list(range(1, user_count + 1))
    rng.shuffle(user_ids)  # so the readers and writers (the lowest ids) are not all star authors
    weights = itertools.accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, user_count + 1))
    return Popularity(user_ids, list(weights))


def _sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(low, high)))


def _timestamps(count: int, rng: random.Random) -> list[datetime]:
    """Sorted moments over HISTORY, so ids grow with time as they do in a live database."""
    start = datetime.now(UTC) - HISTORY
    span = HISTORY.total_seconds()
    return [start + timedelta(seconds=offset) for offset in sorted(rng.uniform(0, span) for _ in range(count))]


def _users(scale: Scale, password_hash: str, rng: random.Random) -> list[tuple[Any, ...]]:
    rows = []
    for user_id, created_at in enumerate(_timestamps(scale.users, rng), start=1):
        username = f"{rng.choice(WORDS)}_{rng.choice(WORDS)}_{user_id}"
        bio = _sentence(rng, 5, 20).capitalize() + "." if rng.random() < 0.7 else ""
        image = f"https://images.example.com/avatars/{user_id}.jpg" if rng.random() < 0.5 else ""
        rows.append((user_id, username, f"{username}@example.com", password_hash, bio, image, created_at))
    return rows


def _bodies(rng: random.Random) -> list[str]:
    """A pool of markdown bodies of roughly 1-3 KB; articles share them (the text itself is not the point)."""
    paragraphs = [_sentence(rng, 30, 60).capitalize() + "." for _ in range(40)]
    return ["\n\n".join(rng.sample(paragraphs, rng.randint(3, 8))) for _ in range(100)]


def _articles(scale: Scale, popular: Popularity, rng: random.Random) -> list[tuple[Any, ...]]:
    bodies = _bodies(rng)
    authors = popular.pick(rng, scale.articles)
    rows = []
    for article_id, (author_id, created_at) in enumerate(
        zip(authors, _timestamps(scale.articles, rng), strict=True), start=1
    ):
        words = rng.choices(WORDS, k=rng.randint(4, 8))
        title = " ".join(words).capitalize()
        slug = f"{'-'.join(words)}-{article_id}"
        description = _sentence(rng, 10, 25).capitalize() + "."
        rows.append((article_id, slug, title, description, rng.choice(bodies), author_id, created_at, created_at))
    return rows


def _article_tags(article_count: int, rng: random.Random) -> list[tuple[int, int]]:
    tag_weights = list(itertools.accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, len(TAGS) + 1)))
    tag_ids = list(range(1, len(TAGS) + 1))
    rows = []
    for article_id in range(1, article_count + 1):
        chosen = set(rng.choices(tag_ids, cum_weights=tag_weights, k=rng.randint(1, 4)))
        rows.extend((article_id, tag_id) for tag_id in sorted(chosen))
    return rows


def _comments(scale: Scale, articles: list[tuple[Any, ...]], rng: random.Random) -> list[tuple[Any, ...]]:
    now = datetime.now(UTC)
    bodies = [_sentence(rng, 8, 50).capitalize() + "." for _ in range(1000)]
    rows = []
    for comment_id, article in enumerate(rng.choices(articles, k=scale.comments), start=1):
        created_at = article[6] + (now - article[6]) * rng.random()
        rows.append((comment_id, rng.choice(bodies), article[0], rng.randint(1, scale.users), created_at, created_at))
    return rows


def _favorites(scale: Scale, rng: random.Random) -> list[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < scale.favorites:
        pairs.add((rng.randint(1, scale.users), rng.randint(1, scale.articles)))
    return sorted(pairs)


def _follows(scale: Scale, popular: Popularity, rng: random.Random) -> list[tuple[int, int]]:
    """Readers follow FOLLOWED_PER_READER authors each, picked by popularity like everyone's follows."""
    pairs: set[tuple[int, int]] = set()
    for reader_id in range(1, FEED_READERS + 1):
        followed: set[int] = set()
        while len(followed) < FOLLOWED_PER_READER:
            followed.update(author for author in popular.pick(rng, 1) if author != reader_id)
        pairs.update((reader_id, author) for author in followed)
    followers = range(FEED_READERS + 1, scale.users + 1)
    while len(pairs) < scale.follows:
        follower, followed_id = rng.choice(followers), popular.pick(rng, 1)[0]
        if follower != followed_id:
            pairs.add((follower, followed_id))
    return sorted(pairs)
