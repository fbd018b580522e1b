"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from .._models import BaseModel
from .handle import Handle
from .phone_number import PhoneNumber
from .service_type import ServiceType
from .voice_memo_attachment import VoiceMemoAttachment
from .voice_memo_chat import VoiceMemoChat

__all__ = [
    "VoiceMemo",
]


class VoiceMemo(BaseModel):
    """A voice memo message sent to a chat."""

    id: str
    """Message identifier"""

    chat: VoiceMemoChat
    """The chat a voice memo was sent to."""

    created_at: datetime
    """When the voice memo was created"""

    from_: Annotated[PhoneNumber, Field(alias="from")]
    """Sender phone number"""

    status: str
    """Current delivery status"""

    to: list[Handle]
    """Recipient handles (phone numbers or email addresses)"""

    voice_memo: VoiceMemoAttachment
    """The audio attachment of a voice memo."""

    service: ServiceType | None = None
    """Messaging service type"""
