from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="ModeratedItem")



@_attrs_define
class ModeratedItem:
    """ 
        Attributes:
            hidden (bool): Whether it is hidden now.
            hidden_at (datetime.datetime | None): Since when.
            key (str): The article's slug, or the comment's id.
            resolved_reports (int): Open reports this action resolved.
            type_ (str): `article` or `comment`.
     """

    hidden: bool
    hidden_at: datetime.datetime | None
    key: str
    resolved_reports: int
    type_: str





    def to_dict(self) -> dict[str, Any]:
        hidden = self.hidden

        hidden_at: None | str
        if isinstance(self.hidden_at, datetime.datetime):
            hidden_at = self.hidden_at.isoformat()
        else:
            hidden_at = self.hidden_at

        key = self.key

        resolved_reports = self.resolved_reports

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "hidden": hidden,
            "hiddenAt": hidden_at,
            "key": key,
            "resolvedReports": resolved_reports,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        hidden = d.pop("hidden")

        def _parse_hidden_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                hidden_at_type_0 = datetime.datetime.fromisoformat(data)



                return hidden_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        hidden_at = _parse_hidden_at(d.pop("hiddenAt"))


        key = d.pop("key")

        resolved_reports = d.pop("resolvedReports")

        type_ = d.pop("type")

        moderated_item = cls(
            hidden=hidden,
            hidden_at=hidden_at,
            key=key,
            resolved_reports=resolved_reports,
            type_=type_,
        )

        return moderated_item

