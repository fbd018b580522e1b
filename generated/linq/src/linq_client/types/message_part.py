"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated, TypeAlias

from pydantic import Tag

from .._models import OpenUnion, UnknownVariant
from .link_part import LinkPart, LinkPartParam
from .media_part import MediaPart, MediaPartParam
from .text_part import TextPart, TextPartParam

__all__ = [
    "MessagePart",
    "MessagePartParam",
]


MessagePart: TypeAlias = Annotated[
    Annotated[TextPart, Tag("text")]
    | Annotated[MediaPart, Tag("media")]
    | Annotated[LinkPart, Tag("link")]
    | UnknownVariant,
    OpenUnion("type"),
]
"""A part of a message to send (text, media, or link)."""


MessagePartParam: TypeAlias = "TextPart | TextPartParam | MediaPart | MediaPartParam | LinkPart | LinkPartParam"
"""What a request takes for `MessagePart`: its models, or dicts of them."""
