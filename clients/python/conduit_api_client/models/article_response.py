from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.article import Article





T = TypeVar("T", bound="ArticleResponse")



@_attrs_define
class ArticleResponse:
    """ 
        Attributes:
            article (Article):
     """

    article: Article





    def to_dict(self) -> dict[str, Any]:
        from ..models.article import Article # noqa: PLC0415
        article = self.article.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "article": article,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.article import Article # noqa: PLC0415
        d = dict(src_dict)
        article = Article.from_dict(d.pop("article"))




        article_response = cls(
            article=article,
        )

        return article_response

