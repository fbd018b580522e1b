"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from datetime import datetime

from .._models import BaseModel
from .chat_handle import ChatHandle
from .health_score import HealthScore
from .service_type import ServiceType

__all__ = [
    "Chat",
]


class Chat(BaseModel):
    """A conversation thread with one or more participants."""

    id: str
    """Unique identifier for the chat"""

    created_at: datetime
    """When the chat was created"""

    display_name: str | None
    """Display name for the chat. Defaults to a comma-separated list of recipient handles.
    Can be updated for group chats.
    """

    handles: list[ChatHandle]
    """List of chat participants with full handle details. Always contains at least two
    handles (your phone number and the other participant).
    """

    is_archived: bool
    """Whether the chat is archived"""

    is_group: bool
    """Whether this is a group chat"""

    updated_at: datetime
    """When the chat was last updated"""

    health_score: HealthScore | None = None
    """[BETA] Health assessment for a chat. Higher score is healthier. null when a score
    isn't available yet.
    """

    service: ServiceType | None = None
    """Messaging service type"""
