"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for tests that read their mail."""

from __future__ import annotations

import email
import email.policy
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from tests.support.servers import free_port


class Inbox:
    def __init__(self, url: str, refuse_first: int = 0) -> None:
        self.url = url
        self.messages: list[EmailMessage] = []
        self.refused = 0
        self._refuse_first = refuse_first
        self._lock = threading.Lock()

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # aiosmtpd's hook
        if self.refused < self._refuse_first:
            self.refused += 1
            return "451 4.3.0 try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 OK"

    def wait_for(self, count: int, within: float = 15) -> list[EmailMessage]:
        """The first `count` messages, once they have arrived; fails after `within` seconds."""
        deadline = time.monotonic() + within
        while len(self.messages) < count:
            assert time.monotonic() < deadline, f"{len(self.messages)} of {count} messages within {within}s"
            time.sleep(0.05)
        return list(self.messages[:count])


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def reset_token_in(message: EmailMessage) -> str:
    found = re.search(r"/reset-password\?token=([A-Za-z0-9_-]+)", text_of(message))
    assert found, text_of(message)
    return found.group(1)


@contextmanager
def smtp_server(refuse_first: int = 0) -> Iterator[Inbox]:
    """An SMTP server on a free loopback port; it answers the first `refuse_first` messages 451."""
    port = free_port()
    inbox = Inbox(f"smtp://127.0.0.1:{port}", refuse_first)
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
