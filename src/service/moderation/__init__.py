"""Moderation: roles, reports, hiding, suspensions and the audit. What the API and the console call:

- `roles`: `Role`, `Permission`, `can(role, permission)`, `is_staff(role)`.
- `services`: `acting_staff(user_id, permission)`, `staff_member(user_id)`, `find_staff_by_email(email)`;
  `hide_article(actor_id, slug, reason, request_id)`, `restore_article(...)`, `hide_comment(actor_id,
  comment_id, ...)`, `restore_comment(...)`, `dismiss_report(actor_id, report_id, ...)`,
  `suspend_user(actor_id, username, reason, until, request_id)`, `reinstate_user(...)`,
  `set_role(actor_id, username, role, reason, request_id)`; each returns (view, changed).
- `queue`: `open_reports(viewer_id, cursor, limit)`, `hidden_items(viewer_id, limit)`, `suspended_users(...)`.
- `audit`: `record_audit(actor_id, action, target, reason, request_id)`, `Action`, `Target`;
  `queue.audit_entries(viewer_id, actor=, action=, target=, cursor=, limit=)`.
- `reports`: `report_article(reporter_id, slug, ...)`, `report_comment(...)` (members, with auto-hide).

Errors are `service.errors.ApiError` (401, 403, 404, 422; `.code`, `.errors`). docs/moderation.md tells the rules.
"""
