from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.article_summary import ArticleSummary





T = TypeVar("T", bound="ArticlesResponse")



@_attrs_define
class ArticlesResponse:
    """ 
        Attributes:
            articles (list[ArticleSummary]): This page of articles, newest first (by relevance for a search), without their
                bodies.
            articles_count (int): How many articles match in all, not just this page.
            next_cursor (None | str): Send as `cursor` for the next page; null on the last page.
     """

    articles: list[ArticleSummary]
    articles_count: int
    next_cursor: None | str





    def to_dict(self) -> dict[str, Any]:
        from ..models.article_summary import ArticleSummary # noqa: PLC0415
        articles = []
        for articles_item_data in self.articles:
            articles_item = articles_item_data.to_dict()
            articles.append(articles_item)



        articles_count = self.articles_count

        next_cursor: None | str
        next_cursor = self.next_cursor


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "articles": articles,
            "articlesCount": articles_count,
            "nextCursor": next_cursor,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.article_summary import ArticleSummary # noqa: PLC0415
        d = dict(src_dict)
        articles = []
        _articles = d.pop("articles")
        for articles_item_data in (_articles):
            articles_item = ArticleSummary.from_dict(articles_item_data)



            articles.append(articles_item)


        articles_count = d.pop("articlesCount")

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("nextCursor"))


        articles_response = cls(
            articles=articles,
            articles_count=articles_count,
            next_cursor=next_cursor,
        )

        return articles_response

