"""Who may see a console page, checked on every request: the session's user, as staff right now.

A suspension, a role taken away or a second factor cleared ends the session at the user's next
request, on every instance, since the check reads the database each time. POSTs come from this
origin with their CSRF token.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import abort, g, redirect, request, session, url_for
from werkzeug.exceptions import ServiceUnavailable
from werkzeug.wrappers import Response

from service import messages
from service.caching.writes import record_write
from service.console.second_factor import still_enrolled
from service.console.sessions import RETRY_AFTER, ServerSession
from service.extensions import csrf
from service.moderation.services import Staff, staff_member

SIGNED_IN = "uid"  # the staff member's id, once both factors passed
ENROLMENT = "totp"  # the fingerprint of the second factor they passed with
PENDING = "pending_uid"  # the password passed, the second factor not yet


def _same_origin(url: str) -> bool:
    own, other = urlsplit(request.host_url), urlsplit(url)
    return (other.scheme, other.netloc) == (own.scheme, own.netloc)


def check_session_store() -> None:
    """Before every console request: with the session store away, a 503 page (never a 500)."""
    if getattr(session, "store_down", False):
        raise ServiceUnavailable(messages.CONSOLE_SESSIONS_UNAVAILABLE, retry_after=RETRY_AFTER)


def check_form_post() -> None:
    """Before every console POST: from this origin (Origin, else Referer; a browser sends one),
    then with this session's CSRF token (400 otherwise)."""
    if request.method != "POST":
        return
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or not _same_origin(source):
        abort(403, messages.CONSOLE_CROSS_ORIGIN)
    csrf.protect()
    record_write(changed=False)  # a sign-in or a session write changes nothing readers see


def end_session() -> None:
    assert isinstance(session, ServerSession)
    session.end()


def user_in(key: str) -> Staff | None:
    """The session's user under `key`, if still staff (not suspended) and, once signed in, still
    enrolled with the second factor they passed; otherwise the session ends."""
    user_id = session.get(key)
    if user_id is None:
        return None
    staff = staff_member(int(user_id))
    if staff is not None and key == SIGNED_IN and not still_enrolled(staff.id, session.get(ENROLMENT)):
        staff = None
    if staff is None:
        end_session()
    return staff


def staff_only(view: Callable[..., Any]) -> Callable[..., Any]:
    """Signed in with both factors, and staff now; else to the sign-in page. `g.staff` is who."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        staff = user_in(SIGNED_IN)
        if staff is None:
            return to_sign_in()
        g.staff = staff
        return view(*args, **kwargs)

    return wrapper


def to_sign_in() -> Response:
    return redirect(url_for("console.login"), 303)
