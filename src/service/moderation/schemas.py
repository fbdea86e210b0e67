from datetime import UTC

import marshmallow as ma
from marshmallow import validate

from service.cursors import MAX_CURSOR_LENGTH
from service.moderation.audit import Action
from service.moderation.reports import MAX_NOTE_LENGTH, REASONS
from service.moderation.roles import ROLES
from service.validation import MAX_PAGE_SIZE, Name, RequestSchema, Text, UTCTimestamp

MAX_REASON_LENGTH = 500
NEXT_CURSOR = {"description": "Send it as `cursor` for the next page; null on the last page."}
REASON = {"description": "Why: recorded in the audit and, for a hide, mailed to the author."}


# --- reports, by members ------------------------------------------------------------------


class NewReport(RequestSchema):
    reason = ma.fields.String(
        required=True, validate=validate.OneOf(REASONS), metadata={"description": "What is wrong with it."}
    )
    note = Text(
        max_length=MAX_NOTE_LENGTH,
        allow_blank=True,
        load_default="",
        metadata={"description": f"Anything the moderators should know (at most {MAX_NOTE_LENGTH} characters)."},
    )


class NewReportRequest(RequestSchema):
    report = ma.fields.Nested(NewReport, required=True, metadata={"description": "The report."})


class ReportSchema(ma.Schema):
    id = ma.fields.Integer(required=True, metadata={"description": "The report's id."})
    reason = ma.fields.String(required=True, metadata={"description": "What is wrong with it."})
    note = ma.fields.String(required=True, metadata={"description": "The reporter's note (may be empty)."})
    createdAt = UTCTimestamp(required=True, attribute="created_at", metadata={"description": "When it was filed."})


class ReportResponse(ma.Schema):
    report = ma.fields.Nested(ReportSchema, required=True, metadata={"description": "The report."})


# --- staff actions ------------------------------------------------------------------------


class ActionFields(RequestSchema):
    reason = Text(max_length=MAX_REASON_LENGTH, required=True, metadata=REASON)


class SuspensionFields(ActionFields):
    until = ma.fields.AwareDateTime(
        default_timezone=UTC,
        load_default=None,
        metadata={"description": "When it lifts by itself (ISO 8601, ahead); without it, until reinstated."},
    )


class ActionRequest(RequestSchema):
    action = ma.fields.Nested(ActionFields, required=True, metadata={"description": "The action's reason."})


class SuspensionRequest(RequestSchema):
    action = ma.fields.Nested(SuspensionFields, required=True, metadata={"description": "The reason, and the end."})


class RoleRequest(RequestSchema):
    role = ma.fields.String(required=True, validate=validate.OneOf(ROLES), metadata={"description": "The new role."})
    reason = Text(max_length=MAX_REASON_LENGTH, allow_blank=True, load_default="", metadata=REASON)


class ModeratedItem(ma.Schema):
    type = ma.fields.String(required=True, metadata={"description": "`article` or `comment`."})
    key = ma.fields.String(required=True, metadata={"description": "The article's slug, or the comment's id."})
    hidden = ma.fields.Boolean(required=True, metadata={"description": "Whether it is hidden now."})
    hiddenAt = UTCTimestamp(
        required=True, allow_none=True, attribute="hidden_at", metadata={"description": "Since when."}
    )
    resolvedReports = ma.fields.Integer(
        required=True, attribute="resolved_reports", metadata={"description": "Open reports this action resolved."}
    )


class ModeratedItemResponse(ma.Schema):
    item = ma.fields.Nested(ModeratedItem, required=True, metadata={"description": "The item as it stands."})


class ResolvedReport(ReportSchema):
    resolution = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "`hidden`, `restored` or `dismissed`; null while open."},
    )
    resolvedAt = UTCTimestamp(
        required=True, allow_none=True, attribute="resolved_at", metadata={"description": "When it was resolved."}
    )


class ResolvedReportResponse(ma.Schema):
    report = ma.fields.Nested(ResolvedReport, required=True, metadata={"description": "The report."})


