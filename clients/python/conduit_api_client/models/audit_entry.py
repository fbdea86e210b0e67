from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.audit_target import AuditTarget





T = TypeVar("T", bound="AuditEntry")



@_attrs_define
class AuditEntry:
    """ 
        Attributes:
            action (str): What was done.
            actor (str): The staff member's username, or `system`.
            created_at (datetime.datetime): When.
            id (int): The entry's id.
            reason (str): Why.
            request_id (None | str): The request's X-Request-ID.
            target (AuditTarget):
     """

    action: str
    actor: str
    created_at: datetime.datetime
    id: int
    reason: str
    request_id: None | str
    target: AuditTarget





    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_target import AuditTarget # noqa: PLC0415
        action = self.action

        actor = self.actor

        created_at = self.created_at.isoformat()

        id = self.id

        reason = self.reason

        request_id: None | str
        request_id = self.request_id

        target = self.target.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "action": action,
            "actor": actor,
            "createdAt": created_at,
            "id": id,
            "reason": reason,
            "requestId": request_id,
            "target": target,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_target import AuditTarget # noqa: PLC0415
        d = dict(src_dict)
        action = d.pop("action")

        actor = d.pop("actor")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        id = d.pop("id")

        reason = d.pop("reason")

        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("requestId"))


        target = AuditTarget.from_dict(d.pop("target"))




        audit_entry = cls(
            action=action,
            actor=actor,
            created_at=created_at,
            id=id,
            reason=reason,
            request_id=request_id,
            target=target,
        )

        return audit_entry

