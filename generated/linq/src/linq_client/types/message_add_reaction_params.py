"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .._models import BaseModel, OpenLiteral
from .reaction_type import ReactionType

__all__ = [
    "MessageAddReactionParams",
]


class MessageAddReactionParams(BaseModel):
    """A reaction to add to or remove from a message part."""

    operation: OpenLiteral[Literal["add", "remove"]]
    """Whether to add or remove the reaction."""

    type: ReactionType
    """Type of reaction. Standard iMessage tapbacks are love, like, dislike, laugh, emphasize,
    question. Custom emoji reactions have type "custom" with the actual emoji in the
    custom_emoji field. Sticker reactions have type "sticker" with sticker attachment
    details in the sticker field.
    """

    custom_emoji: Annotated[str, Field(min_length=1)] | None = None
    """The emoji to react with; required when type is "custom"."""

    part_index: Annotated[int, Field(ge=0)] | None = None
    """The message part to react to (0-based index)."""
