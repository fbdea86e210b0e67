from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="StaffUserView")



@_attrs_define
class StaffUserView:
    """ 
        Attributes:
            email (str): The user's email.
            role (str): `member`, `moderator` or `admin`.
            suspended (bool): Whether suspended now.
            suspended_until (datetime.datetime | None): When it lifts.
            suspension_reason (None | str): Why.
            username (str): The user's username.
     """

    email: str
    role: str
    suspended: bool
    suspended_until: datetime.datetime | None
    suspension_reason: None | str
    username: str





    def to_dict(self) -> dict[str, Any]:
        email = self.email

        role = self.role

        suspended = self.suspended

        suspended_until: None | str
        if isinstance(self.suspended_until, datetime.datetime):
            suspended_until = self.suspended_until.isoformat()
        else:
            suspended_until = self.suspended_until

        suspension_reason: None | str
        suspension_reason = self.suspension_reason

        username = self.username


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "email": email,
            "role": role,
            "suspended": suspended,
            "suspendedUntil": suspended_until,
            "suspensionReason": suspension_reason,
            "username": username,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        role = d.pop("role")

        suspended = d.pop("suspended")

        def _parse_suspended_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                suspended_until_type_0 = datetime.datetime.fromisoformat(data)



                return suspended_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        suspended_until = _parse_suspended_until(d.pop("suspendedUntil"))


        def _parse_suspension_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        suspension_reason = _parse_suspension_reason(d.pop("suspensionReason"))


        username = d.pop("username")

        staff_user_view = cls(
            email=email,
            role=role,
            suspended=suspended,
            suspended_until=suspended_until,
            suspension_reason=suspension_reason,
            username=username,
        )

        return staff_user_view

