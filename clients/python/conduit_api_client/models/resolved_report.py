from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="ResolvedReport")



@_attrs_define
class ResolvedReport:
    """ 
        Attributes:
            created_at (datetime.datetime): When it was filed.
            id (int): The report's id.
            note (str): The reporter's note (may be empty).
            reason (str): What is wrong with it.
            resolution (None | str): `hidden`, `restored` or `dismissed`; null while open.
            resolved_at (datetime.datetime | None): When it was resolved.
     """

    created_at: datetime.datetime
    id: int
    note: str
    reason: str
    resolution: None | str
    resolved_at: datetime.datetime | None





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = self.id

        note = self.note

        reason = self.reason

        resolution: None | str
        resolution = self.resolution

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "createdAt": created_at,
            "id": id,
            "note": note,
            "reason": reason,
            "resolution": resolution,
            "resolvedAt": resolved_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        id = d.pop("id")

        note = d.pop("note")

        reason = d.pop("reason")

        def _parse_resolution(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resolution = _parse_resolution(d.pop("resolution"))


        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)



                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolvedAt"))


        resolved_report = cls(
            created_at=created_at,
            id=id,
            note=note,
            reason=reason,
            resolution=resolution,
            resolved_at=resolved_at,
        )

        return resolved_report

