"""The moderation API as outside clients reach it over a live gunicorn: members signing up, staff
made by `flask users set-role` as operators make them, reads sent to every worker at once, and the
author's mail read off the SMTP server."""

from __future__ import annotations

import itertools
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from tests.backends.support import Reply, at_once, call
from tests.support.live import BIN, LiveServer
from tests.support.smtp import Inbox, text_of
from tests.support.staff import REASON

_names = itertools.count(1)


@dataclass
class Member:
    username: str
    email: str
    password: str
    token: str


def database_beside(database_url: str, name: str, directory: Path) -> str:
    """An empty database for a live server: a SQLite file in `directory`, or a new PostgreSQL database
    on the suite's cluster (the suite's own database is emptied by other tests meanwhile)."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        return f"sqlite:///{directory / f'{name}.sqlite3'}"
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@dataclass
class Site:
    """One deployment: gunicorn with `workers` workers, and the mailbox its jobs send to."""

    server: LiveServer
    inbox: Inbox

    def call(self, method: str, path: str, body: Any = None, who: Member | None = None) -> Reply:
        return call(self.server.url, method, path, body, token=who.token if who else None)

    def get(self, path: str, who: Member | None = None) -> Reply:
        return self.call("GET", path, who=who)

    def on_every_worker(self, path: str, who: Member | None = None) -> list[Reply]:
        """`path` read by three readers per worker at the same instant: every worker answers some."""
        return at_once([lambda: self.get(path, who) for _ in range(3 * self.server.workers)])

    def member(self, name: str) -> Member:
        """A new member; `name` gets a number, since the deployment outlives each test."""
        username = f"{name}{next(_names)}"
        email, password = f"{username}@example.com", f"{username}-password"
        reply = self.call("POST", "/api/users", {"user": {"username": username, "email": email, "password": password}})
        assert reply.status == 201, reply.body
        return Member(username, email, password, reply.body["user"]["token"])

    def staff(self, name: str, role: str = "moderator") -> Member:
        member = self.member(name)
        self.flask("users", "set-role", member.email, role)
        return member

    def flask(self, *args: str) -> subprocess.CompletedProcess[str]:
        """`flask --app service ARGS` on the server's database, run where no .env is read."""
        with tempfile.TemporaryDirectory(prefix="conduit-cli-") as workdir:
            command = [str(BIN / "flask"), "--app", "service", *args]
            env = self.server.env
            done = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        return done

    def log_in(self, member: Member) -> Reply:
        return self.call("POST", "/api/users/login", {"user": {"email": member.email, "password": member.password}})

    def article(self, author: Member, tag: str) -> dict[str, Any]:
        fields = {"title": f"Dragons of {tag}", "description": "On dragons", "body": "They fly", "tagList": [tag]}
        reply = self.call("POST", "/api/articles", {"article": fields}, author)
        assert reply.status == 201, reply.body
        return reply.body["article"]

    def comment(self, author: Member, slug: str) -> dict[str, Any]:
        reply = self.call("POST", f"/api/articles/{slug}/comments", {"comment": {"body": "Nice dragons"}}, author)
        assert reply.status == 200, reply.body
        return reply.body["comment"]

    def report(self, reporter: Member, path: str, reason: str = "spam") -> Reply:
        """Report the article at `path` (`/api/articles/<slug>`) or the comment there (`.../comments/<id>`)."""
        return self.call("POST", f"{path}/reports", {"report": {"reason": reason}}, reporter)

    def act(self, staff: Member, path: str, body: Any = None) -> Reply:
        """A staff action under /api/moderation, with a reason."""
        return self.call("POST", f"/api/moderation{path}", body or REASON, staff)

    def queue(self, staff: Member) -> list[dict[str, Any]]:
        reply = self.get("/api/moderation/reports?limit=100", staff)
        assert reply.status == 200, reply.body
        items: list[dict[str, Any]] = reply.body["items"]
        return items

    def mail_to(self, member: Member) -> list[str]:
        """The text of every message the mailbox holds for `member`."""
        return [text_of(message) for message in self.inbox.messages if message["To"] == member.email]
