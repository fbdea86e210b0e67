"""An article's slug: its title in lowercase words joined by hyphens, suffixed when taken."""

from __future__ import annotations

import re
import secrets
import unicodedata

from sqlalchemy import select

from service.extensions import db
from service.models import Article

MAX_SLUG_LENGTH = 80
# Path segments other routes own (/api/articles/feed): an article titled "Feed" gets a suffixed slug.
RESERVED_SLUGS = frozenset({"feed"})


def slugify(title: str) -> str:
    """ "How to Train Your Dragon!" -> "how-to-train-your-dragon"; accents are dropped,
    other scripts kept ("Привет мир" -> "привет-мир")."""
    decomposed = unicodedata.normalize("NFKD", title)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = re.sub(r"[\W_]+", "-", without_marks.lower()).strip("-")
    return slug[:MAX_SLUG_LENGTH].strip("-") or "article"


def slug_for(title: str, article_id: int | None, attempt: int) -> str:
    """The title's slug when no other article holds it (first attempt only), else suffixed."""
    base = slugify(title)
    if attempt == 0 and base not in RESERVED_SLUGS:
        taken = select(Article.id).where(Article.slug == base, Article.id != (article_id or 0))
        if db.session.scalar(taken) is None:
            return base
    return f"{base}-{secrets.token_hex(3)}"
