"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel
from .created_chat import CreatedChat

__all__ = [
    "ChatCreateResponse",
]


class ChatCreateResponse(BaseModel):
    """Response for creating a new chat with an initial message"""

    chat: CreatedChat
    """The chat created together with its first message."""
