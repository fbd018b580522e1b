"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from .._models import BaseModel
from .chat_handle import ChatHandle
from .message_effect import MessageEffect
from .message_part_response import MessagePartResponse
from .phone_number import PhoneNumber
from .reply_to import ReplyTo
from .service_type import ServiceType

__all__ = [
    "Message",
]


class Message(BaseModel):
    """An individual communication within a chat thread."""

    id: str
    """Unique identifier for the message"""

    chat_id: str
    """ID of the chat this message belongs to"""

    created_at: datetime
    """When the message was created"""

    is_delivered: bool
    """Whether the message has been delivered"""

    is_from_me: bool
    """Whether this message was sent by the authenticated user"""

    is_read: bool
    """Whether the message has been read"""

    updated_at: datetime
    """When the message was last updated"""

    delivered_at: datetime | None = None
    """When the message was delivered"""

    effect: MessageEffect | None = None
    """iMessage effect applied to a message (screen or bubble effect)"""

    from_: Annotated[
        PhoneNumber | None,
        Field(alias="from", deprecated="DEPRECATED: Use from_handle instead. Phone number of the message sender."),
    ] = None
    """DEPRECATED: Use from_handle instead. Phone number of the message sender."""

    from_handle: ChatHandle | None = None
    """The sender of this message as a full handle object"""

    parts: list[MessagePartResponse] | None = None
    """Message parts in order (text, media, and link)"""

    preferred_service: ServiceType | None = None
    """Messaging service type"""

    read_at: datetime | None = None
    """When the message was read"""

    reply_to: ReplyTo | None = None
    """Indicates this message is a threaded reply to another message"""

    sent_at: datetime | None = None
    """When the message was sent"""

    service: ServiceType | None = None
    """Messaging service type"""
