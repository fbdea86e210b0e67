from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.profile import Profile





T = TypeVar("T", bound="ProfileResponse")



@_attrs_define
class ProfileResponse:
    """ 
        Attributes:
            profile (Profile):
     """

    profile: Profile





    def to_dict(self) -> dict[str, Any]:
        from ..models.profile import Profile # noqa: PLC0415
        profile = self.profile.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "profile": profile,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.profile import Profile # noqa: PLC0415
        d = dict(src_dict)
        profile = Profile.from_dict(d.pop("profile"))




        profile_response = cls(
            profile=profile,
        )

        return profile_response

