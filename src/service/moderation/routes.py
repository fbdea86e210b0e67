from typing import Any

from flask import g

from service import examples
from service.auth import signed_in_id
from service.blueprint import BODY_ERRORS, Blueprint
from service.caching.writes import record_write
from service.comments.routes import MAX_ID
from service.moderation import queue, reports, services
from service.moderation.schemas import (
    ActionRequest,
    AuditArgs,
    AuditResponse,
    ModeratedItemResponse,
    NewReportRequest,
    PageArgs,
    QueueResponse,
    ReportResponse,
    ResolvedReportResponse,
    RoleRequest,
    StaffUserResponse,
    SuspensionRequest,
)
from service.ratelimits import report_limit, write_limit

reports_blp = Blueprint("Reports", __name__, url_prefix="/api/articles", description="Report an article or a comment.")
blp = Blueprint(
    "Moderation",
    __name__,
    url_prefix="/api/moderation",
    description="Staff only (moderators and admins; a member gets 403): the report queue, hiding, suspensions, "
    "roles and the audit.",
)
COMMENT = f"<int(max={MAX_ID}):id>"
STAFF_WRITE_ERRORS = (*BODY_ERRORS, 403, 404, 422, 429)


def _answered(item: dict[str, Any], created: bool) -> tuple[dict[str, Any], int]:
    return {"report": item}, 201 if created else 200


def _acted(view_changed: tuple[dict[str, Any], bool], envelope: str) -> dict[str, Any]:
    """A staff action's answer; every one retires what the workers keep (read-your-writes for staff too)."""
    view, _changed = view_changed
    record_write(changed=True)
    return {envelope: view}


def _reason(payload: dict[str, Any]) -> str:
    return str(payload["action"]["reason"])


@reports_blp.route("/<slug>/reports", methods=["POST"])
@report_limit
@write_limit
@reports_blp.operation("ReportArticle", auth="required", errors=(*BODY_ERRORS, 404, 422, 429))
@reports_blp.arguments(NewReportRequest, example=examples.NEW_REPORT)
@reports_blp.response(201, ReportResponse)
@reports_blp.alt_response(200, schema=ReportResponse, description="Reported already: the first report")
def report_article(payload: dict[str, Any], slug: str) -> tuple[dict[str, Any], int]:
    """Report an article

    Flags another user's article for the moderators: 201 with the report, or 200 with the first one when
    you reported it already. Enough members' reports hide it at once, pending review.
    """
    fields = payload["report"]
    report, created, hidden = reports.report_article(signed_in_id(), slug, fields["reason"], fields["note"])
    record_write(changed=hidden)
    return _answered(report, created)


@reports_blp.route(f"/<slug>/comments/{COMMENT}/reports", methods=["POST"])
@report_limit
@write_limit
@reports_blp.operation("ReportComment", auth="required", errors=(*BODY_ERRORS, 404, 422, 429))
@reports_blp.arguments(NewReportRequest, example=examples.NEW_REPORT)
@reports_blp.response(201, ReportResponse)
@reports_blp.alt_response(200, schema=ReportResponse, description="Reported already: the first report")
def report_comment(payload: dict[str, Any], slug: str, id: int) -> tuple[dict[str, Any], int]:
    """Report a comment

    As reporting an article, for a comment under it.
    """
    fields = payload["report"]
    report, created, hidden = reports.report_comment(signed_in_id(), slug, id, fields["reason"], fields["note"])
    record_write(changed=hidden)
    return _answered(report, created)


@blp.route("/reports", methods=["GET"])
@blp.operation("GetModerationQueue", auth="required", errors=(403, 422))
@blp.arguments(PageArgs, location="query")
@blp.response(200, QueueResponse)
def get_queue(args: dict[str, Any]) -> dict[str, Any]:
    """The queue of open reports

    Reported items, most reported first, each with its open reports, their reasons and the reported text
    (hidden items too). A page at a time: send `nextCursor` back as `cursor`.
    """
    items, next_cursor = queue.open_reports(signed_in_id(), args.get("cursor"), args["limit"])
    return {"items": items, "next_cursor": next_cursor}


@blp.route("/articles/<slug>/hide", methods=["POST"])
@write_limit
@blp.operation("HideArticle", auth="required", errors=STAFF_WRITE_ERRORS)
@blp.arguments(ActionRequest, example=examples.MODERATION_ACTION)
@blp.response(200, ModeratedItemResponse)
def hide_article(payload: dict[str, Any], slug: str) -> dict[str, Any]:
    """Hide an article

    Gone for everyone but staff (404 by slug, out of every list, feed, count and tag), its comments too;
    resolves its open reports and mails its author the reason.
    """
    return _acted(services.hide_article(signed_in_id(), slug, _reason(payload), g.get("request_id")), "item")


