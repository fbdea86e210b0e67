"""Password resets by email: a single-use token, valid PASSWORD_RESET_MINUTES, stored only as a hash.

Asking for a reset queues one job whatever the address (`send_password_reset`), so the answer is
the same, in the same time, for a known and an unknown address: the job looks the address up and
mails a link only to a known one. Using the token sets the password, spends the token and every
other one of that user, and adds one to the user's token generation, refusing every older JWT.
A suspended user's token is refused as their sign-in is, and kept for when the suspension ends.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from flask import current_app
from sqlalchemy import delete, select, update

from service import jobs, mail, messages
from service.errors import ApiError
from service.extensions import db
from service.models import PasswordReset, User
from service.passwords import hash_password
from service.visibility import suspended


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def request_reset(email: str) -> None:
    jobs.enqueue("send_password_reset", email)


@jobs.task(retry=True)
def send_password_reset(email: str) -> None:
    """Mail a reset link to `email` if it is a user's; nothing otherwise."""
    user = db.session.scalars(select(User).where(User.email == email)).one_or_none()
    if user is None:
        return
    minutes = current_app.config["PASSWORD_RESET_MINUTES"]
    token = secrets.token_urlsafe(32)
    expires_at = datetime.now(UTC) + timedelta(minutes=minutes)
    db.session.add(PasswordReset(token_hash=_digest(token), user_id=user.id, expires_at=expires_at))
    db.session.commit()
    link = f"{current_app.config['FRONTEND_URL']}/reset-password?{urlencode({'token': token})}"
    message = mail.render(
        "password_reset", user.email, "Reset your Conduit password", username=user.username, link=link, minutes=minutes
    )
    mail.send(message)  # raises on an SMTP failure: the job is retried, with a new token


def confirm_reset(token: str, password: str) -> User:
    """Set the password of the token's user, spending the token; 422 if it is unknown, used or expired,
    403 (changing nothing) while the user is suspended, as their sign-in is."""
    password_hash = hash_password(password)  # before the transaction, which then holds its locks briefly
    spent = db.session.execute(
        delete(PasswordReset)
        .where(PasswordReset.token_hash == _digest(token), PasswordReset.expires_at > datetime.now(UTC))
        .returning(PasswordReset.user_id)
    ).scalar_one_or_none()
    if spent is None:
        db.session.rollback()
        raise ApiError(422, messages.RESET_TOKEN_INVALID, field="token")
    if db.session.scalar(select(suspended()).where(User.id == spent)):  # no sign-in while suspended
        db.session.rollback()  # the token stays, for once the suspension ends
        raise ApiError(403, messages.ACCOUNT_SUSPENDED, field="account")
    db.session.execute(delete(PasswordReset).where(PasswordReset.user_id == spent))
    db.session.execute(
        update(User)
        .where(User.id == spent)
        .values(password_hash=password_hash, token_generation=User.token_generation + 1)
    )
    db.session.commit()
    user = db.session.get(User, spent)
    if user is None:  # deleted meanwhile
        raise ApiError(422, messages.RESET_TOKEN_INVALID, field="token")
    return user
