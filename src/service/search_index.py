"""The full-text index over articles (title, description, tags, body), kept in step by triggers.

PostgreSQL: a `search_document` tsvector column on `articles` (title weighted A, description B,
tags C, body D) with a GIN index; a row trigger fills it as an article is written, and statement
triggers on `article_tags` refill it for the articles whose tags changed. SQLite: an FTS5 table
`articles_search` (rowid = article id, porter stemming) kept in step by triggers likewise.
Where PostgreSQL has the RUM extension, a RUM index also holds each match's creation time, so the
newest matches come out of the index without reading the articles (migration 0008; without RUM,
searches keep the GIN plan). The search window (0009) is a smaller one over the newest articles:
`search_recent` marks exactly those created after `search_window.boundary`, which
`search_window_fit(keep)` moves. None of this is in the models' metadata (the column exists on one
backend only, a virtual table on the other): migrations create it, and `db.create_all()` does
through `install`, `install_recency` and `install_window`. A changed statement needs a migration.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

SEARCH_TABLE = "articles_search"  # SQLite: the FTS5 table (its shadow tables start with this name)
SEARCH_COLUMN = "search_document"  # PostgreSQL: the tsvector column on articles
SEARCH_INDEX = "ix_articles_search_document"
TEXT_SEARCH_CONFIG = "english"
RECENCY_INDEX = "ix_articles_search_recency"  # RUM: the matches with their creation time
RECENCY_ORDER_INDEX = "ix_articles_recency"  # B-tree: the same order, walked when most articles match
# Seconds from an article's creation to a fixed later instant (RUM's `<=|`): the smallest is the newest.
# Before 2100 a float8 of those seconds keeps every microsecond apart.
RECENCY = "(articles.created_at <=| '2100-01-01 00:00:00+00'::timestamptz)"
WINDOW_COLUMN = "search_recent"  # PostgreSQL with RUM: whether the article is in the search window
WINDOW_TABLE = "search_window"  # its one row: the boundary (NULL: every article is in the window)
WINDOW_INDEX = "ix_articles_search_window"  # RUM, as RECENCY_INDEX, of the window's articles only
WINDOW_AGE_INDEX = "ix_articles_search_window_age"  # B-tree, as RECENCY_ORDER_INDEX: common words, fits
WINDOW_ARTICLES = 50_000  # the window's default size (SEARCH_WINDOW_ARTICLES)
SEARCH_CANDIDATES = 200  # how many of its newest matches a search ranks

_TAG_NAMES = (
    "(SELECT string_agg(t.name, ' ') FROM article_tags l JOIN tags t ON t.id = l.tag_id WHERE l.article_id = $1)"
)

POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION article_search_document(integer, text, text, text) RETURNS tsvector
    LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', coalesce($2, '')), 'A')
        || setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', coalesce($3, '')), 'B')
        || setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', coalesce({_TAG_NAMES}, '')), 'C')
        || setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', coalesce($4, '')), 'D')
    $$""",
    f"ALTER TABLE articles ADD COLUMN IF NOT EXISTS {SEARCH_COLUMN} tsvector",
    f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON articles USING gin ({SEARCH_COLUMN})",
    f"""CREATE OR REPLACE FUNCTION articles_search_document_written() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.{SEARCH_COLUMN} := article_search_document(NEW.id, NEW.title, NEW.description, NEW.body);
        RETURN NEW;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION article_tags_search_document_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE articles SET {SEARCH_COLUMN} = article_search_document(id, title, description, body)
        WHERE id IN (SELECT article_id FROM changed_links);
        RETURN NULL;
    END $$""",
    "DROP TRIGGER IF EXISTS articles_search_document ON articles",
    """CREATE TRIGGER articles_search_document BEFORE INSERT OR UPDATE OF title, description, body ON articles
    FOR EACH ROW EXECUTE FUNCTION articles_search_document_written()""",
    "DROP TRIGGER IF EXISTS article_tags_added_search ON article_tags",
    """CREATE TRIGGER article_tags_added_search AFTER INSERT ON article_tags REFERENCING NEW TABLE AS changed_links
    FOR EACH STATEMENT EXECUTE FUNCTION article_tags_search_document_changed()""",
    "DROP TRIGGER IF EXISTS article_tags_removed_search ON article_tags",
    """CREATE TRIGGER article_tags_removed_search AFTER DELETE ON article_tags REFERENCING OLD TABLE AS changed_links
    FOR EACH STATEMENT EXECUTE FUNCTION article_tags_search_document_changed()""",
]
POSTGRESQL_BACKFILL = [
    f"UPDATE articles SET {SEARCH_COLUMN} = article_search_document(id, title, description, body)",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS article_tags_removed_search ON article_tags",
    "DROP TRIGGER IF EXISTS article_tags_added_search ON article_tags",
    "DROP TRIGGER IF EXISTS articles_search_document ON articles",
    "DROP FUNCTION IF EXISTS article_tags_search_document_changed()",
    "DROP FUNCTION IF EXISTS articles_search_document_written()",
    f"DROP INDEX IF EXISTS {SEARCH_INDEX}",
    f"ALTER TABLE articles DROP COLUMN IF EXISTS {SEARCH_COLUMN}",
    "DROP FUNCTION IF EXISTS article_search_document(integer, text, text, text)",
]

