"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import OpenEnum

__all__ = [
    "ReactionType",
]


class ReactionType(OpenEnum):
    """Type of reaction. Standard iMessage tapbacks are love, like, dislike, laugh, emphasize,
    question. Custom emoji reactions have type "custom" with the actual emoji in the
    custom_emoji field. Sticker reactions have type "sticker" with sticker attachment
    details in the sticker field.
    """

    LOVE = "love"
    LIKE = "like"
    DISLIKE = "dislike"
    LAUGH = "laugh"
    EMPHASIZE = "emphasize"
    QUESTION = "question"
    CUSTOM = "custom"
    STICKER = "sticker"
