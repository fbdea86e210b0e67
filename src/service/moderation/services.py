"""Staff actions: hide and restore, dismiss, suspend and reinstate, set a role. The moderation API
and the staff console both call these, passing the acting user's id and the request id; each
checks the actor's role as stored now (a role change holds from the next request), raises
`ApiError` (401, 403, 404, 422) and writes its audit entry in the transaction of its change.

Each returns what it did and whether that changed anything readers see; the caller retires kept
answers when it did (`record_write` in a route). Hiding also resolves the item's open reports and
mails its author once, through the job queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from service import jobs, messages
from service.articles.services import ALL_ARTICLES_COUNT
from service.caching.store import shared_cache
from service.errors import ApiError
from service.extensions import db
from service.models import Article, Comment, Report, User, utcnow
from service.moderation.audit import SYSTEM, Action, Target, append
from service.moderation.notices import send_hidden_notice
from service.moderation.roles import Permission, Role, can, is_staff
from service.tags.services import TAG_CLOUD
from service.visibility import suspended


@dataclass(frozen=True)
class Staff:
    id: int
    username: str
    role: str


def acting_staff(user_id: int, permission: Permission = Permission.MODERATE) -> Staff:
    """The acting user, as stored now: 401 when gone, 403 unless their role grants `permission`."""
    row = db.session.execute(
        select(User.id, User.username, User.role, suspended().label("suspended")).where(User.id == user_id)
    ).one_or_none()
    if row is None:
        raise ApiError(401, messages.AUTH_USER_GONE)
    if row.suspended or not can(row.role, permission):
        raise ApiError(403, messages.ADMIN_ONLY if permission is Permission.SET_ROLE else messages.STAFF_ONLY)
    return Staff(row.id, row.username, row.role)


def staff_member(user_id: int) -> Staff | None:
    """The user as staff (moderator or admin, not suspended) now, or None: for the console's pages."""
    try:
        return acting_staff(user_id)
    except ApiError:
        return None


def find_staff_by_email(email: str) -> User | None:
    """The staff user with this email (moderator or admin, not suspended), or None."""
    user = db.session.execute(
        select(User, suspended().label("suspended")).where(User.email == email.strip().lower())
    ).one_or_none()
    if user is None or user.suspended or not is_staff(user.User.role):
        return None
    found: User = user.User
    return found


def changed_public_content() -> None:
    """Retire what the shared store keeps about the lists (the count, the tag cloud) after commit."""
    shared_cache().delete(ALL_ARTICLES_COUNT, TAG_CLOUD)


# --- hiding and restoring -------------------------------------------------------------


def _article(slug: str) -> Article:
    article = db.session.scalars(select(Article).where(Article.slug == slug)).one_or_none()
    if article is None:
        raise ApiError(404, messages.ARTICLE_NOT_FOUND)
    return article


