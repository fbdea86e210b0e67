from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.report import Report





T = TypeVar("T", bound="ReportResponse")



@_attrs_define
class ReportResponse:
    """ 
        Attributes:
            report (Report):
     """

    report: Report





    def to_dict(self) -> dict[str, Any]:
        from ..models.report import Report # noqa: PLC0415
        report = self.report.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "report": report,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report import Report # noqa: PLC0415
        d = dict(src_dict)
        report = Report.from_dict(d.pop("report"))




        report_response = cls(
            report=report,
        )

        return report_response

