"""A realistic Conduit data set, generated in memory and loaded with COPY (no HTTP, no ORM).

Authorship and follows are Zipf-like, a few prolific authors and a long tail, so a reader who
follows ten authors gets a feed that grows with the data set instead of staying at a handful.
Every user's password is PASSWORD, hashed once with the app's argon2id parameters.
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from argon2 import PasswordHasher

from service.search_index import SEARCH_COLUMN, TEXT_SEARCH_CONFIG, WINDOW_ARTICLES, WINDOW_COLUMN

PASSWORD = "bench-password-1234"
DEFAULT_ARTICLES = 2_000
FEED_READERS = 10  # users 1..10 read the feed and the authenticated list
FOLLOWED_PER_READER = 10
WRITERS = 20  # users 11..30 drive the write mix
SAMPLE_SIZE = 500  # slugs and usernames the rotating scenarios pick from
ZIPF_EXPONENT = 0.8
HISTORY = timedelta(days=730)
BODY_POOL = 100  # articles share bodies (the text itself is not the point)
SEARCH_WORD = "zephyr"  # planted in one article of SEARCH_WORD_EVERY: the search scenario's word
SEARCH_WORD_EVERY = 100
MAINTENANCE_WORK_MEM = "512MB"  # for building the indexes after the load

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
    phases: dict[str, float] = field(default_factory=dict)  # seconds of each step of the seeding


def seed(libpq_url: str, scale: Scale, *, time_cost: int, memory_cost: int) -> Dataset:
    """Fill the migrated, empty database, streaming every table through COPY (memory stays flat at any
    scale); then build the indexes and VACUUM ANALYZE so plans see the real row counts."""
    started = time.perf_counter()
    rng = random.Random(6)
    password_hash = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=1).hash(PASSWORD)
    users = _users(scale, password_hash, rng)
    popular = _popularity(scale.users, rng)
    sampled = _SampledSlugs(set(rng.sample(range(1, scale.articles + 1), min(SAMPLE_SIZE, scale.articles))))
    counts: dict[str, int] = {}
    phases = _Phases()
    with psycopg.connect(libpq_url) as connection:
        with connection.cursor() as cursor:
            # The rows are consistent by construction: skip the per-row foreign-key and search triggers,
            # which would cost more than the COPY itself; the search documents are filled in bulk below.
            cursor.execute("SET session_replication_role = replica")
            cursor.execute(f"SET maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
            cursor.execute("SET default_toast_compression = 'lz4'")  # bodies and documents: cheaper than pglz
            index_definitions = _drop_plain_indexes(cursor)
            with phases("users and tags"):
                counts["users"] = _copy(cursor, "users", COLUMNS["users"], users)
                counts["tags"] = _copy(cursor, "tags", COLUMNS["tags"], enumerate(TAGS, start=1))
            counts["articles"] = _load_articles(cursor, _articles(scale, popular, rng, sampled), phases)
            counts["article_tags"] = cursor.execute("SELECT count(*) FROM article_tags").fetchone()[0]
            with phases("comments"):
                counts["comments"] = _copy(cursor, "comments", COLUMNS["comments"], _comments(scale, rng))
            with phases("favorites and follows"):
                counts["favorites"] = _copy(cursor, "favorites", COLUMNS["favorites"], _favorites(scale, rng))
                counts["follows"] = _copy(cursor, "follows", COLUMNS["follows"], _follows(scale, popular, rng))
            for definition in index_definitions:
                with phases(_index_name(definition)):
                    cursor.execute(definition)
            for table in ("users", "tags", "articles", "comments"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        with phases("commit"):
            connection.commit()
        # A bulk load leaves no visibility map and stale statistics; autovacuum would fix both within
        # a minute in production, so measure that steady state rather than the transient one.
        connection.autocommit = True
        with phases("VACUUM ANALYZE"):
            connection.execute("VACUUM (ANALYZE)")
    return Dataset(
        scale=scale,
        counts=counts,
        seconds=time.perf_counter() - started,
        phases=phases.seconds,
        slugs=[sampled.slugs[article_id] for article_id in sorted(sampled.slugs)],
        usernames=[row[1] for row in rng.sample(users, min(SAMPLE_SIZE, len(users)))],
        reader_ids=list(range(1, FEED_READERS + 1)),
        writer_ids=list(range(FEED_READERS + 1, FEED_READERS + WRITERS + 1)),
        login_emails=[row[2] for row in users[:50]],
    )


COLUMNS = {
    "users": ("id", "username", "email", "password_hash", "bio", "image", "created_at"),
    "tags": ("id", "name"),
    "comments": ("id", "body", "article_id", "author_id", "created_at", "updated_at"),
    "favorites": ("user_id", "article_id"),
    "follows": ("follower_id", "followed_id"),
}
# Articles arrive in a temporary table (never WAL-logged) with their body's number in a pool and their
# tags; one INSERT ... SELECT then writes each with its search document, the body's part of which is
# computed once per pooled body. The document is exactly what service.search_index's trigger makes.
STAGING = [
    """CREATE TEMPORARY TABLE seed_articles (id integer, slug text, title text, description text,
    body_number integer, author_id integer, created_at timestamptz, tag_ids integer[], tag_names text)""",
    "CREATE TEMPORARY TABLE seed_bodies (body_number integer PRIMARY KEY, body text, document tsvector)",
]
STAGED_ARTICLES = (
    "id",
    "slug",
    "title",
    "description",
    "body_number",
    "author_id",
    "created_at",
    "tag_ids",
    "tag_names",
)
FROM_STAGING = [
    f"""UPDATE seed_bodies SET document = setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', body), 'D')""",
    f"""INSERT INTO articles (id, slug, title, description, body, author_id, created_at, updated_at, {{window}}
        {SEARCH_COLUMN})
    SELECT a.id, a.slug, a.title, a.description, b.body, a.author_id, a.created_at, a.created_at, {{outside}}
        setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', a.title), 'A')
        || setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', a.description), 'B')
        || setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', a.tag_names), 'C') || b.document
    FROM seed_articles a JOIN seed_bodies b USING (body_number)""",
    "INSERT INTO article_tags (article_id, tag_id) SELECT id, unnest(tag_ids) FROM seed_articles",
    "DROP TABLE seed_articles, seed_bodies",
]


