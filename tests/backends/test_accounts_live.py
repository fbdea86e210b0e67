"""Issue 22's accounts over HTTP against gunicorn with a real SMTP server on loopback: once with no Redis
(jobs run in the server's process after each answer), once with Redis and a real RQ worker process."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from PIL import Image

from tests.backends.support import call, eventually, live_only
from tests.support.images import HTML, MIB, SVG, TEXT, huge_png, image_bytes, truncated_png
from tests.support.live import LiveServer, live_server
from tests.support.multipart import put_file
from tests.support.servers import redis_server
from tests.support.smtp import Inbox, reset_token_in, smtp_server
from tests.support.worker import job_worker

pytestmark = [pytest.mark.live, live_only]
WITHIN = 15  # seconds a job gets to show its effect


@dataclass
class Deployment:
    server: LiveServer
    inbox: Inbox
    media_root: Path


@pytest.fixture(scope="module", params=["no redis", "redis and a worker"])
def deployment(request: pytest.FixtureRequest, new_database) -> Iterator[Deployment]:
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="conduit-accounts-")))
        inbox = stack.enter_context(smtp_server())
        settings = {"SMTP_URL": inbox.url, "MEDIA_ROOT": str(tmp / "media"), "FRONTEND_URL": "https://conduit.test"}
        if request.param == "redis and a worker":
            settings["REDIS_URL"] = stack.enter_context(redis_server()).url
        database_url = new_database(f"conduit_accounts_{request.param.replace(' ', '_')}")
        server = stack.enter_context(live_server(database_url, workers=2, **settings))
        if "REDIS_URL" in settings:
            stack.enter_context(job_worker(server.env, tmp / "worker.log"))
        yield Deployment(server, inbox, tmp / "media")


def register(server: LiveServer, name: str) -> str:
    user = {"username": name, "email": f"{name}@example.com", "password": f"{name}-password"}
    reply = call(server.url, "POST", "/api/users", {"user": user})
    assert reply.status == 201, reply.body
    return reply.body["user"]["token"]


def log_in(server: LiveServer, name: str, password: str | None = None) -> int | str:
    credentials = {"email": f"{name}@example.com", "password": password or f"{name}-password"}
    reply = call(server.url, "POST", "/api/users/login", {"user": credentials})
    return reply.body["user"]["token"] if reply.status == 200 else reply.status


def status_of(server: LiveServer, token: str) -> int:
    return call(server.url, "GET", "/api/user", token=token).status


def test_after_logout_the_token_is_401_and_the_users_other_tokens_still_work(deployment):
    server = deployment.server
    first = register(server, "leaver")
    second = log_in(server, "leaver")
    assert [status_of(server, first) for _ in range(4)] == [200] * 4  # both workers know it as good

    assert call(server.url, "POST", "/api/users/logout", token=first).status == 204

    assert [status_of(server, first) for _ in range(4)] == [401] * 4
    assert [status_of(server, second) for _ in range(4)] == [200] * 4


def test_after_a_password_change_earlier_tokens_are_401_and_the_new_one_works(deployment):
    server = deployment.server
    first = register(server, "changer")
    second = log_in(server, "changer")

    changed = call(server.url, "PUT", "/api/user", {"user": {"password": "changed-password"}}, token=first)

    assert changed.status == 200
    assert [status_of(server, token) for token in (first, second) for _ in range(2)] == [401] * 4
    assert [status_of(server, changed.body["user"]["token"]) for _ in range(4)] == [200] * 4


def test_a_password_reset_by_email_end_to_end(deployment):
    server, inbox = deployment.server, deployment.inbox
    old_token = register(server, "forgetful")
    mails_before = len(inbox.messages)

    known = call(server.url, "POST", "/api/users/password-reset", {"user": {"email": "forgetful@example.com"}})
    unknown = call(server.url, "POST", "/api/users/password-reset", {"user": {"email": "stranger@example.com"}})

    assert known.status == unknown.status == 202
    assert known.body == {"user": {"email": "forgetful@example.com"}}
    assert unknown.body == {"user": {"email": "stranger@example.com"}}
    message = inbox.wait_for(mails_before + 1, within=WITHIN)[-1]
    assert message["To"] == "forgetful@example.com"
    token = reset_token_in(message)
    assert f"https://conduit.test/reset-password?token={token}" in message.get_body(("plain",)).get_content()

    reset = {"reset": {"token": token, "password": "remembered-now"}}
    confirmed = call(server.url, "POST", "/api/users/password-reset/confirm", reset)
    again = call(server.url, "POST", "/api/users/password-reset/confirm", reset)

    assert confirmed.status == 200 and confirmed.body["user"]["username"] == "forgetful"
    assert again.status == 422 and list(again.body["errors"]) == ["token"]
    assert status_of(server, old_token) == 401
    assert status_of(server, confirmed.body["user"]["token"]) == 200
    assert isinstance(log_in(server, "forgetful", "remembered-now"), str)
    assert log_in(server, "forgetful") == 401
    inbox.wait_for(mails_before + 1, within=1)
    assert [m["To"] for m in inbox.messages[mails_before:]] == ["forgetful@example.com"]  # none to the stranger


def test_a_png_becomes_a_256_webp_avatar_within_seconds(deployment):
    server = deployment.server
    token = register(server, "pictured")

    status, body = put_file(server, "/api/user/image", token, image_bytes("PNG", (900, 600)), "me.png", "image/png")

    assert status == 202 and body["user"]["username"] == "pictured"
    image_url = eventually(
        lambda: call(server.url, "GET", "/api/user", token=token).body["user"]["image"], within=WITHIN
    )
    assert urlsplit(image_url).path.startswith("/media/avatars/")
    with urlopen(server.url + urlsplit(image_url).path, timeout=10) as served:
        assert served.headers["Content-Type"] == "image/webp"
        assert served.headers["X-Content-Type-Options"] == "nosniff"
        with Image.open(BytesIO(served.read())) as avatar:
            assert (avatar.format, avatar.size) == ("WEBP", (256, 256))


BAD_UPLOADS = {
    "svg": (SVG, "me.svg", "image/svg+xml"),
    "text named .png": (TEXT, "me.png", "image/png"),
    "html named .jpg": (HTML, "me.jpg", "image/jpeg"),
    "truncated png": (truncated_png(), "me.png", "image/png"),
    "20000x20000 png": (huge_png(), "me.png", "image/png"),
    "3 MiB": (b"\x89PNG\r\n\x1a\n" + bytes(3 * MIB), "me.png", "image/png"),
}


def test_bad_uploads_are_refused_nothing_is_stored_and_the_server_stays_healthy(deployment):
    server = deployment.server
    token = register(server, "attacker")
    stored_before = sorted(deployment.media_root.rglob("*"))

    answers = {kind: put_file(server, "/api/user/image", token, *upload) for kind, upload in BAD_UPLOADS.items()}

    for kind, (status, body) in answers.items():
        assert status == (413 if kind == "3 MiB" else 422), (kind, status, body)
        assert set(body) == {"errors"}, kind
    assert sorted(deployment.media_root.rglob("*")) == stored_before
    assert call(server.url, "GET", "/api/user", token=token).body["user"]["image"] == ""
    assert call(server.url, "GET", "/api/health").status == 200
    assert call(server.url, "GET", "/api/articles").status == 200
