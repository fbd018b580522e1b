"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Literal

from .._models import ConstFieldsModel
from .reaction import Reaction
from .text_decoration import TextDecoration

__all__ = [
    "TextPartResponse",
]


class TextPartResponse(ConstFieldsModel):
    """A text message part"""

    __const_fields__ = ("type",)

    reactions: list[Reaction] | None
    """Reactions on this message part"""

    type: Literal["text"] = "text"
    """Indicates this is a text message part"""

    value: str
    """The text content"""

    text_decorations: list[TextDecoration] | None = None
    """Text decorations applied to character ranges in the value"""
