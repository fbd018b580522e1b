"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel

__all__ = [
    "MessageUpdateParams",
]


class MessageUpdateParams(BaseModel):
    """New text for one part of a message."""

    text: Annotated[str, Field(min_length=1, max_length=10000)]
    """The new text content of the part."""

    part_index: Annotated[int, Field(ge=0)] | None = None
    """The message part to edit (0-based index)."""
