from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.new_password import NewPassword





T = TypeVar("T", bound="PasswordResetConfirmation")



@_attrs_define
class PasswordResetConfirmation:
    """ 
        Attributes:
            reset (NewPassword):
     """

    reset: NewPassword
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.new_password import NewPassword # noqa: PLC0415
        reset = self.reset.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "reset": reset,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.new_password import NewPassword # noqa: PLC0415
        d = dict(src_dict)
        reset = NewPassword.from_dict(d.pop("reset"))




        password_reset_confirmation = cls(
            reset=reset,
        )


        password_reset_confirmation.additional_properties = d
        return password_reset_confirmation

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