class _Phases:
    """Seconds spent in each named step: `with phases("comments"): ...`."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.seconds[name] = round(self.seconds.get(name, 0.0) + time.perf_counter() - started, 2)


def _load_articles(cursor: psycopg.Cursor[Any], rows: Iterable[Sequence[Any]], phases: _Phases) -> int:
    for statement in STAGING:
        cursor.execute(statement)
    _copy(cursor, "seed_bodies", ("body_number", "body"), enumerate(_bodies(random.Random(24))))
    with phases("articles: COPY to staging"):
        count = _copy(cursor, "seed_articles", STAGED_ARTICLES, rows)
    # With a search window, every article starts outside it, and a fit lets the newest in.
    window = cursor.execute("SELECT to_regproc('search_window_fit') IS NOT NULL").fetchone()[0]
    columns = {"window": f"{WINDOW_COLUMN}," if window else "", "outside": "false," if window else ""}
    for statement, name in zip(
        FROM_STAGING, ("bodies' documents", "articles: INSERT", "article_tags: INSERT", "drop staging"), strict=True
    ):
        with phases(name):
            cursor.execute(statement.replace("{window}", columns["window"]).replace("{outside}", columns["outside"]))
    if window:
        with phases("search window"):
            cursor.execute("SELECT search_window_fit(%s)", (WINDOW_ARTICLES,))
    return count


def _drop_plain_indexes(cursor: psycopg.Cursor[Any]) -> list[str]:
    """Drop the indexes that back no constraint (the migrations' ix_*) and return their CREATE statements."""
    rows = cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
        "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
    ).fetchall()
    for name, _definition in rows:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in rows]


def _index_name(definition: str) -> str:
    words = definition.split()
    return words[words.index("INDEX") + 1]


