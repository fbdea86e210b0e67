from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.moderated_item import ModeratedItem





T = TypeVar("T", bound="ModeratedItemResponse")



@_attrs_define
class ModeratedItemResponse:
    """ 
        Attributes:
            item (ModeratedItem):
     """

    item: ModeratedItem





    def to_dict(self) -> dict[str, Any]:
        from ..models.moderated_item import ModeratedItem # noqa: PLC0415
        item = self.item.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "item": item,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.moderated_item import ModeratedItem # noqa: PLC0415
        d = dict(src_dict)
        item = ModeratedItem.from_dict(d.pop("item"))




        moderated_item_response = cls(
            item=item,
        )

        return moderated_item_response

