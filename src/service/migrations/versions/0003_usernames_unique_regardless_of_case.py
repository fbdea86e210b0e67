"""Usernames unique regardless of case: a unique index on lower(username).

A database holding usernames that differ only in case (`alice` and `Alice`) cannot take the index.
The migration then stops before changing anything, names each clash and says what to do: which of
the two people keeps the name is an operator's decision, not one to make by renaming silently.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CLASHES = sa.text(
    "SELECT lower(username) AS name, count(*) AS users FROM users"
    " GROUP BY lower(username) HAVING count(*) > 1 ORDER BY lower(username)"
)


def upgrade() -> None:
    clashes = op.get_bind().execute(CLASHES).all()
    if clashes:
        names = ", ".join(f"{row.name!r} ({row.users} users)" for row in clashes)
        raise SystemExit(
            f"Migration 0003 stopped, nothing changed: usernames must be unique regardless of case, and these "
            f"are shared: {names}. Rename all but one user of each (UPDATE users SET username = '...' WHERE id = ...), "
            "then run `flask --app service db upgrade` again."
        )
    op.create_index("ux_users_username_lower", "users", [sa.text("lower(username)")], unique=True)


def downgrade() -> None:
    op.drop_index("ux_users_username_lower", table_name="users")
