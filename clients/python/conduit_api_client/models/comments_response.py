from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.comment import Comment





T = TypeVar("T", bound="CommentsResponse")



@_attrs_define
class CommentsResponse:
    """ 
        Attributes:
            comments (list[Comment]): The comments, newest first: all of them, up to `limit` (500).
            comments_count (int): How many comments the article has in all, not just on this page.
            next_cursor (None | str): Send as `cursor` for the next (older) comments; null on the last page.
     """

    comments: list[Comment]
    comments_count: int
    next_cursor: None | str





    def to_dict(self) -> dict[str, Any]:
        from ..models.comment import Comment # noqa: PLC0415
        comments = []
        for comments_item_data in self.comments:
            comments_item = comments_item_data.to_dict()
            comments.append(comments_item)



        comments_count = self.comments_count

        next_cursor: None | str
        next_cursor = self.next_cursor


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "comments": comments,
            "commentsCount": comments_count,
            "nextCursor": next_cursor,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.comment import Comment # noqa: PLC0415
        d = dict(src_dict)
        comments = []
        _comments = d.pop("comments")
        for comments_item_data in (_comments):
            comments_item = Comment.from_dict(comments_item_data)



            comments.append(comments_item)


        comments_count = d.pop("commentsCount")

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("nextCursor"))


        comments_response = cls(
            comments=comments,
            comments_count=comments_count,
            next_cursor=next_cursor,
        )

        return comments_response

