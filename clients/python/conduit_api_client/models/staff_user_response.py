from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.staff_user_view import StaffUserView





T = TypeVar("T", bound="StaffUserResponse")



@_attrs_define
class StaffUserResponse:
    """ 
        Attributes:
            user (StaffUserView):
     """

    user: StaffUserView





    def to_dict(self) -> dict[str, Any]:
        from ..models.staff_user_view import StaffUserView # noqa: PLC0415
        user = self.user.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "user": user,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.staff_user_view import StaffUserView # noqa: PLC0415
        d = dict(src_dict)
        user = StaffUserView.from_dict(d.pop("user"))




        staff_user_response = cls(
            user=user,
        )

        return staff_user_response

