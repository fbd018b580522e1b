"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from datetime import datetime

from .._models import BaseModel
from .message_response_status import MessageResponseStatus
from .send_style import SendStyle

__all__ = [
    "MessageResponse",
]


class MessageResponse(BaseModel):
    """A sent message and its status, as returned by send-message and status."""

    account_email: str | None = None
    """Email of the account that sent the message"""

    content: str | None = None
    """Message content"""

    date_created: datetime | None = None
    """When the message was created"""

    date_updated: datetime | None = None
    """When the message was last updated"""

    error_code: int | None = None
    """Numeric error code if message failed"""

    error_message: str | None = None
    """Error message if message failed"""

    from_number: str | None = None
    """Sending phone number"""

    is_outbound: bool | None = None
    """Whether this is an outbound message"""

    media_url: str | None = None
    """URL of attached media"""

    message_handle: str | None = None
    """Unique identifier for tracking the message"""

    number: str | None = None
    """Recipient phone number"""

    send_style: SendStyle | None = None
    """The iMessage expressive message style"""

    status: MessageResponseStatus | None = None
    """Status of a sent message."""
