"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated, Literal, TypedDict

from pydantic import Field

from .._models import ConstFieldsModel

__all__ = [
    "LinkPart",
    "LinkPartParam",
]


class LinkPart(ConstFieldsModel):
    """A URL sent with a rich preview card showing the page's title, description, and image
    (when available). A link part must be the only part in the message.
    """

    __const_fields__ = ("type",)

    type: Literal["link"] = "link"
    """Indicates this is a link part"""

    value: Annotated[str, Field(max_length=2048)]
    """The URL to preview. Maximum URL length 2,048 characters."""


class LinkPartParam(TypedDict):
    """`LinkPart` as a dict, keyed by its Python field names.

    A URL sent with a rich preview card showing the page's title, description, and image
    (when available). A link part must be the only part in the message.
    """

    type: Literal["link"]
    """Indicates this is a link part"""

    value: str
    """The URL to preview. Maximum URL length 2,048 characters."""
