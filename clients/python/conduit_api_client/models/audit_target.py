from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="AuditTarget")



@_attrs_define
class AuditTarget:
    """ 
        Attributes:
            key (str): A slug, an id or a username.
            type_ (str): `article`, `comment`, `report`, `user`...
     """

    key: str
    type_: str





    def to_dict(self) -> dict[str, Any]:
        key = self.key

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "key": key,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        type_ = d.pop("type")

        audit_target = cls(
            key=key,
            type_=type_,
        )

        return audit_target

