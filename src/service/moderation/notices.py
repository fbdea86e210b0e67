"""The email that tells an author their article or comment was hidden, and why (a job)."""

from __future__ import annotations

from sqlalchemy import select

from service import jobs, mail
from service.extensions import db
from service.models import Article, User


@jobs.task(retry=True)
def send_hidden_notice(author_id: int, kind: str, article_id: int, key: str, reason: str) -> None:
    """Mail the author that their `kind` ("article" or "comment") was hidden, naming it and the reason."""
    author = db.session.scalars(select(User).where(User.id == author_id)).one_or_none()
    title = db.session.scalar(select(Article.title).where(Article.id == article_id))
    if author is None or title is None:  # deleted since
        return
    subject = f"Your {kind} on Conduit was hidden"
    message = mail.render(
        "content_hidden",
        author.email,
        subject,
        username=author.username,
        kind=kind,
        title=title,
        key=key,
        reason=reason,
    )
    mail.send(message)
