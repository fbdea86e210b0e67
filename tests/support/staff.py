"""Staff in the tests: a role given as `flask users set-role` gives it, and the moderation API's calls."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import update
from werkzeug.test import TestResponse

from service.extensions import db
from service.models import User
from tests.support.actors import Actor

REASON = {"action": {"reason": "against the house rules"}}


def give_role(client: FlaskClient, actor: Actor, role: str) -> Actor:
    with client.application.app_context():
        db.session.execute(update(User).where(User.username == actor.username).values(role=role))
        db.session.commit()
    return actor


def act(client: FlaskClient, staff: Actor, path: str, body: Any = None) -> TestResponse:
    """POST a staff action under /api/moderation with a reason."""
    return client.post(f"/api/moderation{path}", json=body or REASON, headers=staff.headers)
