from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="QueuedReport")



@_attrs_define
class QueuedReport:
    """ 
        Attributes:
            created_at (datetime.datetime): When it was filed.
            id (int): The report's id.
            note (str): The reporter's note (may be empty).
            reason (str): What is wrong with it.
            reporter (str): Who filed it.
     """

    created_at: datetime.datetime
    id: int
    note: str
    reason: str
    reporter: str





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = self.id

        note = self.note

        reason = self.reason

        reporter = self.reporter


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "createdAt": created_at,
            "id": id,
            "note": note,
            "reason": reason,
            "reporter": reporter,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        id = d.pop("id")

        note = d.pop("note")

        reason = d.pop("reason")

        reporter = d.pop("reporter")

        queued_report = cls(
            created_at=created_at,
            id=id,
            note=note,
            reason=reason,
            reporter=reporter,
        )

        return queued_report

