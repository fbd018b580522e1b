"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated, NotRequired, TypedDict

from pydantic import Field

from .._models import BaseModel

__all__ = [
    "ReplyTo",
    "ReplyToParam",
]


class ReplyTo(BaseModel):
    """Indicates this message is a threaded reply to another message"""

    message_id: str
    """The ID of the message to reply to"""

    part_index: Annotated[int, Field(ge=0)] | None = None
    """The specific message part to reply to (0-based index). Defaults to 0 (first part)
    if not provided.
    """


class ReplyToParam(TypedDict):
    """`ReplyTo` as a dict, keyed by its Python field names.

    Indicates this message is a threaded reply to another message
    """

    message_id: str
    """The ID of the message to reply to"""

    part_index: NotRequired[int]
    """The specific message part to reply to (0-based index). Defaults to 0 (first part)
    if not provided.
    """