def _comment(comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise ApiError(404, messages.COMMENT_NOT_FOUND)
    return comment


def _resolve_open_reports(article_id: int, comment_id: int | None, resolution: str) -> int:
    """Resolve the item's open reports; how many there were."""
    item = Report.comment_id == comment_id if comment_id is not None else Report.comment_id.is_(None)
    resolved = db.session.execute(
        update(Report)
        .where(Report.article_id == article_id, item, Report.resolved_at.is_(None))
        .values(resolved_at=utcnow(), resolution=resolution)
        .execution_options(synchronize_session=False)
    )
    return int(resolved.rowcount or 0)


def _item_view(target: Target, hidden_at: datetime | None, resolved: int) -> dict[str, Any]:
    return {
        "type": target.type,
        "key": target.key,
        "hidden": hidden_at is not None,
        "hidden_at": hidden_at,
        "resolved_reports": resolved,
    }


def _set_hidden(
    actor: Staff | None, item: Article | Comment, hide: bool, reason: str, request_id: str | None
) -> tuple[dict[str, Any], bool]:
    """Hide or restore an article or a comment, resolving its open reports (unless `system` hides
    it: an auto-hide waits for review); one audit entry and, for a hide by staff, one email."""
    is_comment = isinstance(item, Comment)
    target = Target("comment", str(item.id)) if is_comment else Target("article", item.slug)
    article_id = item.article_id if is_comment else item.id
    visible_changed = (item.hidden_at is None) == hide
    if visible_changed:
        item.hidden_at = utcnow() if hide else None
    resolved = 0
    if actor is not None:
        resolved = _resolve_open_reports(article_id, item.id if is_comment else None, "hidden" if hide else "restored")
    if not visible_changed and not resolved:
        db.session.rollback()
        return _item_view(target, item.hidden_at, 0), False
    action = Action.HIDE if hide else Action.RESTORE
    append(actor.id if actor else None, actor.username if actor else SYSTEM, action, target, reason, request_id)
    db.session.commit()
    changed_public_content()
    if hide and actor is not None:
        jobs.enqueue(send_hidden_notice.__name__, item.author_id, target.type, article_id, target.key, reason)
    return _item_view(target, item.hidden_at, resolved), visible_changed


def hide_article(actor_id: int, slug: str, reason: str, request_id: str | None = None) -> tuple[dict[str, Any], bool]:
    return _set_hidden(acting_staff(actor_id), _article(slug), True, reason, request_id)


def restore_article(
    actor_id: int, slug: str, reason: str, request_id: str | None = None
) -> tuple[dict[str, Any], bool]:
    return _set_hidden(acting_staff(actor_id), _article(slug), False, reason, request_id)


def hide_comment(
    actor_id: int, comment_id: int, reason: str, request_id: str | None = None
) -> tuple[dict[str, Any], bool]:
    return _set_hidden(acting_staff(actor_id), _comment(comment_id), True, reason, request_id)


def restore_comment(
    actor_id: int, comment_id: int, reason: str, request_id: str | None = None
) -> tuple[dict[str, Any], bool]:
    return _set_hidden(acting_staff(actor_id), _comment(comment_id), False, reason, request_id)


def dismiss_report(
    actor_id: int, report_id: int, reason: str, request_id: str | None = None
) -> tuple[dict[str, Any], bool]:
    """Close one report without acting on its item; a report closed already stays as it was."""
    staff = acting_staff(actor_id)
    report = db.session.get(Report, report_id)
    if report is None:
        raise ApiError(404, messages.REPORT_NOT_FOUND)
    changed = report.resolved_at is None
    if changed:
        report.resolved_at, report.resolution = utcnow(), "dismissed"
        append(staff.id, staff.username, Action.DISMISS, Target("report", str(report.id)), reason, request_id)
        db.session.commit()
    return report_view(report), changed


def report_view(report: Report) -> dict[str, Any]:
    return {
        "id": report.id,
        "reason": report.reason,
        "note": report.note,
        "created_at": report.created_at,
        "resolution": report.resolution,
        "resolved_at": report.resolved_at,
    }


# --- accounts ---------------------------------------------------------------------------


def _user(username: str) -> User:
    user = db.session.scalars(select(User).where(User.username == username)).one_or_none()
    if user is None:
        raise ApiError(404, messages.USER_NOT_FOUND)
    return user


def user_view(user: User) -> dict[str, Any]:
    now = utcnow()
    held = user.suspended_at is not None and (user.suspended_until is None or user.suspended_until > now)
    return {
        "username": user.username,
        "email": user.email,
        "role": user.role,
        "suspended": held,
        "suspended_until": user.suspended_until if held else None,
        "suspension_reason": user.suspension_reason if held else None,
    }


def _may_suspend(staff: Staff, user: User) -> None:
    if user.id == staff.id:
        raise ApiError(422, messages.CANNOT_SUSPEND_SELF, field="username")
    if is_staff(user.role) and not can(staff.role, Permission.SUSPEND_STAFF):
        raise ApiError(403, messages.CANNOT_SUSPEND_STAFF)


def suspend_user(
    actor_id: int, username: str, reason: str, until: datetime | None = None, request_id: str | None = None
) -> tuple[dict[str, Any], bool]:
    """Suspend until `until` (ahead, else 422) or until reinstated: every token issued so far is
    refused from now on, and stays refused after the suspension ends."""
    staff = acting_staff(actor_id, Permission.SUSPEND_MEMBERS)
    user = _user(username)
    _may_suspend(staff, user)
    if until is not None and until <= utcnow():
        raise ApiError(422, messages.UNTIL_NOT_AHEAD, field="until")
    user.suspended_at, user.suspended_until, user.suspension_reason = utcnow(), until, reason
    user.token_generation = (user.token_generation or 0) + 1
    note = reason if until is None else f"{reason} (until {until.isoformat()})"
    append(staff.id, staff.username, Action.SUSPEND, Target("user", user.username), note, request_id)
    db.session.commit()
    changed_public_content()
    return user_view(user), True


def reinstate_user(
    actor_id: int, username: str, reason: str, request_id: str | None = None
) -> tuple[dict[str, Any], bool]:
    """End a suspension now; the tokens it refused stay refused (the user signs in again)."""
    staff = acting_staff(actor_id, Permission.SUSPEND_MEMBERS)
    user = _user(username)
    _may_suspend(staff, user)
    if user.suspended_at is None:
        return user_view(user), False
    user.suspended_at = user.suspended_until = user.suspension_reason = None
    append(staff.id, staff.username, Action.REINSTATE, Target("user", user.username), reason, request_id)
    db.session.commit()
    changed_public_content()
    return user_view(user), True


def set_role(
    actor_id: int | None, username: str, role: str, reason: str = "", request_id: str | None = None
) -> tuple[dict[str, Any], bool]:
    """Admins only (actor_id None: `system`, the command line). Holds from the target's next request."""
    staff = acting_staff(actor_id, Permission.SET_ROLE) if actor_id is not None else None
    user = _user(username)
    if role not in {str(known) for known in Role}:
        raise ApiError(422, messages.INVALID, field="role")
    if staff is not None and user.id == staff.id:
        raise ApiError(422, messages.CANNOT_CHANGE_OWN_ROLE, field="role")
    if user.role == role:
        return user_view(user), False
    note = f"{user.role} -> {role}" + (f": {reason}" if reason else "")
    user.role = role
    append(
        staff.id if staff else None,
        staff.username if staff else SYSTEM,
        Action.SET_ROLE,
        Target("user", user.username),
        note,
        request_id,
    )
    db.session.commit()
    return user_view(user), True
