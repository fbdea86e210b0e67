"""Moderation: roles, suspensions, hidden articles and comments, reports and the audit.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("role", sa.String(16), nullable=False, server_default="member"))
        batch.add_column(sa.Column("suspended_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("suspended_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("suspension_reason", sa.Text(), nullable=True))
    op.create_index("ix_users_suspended_at", "users", ["suspended_at"])
    op.add_column("articles", sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("comments", sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reporter_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("comment_id", sa.Integer(), sa.ForeignKey("comments.id", ondelete="CASCADE"), nullable=True),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.String(16), nullable=True),
    )
    for name, column, where in (
        ("ux_reports_reporter_article", "article_id", "comment_id IS NULL"),
        ("ux_reports_reporter_comment", "comment_id", "comment_id IS NOT NULL"),
    ):
        op.create_index(
            name,
            "reports",
            ["reporter_id", column],
            unique=True,
            sqlite_where=sa.text(where),
            postgresql_where=sa.text(where),
        )
    op.create_index("ix_reports_open_item", "reports", ["article_id", "comment_id", "resolved_at"])
    op.create_table(
        "moderation_audit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("actor", sa.String(40), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("target_type", sa.String(16), nullable=False),
        sa.Column("target_key", sa.String(255), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=True),
    )
    op.create_index("ix_moderation_audit_action", "moderation_audit", ["action"])
    op.create_index("ix_moderation_audit_target", "moderation_audit", ["target_type", "target_key"])


def downgrade() -> None:
    op.drop_table("moderation_audit")
    op.drop_table("reports")
    with op.batch_alter_table("comments") as batch:
        batch.drop_column("hidden_at")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("hidden_at")
    op.drop_index("ix_users_suspended_at", table_name="users")
    with op.batch_alter_table("users") as batch:
        for column in ("suspension_reason", "suspended_until", "suspended_at", "role"):
            batch.drop_column(column)
