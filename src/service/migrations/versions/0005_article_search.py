"""Full-text search over articles: PostgreSQL's tsvector column with a GIN index, SQLite's FTS5 table,
each kept in step by triggers (see service.search_index), and every existing article indexed.

Keyset pages walk (created_at, id), whose index exists since 0001.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

from service import search_index

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    search_index.install(op.get_bind(), backfill=True)


def downgrade() -> None:
    search_index.uninstall(op.get_bind())
