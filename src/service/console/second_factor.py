"""The console's second factor: TOTP (RFC 6238, pyotp), each code accepted once.

`pyotp.TOTP.verify` says whether a code fits a time step, not whether it was used: the last step
accepted is stored per user, and a code is taken only for a later step, by one conditional UPDATE,
so two instances racing with the same code cannot both accept it. A session holds the fingerprint
of the enrolment it signed in with: clearing or replacing the enrolment ends it.
"""

from __future__ import annotations

import hashlib
import io
import time

import pyotp
import segno
from sqlalchemy import Update, or_, select, update

from service.extensions import db
from service.models import User

ISSUER = "Conduit staff console"
DRIFT_STEPS = 1  # a code of the step before or after is still taken (clocks drift, people type slowly)


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(secret: str, email: str) -> bytes:
    """The enrolment QR code as a standalone SVG, drawn here: no third party sees the secret."""
    out = io.BytesIO()
    segno.make(provisioning_uri(secret, email), error="m").save(out, kind="svg", scale=5, xmldecl=False)
    return out.getvalue()


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step this code belongs to (within the drift), or None."""
    code = code.strip().replace(" ", "")
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return None
    totp, now = pyotp.TOTP(secret), time.time() if now is None else now
    current = totp.timecode(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None


def accept_code(user_id: int, secret: str, code: str) -> bool:
    """Whether `code` is right and not used before; accepting it makes it (and older ones) used."""
    step = matching_step(secret, code)
    if step is None:
        return False
    unused = or_(User.totp_last_step.is_(None), User.totp_last_step < step)
    taken = update(User).where(User.id == user_id, User.totp_secret == secret, unused).values(totp_last_step=step)
    return _commit(taken)


def enrol(user_id: int, secret: str, code: str) -> bool:
    """Store `secret` as the user's second factor if `code` proves they hold it (and none is set)."""
    step = matching_step(secret, code)
    if step is None:
        return False
    enrolled = update(User).where(User.id == user_id, User.totp_secret.is_(None))
    return _commit(enrolled.values(totp_secret=secret, totp_last_step=step))


def reset(user_id: int) -> None:
    """Clear the enrolment: the next sign-in enrols again."""
    _commit(update(User).where(User.id == user_id).values(totp_secret=None, totp_last_step=None))


def fingerprint(secret: str | None) -> str | None:
    """What a session keeps of the enrolment it signed in with (never the secret itself)."""
    return hashlib.sha256(secret.encode()).hexdigest()[:32] if secret else None


def still_enrolled(user_id: int, signed_in_with: str | None) -> bool:
    """Whether the user's enrolment is still the one a session signed in with."""
    secret = db.session.scalar(select(User.totp_secret).where(User.id == user_id))
    return signed_in_with is not None and fingerprint(secret) == signed_in_with


def _commit(statement: Update) -> bool:
    """Run one conditional UPDATE and commit it; whether it changed the row."""
    changed = db.session.execute(statement).rowcount == 1
    db.session.commit()
    return changed
