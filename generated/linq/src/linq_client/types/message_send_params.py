"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel
from .message_content import MessageContent

__all__ = [
    "MessageSendParams",
]


class MessageSendParams(BaseModel):
    message: MessageContent
    """Message content container. Groups all message-related fields together, separating the
    "what" (message content) from the "where" (routing fields like from/to).
    """
