"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel

__all__ = [
    "ChatUpdateParams",
]


class ChatUpdateParams(BaseModel):
    """Fields of a chat that can be updated."""

    display_name: str | None = None
    """Display name for the chat. Can be updated for group chats."""

    group_chat_icon: str | None = None
    """URL of the image to use as the group chat icon."""
