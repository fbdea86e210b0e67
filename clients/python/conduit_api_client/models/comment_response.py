from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.comment import Comment





T = TypeVar("T", bound="CommentResponse")



@_attrs_define
class CommentResponse:
    """ 
        Attributes:
            comment (Comment):
     """

    comment: Comment





    def to_dict(self) -> dict[str, Any]:
        from ..models.comment import Comment # noqa: PLC0415
        comment = self.comment.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "comment": comment,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.comment import Comment # noqa: PLC0415
        d = dict(src_dict)
        comment = Comment.from_dict(d.pop("comment"))




        comment_response = cls(
            comment=comment,
        )

        return comment_response

