"""Registration, login and profile updates for the current user."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, func, or_, select
from sqlalchemy.exc import IntegrityError

from service import messages
from service.errors import ApiError
from service.extensions import db
from service.models import User
from service.passwords import hash_password, needs_rehash, verify_password
from service.visibility import suspended


def _taken_fields(username: str | None, email: str | None, except_id: int | None = None) -> dict[str, list[str]]:
    """Which of these are another user's: a username whatever its case (the database's lower(),
    as its unique index compares), an email as stored (lowercased already)."""
    if username is None and email is None:
        return {}
    same_name = func.lower(User.username) == func.lower(username) if username is not None else false()
    same_email = User.email == email if email is not None else false()
    query = select(same_name.label("same_name"), same_email.label("same_email")).where(or_(same_name, same_email))
    if except_id is not None:
        query = query.where(User.id != except_id)
    taken: dict[str, list[str]] = {}
    for row in db.session.execute(query):
        if row.same_name:
            taken["username"] = [messages.TAKEN]
        if row.same_email:
            taken["email"] = [messages.TAKEN]
    return taken


def _reject_taken(username: str | None, email: str | None, except_id: int | None = None) -> None:
    taken = _taken_fields(username, email, except_id)
    if taken:
        raise ApiError.invalid(taken)


def _commit_unique(username: str | None, email: str | None, except_id: int | None = None) -> None:
    """Commit, turning a lost race on username/email into the same 422 as the pre-check."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        _reject_taken(username, email, except_id)
        raise


def register(username: str, email: str, password: str) -> User:
    _reject_taken(username, email)
    user = User(username=username, email=email, password_hash=hash_password(password), bio="", image="")
    db.session.add(user)
    _commit_unique(username, email)
    return user


def authenticate(email: str, password: str) -> User:
    """Unknown email and wrong password fail alike, in the same time."""
    user = db.session.scalars(select(User).where(User.email == email)).one_or_none()
    if not verify_password(user.password_hash if user else None, password) or user is None:
        raise ApiError(401, messages.CREDENTIALS_INVALID)
    if db.session.scalar(select(suspended()).where(User.id == user.id)):  # told only to who knows the password
        raise ApiError(403, messages.ACCOUNT_SUSPENDED, field="account")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def update_user(user: User, changes: dict[str, Any]) -> User:
    username, email = changes.get("username"), changes.get("email")
    _reject_taken(username, email, except_id=user.id)
    if "password" in changes:  # and every token issued before is refused (`service.revocation`)
        user.password_hash = hash_password(changes.pop("password"))
        user.token_generation = (user.token_generation or 0) + 1
    for field, value in changes.items():
        setattr(user, field, value if value is not None else "")
    _commit_unique(username, email, except_id=user.id)
    return user
