"""Members report articles and comments; enough reports hide an item at once, pending review.

One report per member and item: reporting again answers the first report. An item reported by
MODERATION_AUTO_HIDE_REPORTS distinct members (0: never) is hidden by `system` in the request that
brings the last report: the audit says so, and its reports stay open, so the item stays in the
queue until staff restore it or confirm the hide.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlalchemy import func, select, update

from service import messages
from service.database import upsert
from service.errors import ApiError
from service.extensions import db
from service.models import Article, Comment, Report, utcnow
from service.moderation.audit import SYSTEM, Action, Target, append
from service.moderation.services import changed_public_content
from service.visibility import visible_article, visible_comment

REASONS = ("spam", "abuse", "off-topic", "other")
MAX_NOTE_LENGTH = 500


def _view(report: Report) -> dict[str, Any]:
    return {"id": report.id, "reason": report.reason, "note": report.note, "created_at": report.created_at}


def _file(reporter_id: int, article_id: int, comment_id: int | None, reason: str, note: str) -> tuple[Report, bool]:
    """The reporter's report of the item, filed now unless it was already; and whether it is new."""
    row = {"reporter_id": reporter_id, "article_id": article_id, "comment_id": comment_id}
    filed = db.session.execute(
        upsert(Report.__table__, db.engine.dialect.name)
        .values(**row, reason=reason, note=note, created_at=utcnow())
        .on_conflict_do_nothing(),
        execution_options={"preserve_rowcount": True},  # else psycopg's INSERT reports -1, not 0
    )
    item = Report.comment_id == comment_id if comment_id is not None else Report.comment_id.is_(None)
    report = db.session.scalars(
        select(Report).where(Report.reporter_id == reporter_id, Report.article_id == article_id, item)
    ).one()
    return report, filed.rowcount == 1


def _auto_hide(table: Any, item_id: int, target: Target, article_id: int, comment_id: int | None) -> bool:
    """Hide the item when enough members report it; whether this report did."""
    threshold = current_app.config["MODERATION_AUTO_HIDE_REPORTS"]
    if not threshold:
        return False
    item = Report.comment_id == comment_id if comment_id is not None else Report.comment_id.is_(None)
    reporters = db.session.scalar(
        select(func.count(func.distinct(Report.reporter_id))).where(
            Report.article_id == article_id, item, Report.resolved_at.is_(None)
        )
    )
    if (reporters or 0) < threshold:
        return False
    # Conditional, so that two last reports racing hide it (and audit it) once.
    hidden = db.session.execute(
        update(table).where(table.c.id == item_id, table.c.hidden_at.is_(None)).values(hidden_at=utcnow())
    )
    if not hidden.rowcount:
        return False
    append(None, SYSTEM, Action.HIDE, target, f"reported by {reporters} members, pending review", None)
    return True


def _report(
    reporter_id: int, author_id: int, article_id: int, comment_id: int | None, reason: str, note: str
) -> tuple[dict[str, Any], bool, bool]:
    if author_id == reporter_id:
        raise ApiError(422, messages.CANNOT_REPORT_OWN)
    report, created = _file(reporter_id, article_id, comment_id, reason, note)
    hidden = False
    if created:
        if comment_id is None:
            slug = db.session.scalar(select(Article.slug).where(Article.id == article_id)) or ""
            hidden = _auto_hide(Article.__table__, article_id, Target("article", slug), article_id, None)
        else:
            hidden = _auto_hide(
                Comment.__table__, comment_id, Target("comment", str(comment_id)), article_id, comment_id
            )
    db.session.commit()
    if hidden:
        changed_public_content()
    return _view(report), created, hidden


def report_article(reporter_id: int, slug: str, reason: str, note: str = "") -> tuple[dict[str, Any], bool, bool]:
    """The report (new, or the reporter's earlier one), whether it is new, and whether it hid the article."""
    found = db.session.execute(
        select(Article.id, Article.author_id).where(Article.slug == slug, visible_article())
    ).one_or_none()
    if found is None:
        raise ApiError(404, messages.ARTICLE_NOT_FOUND)
    return _report(reporter_id, found.author_id, found.id, None, reason, note)


def report_comment(
    reporter_id: int, slug: str, comment_id: int, reason: str, note: str = ""
) -> tuple[dict[str, Any], bool, bool]:
    """As `report_article`, for a comment under the article with this slug."""
    if db.session.scalar(select(Article.id).where(Article.slug == slug, visible_article())) is None:
        raise ApiError(404, messages.ARTICLE_NOT_FOUND)
    found = db.session.execute(
        select(Comment.article_id, Comment.author_id)
        .join(Article, Article.id == Comment.article_id)
        .where(Comment.id == comment_id, Article.slug == slug, visible_comment())
    ).one_or_none()
    if found is None:
        raise ApiError(404, messages.COMMENT_NOT_FOUND)
    return _report(reporter_id, found.author_id, found.article_id, comment_id, reason, note)