@blp.route("/articles/<slug>/restore", methods=["POST"])
@write_limit
@blp.operation("RestoreArticle", auth="required", errors=STAFF_WRITE_ERRORS)
@blp.arguments(ActionRequest, example=examples.MODERATION_ACTION)
@blp.response(200, ModeratedItemResponse)
def restore_article(payload: dict[str, Any], slug: str) -> dict[str, Any]:
    """Restore an article

    Brings it back as it was (slug, favorites, comments, timestamps) and resolves its open reports.
    """
    return _acted(services.restore_article(signed_in_id(), slug, _reason(payload), g.get("request_id")), "item")


@blp.route(f"/comments/{COMMENT}/hide", methods=["POST"])
@write_limit
@blp.operation("HideComment", auth="required", errors=STAFF_WRITE_ERRORS)
@blp.arguments(ActionRequest, example=examples.MODERATION_ACTION)
@blp.response(200, ModeratedItemResponse)
def hide_comment(payload: dict[str, Any], id: int) -> dict[str, Any]:
    """Hide a comment

    Gone for everyone but staff; resolves its open reports and mails its author the reason.
    """
    return _acted(services.hide_comment(signed_in_id(), id, _reason(payload), g.get("request_id")), "item")


@blp.route(f"/comments/{COMMENT}/restore", methods=["POST"])
@write_limit
@blp.operation("RestoreComment", auth="required", errors=STAFF_WRITE_ERRORS)
@blp.arguments(ActionRequest, example=examples.MODERATION_ACTION)
@blp.response(200, ModeratedItemResponse)
def restore_comment(payload: dict[str, Any], id: int) -> dict[str, Any]:
    """Restore a comment

    Brings it back as it was and resolves its open reports.
    """
    return _acted(services.restore_comment(signed_in_id(), id, _reason(payload), g.get("request_id")), "item")


@blp.route(f"/reports/<int(max={MAX_ID}):report_id>/dismiss", methods=["POST"])
@write_limit
@blp.operation("DismissReport", auth="required", errors=STAFF_WRITE_ERRORS)
@blp.arguments(ActionRequest, example=examples.MODERATION_ACTION)
@blp.response(200, ResolvedReportResponse)
def dismiss_report(payload: dict[str, Any], report_id: int) -> dict[str, Any]:
    """Dismiss a report

    Closes one report, leaving its item as it is (restore an auto-hidden item to bring it back).
    """
    return _acted(services.dismiss_report(signed_in_id(), report_id, _reason(payload), g.get("request_id")), "report")


@blp.route("/users/<username>/suspend", methods=["POST"])
@write_limit
@blp.operation("SuspendUser", auth="required", errors=STAFF_WRITE_ERRORS)
@blp.arguments(SuspensionRequest, example=examples.SUSPENSION)
@blp.response(200, StaffUserResponse)
def suspend_user(payload: dict[str, Any], username: str) -> dict[str, Any]:
    """Suspend a user

    Their sign-in answers 403 and every token issued so far 401, for good; their profile, articles and
    comments are gone for everyone but staff, until `until` (when given) or a reinstatement. Moderators
    suspend members only; nobody suspends themselves.
    """
    action = payload["action"]
    suspension = services.suspend_user(signed_in_id(), username, action["reason"], action["until"], g.get("request_id"))
    return _acted(suspension, "user")


@blp.route("/users/<username>/reinstate", methods=["POST"])
@write_limit
@blp.operation("ReinstateUser", auth="required", errors=STAFF_WRITE_ERRORS)
@blp.arguments(ActionRequest, example=examples.MODERATION_ACTION)
@blp.response(200, StaffUserResponse)
def reinstate_user(payload: dict[str, Any], username: str) -> dict[str, Any]:
    """Reinstate a user

    Ends a suspension now: everything of theirs is back. Their old tokens stay refused: they sign in again.
    """
    return _acted(services.reinstate_user(signed_in_id(), username, _reason(payload), g.get("request_id")), "user")


@blp.route("/users/<username>/role", methods=["PUT"])
@write_limit
@blp.operation("SetUserRole", auth="required", errors=STAFF_WRITE_ERRORS)
@blp.arguments(RoleRequest, example=examples.ROLE_CHANGE)
@blp.response(200, StaffUserResponse)
def set_role(payload: dict[str, Any], username: str) -> dict[str, Any]:
    """Change a user's role

    Admins only; not your own. Holds from the user's next request.
    """
    change = services.set_role(signed_in_id(), username, payload["role"], payload["reason"], g.get("request_id"))
    return _acted(change, "user")


@blp.route("/audit", methods=["GET"])
@blp.operation("GetModerationAudit", auth="required", errors=(403, 422))
@blp.arguments(AuditArgs, location="query")
@blp.response(200, AuditResponse)
def get_audit(args: dict[str, Any]) -> dict[str, Any]:
    """The audit of staff actions

    Every staff action and auto-hide, newest first, with actor, action, target, reason, time and request id;
    filter by `actor`, `action` and `target`. Entries are never changed or deleted.
    """
    filters = {name: args.get(name) for name in ("actor", "action", "target", "cursor")}
    entries, next_cursor = queue.audit_entries(signed_in_id(), **filters, limit=args["limit"])
    return {"entries": entries, "next_cursor": next_cursor}
