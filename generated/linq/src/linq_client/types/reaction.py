"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel
from .chat_handle import ChatHandle
from .reaction_type import ReactionType
from .sticker import Sticker

__all__ = [
    "Reaction",
]


class Reaction(BaseModel):
    """A reaction on a message part."""

    handle: ChatHandle
    """A chat participant with full handle details."""

    is_me: bool
    """Whether this reaction is from the current user"""

    type: ReactionType
    """Type of reaction. Standard iMessage tapbacks are love, like, dislike, laugh, emphasize,
    question. Custom emoji reactions have type "custom" with the actual emoji in the
    custom_emoji field. Sticker reactions have type "sticker" with sticker attachment
    details in the sticker field.
    """

    custom_emoji: str | None = None
    """Custom emoji if type is "custom", null otherwise"""

    sticker: Sticker | None = None
    """Sticker attachment details when reaction_type is "sticker". Null for non-sticker
    reactions.
    """
