from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="User")



@_attrs_define
class User:
    """ 
        Attributes:
            bio (str): A few words about the user; empty when not set.
            email (str): The email address the user logs in with; stored lowercased.
            image (str): The avatar: an http(s) URL, or empty when not set.
            token (str): A JWT for this user: send it as `Authorization: Token <jwt>`.
            username (str): The public name: letters, digits, `_`, `.` and `-`; unique.
     """

    bio: str
    email: str
    image: str
    token: str
    username: str





    def to_dict(self) -> dict[str, Any]:
        bio = self.bio

        email = self.email

        image = self.image

        token = self.token

        username = self.username


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "bio": bio,
            "email": email,
            "image": image,
            "token": token,
            "username": username,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bio = d.pop("bio")

        email = d.pop("email")

        image = d.pop("image")

        token = d.pop("token")

        username = d.pop("username")

        user = cls(
            bio=bio,
            email=email,
            image=image,
            token=token,
            username=username,
        )

        return user

