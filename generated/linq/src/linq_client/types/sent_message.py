"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from datetime import datetime

from .._models import BaseModel
from .chat_handle import ChatHandle
from .delivery_status import DeliveryStatus
from .message_effect import MessageEffect
from .message_part_response import MessagePartResponse
from .reply_to import ReplyTo
from .service_type import ServiceType

__all__ = [
    "SentMessage",
]


class SentMessage(BaseModel):
    """A message that was sent (used in CreateChat and SendMessage responses)"""

    id: str
    """Message identifier (UUID)"""

    created_at: datetime
    """When the message was created"""

    delivery_status: DeliveryStatus
    """Current delivery status of a message"""

    is_read: bool
    """Whether the message has been read"""

    parts: list[MessagePartResponse]
    """Message parts in order (text, media, and link)"""

    sent_at: datetime | None
    """When the message was actually sent (null if still queued)"""

    delivered_at: datetime | None = None
    """When the message was delivered"""

    effect: MessageEffect | None = None
    """iMessage effect applied to a message (screen or bubble effect)"""

    from_handle: ChatHandle | None = None
    """The sender of this message as a full handle object"""

    preferred_service: ServiceType | None = None
    """Messaging service type"""

    reply_to: ReplyTo | None = None
    """Indicates this message is a threaded reply to another message"""

    service: ServiceType | None = None
    """Messaging service type"""