POSTGRESQL_RECENCY = [
    "CREATE EXTENSION IF NOT EXISTS rum",
    f"""CREATE INDEX IF NOT EXISTS {RECENCY_INDEX} ON articles
    USING rum ({SEARCH_COLUMN} rum_tsvector_addon_ops, created_at) WITH (attach = 'created_at', to = '{SEARCH_COLUMN}')
    """,
    f"CREATE INDEX IF NOT EXISTS {RECENCY_ORDER_INDEX} ON articles ({RECENCY}, id DESC)",
]
POSTGRESQL_RECENCY_DROP = [f"DROP INDEX IF EXISTS {RECENCY_ORDER_INDEX}", f"DROP INDEX IF EXISTS {RECENCY_INDEX}"]

# The search document stays in the article's row (compressed), not in TOAST: ranking the candidates
# then reads one heap page per article instead of the TOAST index and pages. A row too large for its
# page sends its body to TOAST first.
POSTGRESQL_INLINE_DOCUMENT = [f"ALTER TABLE articles ALTER COLUMN {SEARCH_COLUMN} SET STORAGE MAIN"]
POSTGRESQL_INLINE_DOCUMENT_UNDO = [f"ALTER TABLE articles ALTER COLUMN {SEARCH_COLUMN} SET STORAGE EXTENDED"]

# Articles there before the window start outside it (no table rewrite); new ones start inside.
POSTGRESQL_WINDOW = [
    f"ALTER TABLE articles ADD COLUMN IF NOT EXISTS {WINDOW_COLUMN} boolean NOT NULL DEFAULT false",
    f"ALTER TABLE articles ALTER COLUMN {WINDOW_COLUMN} SET DEFAULT true",
    f"CREATE TABLE IF NOT EXISTS {WINDOW_TABLE} (id integer PRIMARY KEY CHECK (id = 1), boundary timestamptz)",
    f"INSERT INTO {WINDOW_TABLE} (id, boundary) SELECT 1, max(created_at) FROM articles ON CONFLICT (id) DO NOTHING",
    f"""CREATE OR REPLACE FUNCTION search_window_fit(keep integer) RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE
        target timestamptz;
        entered integer;
        left_ integer := 0;
    BEGIN
        PERFORM 1 FROM {WINDOW_TABLE} WHERE id = 1 FOR UPDATE;  -- one fit at a time
        SELECT created_at INTO target FROM articles ORDER BY created_at DESC OFFSET keep LIMIT 1;
        UPDATE articles SET {WINDOW_COLUMN} = true
        WHERE NOT {WINDOW_COLUMN} AND (target IS NULL OR created_at > target);
        GET DIAGNOSTICS entered = ROW_COUNT;
        IF target IS NOT NULL THEN
            UPDATE articles SET {WINDOW_COLUMN} = false  -- created at or before the target, by the age index
            WHERE {WINDOW_COLUMN} AND {RECENCY} >= (target <=| '2100-01-01 00:00:00+00'::timestamptz);
            GET DIAGNOSTICS left_ = ROW_COUNT;
        END IF;
        UPDATE {WINDOW_TABLE} SET boundary = target WHERE id = 1;
        RETURN entered + left_;
    END $$""",
    f"""CREATE INDEX IF NOT EXISTS {WINDOW_INDEX} ON articles
    USING rum ({SEARCH_COLUMN} rum_tsvector_addon_ops, created_at) WITH (attach = 'created_at', to = '{SEARCH_COLUMN}')
    WHERE {WINDOW_COLUMN}""",
    f"CREATE INDEX IF NOT EXISTS {WINDOW_AGE_INDEX} ON articles ({RECENCY}, id DESC) WHERE {WINDOW_COLUMN}",
]
POSTGRESQL_WINDOW_DROP = [
    f"DROP INDEX IF EXISTS {WINDOW_AGE_INDEX}",
    f"DROP INDEX IF EXISTS {WINDOW_INDEX}",
    "DROP FUNCTION IF EXISTS search_window_fit(integer)",
    f"DROP TABLE IF EXISTS {WINDOW_TABLE}",
    f"ALTER TABLE articles DROP COLUMN IF EXISTS {WINDOW_COLUMN}",
]
log = logging.getLogger(__name__)

