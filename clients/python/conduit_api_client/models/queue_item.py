from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.queue_item_reasons import QueueItemReasons
  from ..models.queued_report import QueuedReport





T = TypeVar("T", bound="QueueItem")



@_attrs_define
class QueueItem:
    """ 
        Attributes:
            author (str): Who wrote it.
            comment_id (int | None): The comment's id.
            hidden (bool): Whether it is hidden now (auto-hidden).
            reasons (QueueItemReasons): Open reports by reason.
            report_count (int): Open reports.
            reports (list[QueuedReport]): The open reports, newest first.
            slug (str): The article's slug (a comment's article).
            text (str): The reported text: the body.
            title (str): The article's title.
            type_ (str): `article` or `comment`.
     """

    author: str
    comment_id: int | None
    hidden: bool
    reasons: QueueItemReasons
    report_count: int
    reports: list[QueuedReport]
    slug: str
    text: str
    title: str
    type_: str





    def to_dict(self) -> dict[str, Any]:
        from ..models.queue_item_reasons import QueueItemReasons # noqa: PLC0415
        from ..models.queued_report import QueuedReport # noqa: PLC0415
        author = self.author

        comment_id: int | None
        comment_id = self.comment_id

        hidden = self.hidden

        reasons = self.reasons.to_dict()

        report_count = self.report_count

        reports = []
        for reports_item_data in self.reports:
            reports_item = reports_item_data.to_dict()
            reports.append(reports_item)



        slug = self.slug

        text = self.text

        title = self.title

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "author": author,
            "commentId": comment_id,
            "hidden": hidden,
            "reasons": reasons,
            "reportCount": report_count,
            "reports": reports,
            "slug": slug,
            "text": text,
            "title": title,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.queue_item_reasons import QueueItemReasons # noqa: PLC0415
        from ..models.queued_report import QueuedReport # noqa: PLC0415
        d = dict(src_dict)
        author = d.pop("author")

        def _parse_comment_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        comment_id = _parse_comment_id(d.pop("commentId"))


        hidden = d.pop("hidden")

        reasons = QueueItemReasons.from_dict(d.pop("reasons"))




        report_count = d.pop("reportCount")

        reports = []
        _reports = d.pop("reports")
        for reports_item_data in (_reports):
            reports_item = QueuedReport.from_dict(reports_item_data)



            reports.append(reports_item)


        slug = d.pop("slug")

        text = d.pop("text")

        title = d.pop("title")

        type_ = d.pop("type")

        queue_item = cls(
            author=author,
            comment_id=comment_id,
            hidden=hidden,
            reasons=reasons,
            report_count=report_count,
            reports=reports,
            slug=slug,
            text=text,
            title=title,
            type_=type_,
        )

        return queue_item

