"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from datetime import datetime

from .._models import BaseModel
from .message_content_status import MessageContentStatus
from .send_style import SendStyle

__all__ = [
    "MessageContent",
]


class MessageContent(BaseModel):
    """A message as delivered to webhooks and message listings."""

    account_email: str | None = None
    """Email of the account"""

    content: str | None = None
    """Message content"""

    date_created: datetime | None = None
    """When the message was created"""

    date_sent: datetime | None = None
    """When the message was sent"""

    date_updated: datetime | None = None
    """When the message was last updated"""

    from_number: str | None = None
    """Sender phone number"""

    is_outbound: bool | None = None
    """Whether this is an outbound message"""

    media_url: str | None = None
    """URL of attached media"""

    message_handle: str | None = None
    """Unique message identifier"""

    send_style: SendStyle | None = None
    """The iMessage expressive message style"""

    status: MessageContentStatus | None = None
    """Status of a message, inbound (`RECEIVED`) or outbound."""

    to_number: str | None = None
    """Recipient phone number"""