class StaffUserView(ma.Schema):
    username = ma.fields.String(required=True, metadata={"description": "The user's username."})
    email = ma.fields.String(required=True, metadata={"description": "The user's email."})
    role = ma.fields.String(required=True, metadata={"description": "`member`, `moderator` or `admin`."})
    suspended = ma.fields.Boolean(required=True, metadata={"description": "Whether suspended now."})
    suspendedUntil = UTCTimestamp(
        required=True, allow_none=True, attribute="suspended_until", metadata={"description": "When it lifts."}
    )
    suspensionReason = ma.fields.String(
        required=True, allow_none=True, attribute="suspension_reason", metadata={"description": "Why."}
    )


class StaffUserResponse(ma.Schema):
    user = ma.fields.Nested(StaffUserView, required=True, metadata={"description": "The user as it stands."})


# --- what staff read ----------------------------------------------------------------------


class PageArgs(ma.Schema):
    cursor = Text(
        max_length=MAX_CURSOR_LENGTH,
        metadata={"description": "The `nextCursor` of the page before (one altered or of another query gets 422)."},
    )
    limit = ma.fields.Integer(
        load_default=20,
        validate=validate.Range(min=1, max=MAX_PAGE_SIZE),
        metadata={"description": f"How many to return (1-{MAX_PAGE_SIZE})."},
    )


class AuditArgs(PageArgs):
    actor = Name(max_length=40, metadata={"description": "Only this actor's entries: a username or `system`."})
    action = ma.fields.String(
        validate=validate.OneOf([str(action) for action in Action]), metadata={"description": "Only this action."}
    )
    target = Text(max_length=300, metadata={"description": "Only about this: a slug, a username, or `type:key`."})


class QueuedReport(ReportSchema):
    reporter = ma.fields.String(required=True, metadata={"description": "Who filed it."})


class QueueItem(ma.Schema):
    type = ma.fields.String(required=True, metadata={"description": "`article` or `comment`."})
    slug = ma.fields.String(required=True, metadata={"description": "The article's slug (a comment's article)."})
    commentId = ma.fields.Integer(
        required=True, allow_none=True, attribute="comment_id", metadata={"description": "The comment's id."}
    )
    title = ma.fields.String(required=True, metadata={"description": "The article's title."})
    text = ma.fields.String(required=True, metadata={"description": "The reported text: the body."})
    author = ma.fields.String(required=True, metadata={"description": "Who wrote it."})
    hidden = ma.fields.Boolean(required=True, metadata={"description": "Whether it is hidden now (auto-hidden)."})
    reportCount = ma.fields.Integer(required=True, attribute="report_count", metadata={"description": "Open reports."})
    reasons = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.Integer(),
        required=True,
        metadata={"description": "Open reports by reason."},
    )
    reports = ma.fields.List(
        ma.fields.Nested(QueuedReport), required=True, metadata={"description": "The open reports, newest first."}
    )


class QueueResponse(ma.Schema):
    items = ma.fields.List(
        ma.fields.Nested(QueueItem), required=True, metadata={"description": "Reported items, most reported first."}
    )
    nextCursor = ma.fields.String(required=True, allow_none=True, attribute="next_cursor", metadata=NEXT_CURSOR)


class AuditTarget(ma.Schema):
    type = ma.fields.String(required=True, metadata={"description": "`article`, `comment`, `report`, `user`..."})
    key = ma.fields.String(required=True, metadata={"description": "A slug, an id or a username."})


class AuditEntry(ma.Schema):
    id = ma.fields.Integer(required=True, metadata={"description": "The entry's id."})
    actor = ma.fields.String(required=True, metadata={"description": "The staff member's username, or `system`."})
    action = ma.fields.String(required=True, metadata={"description": "What was done."})
    target = ma.fields.Nested(AuditTarget, required=True, metadata={"description": "What it was done to."})
    reason = ma.fields.String(required=True, metadata={"description": "Why."})
    createdAt = UTCTimestamp(required=True, attribute="created_at", metadata={"description": "When."})
    requestId = ma.fields.String(
        required=True, allow_none=True, attribute="request_id", metadata={"description": "The request's X-Request-ID."}
    )


class AuditResponse(ma.Schema):
    entries = ma.fields.List(
        ma.fields.Nested(AuditEntry), required=True, metadata={"description": "Entries, newest first."}
    )
    nextCursor = ma.fields.String(required=True, allow_none=True, attribute="next_cursor", metadata=NEXT_CURSOR)