_SQLITE_TAGS = (
    "coalesce((SELECT group_concat(t.name, ' ') FROM article_tags l JOIN tags t ON t.id = l.tag_id"
    " WHERE l.article_id = {id}), '')"
)
SQLITE = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5(
        title, description, tags, body, tokenize = 'porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER IF NOT EXISTS articles_search_added AFTER INSERT ON articles BEGIN
        INSERT INTO {SEARCH_TABLE} (rowid, title, description, tags, body)
        VALUES (new.id, new.title, new.description, {_SQLITE_TAGS.format(id="new.id")}, new.body);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS articles_search_changed AFTER UPDATE OF title, description, body ON articles BEGIN
        UPDATE {SEARCH_TABLE} SET title = new.title, description = new.description, body = new.body
        WHERE rowid = new.id;
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS articles_search_removed AFTER DELETE ON articles BEGIN
        DELETE FROM {SEARCH_TABLE} WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS article_tags_search_added AFTER INSERT ON article_tags BEGIN
        UPDATE {SEARCH_TABLE} SET tags = {_SQLITE_TAGS.format(id="new.article_id")} WHERE rowid = new.article_id;
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS article_tags_search_removed AFTER DELETE ON article_tags BEGIN
        UPDATE {SEARCH_TABLE} SET tags = {_SQLITE_TAGS.format(id="old.article_id")} WHERE rowid = old.article_id;
    END""",
]
SQLITE_BACKFILL = [
    f"DELETE FROM {SEARCH_TABLE}",
    f"""INSERT INTO {SEARCH_TABLE} (rowid, title, description, tags, body)
    SELECT a.id, a.title, a.description, {_SQLITE_TAGS.format(id="a.id")}, a.body FROM articles a""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS article_tags_search_removed",
    "DROP TRIGGER IF EXISTS article_tags_search_added",
    "DROP TRIGGER IF EXISTS articles_search_removed",
    "DROP TRIGGER IF EXISTS articles_search_changed",
    "DROP TRIGGER IF EXISTS articles_search_added",
    f"DROP TABLE IF EXISTS {SEARCH_TABLE}",
]


def _run(connection: Connection, statements: list[str]) -> None:
    for statement in statements:
        connection.execute(text(statement))


def install(connection: Connection, *, backfill: bool = False) -> None:
    """Create the index and its triggers (idempotent); `backfill` indexes the articles already there."""
    postgresql = connection.dialect.name == "postgresql"
    _run(connection, POSTGRESQL if postgresql else SQLITE)
    if backfill:
        _run(connection, POSTGRESQL_BACKFILL if postgresql else SQLITE_BACKFILL)


