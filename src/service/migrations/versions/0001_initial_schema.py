"""Initial schema: users, follows, articles, tags, favorites, comments.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _timestamp(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def _link(name: str, table: str, column: str = "id") -> sa.Column:
    return sa.Column(name, sa.Integer(), sa.ForeignKey(f"{table}.{column}", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(length=40), nullable=False, unique=True),
        sa.Column("email", sa.String(length=254), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("bio", sa.Text(), nullable=False),
        sa.Column("image", sa.String(length=2048), nullable=False),
        _timestamp("created_at"),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=50), nullable=False, unique=True),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("slug", sa.String(length=255), nullable=False, unique=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        _link("author_id", "users"),
        _timestamp("created_at"),
        _timestamp("updated_at"),
    )
    op.create_index("ix_articles_created_at_id", "articles", ["created_at", "id"])
    op.create_index("ix_articles_author_id_created_at", "articles", ["author_id", "created_at"])
    op.create_table(
        "follows",
        _link("follower_id", "users"),
        _link("followed_id", "users"),
        sa.PrimaryKeyConstraint("follower_id", "followed_id"),
    )
    op.create_index("ix_follows_followed_id", "follows", ["followed_id"])
    op.create_table(
        "favorites",
        _link("user_id", "users"),
        _link("article_id", "articles"),
        sa.PrimaryKeyConstraint("user_id", "article_id"),
    )
    op.create_index("ix_favorites_article_id", "favorites", ["article_id"])
    op.create_table(
        "article_tags",
        _link("article_id", "articles"),
        _link("tag_id", "tags"),
        sa.PrimaryKeyConstraint("article_id", "tag_id"),
    )
    op.create_index("ix_article_tags_tag_id", "article_tags", ["tag_id"])
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("body", sa.Text(), nullable=False),
        _link("article_id", "articles"),
        _link("author_id", "users"),
        _timestamp("created_at"),
        _timestamp("updated_at"),
    )
    op.create_index("ix_comments_article_id", "comments", ["article_id"])
    op.create_index("ix_comments_author_id", "comments", ["author_id"])


def downgrade() -> None:
    for table in ("comments", "article_tags", "favorites", "follows", "articles", "tags", "users"):
        op.drop_table(table)