def _copy(cursor: psycopg.Cursor[Any], table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


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


def _users(scale: Scale, password_hash: str, rng: random.Random) -> list[tuple[Any, ...]]:
    rows = []
    started = datetime.now(UTC) - HISTORY
    for user_id in range(1, scale.users + 1):
        created_at = started + HISTORY * (user_id / (scale.users + 1))
        username = f"{rng.choice(WORDS)}_{rng.choice(WORDS)}_{user_id}"
        bio = _sentence(rng, 5, 20).capitalize() + "." if rng.random() < 0.7 else ""
        image = f"https://images.example.com/avatars/{user_id}.jpg" if rng.random() < 0.5 else ""
        rows.append((user_id, username, f"{username}@example.com", password_hash, bio, image, created_at))
    return rows


def _bodies(rng: random.Random) -> list[str]:
    """A pool of markdown bodies of roughly 1-3 KB; articles share them (the text itself is not the point)."""
    paragraphs = [_sentence(rng, 30, 60).capitalize() + "." for _ in range(40)]
    return ["\n\n".join(rng.sample(paragraphs, rng.randint(3, 8))) for _ in range(BODY_POOL)]


@dataclass
class _SampledSlugs:
    """The slugs of a few articles picked beforehand, noted as the articles stream past."""

    ids: set[int]
    slugs: dict[int, str] = field(default_factory=dict)


def _moment(article_id: float, scale: Scale) -> datetime:
    """Articles spread evenly over HISTORY in id order, so ids grow with time as in a live database."""
    return datetime.now(UTC) - HISTORY + HISTORY * (article_id / scale.articles)


def _articles(
    scale: Scale, popular: Popularity, rng: random.Random, sampled: _SampledSlugs
) -> Iterator[tuple[Any, ...]]:
    """Staged article rows (see STAGED_ARTICLES), one at a time; every SEARCH_WORD_EVERY-th article
    has SEARCH_WORD in its description, for the search scenario."""
    tag_ids = list(range(1, len(TAGS) + 1))
    tag_weights = list(itertools.accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, len(TAGS) + 1)))
    started = _moment(0, scale)
    for article_id in range(1, scale.articles + 1):
        words = rng.choices(WORDS, k=rng.randint(4, 8))
        slug = f"{'-'.join(words)}-{article_id}"
        if article_id in sampled.ids:
            sampled.slugs[article_id] = slug
        description = _sentence(rng, 10, 25).capitalize() + "."
        if article_id % SEARCH_WORD_EVERY == 0:
            description = f"{description[:-1]} {SEARCH_WORD}."
        created_at = started + HISTORY * ((article_id - 1 + rng.random()) / scale.articles)
        chosen = sorted(set(rng.choices(tag_ids, cum_weights=tag_weights, k=rng.randint(1, 4))))
        names = " ".join(TAGS[tag_id - 1] for tag_id in chosen)
        author_id = popular.pick(rng, 1)[0]
        body_number = rng.randrange(BODY_POOL)
        yield (
            article_id,
            slug,
            " ".join(words).capitalize(),
            description,
            body_number,
            author_id,
            created_at,
            chosen,
            names,
        )


def _comments(scale: Scale, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    now = datetime.now(UTC)
    bodies = [_sentence(rng, 8, 50).capitalize() + "." for _ in range(1000)]
    for comment_id in range(1, scale.comments + 1):
        article_id = rng.randint(1, scale.articles)
        written = _moment(article_id, scale)
        created_at = written + (now - written) * rng.random()
        yield (comment_id, rng.choice(bodies), article_id, rng.randint(1, scale.users), created_at, created_at)


def _favorites(scale: Scale, rng: random.Random) -> Iterator[tuple[int, int]]:
    """Each user favorites a few articles (on average favorites per user), in key order."""
    mean = scale.favorites / scale.users
    for user_id in range(1, scale.users + 1):
        picked = {rng.randint(1, scale.articles) for _ in range(round(rng.expovariate(1 / mean)))}
        yield from ((user_id, article_id) for article_id in sorted(picked))


def _follows(scale: Scale, popular: Popularity, rng: random.Random) -> Iterator[tuple[int, int]]:
    """Readers follow FOLLOWED_PER_READER authors each; everyone follows authors picked by popularity,
    a few each on average (follows per user), in key order."""
    mean = scale.follows / scale.users
    for follower_id in range(1, scale.users + 1):
        wanted = FOLLOWED_PER_READER if follower_id <= FEED_READERS else round(rng.expovariate(1 / mean))
        followed: set[int] = set()
        for _attempt in range(wanted * 3):  # the most popular authors come up again and again
            if len(followed) == wanted:
                break
            followed.update(author for author in popular.pick(rng, 1) if author != follower_id)
        yield from ((follower_id, followed_id) for followed_id in sorted(followed))
