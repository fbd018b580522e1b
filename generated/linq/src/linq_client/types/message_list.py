"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel
from .message import Message

__all__ = [
    "MessageList",
]


class MessageList(BaseModel):
    """One page of messages."""

    messages: list[Message]

    next_cursor: str | None = None
    """Cursor of the next page; null or absent on the last page."""
