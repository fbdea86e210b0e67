from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.generic_error_model_errors import GenericErrorModelErrors





T = TypeVar("T", bound="GenericErrorModel")



@_attrs_define
class GenericErrorModel:
    """ 
        Attributes:
            errors (GenericErrorModelErrors): Messages by field name; `body` holds errors not tied to a field. Example:
                {'body': ["can't be blank"]}.
     """

    errors: GenericErrorModelErrors





    def to_dict(self) -> dict[str, Any]:
        from ..models.generic_error_model_errors import GenericErrorModelErrors # noqa: PLC0415
        errors = self.errors.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "errors": errors,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.generic_error_model_errors import GenericErrorModelErrors # noqa: PLC0415
        d = dict(src_dict)
        errors = GenericErrorModelErrors.from_dict(d.pop("errors"))




        generic_error_model = cls(
            errors=errors,
        )

        return generic_error_model

