"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated, TypeAlias

from pydantic import Tag

from .._models import OpenUnion, UnknownVariant
from .link_part_response import LinkPartResponse
from .media_part_response import MediaPartResponse
from .text_part_response import TextPartResponse

__all__ = [
    "MessagePartResponse",
]


MessagePartResponse: TypeAlias = Annotated[
    Annotated[TextPartResponse, Tag("text")]
    | Annotated[MediaPartResponse, Tag("media")]
    | Annotated[LinkPartResponse, Tag("link")]
    | UnknownVariant,
    OpenUnion("type"),
]
"""A part of a delivered message (text, media, or link)."""
