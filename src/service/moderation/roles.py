"""Roles and what each may do: checked on the server for every staff action, from the database."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MEMBER = "member"
    MODERATOR = "moderator"
    ADMIN = "admin"


class Permission(StrEnum):
    MODERATE = "moderate"  # read the queue and the audit; hide, restore, dismiss
    SUSPEND_MEMBERS = "suspend-members"
    SUSPEND_STAFF = "suspend-staff"
    SET_ROLE = "set-role"


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.MEMBER: frozenset(),
    Role.MODERATOR: frozenset({Permission.MODERATE, Permission.SUSPEND_MEMBERS}),
    Role.ADMIN: frozenset(Permission),
}
ROLES = tuple(role.value for role in Role)


def can(role: str, permission: Permission) -> bool:
    """Whether a user of `role` may do what `permission` names; an unknown role may do nothing."""
    try:
        return permission in GRANTS[Role(role)]
    except ValueError:
        return False


def is_staff(role: str) -> bool:
    return can(role, Permission.MODERATE)
