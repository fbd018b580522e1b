"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel
from .sent_message import SentMessage

__all__ = [
    "MessageSendResponse",
]


class MessageSendResponse(BaseModel):
    """Response for sending a message to a chat"""

    chat_id: str
    """Unique identifier of the chat this message was sent to"""

    message: SentMessage
    """A message that was sent (used in CreateChat and SendMessage responses)"""
