"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel
from .handle import Handle
from .message_content import MessageContent
from .phone_number import PhoneNumber

__all__ = [
    "ChatCreateParams",
]


class ChatCreateParams(BaseModel):
    """Body of a request that creates a chat and sends its first message."""

    from_: Annotated[PhoneNumber, Field(alias="from")]
    """Which of your authorized phone numbers the message originates from (E.164)."""

    to: Annotated[list[Handle], Field(min_length=1)]
    """Recipient handles. More than one handle creates a group chat."""

    message: MessageContent
    """Message content container. Groups all message-related fields together, separating the
    "what" (message content) from the "where" (routing fields like from/to).
    """
