from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.resolved_report import ResolvedReport





T = TypeVar("T", bound="ResolvedReportResponse")



@_attrs_define
class ResolvedReportResponse:
    """ 
        Attributes:
            report (ResolvedReport):
     """

    report: ResolvedReport





    def to_dict(self) -> dict[str, Any]:
        from ..models.resolved_report import ResolvedReport # noqa: PLC0415
        report = self.report.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "report": report,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.resolved_report import ResolvedReport # noqa: PLC0415
        d = dict(src_dict)
        report = ResolvedReport.from_dict(d.pop("report"))




        resolved_report_response = cls(
            report=report,
        )

        return resolved_report_response

