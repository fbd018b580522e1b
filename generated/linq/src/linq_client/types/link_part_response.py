"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Literal

from .._models import ConstFieldsModel
from .reaction import Reaction

__all__ = [
    "LinkPartResponse",
]


class LinkPartResponse(ConstFieldsModel):
    """A link part with a rich preview card"""

    __const_fields__ = ("type",)

    reactions: list[Reaction] | None
    """Reactions on this message part"""

    type: Literal["link"] = "link"
    """Indicates this is a link part"""

    value: str
    """The URL shown with a rich preview card"""
