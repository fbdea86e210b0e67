"""All tables in one place: they are few and tightly related.

There are no ORM relationships on purpose: every query names the columns it needs, so
nothing can load lazily row by row (N+1) behind a serializer's back.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    event,
    func,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from service import search_index
from service.extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


follows = Table(
    "follows",
    db.metadata,
    Column("follower_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("followed_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    # The primary key serves "whom do I follow" (the feed); this serves "who follows them".
    Index("ix_follows_followed_id", "followed_id"),
)

favorites = Table(
    "favorites",
    db.metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    # favoritesCount and "favorited by" both look favorites up by article.
    Index("ix_favorites_article_id", "article_id"),
)

article_tags = Table(
    "article_tags",
    db.metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", Integer, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_article_tags_tag_id", "tag_id"),
)
# The full-text index of articles lives outside the metadata (see `search_index`), built and dropped with it.
event.listen(article_tags, "after_create", search_index.created_with_tables)
event.listen(article_tags, "before_drop", search_index.dropped_with_tables)


class User(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    bio: Mapped[str] = mapped_column(Text, default="")
    image: Mapped[str] = mapped_column(String(2048), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Carried in every token as "gen"; a password change or reset adds one, refusing older tokens.
    token_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # member, moderator or admin (service.moderation.roles); read on every staff request, never from a token.
    role: Mapped[str] = mapped_column(String(16), default="member", server_default="member")
    # Suspended while suspended_at is set and suspended_until is unset or still ahead (service.visibility).
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    suspension_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The console's second factor (TOTP): the secret once enrolled, and the last time step accepted,
    # so that a code is taken once (`console.second_factor`).
    totp_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


# One user per name whatever its case: `alice` and `Alice` cannot both exist (lookups stay exact).
Index("ux_users_username_lower", func.lower(User.username), unique=True)


class Article(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(255), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set while moderation hides it: the row, its slug, favorites and comments stay for a restore.
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (
        # Every list is "newest first" (ties broken by id), optionally for one author: both walk
        # these indexes in order and stop after one page; the feed walks the second per author.
        Index("ix_articles_created_at_id", "created_at", "id"),
        Index("ix_articles_author_id_created_at_id", "author_id", "created_at", "id"),
    )


class Tag(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


class Comment(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class RevokedToken(db.Model):  # type: ignore[name-defined,misc]
    """A signed-out token's id, when there is no Redis to hold it; dropped once the token expires."""

    __tablename__ = "revoked_tokens"

    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class PasswordReset(db.Model):  # type: ignore[name-defined,misc]
    """A single-use password reset, stored as the hash of the token mailed out, never the token."""

    __tablename__ = "password_resets"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Report(db.Model):  # type: ignore[name-defined,misc]
    """A member's report of an article (comment_id unset) or of a comment (both set); open until resolved."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), nullable=True)
    reason: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    resolution: Mapped[str | None] = mapped_column(String(16), nullable=True)  # hidden, restored, dismissed

    __table_args__ = (
        # One report per reporter and item; NULLs are distinct in a unique index, hence two partial ones.
        Index(
            "ux_reports_reporter_article",
            "reporter_id",
            "article_id",
            unique=True,
            sqlite_where=text("comment_id IS NULL"),
            postgresql_where=text("comment_id IS NULL"),
        ),
        Index(
            "ux_reports_reporter_comment",
            "reporter_id",
            "comment_id",
            unique=True,
            sqlite_where=text("comment_id IS NOT NULL"),
            postgresql_where=text("comment_id IS NOT NULL"),
        ),
        # The queue reads open reports only, by item.
        Index("ix_reports_open_item", "article_id", "comment_id", "resolved_at"),
    )


class ModerationAudit(db.Model):  # type: ignore[name-defined,misc]
    """One staff action (or an auto-hide by `system`, actor_id unset): appended, never changed."""

    __tablename__ = "moderation_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    actor: Mapped[str] = mapped_column(String(40))  # the username then, or "system"
    action: Mapped[str] = mapped_column(String(16), index=True)
    target_type: Mapped[str] = mapped_column(String(16))
    target_key: Mapped[str] = mapped_column(String(255))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    request_id: Mapped[str | None] = mapped_column(String(64), nullable=True)

    __table_args__ = (Index("ix_moderation_audit_target", "target_type", "target_key"),)


class ConsoleSession(db.Model):  # type: ignore[name-defined,misc]
    """A staff console session when there is no Redis: stored under the SHA-256 of its cookie's id."""

    __tablename__ = "console_sessions"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    created: Mapped[float] = mapped_column(Float)  # Unix times, as the Redis store keeps them
    seen: Mapped[float] = mapped_column(Float)
    expires: Mapped[float] = mapped_column(Float, index=True)
