"""The console's pages and its action forms, each a call to one moderation service function.

Pages read through `service.moderation.queue`; actions call `service.moderation.services`, which
check the actor's role as stored now. A refused action (403, 404, 422) comes back as a message on
the page it was sent from (Post/Redirect/Get), never as a changed item.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import UTC
from typing import Any

from flask import Response, flash, g, redirect, render_template, request, url_for

from service import messages
from service.caching.writes import record_write
from service.console.blueprint import blp
from service.console.forms import ActionForm, RoleForm, SuspendForm
from service.console.guard import staff_only
from service.errors import ApiError
from service.moderation import queue, services
from service.moderation.audit import Action

AUDIT_FILTERS = ("actor", "action", "target")
CSV_MAX_ROWS = 10_000
CSV_FIELDS = ("created_at", "actor", "action", "target", "reason", "request_id")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run these as formulas


def _filters() -> dict[str, str]:
    return {name: value for name in AUDIT_FILTERS if (value := request.args.get(name, "").strip())}


@blp.route("/")
@staff_only
def dashboard() -> str:
    """Open reports, hidden items and suspended users at a glance."""
    items, more = queue.open_reports(g.staff.id, limit=10)
    hidden = queue.hidden_items(g.staff.id)
    return render_template(
        "console/dashboard.html", items=items, more=more, hidden=hidden, suspended=queue.suspended_users(g.staff.id)
    )


@blp.route("/reports")
@staff_only
def reports() -> str:
    """The queue: reported items, most reported first, with their text and every open report."""
    items, next_cursor = queue.open_reports(g.staff.id, cursor=request.args.get("cursor"))
    return render_template("console/reports.html", items=items, next_cursor=next_cursor)


@blp.route("/users")
@staff_only
def users() -> str:
    """Find users by username or email (`?q=`) to suspend, reinstate or change their role."""
    query = request.args.get("q", "").strip()[:254]
    found = queue.find_users(g.staff.id, query) if query else []
    return render_template(
        "console/users.html", q=query, found=found, suspended=queue.suspended_users(g.staff.id), roles=RoleForm
    )


@blp.route("/audit")
@staff_only
def audit() -> str:
    """Every staff action, newest first; filter by actor, action and target."""
    entries, next_cursor = queue.audit_entries(g.staff.id, cursor=request.args.get("cursor"), **_filters())
    actions = [str(action) for action in Action]
    return render_template(
        "console/audit.html", entries=entries, next_cursor=next_cursor, filters=_filters(), actions=actions
    )


def _csv_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _audit_rows(viewer_id: int, filters: dict[str, str]) -> Iterator[list[str]]:
    cursor: str | None = None
    for _page in range(CSV_MAX_ROWS // queue.MAX_LIMIT):
        entries, cursor = queue.audit_entries(viewer_id, cursor=cursor, limit=queue.MAX_LIMIT, **filters)
        for entry in entries:
            target = f"{entry['target']['type']}:{entry['target']['key']}"
            values = (entry["created_at"].isoformat(), entry["actor"], entry["action"], target, entry["reason"])
            yield [_csv_cell(value) for value in (*values, entry["request_id"])]
        if cursor is None:
            return


@blp.route("/audit.csv")
@staff_only
def audit_csv() -> Response:
    """The filtered audit as CSV (newest first, at most CSV_MAX_ROWS rows)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    writer.writerows(_audit_rows(g.staff.id, _filters()))
    headers = {"Content-Disposition": 'attachment; filename="conduit-audit.csv"'}
    return Response(out.getvalue(), mimetype="text/csv", headers=headers)


def _back() -> Response:
    """To the console page the form was on (a path under /admin only), else the overview."""
    target = request.form.get("next", "")
    safe = target.startswith("/admin") and not target.startswith("//") and "\\" not in target
    return redirect(target if safe else url_for("console.dashboard"), 303)


def _act(
    form: ActionForm | RoleForm, what: str, call: Callable[[], tuple[Any, bool]], *, public: bool = True
) -> Response:
    """Run one staff action and say how it went; a refusal or a bad field changes nothing. `public`:
    whether the action can change what readers see (a role cannot), so kept answers retire."""
    if not form.validate():
        for field, errors in form.errors.items():
            flash(f"{field}: {'; '.join(errors)}", "error")
        return _back()
    try:
        _view, changed = call()
    except ApiError as error:
        flash("; ".join(f"{field}: {text}" for field, texts in error.errors.items() for text in texts), "error")
        return _back()
    record_write(changed=changed and public)
    done = changed or not public
    flash((messages.CONSOLE_DONE if done else messages.CONSOLE_NOTHING_CHANGED).format(what=what), "info")
    return _back()


def _request_id() -> str | None:
    return g.get("request_id")


@blp.route("/articles/<slug>/hide", methods=["POST"])
@staff_only
def hide_article(slug: str) -> Response:
    form = ActionForm()
    return _act(form, f"article {slug} hidden",
                lambda: services.hide_article(g.staff.id, slug, form.reason.data, _request_id()))  # fmt: skip


@blp.route("/articles/<slug>/restore", methods=["POST"])
@staff_only
def restore_article(slug: str) -> Response:
    form = ActionForm()
    return _act(form, f"article {slug} restored",
                lambda: services.restore_article(g.staff.id, slug, form.reason.data, _request_id()))  # fmt: skip


@blp.route("/comments/<int:comment_id>/hide", methods=["POST"])
@staff_only
def hide_comment(comment_id: int) -> Response:
    form = ActionForm()
    return _act(form, f"comment {comment_id} hidden",
                lambda: services.hide_comment(g.staff.id, comment_id, form.reason.data, _request_id()))  # fmt: skip


@blp.route("/comments/<int:comment_id>/restore", methods=["POST"])
@staff_only
def restore_comment(comment_id: int) -> Response:
    form = ActionForm()
    return _act(form, f"comment {comment_id} restored",
                lambda: services.restore_comment(g.staff.id, comment_id, form.reason.data, _request_id()))  # fmt: skip


@blp.route("/reports/<int:report_id>/dismiss", methods=["POST"])
@staff_only
def dismiss_report(report_id: int) -> Response:
    form = ActionForm()
    return _act(form, f"report {report_id} dismissed",
                lambda: services.dismiss_report(g.staff.id, report_id, form.reason.data, _request_id()))  # fmt: skip


@blp.route("/users/<username>/suspend", methods=["POST"])
@staff_only
def suspend_user(username: str) -> Response:
    form = SuspendForm()

    def suspend() -> tuple[Any, bool]:
        until = form.until.data.replace(tzinfo=UTC) if form.until.data else None
        return services.suspend_user(g.staff.id, username, form.reason.data, until=until, request_id=_request_id())

    return _act(form, f"{username} suspended", suspend)


@blp.route("/users/<username>/reinstate", methods=["POST"])
@staff_only
def reinstate_user(username: str) -> Response:
    form = ActionForm()
    return _act(form, f"{username} reinstated",
                lambda: services.reinstate_user(g.staff.id, username, form.reason.data, _request_id()))  # fmt: skip


@blp.route("/users/<username>/role", methods=["POST"])
@staff_only
def set_role(username: str) -> Response:
    form = RoleForm()
    return _act(form, f"{username}'s role set to {form.role.data}",
                lambda: services.set_role(g.staff.id, username, form.role.data, form.reason.data or "", _request_id()),
                public=False)  # fmt: skip
