"""Articles by author: index (author_id, created_at, id).

"Newest first" breaks created_at ties by id; with the id in the index an author's newest articles
come straight off it, already in order (the feed reads each followed author's newest this way; see
articles.services).

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_author_id_created_at_id", "articles", ["author_id", "created_at", "id"])
    op.drop_index("ix_articles_author_id_created_at", table_name="articles")


def downgrade() -> None:
    op.create_index("ix_articles_author_id_created_at", "articles", ["author_id", "created_at"])
    op.drop_index("ix_articles_author_id_created_at_id", table_name="articles")
