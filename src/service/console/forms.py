"""The console's forms: each carries the session's CSRF token (Flask-WTF) and checks its fields."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp

from service.moderation.roles import ROLES

REASON_MAX = 500


class SignInForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])


class CodeForm(FlaskForm):
    code = StringField(
        "Code from your authenticator app",
        validators=[DataRequired(), Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message="is six digits")],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )


class ActionForm(FlaskForm):
    """Hide, restore, dismiss, reinstate: why, for the audit (and the author's email)."""

    reason = StringField("Reason", validators=[DataRequired(), Length(max=REASON_MAX)])


class SuspendForm(ActionForm):
    until = DateTimeLocalField("Until (UTC, optional)", validators=[Optional()], format="%Y-%m-%dT%H:%M")


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=[SelectChoice(role, role) for role in ROLES], validators=[DataRequired()])
    reason = StringField("Reason", validators=[Optional(), Length(max=REASON_MAX)])


class SignOutForm(FlaskForm):
    """No field but the CSRF token: a sign-out is a POST no other site can make."""
