"""Full-text search of articles (`?search=`): the words taken from what a client sent, and the
statement that ranks the matches (the index itself is `service.search_index`).

A search is its words, each letters and digits only, so no operator or quote a client sends
reaches the search engine: PostgreSQL gets them through `plainto_tsquery`, SQLite's FTS5 as quoted
strings; all must match. Ranking every match of a common word would read every match, so a search
ranks the SEARCH_CANDIDATES newest matches: relevance first (a title outweighs the description,
then the tags, then the body), then recency. Its total counts those candidates. With the RUM
recency index (PostgreSQL), the newest matches come from the index, not from reading every match:
first from the search window's index (the newest articles only), and from the whole index only when
the window cannot give the same answer.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Engine,
    Integer,
    Select,
    and_,
    bindparam,
    func,
    literal_column,
    not_,
    or_,
    select,
    table,
    union_all,
)

from service import messages
from service.articles.queries import NEWEST_FIRST, PAGE_LIMIT, PAGE_OFFSET, favorited_expr, filters
from service.database import request_connection
from service.errors import ApiError
from service.models import Article
from service.profiles.services import following_expr
from service.search_index import (
    RECENCY,
    SEARCH_CANDIDATES,
    SEARCH_COLUMN,
    SEARCH_TABLE,
    TEXT_SEARCH_CONFIG,
    WINDOW_COLUMN,
    WINDOW_TABLE,
    has_recency_index,
)
from service.visibility import visible_article

MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 16
# FTS5's bm25 weights, by column (title, description, tags, body); PostgreSQL's are the A-D labels.
BM25_WEIGHTS = (10.0, 4.0, 2.0, 1.0)
WORD = re.compile(r"[^\W_]+")
SEARCH = bindparam("search")
NEWEST_ID = bindparam("newest_id", type_=Integer)  # a cursor's snapshot: no article written since
_RECENCY_INDEX: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()  # looked up once per engine


def search_words(search: str) -> list[str]:
    """The words of a search, lowercased; 422 when there is none, or too many."""
    words = WORD.findall(search.lower())
    if not words:
        raise ApiError(422, messages.SEARCH_HAS_NO_WORD, "search")
    if len(words) > MAX_SEARCH_WORDS:
        raise ApiError(422, messages.SEARCH_TOO_MANY_WORDS.format(count=MAX_SEARCH_WORDS), "search")
    return words


def engine_query(words: list[str], dialect: str) -> str:
    """What the search engine is given: plain words for `plainto_tsquery`, quoted strings for FTS5."""
    return " ".join(words) if dialect == "postgresql" else " ".join(f'"{word}"' for word in words)


def uses_recency_index(engine: Engine) -> bool:
    """Whether this database has the RUM recency index (looked up on its first search)."""
    if engine not in _RECENCY_INDEX:
        _RECENCY_INDEX[engine] = has_recency_index(request_connection())
    return _RECENCY_INDEX[engine]


def _tsquery() -> ColumnElement[Any]:
    return func.plainto_tsquery(literal_column(f"'{TEXT_SEARCH_CONFIG}'::regconfig"), SEARCH)


def _matches(dialect: str) -> Select[Any]:
    """The matching articles with their score: PostgreSQL's ts_rank, computed only for the rows the
    candidates' limit lets through (so the ranked rows carry a number, not their documents); FTS5's
    bm25, which only its MATCH statement can compute."""
    if dialect == "postgresql":
        document = literal_column(f"articles.{SEARCH_COLUMN}")
        score = func.ts_rank(document, _tsquery()).label("score")
        return select(Article.id, score).where(document.op("@@")(_tsquery()))
    index = table(SEARCH_TABLE, literal_column("rowid"))
    engine_table = literal_column(SEARCH_TABLE)
    return (
        select(Article.id, (-func.bm25(engine_table, *BM25_WEIGHTS)).label("score"))  # bm25: lower is better
        .select_from(index)
        .join(Article, Article.id == index.c.rowid)
        .where(engine_table.op("MATCH")(SEARCH))
    )


def _newest(matches: Select[Any]) -> Select[Any]:
    """Ordered by RECENCY, which a RUM index (few matches) or its B-tree (many) gives without a sort;
    articles created in the same microsecond as the last candidate come too, so the set is always the same."""
    return matches.order_by(literal_column(RECENCY)).fetch(SEARCH_CANDIDATES, with_ties=True)


def _window_first(matches: Select[Any]) -> Any:
    """The newest matches in the search window when they are all of the newest matches: the window
    holds every article (no boundary), or SEARCH_CANDIDATES matches all created after its boundary.
    Otherwise (one verdict, computed once) the newest matches of all articles."""
    windowed = _newest(matches.where(literal_column(f"articles.{WINDOW_COLUMN}", Boolean))).cte("windowed")
    boundary = select(literal_column("boundary")).select_from(table(WINDOW_TABLE)).scalar_subquery()
    enough = select(func.count()).select_from(windowed).scalar_subquery() >= SEARCH_CANDIDATES
    all_after = select(func.min(windowed.c.created_at)).scalar_subquery() > boundary
    verdict = select(or_(boundary.is_(None), and_(enough, all_after)).label("complete")).cte("verdict")
    complete = select(verdict.c.complete).scalar_subquery()
    everywhere = _newest(matches).subquery("everywhere")
    return union_all(select(windowed).where(complete), select(everywhere).where(not_(complete)))


@cache
def candidates(filter_names: tuple[str, ...], after: bool, dialect: str, recency: bool = False) -> Any:
    """The SEARCH_CANDIDATES newest matches; `after`: only those up to a cursor's snapshot. `recency`:
    from the RUM indexes, the search window's first."""
    matches = (
        _matches(dialect)
        .add_columns(Article.author_id, Article.created_at)
        .where(visible_article(), *(filters()[name] for name in filter_names))
        .where(*([Article.id <= NEWEST_ID] if after else []))
    )
    if recency:
        return _window_first(matches).subquery("candidates")
    return matches.order_by(*NEWEST_FIRST).limit(SEARCH_CANDIDATES).subquery("candidates")


@cache
def search_page_query(
    filter_names: tuple[str, ...], signed_in: bool, after: bool, dialect: str, recency: bool = False
) -> Select[Any]:
    """One page of a search: ids, creation times, the viewer's flags, the total of candidates and the
    newest candidate's id (a cursor's snapshot)."""
    found = candidates(filter_names, after, dialect, recency)
    return (
        select(
            found.c.id,
            found.c.created_at,
            favorited_expr(found.c.id, signed_in=signed_in).label("favorited"),
            following_expr(found.c.author_id, signed_in=signed_in).label("following"),
            func.count().over().label("total"),
            func.max(found.c.id).over().label("newest_id"),
        )
        .order_by(found.c.score.desc(), found.c.created_at.desc(), found.c.id.desc())
        .limit(PAGE_LIMIT)
        .offset(PAGE_OFFSET)
    )


@cache
def search_count_query(filter_names: tuple[str, ...], after: bool, dialect: str, recency: bool = False) -> Select[Any]:
    """The candidates' count, for a page past the last one (which has no row to carry it)."""
    return select(func.count()).select_from(candidates(filter_names, after, dialect, recency))
