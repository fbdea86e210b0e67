"""The moderation audit: one entry per staff action (and per auto-hide, by `system`), appended only.

Nothing here or anywhere in the service updates or deletes an entry: `append` adds one inside the
action's own transaction, `record_audit` adds one on its own (the console's sign-in and sign-out),
and `entries` reads them newest first, a page at a time.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import select

from service import cursors
from service.extensions import db
from service.models import ModerationAudit, User, utcnow

SYSTEM = "system"


class Action(StrEnum):
    HIDE = "hide"
    RESTORE = "restore"
    DISMISS = "dismiss"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"
    SET_ROLE = "set-role"
    SIGN_IN = "sign-in"
    SIGN_OUT = "sign-out"


class Target(NamedTuple):
    """What an action was about: `article` and a slug, `comment` and an id, `report`, `user`, `console`."""

    type: str
    key: str


def append(
    actor_id: int | None, actor_name: str, action: Action, target: Target, reason: str, request_id: str | None
) -> None:
    """Add an entry to the session's transaction: it commits with the action, or not at all."""
    db.session.add(
        ModerationAudit(
            actor_id=actor_id,
            actor=actor_name,
            action=str(action),
            target_type=target.type,
            target_key=target.key[:255],
            reason=reason,
            created_at=utcnow(),
            request_id=request_id,
        )
    )


def record_audit(actor_id: int | None, action: Action, target: Target, reason: str, request_id: str | None) -> None:
    """Write one entry now (actor_id None is `system`): for actions outside the moderation
    services, such as the console's sign-in and sign-out."""
    name = SYSTEM
    if actor_id is not None:
        name = db.session.scalar(select(User.username).where(User.id == actor_id)) or SYSTEM
    append(actor_id, name, action, target, reason, request_id)
    db.session.commit()


def _entry_view(entry: ModerationAudit) -> dict[str, Any]:
    return {
        "id": entry.id,
        "actor": entry.actor,
        "action": entry.action,
        "target": {"type": entry.target_type, "key": entry.target_key},
        "reason": entry.reason,
        "created_at": entry.created_at,
        "request_id": entry.request_id,
    }


def entries(
    *,
    actor: str | None = None,
    action: str | None = None,
    target: str | None = None,
    cursor: str | None = None,
    limit: int = 20,
) -> tuple[list[dict[str, Any]], str | None]:
    """Newest first; `target` is a key (a slug, a username) or `type:key`. The next page's cursor,
    or None on the last page."""
    query = select(ModerationAudit).order_by(ModerationAudit.id.desc()).limit(limit + 1)
    if actor is not None:
        query = query.where(ModerationAudit.actor == actor)
    if action is not None:
        query = query.where(ModerationAudit.action == action)
    if target is not None:
        kind, _, key = target.partition(":")
        if key:
            query = query.where(ModerationAudit.target_type == kind, ModerationAudit.target_key == key)
        else:
            query = query.where(ModerationAudit.target_key == target)
    listed = {"actor": actor, "action": action, "target": target}
    if cursor is not None:
        (after_id,) = cursors.integers(cursors.decode(cursor, "audit", listed), 1)
        query = query.where(ModerationAudit.id < after_id)
    rows = list(db.session.scalars(query))
    next_cursor = cursors.encode("audit", listed, [rows[limit - 1].id]) if len(rows) > limit else None
    return [_entry_view(row) for row in rows[:limit]], next_cursor
