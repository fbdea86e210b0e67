from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="Profile")



@_attrs_define
class Profile:
    """ 
        Attributes:
            bio (str): A few words about the user; empty when not set.
            following (bool): Whether the signed-in reader follows this user (false when anonymous).
            image (str): The avatar's URL; empty when not set.
            username (str): The user's public name.
     """

    bio: str
    following: bool
    image: str
    username: str





    def to_dict(self) -> dict[str, Any]:
        bio = self.bio

        following = self.following

        image = self.image

        username = self.username


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "bio": bio,
            "following": following,
            "image": image,
            "username": username,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bio = d.pop("bio")

        following = d.pop("following")

        image = d.pop("image")

        username = d.pop("username")

        profile = cls(
            bio=bio,
            following=following,
            image=image,
            username=username,
        )

        return profile

