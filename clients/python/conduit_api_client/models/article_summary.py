from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.profile import Profile





T = TypeVar("T", bound="ArticleSummary")



@_attrs_define
class ArticleSummary:
    """ 
        Attributes:
            author (Profile):
            created_at (datetime.datetime): When it was published (UTC).
            description (str): A one-line summary, shown in lists.
            favorited (bool): Whether the signed-in reader favorited it (false when anonymous).
            favorites_count (int): How many users favorited it.
            slug (str): The article's name in URLs, made from its title.
            tag_list (list[str]): Tags, in the order given (at most 20).
            title (str): The headline; the slug is made from it.
            updated_at (datetime.datetime): When it last changed (UTC).
     """

    author: Profile
    created_at: datetime.datetime
    description: str
    favorited: bool
    favorites_count: int
    slug: str
    tag_list: list[str]
    title: str
    updated_at: datetime.datetime





    def to_dict(self) -> dict[str, Any]:
        from ..models.profile import Profile # noqa: PLC0415
        author = self.author.to_dict()

        created_at = self.created_at.isoformat()

        description = self.description

        favorited = self.favorited

        favorites_count = self.favorites_count

        slug = self.slug

        tag_list = self.tag_list



        title = self.title

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "author": author,
            "createdAt": created_at,
            "description": description,
            "favorited": favorited,
            "favoritesCount": favorites_count,
            "slug": slug,
            "tagList": tag_list,
            "title": title,
            "updatedAt": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.profile import Profile # noqa: PLC0415
        d = dict(src_dict)
        author = Profile.from_dict(d.pop("author"))




        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        description = d.pop("description")

        favorited = d.pop("favorited")

        favorites_count = d.pop("favoritesCount")

        slug = d.pop("slug")

        tag_list = cast(list[str], d.pop("tagList"))


        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))




        article_summary = cls(
            author=author,
            created_at=created_at,
            description=description,
            favorited=favorited,
            favorites_count=favorites_count,
            slug=slug,
            tag_list=tag_list,
            title=title,
            updated_at=updated_at,
        )

        return article_summary

