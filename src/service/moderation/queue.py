"""What staff read: the queue of open reports, hidden items, suspended users and the audit.

The queue groups open reports by item, most reported first (then most recently reported), a page at
a time by cursor. A page costs four statements whatever its size: the items, their articles, their
comments and their open reports. Staff see hidden items and suspended users' content here.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import and_, func, or_, select, tuple_
from sqlalchemy.orm import aliased

from service import cursors
from service.extensions import db
from service.models import Article, Comment, Report, User
from service.moderation import audit
from service.moderation.services import acting_staff, user_view
from service.visibility import suspended

MAX_LIMIT = 100


def _open_items(cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    item = func.coalesce(Report.comment_id, 0)
    grouped = (
        select(
            Report.article_id,
            item.label("comment_key"),
            func.count().label("reports"),
            func.max(Report.id).label("latest"),
        )
        .where(Report.resolved_at.is_(None))
        .group_by(Report.article_id, item)
        .subquery("open_items")
    )
    query = select(grouped).order_by(grouped.c.reports.desc(), grouped.c.latest.desc()).limit(limit + 1)
    if cursor is not None:
        count, latest = cursors.integers(cursors.decode(cursor, "queue", {}), 2)
        query = query.where(or_(grouped.c.reports < count, and_(grouped.c.reports == count, grouped.c.latest < latest)))
    rows = list(db.session.execute(query))
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = cursors.encode("queue", {}, [last.reports, last.latest])
    return rows[:limit], next_cursor


def _details(rows: list[Any]) -> tuple[dict[int, Any], dict[int, Any], dict[tuple[int, int], list[dict[str, Any]]]]:
    article_ids = {row.article_id for row in rows}
    comment_ids = {row.comment_key for row in rows if row.comment_key}
    author = aliased(User)
    articles = {
        row.id: row
        for row in db.session.execute(
            select(Article.id, Article.slug, Article.title, Article.body, Article.hidden_at, author.username)
            .join(author, author.id == Article.author_id)
            .where(Article.id.in_(article_ids))
        )
    }
    comments = {
        row.id: row
        for row in db.session.execute(
            select(Comment.id, Comment.body, Comment.hidden_at, author.username)
            .join(author, author.id == Comment.author_id)
            .where(Comment.id.in_(comment_ids))
        )
    }
    keys = [(row.article_id, row.comment_key) for row in rows]
    reports: dict[tuple[int, int], list[dict[str, Any]]] = {}
    if keys:
        of_items = tuple_(Report.article_id, func.coalesce(Report.comment_id, 0)).in_(keys)
        for report, reporter in db.session.execute(
            select(Report, author.username)
            .join(author, author.id == Report.reporter_id)
            .where(Report.resolved_at.is_(None), of_items)
            .order_by(Report.id.desc())
        ):
            reports.setdefault((report.article_id, report.comment_id or 0), []).append(_report_view(report, reporter))
    return articles, comments, reports


def _report_view(report: Report, reporter: str) -> dict[str, Any]:
    return {
        "id": report.id,
        "reason": report.reason,
        "note": report.note,
        "created_at": report.created_at,
        "reporter": reporter,
    }


def open_reports(viewer_id: int, cursor: str | None = None, limit: int = 20) -> tuple[list[dict[str, Any]], str | None]:
    """Open reports grouped by item, most reported first, with counts, reasons and the reported
    text; and the next page's cursor (None on the last page). Staff only."""
    acting_staff(viewer_id)
    rows, next_cursor = _open_items(cursor, min(limit, MAX_LIMIT))
    articles, comments, reports = _details(rows)
    items = []
    for row in rows:
        article, comment = articles.get(row.article_id), comments.get(row.comment_key)
        if article is None or (row.comment_key and comment is None):
            continue  # deleted between the statements
        shown = comment if comment is not None else article
        group = reports.get((row.article_id, row.comment_key), [])
        items.append(
            {
                "type": "comment" if comment is not None else "article",
                "slug": article.slug,
                "comment_id": comment.id if comment is not None else None,
                "title": article.title,
                "text": shown.body,
                "author": shown.username,
                "hidden": shown.hidden_at is not None,
                "report_count": row.reports,
                "reasons": dict(Counter(report["reason"] for report in group)),
                "reports": group,
            }
        )
    return items, next_cursor


def hidden_items(viewer_id: int, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
    """The articles and comments hidden now, most recently hidden first. Staff only."""
    acting_staff(viewer_id)
    limit = min(limit, MAX_LIMIT)
    articles = db.session.execute(
        select(Article.slug, Article.title, Article.hidden_at)
        .where(Article.hidden_at.is_not(None))
        .order_by(Article.hidden_at.desc())
        .limit(limit)
    )
    comments = db.session.execute(
        select(Comment.id, Comment.body, Comment.hidden_at, Article.slug)
        .join(Article, Article.id == Comment.article_id)
        .where(Comment.hidden_at.is_not(None))
        .order_by(Comment.hidden_at.desc())
        .limit(limit)
    )
    return {
        "articles": [row._asdict() for row in articles],
        "comments": [row._asdict() for row in comments],
    }


def suspended_users(viewer_id: int, limit: int = 50) -> list[dict[str, Any]]:
    """Users suspended now, most recently suspended first. Staff only."""
    acting_staff(viewer_id)
    rows = db.session.scalars(
        select(User).where(suspended()).order_by(User.suspended_at.desc()).limit(min(limit, MAX_LIMIT))
    )
    return [user_view(user) for user in rows]


def find_users(viewer_id: int, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Users whose username or email contains `query` (any case), for staff to act on. Staff only."""
    acting_staff(viewer_id)
    pattern = "%" + query.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = db.session.scalars(
        select(User)
        .where(or_(func.lower(User.username).like(pattern, escape="\\"), User.email.like(pattern, escape="\\")))
        .order_by(User.username)
        .limit(min(limit, MAX_LIMIT))
    )
    return [user_view(user) for user in rows]


def audit_entries(
    viewer_id: int,
    *,
    actor: str | None = None,
    action: str | None = None,
    target: str | None = None,
    cursor: str | None = None,
    limit: int = 20,
) -> tuple[list[dict[str, Any]], str | None]:
    """The audit, newest first, filtered by actor (a username or `system`), action and target. Staff only."""
    acting_staff(viewer_id)
    return audit.entries(actor=actor, action=action, target=target, cursor=cursor, limit=min(limit, MAX_LIMIT))
