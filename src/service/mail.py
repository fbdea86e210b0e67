"""Email: rendered from Jinja templates (`templates/mail/<name>.txt` and `.html`), sent over SMTP.

`SMTP_URL` names the server: `smtp://[user:password@]host[:port]`, or `smtp+starttls://...` to
upgrade the connection with STARTTLS before logging in. Without it (development) each message is
written to the log instead. Messages are sent by a job (`service.jobs`), which retries on failure.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template

log = logging.getLogger(__name__)
SMTP_TIMEOUT_SECONDS = 10


def render(template: str, to: str, subject: str, **context: object) -> dict[str, str]:
    """A message ready to send (a plain dict, so a job can carry it)."""
    return {
        "to": to,
        "subject": subject,
        "text": render_template(f"mail/{template}.txt", **context),
        "html": render_template(f"mail/{template}.html", **context),
    }


def send(message: dict[str, str]) -> None:
    """Send a rendered message; raises smtplib.SMTPException or OSError when the server fails."""
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = message["to"]
    email["Subject"] = message["subject"]
    email["Message-ID"] = make_msgid(domain="conduit")
    email.set_content(message["text"])
    email.add_alternative(message["html"], subtype="html")
    url = current_app.config["SMTP_URL"]
    if not url:
        log.info("mail not sent (no SMTP_URL)", extra={"fields": {"to": message["to"], "text": message["text"]}})
        return
    parts = urlsplit(url)
    with smtplib.SMTP(parts.hostname or "", parts.port or 25, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        if parts.scheme == "smtp+starttls":
            smtp.starttls()
        if parts.username:
            smtp.login(unquote(parts.username), unquote(parts.password or ""))
        smtp.send_message(email)
