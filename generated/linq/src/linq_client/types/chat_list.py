"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel
from .chat import Chat

__all__ = [
    "ChatList",
]


class ChatList(BaseModel):
    """One page of chats."""

    chats: list[Chat]

    next_cursor: str | None = None
    """Cursor of the next page; null or absent on the last page."""
