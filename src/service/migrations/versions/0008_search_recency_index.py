"""Search's newest matches straight from an index: where PostgreSQL has the RUM extension, a RUM
index of the search documents holding each article's creation time, and a B-tree on the same order
for words most articles hold (see service.search_index). Without RUM nothing changes: searches keep
the GIN plan. SQLite: nothing to do.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

from service import search_index

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    search_index.install_recency(op.get_bind())


def downgrade() -> None:
    search_index.uninstall_recency(op.get_bind())
