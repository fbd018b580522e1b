"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel
from .chat_handle import ChatHandle
from .service_type import ServiceType

__all__ = [
    "VoiceMemoChat",
]


class VoiceMemoChat(BaseModel):
    """The chat a voice memo was sent to."""

    id: str
    """Chat identifier"""

    handles: list[ChatHandle]
    """Chat participants"""

    is_active: bool
    """Whether the chat is active"""

    is_group: bool
    """Whether this is a group chat"""

    service: ServiceType
    """Messaging service type"""