def uninstall(connection: Connection) -> None:
    _run(connection, POSTGRESQL_DROP if connection.dialect.name == "postgresql" else SQLITE_DROP)


def install_recency(connection: Connection) -> bool:
    """Create the RUM extension and the recency indexes where PostgreSQL has RUM (idempotent);
    whether they are there. Without RUM, or without the right to create it, searches keep the GIN plan."""
    if connection.dialect.name != "postgresql":
        return False
    if connection.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")).first() is None:
        log.warning("PostgreSQL has no RUM extension: searches read every match to find the newest")
        return False
    try:
        with connection.begin_nested():
            _run(connection, POSTGRESQL_RECENCY)
    except DBAPIError as error:
        log.warning("the RUM recency index was not created (%s): searches keep the GIN plan", error.orig)
        return False
    return True


def uninstall_recency(connection: Connection) -> None:
    """Drop the recency indexes, and the search window, which needs them."""
    if connection.dialect.name == "postgresql":
        _run(connection, POSTGRESQL_WINDOW_DROP + POSTGRESQL_RECENCY_DROP)


def keep_documents_inline(connection: Connection, *, undo: bool = False) -> None:
    """PostgreSQL: documents written from now on stay in their row (existing ones move when rewritten)."""
    if connection.dialect.name == "postgresql":
        _run(connection, POSTGRESQL_INLINE_DOCUMENT_UNDO if undo else POSTGRESQL_INLINE_DOCUMENT)


def install_window(connection: Connection, keep: int = WINDOW_ARTICLES) -> bool:
    """Create the search window where the recency indexes are (idempotent) and fit it to the `keep`
    newest articles; whether it is there."""
    if not has_recency_index(connection, window=False):
        return False
    _run(connection, POSTGRESQL_WINDOW)
    fit_window(connection, keep)
    return True


def uninstall_window(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        _run(connection, POSTGRESQL_WINDOW_DROP)


def fit_window(connection: Connection, keep: int) -> int:
    """Move the window's boundary so that it holds the `keep` newest articles; how many entered or left.
    Run by a job or a migration, never in a request: it may update many rows, so no statement timeout."""
    connection.execute(text("SET LOCAL statement_timeout = 0"))
    return connection.execute(text("SELECT search_window_fit(:keep)"), {"keep": keep}).scalar_one()


def has_recency_index(connection: Connection, *, window: bool = True) -> bool:
    """Whether the recency indexes exist (PostgreSQL with RUM), and the search window unless not
    `window`: then a search may order by RECENCY, first within the window."""
    if connection.dialect.name != "postgresql":
        return False
    names = [RECENCY_INDEX, RECENCY_ORDER_INDEX, *([WINDOW_INDEX, WINDOW_AGE_INDEX] if window else [])]
    found = connection.execute(
        text("SELECT count(*) FROM pg_indexes WHERE indexname = ANY(:names)"), {"names": names}
    ).scalar_one()
    return found == len(names)


def is_search_index(name: str | None, type_: str) -> bool:
    """Whether a schema object Alembic finds belongs to this index (not to the models)."""
    if name is None:
        return False
    if type_ == "table":
        return name.startswith(SEARCH_TABLE) or name == WINDOW_TABLE
    return name in (SEARCH_COLUMN, SEARCH_INDEX, RECENCY_INDEX, RECENCY_ORDER_INDEX, WINDOW_COLUMN, WINDOW_INDEX,
                    WINDOW_AGE_INDEX)  # fmt: skip


def created_with_tables(_table: Any, connection: Connection, **_kwargs: Any) -> None:
    """`after_create` of article_tags (created after articles and tags): `db.create_all()` builds it too."""
    install(connection)
    install_recency(connection)
    keep_documents_inline(connection)
    install_window(connection)


def dropped_with_tables(_table: Any, connection: Connection, **_kwargs: Any) -> None:
    """`before_drop` of article_tags (dropped before articles): `db.drop_all()` leaves no index behind."""
    uninstall_recency(connection)
    uninstall(connection)
