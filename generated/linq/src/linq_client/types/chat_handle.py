"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from .._models import BaseModel, OpenLiteral
from .handle import Handle
from .service_type import ServiceType

__all__ = [
    "ChatHandle",
]


class ChatHandle(BaseModel):
    """A chat participant with full handle details."""

    id: str
    """Unique identifier for this handle"""

    handle: Handle
    """Phone number (E.164) or email address of the participant"""

    joined_at: datetime
    """When this participant joined the chat"""

    service: ServiceType
    """Messaging service type"""

    is_me: bool | None = None
    """Whether this handle belongs to the sender (your phone number)"""

    left_at: datetime | None = None
    """When they left (if applicable)"""

    status: OpenLiteral[Literal["active", "left", "removed"]] | None = None
    """Participant status"""
