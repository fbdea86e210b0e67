"""The search window: where the recency indexes are (PostgreSQL with RUM), a smaller RUM index of the
newest articles only, which a search reads first (see service.search_index). Fitting it to an
existing database marks its newest articles, one row update each. Without RUM, nothing more. On
every PostgreSQL, search documents written from now on stay in their row. SQLite: nothing to do.

Revision ID: 0009
Revises: 0008
"""

from alembic import op

from service import search_index

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    search_index.keep_documents_inline(op.get_bind())
    search_index.install_window(op.get_bind())


def downgrade() -> None:
    search_index.uninstall_window(op.get_bind())
    search_index.keep_documents_inline(op.get_bind(), undo=True)
