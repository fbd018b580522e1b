"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel
from .chat_handle import ChatHandle
from .health_score import HealthScore
from .sent_message import SentMessage
from .service_type import ServiceType

__all__ = [
    "CreatedChat",
]


class CreatedChat(BaseModel):
    """The chat created together with its first message."""

    id: str
    """Unique identifier for the created chat (UUID)"""

    display_name: str | None
    """Display name for the chat. Defaults to a comma-separated list of recipient handles.
    Can be updated for group chats.
    """

    handles: list[ChatHandle]
    """List of participants in the chat. Always contains at least two handles (your phone
    number and the other participant).
    """

    is_group: bool
    """Whether this is a group chat"""

    message: SentMessage
    """A message that was sent (used in CreateChat and SendMessage responses)"""

    service: ServiceType
    """Messaging service type"""

    health_score: HealthScore | None = None
    """[BETA] Health assessment for a chat. Higher score is healthier. null when a score
    isn't available yet.
    """
