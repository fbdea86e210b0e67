"""Signing in to the console: password, then a TOTP code (enrolled at the first sign-in); signing out.

A member, a wrong password and an unknown email get the same answer, in about the same time: the
password is always hashed (a decoy for an unknown email) before the role is looked at. The session
gets a new id when the password passes and again when the code does.
"""

from __future__ import annotations

from flask import Response, flash, g, redirect, render_template, session, url_for
from sqlalchemy import select

from service import messages
from service.console import second_factor as totp
from service.console.blueprint import blp
from service.console.forms import CodeForm, SignInForm, SignOutForm
from service.console.guard import (
    ENROLMENT,
    PENDING,
    SIGNED_IN,
    check_form_post,
    check_session_store,
    end_session,
    staff_only,
    to_sign_in,
    user_in,
)
from service.console.sessions import ServerSession
from service.errors import ApiError
from service.extensions import db
from service.models import User
from service.moderation.audit import Action, Target, record_audit
from service.moderation.services import staff_member
from service.ratelimits import console_code_limit, console_login_limits
from service.users.services import authenticate

ENROL_SECRET = "enrol_secret"
blp.before_request(check_session_store)  # first: without its sessions the console can check nothing
blp.before_request(check_form_post)


def _request_id() -> str | None:
    return g.get("request_id")


def _new_id() -> None:
    assert isinstance(session, ServerSession)
    session.regenerate()


@blp.route("/login", methods=["GET", "POST"])
@console_login_limits
def login() -> Response | tuple[str, int]:
    """Email and password: staff only; everyone else gets the same refusal."""
    if user_in(SIGNED_IN) is not None:
        return redirect(url_for("console.dashboard"), 303)
    form = SignInForm()
    if not form.validate_on_submit():
        return render_template("console/login.html", form=form), 400 if form.is_submitted() else 200
    try:
        user = authenticate(form.email.data.strip().lower(), form.password.data)
    except ApiError:  # unknown email, wrong password, suspended: all alike
        user = None
    if user is None or staff_member(user.id) is None:
        flash(messages.CONSOLE_SIGN_IN_FAILED, "error")
        return render_template("console/login.html", form=SignInForm(formdata=None)), 401
    session.clear()
    _new_id()
    session[PENDING] = user.id
    return redirect(
        url_for("console.second_factor_setup" if user.totp_secret is None else "console.second_factor"), 303
    )


def _pending_user() -> User | None:
    if user_in(PENDING) is None:
        return None
    return db.session.scalars(select(User).where(User.id == int(session[PENDING]))).one_or_none()


def _signed_in(user: User) -> Response:
    """Both factors passed: a new session id, holding the user, and an audit entry."""
    session.clear()
    _new_id()
    session[SIGNED_IN] = user.id
    session[ENROLMENT] = totp.fingerprint(db.session.scalar(select(User.totp_secret).where(User.id == user.id)))
    record_audit(user.id, Action.SIGN_IN, Target("console", user.username), "", _request_id())
    flash(messages.CONSOLE_SIGNED_IN, "info")
    return redirect(url_for("console.dashboard"), 303)


@blp.route("/2fa", methods=["GET", "POST"])
@console_code_limit
def second_factor() -> Response | tuple[str, int]:
    """The code from the authenticator app, once per time step."""
    user = _pending_user()
    if user is None:
        flash(messages.CONSOLE_SIGN_IN_FIRST, "error")
        return to_sign_in()
    if user.totp_secret is None:
        return redirect(url_for("console.second_factor_setup"), 303)
    form = CodeForm()
    if form.validate_on_submit():
        if totp.accept_code(user.id, user.totp_secret, form.code.data):
            return _signed_in(user)
        flash(messages.CONSOLE_CODE_INVALID, "error")
        return render_template("console/two_factor.html", form=CodeForm(formdata=None)), 401
    return render_template("console/two_factor.html", form=form), 400 if form.is_submitted() else 200


@blp.route("/2fa/setup", methods=["GET", "POST"])
@console_code_limit
def second_factor_setup() -> Response | tuple[str, int]:
    """First sign-in: a new secret, shown as text and as a QR code, confirmed by one code."""
    user = _pending_user()
    if user is None:
        flash(messages.CONSOLE_SIGN_IN_FIRST, "error")
        return to_sign_in()
    if user.totp_secret is not None:
        return redirect(url_for("console.second_factor"), 303)
    secret = session.setdefault(ENROL_SECRET, totp.new_secret())
    form = CodeForm()
    if form.validate_on_submit():
        if totp.enrol(user.id, secret, form.code.data):
            flash(messages.CONSOLE_ENROLLED, "info")
            return _signed_in(user)
        flash(messages.CONSOLE_CODE_INVALID, "error")
        form, status = CodeForm(formdata=None), 401
    else:
        status = 400 if form.is_submitted() else 200
    return render_template("console/setup.html", form=form, secret=secret, email=user.email), status


@blp.route("/2fa/setup/qr.svg")
def second_factor_qr() -> Response:
    """The pending secret as a QR code, drawn by the app (no third party sees it)."""
    user, secret = _pending_user(), session.get(ENROL_SECRET)
    if user is None or secret is None or user.totp_secret is not None:
        return Response(status=404)
    return Response(totp.qr_svg(secret, user.email), mimetype="image/svg+xml")


@blp.route("/logout", methods=["POST"])
@staff_only
def logout() -> Response:
    """End the session in the store, so the cookie opens nothing on any instance."""
    SignOutForm()  # its token was checked before the view (`check_form_post`)
    record_audit(g.staff.id, Action.SIGN_OUT, Target("console", g.staff.username), "", _request_id())
    end_session()
    return to_sign_in()
